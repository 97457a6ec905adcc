//! Valid personal data: every value passes the checks a validating detector applies (Luhn
//! for cards, mod-97 for IBANs, SSN area rules), so the dense corpus costs what real data
//! costs: the detector's validation and the operator, not only the scan.

use crate::rng::Rng;
use crate::words::{DOMAINS, FIRST_NAMES, LAST_NAMES};

/// The kinds of value the generators insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
    Card,
    Iban,
    Ipv4,
    Ipv6,
    Ssn,
    Mac,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Email,
        Kind::Phone,
        Kind::Card,
        Kind::Iban,
        Kind::Ipv4,
        Kind::Ipv6,
        Kind::Ssn,
        Kind::Mac,
    ];
}

pub fn value(rng: &mut Rng, kind: Kind) -> String {
    match kind {
        Kind::Email => email(rng),
        Kind::Phone => phone(rng),
        Kind::Card => card(rng),
        Kind::Iban => iban(rng),
        Kind::Ipv4 => ipv4(rng),
        Kind::Ipv6 => ipv6(rng),
        Kind::Ssn => ssn(rng),
        Kind::Mac => mac(rng),
    }
}

pub fn full_name(rng: &mut Rng) -> String {
    format!(
        "{} {}",
        capitalised(rng.pick::<&str>(FIRST_NAMES)),
        capitalised(rng.pick::<&str>(LAST_NAMES))
    )
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn email(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    let domain = rng.pick(DOMAINS);
    match rng.below(3) {
        0 => format!("{first}.{last}@{domain}"),
        1 => format!("{first}.{last}{}@{domain}", rng.range(1, 99)),
        _ => format!("{}{last}+orders@{domain}", &first[..1]),
    }
}

pub fn phone(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!(
            "+1 ({}{}) {}{}-{}",
            rng.range(2, 9),
            rng.digits(2),
            rng.range(2, 9),
            rng.digits(2),
            rng.digits(4)
        ),
        1 => format!("+44 20 7{} {}", rng.digits(3), rng.digits(4)),
        2 => format!("+49 30 {}", rng.digits(7)),
        _ => format!(
            "+33 6 {} {} {} {}",
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
    }
}

/// A 16-digit Visa or Mastercard number with a valid Luhn check digit, grouped by four.
pub fn card(rng: &mut Rng) -> String {
    let prefix = if rng.chance(50) {
        "4".to_owned()
    } else {
        format!("5{}", rng.range(1, 5))
    };
    let mut digits: Vec<u8> = prefix.bytes().map(|b| b - b'0').collect();
    while digits.len() < 15 {
        digits.push(rng.below(10) as u8);
    }
    digits.push(luhn_check_digit(&digits));
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    if rng.chance(50) {
        text.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text
    }
}

/// The digit that makes `payload` followed by it pass the Luhn check. Written here rather
/// than taken from the engine on purpose: the corpus must be valid by an implementation
/// independent of the detector it exercises.
pub fn luhn_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Whether a digit string passes the Luhn check.
pub fn luhn_valid(digits: &str) -> bool {
    let ds: Vec<u8> = digits
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    match ds.split_last() {
        Some((&last, payload)) => luhn_check_digit(payload) == last,
        None => false,
    }
}

/// A German, Dutch or British IBAN with valid check digits, compact or grouped by four.
pub fn iban(rng: &mut Rng) -> String {
    let (country, bban) = match rng.below(3) {
        0 => ("DE", rng.digits(18)),
        1 => ("NL", format!("{}{}", rng.upper(4), rng.digits(10))),
        _ => ("GB", format!("{}{}", rng.upper(4), rng.digits(14))),
    };
    let check = 98 - iban_mod97(&format!("{bban}{country}00"));
    let compact = format!("{country}{check:02}{bban}");
    if rng.chance(50) {
        compact
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        compact
    }
}

/// ISO 13616 remainder: letters count as 10..35.
pub fn iban_mod97(s: &str) -> u32 {
    s.bytes().fold(0u32, |acc, b| match b {
        b'0'..=b'9' => (acc * 10 + u32::from(b - b'0')) % 97,
        b'A'..=b'Z' => (acc * 100 + u32::from(b - b'A') + 10) % 97,
        _ => acc,
    })
}

/// Whether an IBAN (spaces allowed) has valid check digits.
pub fn iban_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    match (compact.get(..4), compact.get(4..)) {
        (Some(head), Some(rest)) => iban_mod97(&format!("{rest}{head}")) == 1,
        _ => false,
    }
}

pub fn ipv4(rng: &mut Rng) -> String {
    let first = rng.range_except(11, 223, 127);
    format!(
        "{first}.{}.{}.{}",
        rng.below(256),
        rng.below(256),
        rng.range(1, 254)
    )
}

/// A global unicast address outside the documentation prefix `2001:db8::/32`, which the
/// engine rightly leaves alone.
pub fn ipv6(rng: &mut Rng) -> String {
    format!(
        "2a02:{}:{}:{}::{:x}",
        rng.hex(4),
        rng.hex(4),
        rng.hex(4),
        rng.range(1, 0xfff)
    )
}

/// A US SSN outside the never-issued areas (000, 666, 900-999), group 00 and serial 0000.
pub fn ssn(rng: &mut Rng) -> String {
    let area = rng.range_except(1, 899, 666);
    format!(
        "{area:03}-{:02}-{:04}",
        rng.range(1, 99),
        rng.range(1, 9999)
    )
}

pub fn mac(rng: &mut Rng) -> String {
    (0..6).map(|_| rng.hex(2)).collect::<Vec<_>>().join(":")
}
