//! Generators of values that are *not* personal data but look like it to a careless
//! detector: identifiers, timestamps, digests, versions, prices, codes, and the ordinary
//! vocabulary of e-commerce traffic. Redaction must leave every one of them byte-identical.

use super::encode::{gs1_check_digit, luhn_check_digit};
use super::rng::{Rng, DIGITS, LOWER_HEX, UPPER, UPPER_ALNUM};
use super::words::{CITIES, ORDER_STATUSES, PRODUCTS, WORDS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plain {
    Uuid,
    Timestamp,
    EpochSeconds,
    EpochMillis,
    Version,
    Md5,
    Sha1,
    Sha256,
    Etag,
    OrderCode,
    Sku,
    Price,
    LuhnInvalid16,
    InvalidIp,
    AddressLike,
    Date,
    Word,
    Id,
    Quantity,
    Gtin,
    Tracking,
    Status,
    Product,
    City,
}

impl Plain {
    /// The look-alikes the property tests must see survive.
    pub const LOOKALIKES: [Plain; 17] = [
        Plain::Uuid,
        Plain::Timestamp,
        Plain::EpochSeconds,
        Plain::EpochMillis,
        Plain::Version,
        Plain::Md5,
        Plain::Sha1,
        Plain::Sha256,
        Plain::Etag,
        Plain::OrderCode,
        Plain::Sku,
        Plain::Price,
        Plain::LuhnInvalid16,
        Plain::InvalidIp,
        Plain::AddressLike,
        Plain::Date,
        Plain::Word,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Plain::Uuid => "uuid",
            Plain::Timestamp => "timestamp",
            Plain::EpochSeconds => "epoch_seconds",
            Plain::EpochMillis => "epoch_millis",
            Plain::Version => "version",
            Plain::Md5 => "md5",
            Plain::Sha1 => "sha1",
            Plain::Sha256 => "sha256",
            Plain::Etag => "etag",
            Plain::OrderCode => "order_code",
            Plain::Sku => "sku",
            Plain::Price => "price",
            Plain::LuhnInvalid16 => "luhn_invalid_16",
            Plain::InvalidIp => "invalid_ip",
            Plain::AddressLike => "address_like",
            Plain::Date => "date",
            Plain::Word => "word",
            Plain::Id => "numeric_id",
            Plain::Quantity => "quantity",
            Plain::Gtin => "gtin",
            Plain::Tracking => "tracking_number",
            Plain::Status => "status",
            Plain::Product => "product_name",
            Plain::City => "city",
        }
    }
}

pub fn generate(kind: Plain, rng: &mut Rng) -> String {
    match kind {
        Plain::Uuid => uuid(rng),
        Plain::Timestamp => timestamp(rng),
        Plain::EpochSeconds => epoch(rng).to_string(),
        Plain::EpochMillis => (epoch(rng) * 1000 + rng.below(1000)).to_string(),
        Plain::Version => version(rng),
        Plain::Md5 => rng.string(32, LOWER_HEX),
        Plain::Sha1 => rng.string(40, LOWER_HEX),
        Plain::Sha256 => rng.string(64, LOWER_HEX),
        Plain::Etag => etag(rng),
        Plain::OrderCode => order_code(rng),
        Plain::Sku => sku(rng),
        Plain::Price => price(rng),
        Plain::LuhnInvalid16 => luhn_invalid(rng),
        Plain::InvalidIp => invalid_ip(rng),
        // Dotted numbers and colons that are not addresses (loopback and unspecified
        // addresses are findings, like every other address).
        Plain::AddressLike => rng
            .pick(&[
                "localhost",
                "localhost:5432",
                "Home :: Shop :: Cart",
                "std::vector",
                "1.3.6.1.4.1.311",
                "1.2.3.4.5",
                "2.5.4.3.1",
            ])
            .to_string(),
        Plain::Date => date(rng),
        Plain::Word => rng.pick(WORDS).to_string(),
        Plain::Id => id(rng),
        Plain::Quantity => rng.range(1, 12).to_string(),
        Plain::Gtin => gtin(rng),
        Plain::Tracking => tracking(rng),
        Plain::Status => rng.pick(ORDER_STATUSES).to_string(),
        Plain::Product => rng.pick(PRODUCTS).to_string(),
        Plain::City => rng.pick(CITIES).0.to_string(),
    }
}

