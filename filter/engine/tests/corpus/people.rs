//! The people and things corpus requests are about: every personal attribute labelled as
//! personal data, every attribute of an order or a product as non-personal.

use super::build::{pii, plain, V};
use crate::common::pii::{self as gen, Pii};
use crate::common::plain::{self as look};
use crate::common::rng::{Rng, DIGITS, LOWER_HEX, UPPER};
use crate::common::words::{CITIES, FIRST_NAMES, LAST_NAMES, STREETS};

/// A detected entity as a labelled value.
pub fn detected(kind: Pii, rng: &mut Rng) -> V {
    let v = gen::generate(kind, rng);
    V::Pii(kind.name(), v.text, v.fragments)
}

#[derive(Debug, Clone)]
pub struct Person {
    pub first: String,
    pub last: String,
    pub email: String,
    pub phone: String,
    pub dob: String,
    pub street: String,
    pub city: &'static str,
    pub country: &'static str,
    pub currency: &'static str,
    pub postal: String,
    pub username: String,
    pub password: String,
    pub ip: String,
}

impl Person {
    pub fn new(rng: &mut Rng) -> Self {
        let first = rng.pick(FIRST_NAMES).to_string();
        let last = rng.pick(LAST_NAMES).to_string();
        let (city, country, currency) = *rng.pick(CITIES);
        let postal = match country {
            "US" => rng.digits(5),
            "GB" => format!(
                "{}{} {}{}",
                rng.string(2, UPPER),
                rng.range(1, 20),
                rng.range(1, 9),
                rng.string(2, UPPER)
            ),
            "CA" => format!(
                "{}{}{} {}{}{}",
                rng.string(1, UPPER),
                rng.digits(1),
                rng.string(1, UPPER),
                rng.digits(1),
                rng.string(1, UPPER),
                rng.digits(1)
            ),
            "NL" => format!("{} {}", rng.range(1000, 9999), rng.string(2, UPPER)),
            "CH" | "AU" => rng.range(1000, 9999).to_string(),
            "JP" => format!("{}-{}", rng.digits(3), rng.digits(4)),
            "BR" => format!("{}-{}", rng.digits(5), rng.digits(3)),
            "PL" => format!("{}-{}", rng.digits(2), rng.digits(3)),
            "IN" => rng.range(110_001, 855_999).to_string(),
            _ => format!("{:05}", rng.range(1000, 99_999)),
        };
        let dob = {
            let (y, m, d) = (rng.range(1945, 2006), rng.range(1, 12), rng.range(1, 28));
            match rng.below(3) {
                0 | 1 => format!("{y}-{m:02}-{d:02}"),
                _ => format!("{m:02}/{d:02}/{y}"),
            }
        };
        let username = match rng.below(3) {
            0 => format!("{}{}", first.to_ascii_lowercase(), rng.range(1, 999)),
            1 => format!(
                "{}_{}",
                first.to_ascii_lowercase(),
                last.to_ascii_lowercase()
            ),
            _ => format!(
                "{}{}",
                &first[..1].to_ascii_lowercase(),
                last.to_ascii_lowercase()
            ),
        };
        Self {
            email: gen::email(rng),
            phone: gen::phone(rng),
            dob,
            street: format!("{} {}", rng.range(1, 2400), rng.pick(STREETS)),
            city,
            country,
            currency,
            postal,
            username,
            password: gen::password(rng),
            ip: if rng.chance(75) {
                gen::ipv4(rng)
            } else {
                gen::ipv6(rng)
            },
            first,
            last,
        }
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    pub fn first(&self) -> V {
        pii("person_name", &self.first)
    }

    pub fn last(&self) -> V {
        pii("person_name", &self.last)
    }

    pub fn name(&self) -> V {
        pii("person_name", self.full_name())
    }

    pub fn email(&self) -> V {
        pii("email", &self.email)
    }

    pub fn phone(&self) -> V {
        pii("phone", &self.phone)
    }

    pub fn dob(&self) -> V {
        pii("birth_date", &self.dob)
    }

    pub fn street(&self) -> V {
        pii("street_address", &self.street)
    }

    pub fn postal(&self) -> V {
        pii("postal_code", &self.postal)
    }

    pub fn username(&self) -> V {
        pii("username", &self.username)
    }

    pub fn password(&self) -> V {
        pii("password", &self.password)
    }

    pub fn ip(&self) -> V {
        pii(
            if self.ip.contains(':') {
                "ipv6"
            } else {
                "ipv4"
            },
            &self.ip,
        )
    }

    pub fn city(&self) -> V {
        plain("city", self.city)
    }

    pub fn country(&self) -> V {
        plain("country_code", self.country)
    }

    pub fn currency(&self) -> V {
        plain("currency", self.currency)
    }
}

pub fn uuid(rng: &mut Rng) -> V {
    plain("uuid", look::uuid(rng))
}

pub fn id(rng: &mut Rng) -> V {
    plain("numeric_id", look::id(rng))
}

pub fn timestamp(rng: &mut Rng) -> V {
    plain("timestamp", look::timestamp(rng))
}

pub fn epoch(rng: &mut Rng) -> V {
    plain("epoch_seconds", look::epoch(rng).to_string())
}

pub fn epoch_ms(rng: &mut Rng) -> V {
    plain(
        "epoch_millis",
        (look::epoch(rng) * 1000 + rng.below(1000)).to_string(),
    )
}

/// A price as a JSON number.
pub fn amount(rng: &mut Rng) -> V {
    plain(
        "price",
        format!("{}.{:02}", rng.range(0, 1999), rng.below(100)),
    )
}

/// An amount in minor units (cents), as payment APIs send them.
pub fn minor_units(rng: &mut Rng) -> V {
    plain("price", rng.range(50, 500_000).to_string())
}

pub fn quantity(rng: &mut Rng) -> V {
    plain("quantity", rng.range(1, 12).to_string())
}

pub fn boolean(rng: &mut Rng) -> V {
    plain("boolean", if rng.chance(50) { "true" } else { "false" })
}

pub fn sku(rng: &mut Rng) -> V {
    plain("sku", look::sku(rng))
}

pub fn order_code(rng: &mut Rng) -> V {
    plain("order_code", look::order_code(rng))
}

pub fn version(rng: &mut Rng) -> V {
    plain("version", look::version(rng))
}

pub fn sha256(rng: &mut Rng) -> V {
    plain("sha256", rng.string(64, LOWER_HEX))
}

pub fn hex_token(rng: &mut Rng, n: usize) -> String {
    rng.string(n, LOWER_HEX)
}

/// Vendor object ids (`cus_…`, `pi_…`, `evt_…`).
pub fn object_id(prefix: &str, rng: &mut Rng) -> V {
    plain(
        "object_id",
        format!(
            "{prefix}_{}",
            rng.string(
                24,
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            )
        ),
    )
}

pub fn digits(rng: &mut Rng, n: usize) -> String {
    rng.string(n, DIGITS)
}
