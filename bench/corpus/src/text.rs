//! Free text: service logs and product copy without personal data, and support notes dense
//! with it.

use crate::pii::{self, Kind};
use crate::rng::Rng;
use crate::words::{
    ADJECTIVES, CACHE, CONNECTORS, FEATURES, LEVELS, MATERIALS, METHODS, PRODUCTS, ROUTES, SERVICES,
};
use crate::Sample;

/// Log lines (timestamps, UUIDs, routes, timings) and product descriptions, about `len`
/// bytes, with nothing a detector should report.
pub fn pii_free(seed: u64, len: usize) -> Sample {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(len + 256);
    while out.len() < len {
        if rng.chance(60) {
            log_line(&mut rng, &mut out);
        } else {
            product_copy(&mut rng, &mut out);
        }
        out.push('\n');
    }
    Sample::text("text-pii-free-64k", out, 0)
}

pub fn uuid(rng: &mut Rng) -> String {
    format!(
        "{}-{}-4{}-a{}-{}",
        rng.hex(8),
        rng.hex(4),
        rng.hex(3),
        rng.hex(3),
        rng.hex(12)
    )
}

pub fn timestamp(rng: &mut Rng) -> String {
    format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        rng.range(1, 12),
        rng.range(1, 28),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.below(1000)
    )
}

fn log_line(rng: &mut Rng, out: &mut String) {
    let line = format!(
        "{} {} {}[{}] req={} {} {}/{} status={} duration_ms={} bytes={} cache={}",
        timestamp(rng),
        rng.pick(LEVELS),
        rng.pick(SERVICES),
        rng.below(8),
        uuid(rng),
        rng.pick(METHODS),
        rng.pick(ROUTES),
        rng.range(100, 99_999),
        rng.pick(&[200, 200, 200, 201, 204, 304, 404]),
        rng.range(1, 900),
        rng.range(0, 65_536),
        rng.pick(CACHE),
    );
    out.push_str(&line);
}

pub fn product_title(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(ADJECTIVES),
        rng.pick(MATERIALS),
        rng.pick(PRODUCTS)
    )
}

pub fn product_copy(rng: &mut Rng, out: &mut String) {
    let title = product_title(rng);
    let copy = format!(
        "The {title} {} and {}. Rated {}.{} out of 5 by verified buyers; usually ships \
         within {} days.",
        rng.pick(FEATURES),
        rng.pick(FEATURES),
        rng.range(3, 4),
        rng.digit(),
        rng.range(1, 5),
    );
    out.push_str(&copy);
}

/// Support notes with a valid personal value every five words or so, about `len` bytes.
pub fn dense_pii(seed: u64, len: usize) -> Sample {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(len + 256);
    let mut count = 0;
    while out.len() < len {
        let name = pii::full_name(&mut rng);
        let connector = rng.pick(CONNECTORS);
        let sentence = match rng.below(4) {
            0 => {
                let (email, phone) = (pii::email(&mut rng), pii::phone(&mut rng));
                count += 2;
                format!(
                    "{connector}, {name} wrote from {email} and gave {phone} as a callback number."
                )
            }
            1 => {
                let (card, iban) = (pii::card(&mut rng), pii::iban(&mut rng));
                count += 2;
                format!(
                    "Refund card {card} for {name}, or transfer to {iban} if the card is closed."
                )
            }
            2 => {
                let email = pii::email(&mut rng);
                let (v4, v6, mac) = (pii::ipv4(&mut rng), pii::ipv6(&mut rng), pii::mac(&mut rng));
                count += 4;
                format!("Login for {email} came from {v4} and then {v6}; device {mac} was flagged.")
            }
            _ => {
                let kind = *rng.pick(&Kind::ALL);
                let (ssn, other) = (pii::ssn(&mut rng), pii::value(&mut rng, kind));
                count += 2;
                format!("{name} confirmed SSN {ssn} and the value {other} on the call.")
            }
        };
        out.push_str(&sentence);
        out.push(' ');
    }
    Sample::text("text-dense-pii-64k", out, count)
}