pub fn uuid(rng: &mut Rng) -> String {
    let h = rng.string(32, LOWER_HEX);
    let variant = *rng.pick(&['8', '9', 'a', 'b']);
    let out = format!(
        "{}-{}-4{}-{variant}{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    );
    if rng.chance(15) {
        out.to_ascii_uppercase()
    } else {
        out
    }
}

/// Seconds since the epoch, between 2020 and 2026.
pub fn epoch(rng: &mut Rng) -> u64 {
    rng.range(1_580_000_000, 1_780_000_000)
}

fn ymd(rng: &mut Rng) -> (u64, u64, u64) {
    (rng.range(2019, 2026), rng.range(1, 12), rng.range(1, 28))
}

pub fn timestamp(rng: &mut Rng) -> String {
    let (y, m, d) = ymd(rng);
    let (h, mi, s) = (rng.range(0, 23), rng.range(0, 59), rng.range(0, 59));
    match rng.below(5) {
        0 => format!("{y}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        1 => format!(
            "{y}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
            rng.below(1000)
        ),
        2 => format!(
            "{y}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}{}{:02}:00",
            rng.pick(&["+", "-"]),
            rng.range(0, 11)
        ),
        3 => format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
        _ => format!(
            "{y}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:06}+00:00",
            rng.below(1_000_000)
        ),
    }
}

pub fn date(rng: &mut Rng) -> String {
    let (y, m, d) = ymd(rng);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match rng.below(5) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{d:02}/{m:02}/{y}"),
        2 => format!("{d:02}.{m:02}.{y}"),
        3 => format!("{} {d}, {y}", MONTHS[(m - 1) as usize]),
        _ => format!("{y}/{m:02}/{d:02}"),
    }
}

pub fn version(rng: &mut Rng) -> String {
    let (a, b, c) = (rng.range(0, 20), rng.range(0, 40), rng.range(0, 200));
    match rng.below(6) {
        0 | 1 => format!("{a}.{b}.{c}"),
        2 => format!("v{a}.{b}.{c}"),
        3 => format!(
            "{a}.{b}.{c}-{}.{}",
            rng.pick(&["beta", "rc", "alpha"]),
            rng.range(1, 9)
        ),
        4 => format!("10.0.{}.{}", rng.range(17_763, 22_631), rng.range(1, 4000)),
        _ => format!("{a}.{b}"),
    }
}

pub fn etag(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("\"{}\"", rng.string(32, LOWER_HEX)),
        1 => format!(
            "W/\"{:x}-{}\"",
            rng.range(16, 100_000),
            rng.string(
                27,
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            )
        ),
        _ => format!(
            "\"{}-{}\"",
            rng.string(8, LOWER_HEX),
            rng.string(13, LOWER_HEX)
        ),
    }
}

pub fn order_code(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("ORD-{}-{:06}", rng.range(2019, 2026), rng.range(1, 999_999)),
        1 => format!("INV-{}-{:04}", rng.range(2019, 2026), rng.range(1, 9999)),
        2 => format!("#{}", rng.range(100_000, 999_999)),
        3 => format!("PO-{}", rng.range(100_000, 999_999)),
        4 => format!("{}-{}-{}", rng.digits(3), rng.digits(7), rng.digits(7)),
        _ => format!("{}{}", rng.string(2, UPPER), rng.digits(8)),
    }
}

pub fn sku(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("SKU-{}-{}", rng.range(10, 99), rng.digits(4)),
        1 => format!(
            "{}-{}",
            rng.string(4, UPPER_ALNUM),
            rng.string(4, UPPER_ALNUM)
        ),
        2 => format!(
            "{}-{}-{}",
            rng.pick(&["TS", "HD", "KB", "MS"]),
            rng.pick(&["BLK", "WHT", "RED", "NVY"]),
            rng.pick(&["S", "M", "L", "XL"])
        ),
        _ => format!("{}{}", rng.string(3, UPPER), rng.digits(5)),
    }
}

pub fn price(rng: &mut Rng) -> String {
    let units = rng.range(0, 2500);
    let cents = rng.below(100);
    match rng.below(6) {
        0 | 1 => format!("{units}.{cents:02}"),
        2 => format!("${units}.{cents:02}"),
        3 => format!("€{units},{cents:02}"),
        4 => format!("{units}.{cents:02} USD"),
        _ => format!("{}", rng.range(1, 5) * 1000 + rng.below(1000)),
    }
}

/// Sixteen digits with a card's prefix and the wrong check digit.
pub fn luhn_invalid(rng: &mut Rng) -> String {
    let mut d: Vec<u8> = vec![*rng.pick(&[4u8, 5, 6])];
    while d.len() < 15 {
        d.push(rng.below(10) as u8);
    }
    let good = luhn_check_digit(&d);
    d.push((good + rng.range(1, 9) as u8) % 10);
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

pub fn invalid_ip(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!(
            "{}.{}.{}.{}",
            rng.range(256, 999),
            rng.range(0, 255),
            rng.range(0, 255),
            rng.range(0, 255)
        ),
        1 => format!(
            "{}.{}.{}",
            rng.range(1, 255),
            rng.range(0, 255),
            rng.range(0, 255)
        ),
        // Five dotted numbers read as an OID when the first is an OID root arc (0-2); after
        // a larger first number they are an address with a suffix (`192.168.1.10.443`).
        2 => format!(
            "{}.{}.{}.{}.{}",
            rng.range(0, 2),
            rng.range(0, 255),
            rng.range(0, 255),
            rng.range(0, 255),
            rng.range(0, 255)
        ),
        3 => format!("192.168.{}.{}", rng.range(0, 255), rng.range(256, 999)),
        _ => "999.999.999.999".to_owned(),
    }
}

/// Numeric database ids, from auto-increment counters to 64-bit snowflakes.
pub fn id(rng: &mut Rng) -> String {
    match rng.below(20) {
        0..=12 => rng.range(1, 9_999_999).to_string(),
        13..=16 => rng.range(10_000_000, 999_999_999).to_string(),
        17 => rng.range(1_000_000_000, 2_147_483_647).to_string(),
        18 => rng.range(1_000_000_000_000, 9_999_999_999_999).to_string(),
        _ => rng
            .range(1_000_000_000_000_000_000, 1_900_000_000_000_000_000)
            .to_string(),
    }
}

/// EAN-13 (and UPC-A) product codes with a valid GS1 check digit.
pub fn gtin(rng: &mut Rng) -> String {
    let len = if rng.chance(75) { 13 } else { 12 };
    let mut d: Vec<u8> = if len == 13 {
        // GS1 prefixes of common origins: US/CA, FR, DE, JP, UK, IT, CN.
        let p = *rng.pick(&[
            "00", "30", "40", "42", "45", "49", "50", "80", "69", "87", "76",
        ]);
        p.bytes().map(|c| c - b'0').collect()
    } else {
        vec![rng.below(10) as u8]
    };
    while d.len() < len - 1 {
        d.push(rng.below(10) as u8);
    }
    let check = gs1_check_digit(&d);
    d.push(check);
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

pub fn tracking(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("1Z{}{}", rng.string(6, UPPER_ALNUM), rng.digits(10)),
        1 => format!("9400{}", rng.digits(18)),
        _ => format!("{}{}DE", rng.string(2, UPPER), rng.string(9, DIGITS)),
    }
}
