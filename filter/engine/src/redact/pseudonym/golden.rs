//! Golden outputs: the pseudonyms of 40,000 generated values under a fixed key, pinned by a
//! digest computed before the format code was last optimised.
//!
//! A pseudonym must never change for the same key and value (a shadow service joins records
//! by them across restarts and releases), so any rewrite of the format code has to give the
//! same bytes. The values cover every format's shapes (layouts, separators, letter case,
//! prefixes, zones, non-ASCII text, malformed look-alikes) and each one's own pseudonym (the
//! recognised-and-kept path); a handful are spelt out so that a failure shows what changed.

use sha2::{Digest, Sha256};

use super::Keyed;
use crate::entity::Entity;

/// splitmix64: a fixed, dependency-free generator, so the values never change.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn from(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| char::from(alphabet[self.below(alphabet.len() as u64) as usize]))
            .collect()
    }

    fn digits(&mut self, len: usize) -> String {
        self.from(b"0123456789", len)
    }

    fn hex(&mut self, len: usize) -> String {
        self.from(b"0123456789abcdefABCDEF", len)
    }
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const LOCAL: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-";

fn grouped(text: &str, sep: &str, by: usize) -> String {
    text.as_bytes()
        .chunks(by)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(sep)
}

fn email(g: &mut Gen) -> String {
    let local = match g.below(6) {
        0 => format!("{}.{}", g.from(LOWER, 5), g.from(LOWER, 7)),
        1 => {
            let len = 1 + g.below(20) as usize;
            g.from(LOCAL, len)
        }
        2 => format!("{}{}", g.from(LOWER, 4), g.digits(2)),
        3 => format!("{}e{}", g.digits(3), g.digits(2)),
        4 => format!("jö{}", g.from(LOWER, 3)),
        _ => format!("{}+orders", g.from(LOWER, 6)),
    };
    let domain = match g.below(5) {
        0 => "gmail.com".to_owned(),
        1 => format!("{}.co.uk", g.from(LOWER, 6)),
        2 => format!("MAIL.{}.ORG", g.from(b"ABCDEFGHIJ", 4)),
        3 => format!("{}-x.io", g.from(LOWER, 3)),
        _ => {
            let len = 1 + g.below(12) as usize;
            format!("{}.{}", g.from(LOWER, len), g.pick(&["de", "fr", "com"]))
        }
    };
    format!("{local}@{domain}")
}

fn phone(g: &mut Gen) -> String {
    match g.below(9) {
        0 => format!(
            "+1 ({}{}) {}{}-{}",
            2 + g.below(8),
            g.digits(2),
            2 + g.below(8),
            g.digits(2),
            g.digits(4)
        ),
        1 => format!("+44 20 7{} {}", g.digits(3), g.digits(4)),
        2 => format!("+49 30 {}", g.digits(7)),
        3 => format!(
            "+33 6 {} {} {} {}",
            g.digits(2),
            g.digits(2),
            g.digits(2),
            g.digits(2)
        ),
        4 => format!(
            "{}{}-{}-{}",
            2 + g.below(8),
            g.digits(2),
            g.digits(3),
            g.digits(4)
        ),
        5 => format!("00{} {}", g.digits(2), g.digits(9)),
        6 => format!("0{}/{}", g.digits(3), g.digits(6)),
        7 => format!("{}-{}-{}", g.digits(3), g.digits(2), g.digits(4)),
        _ => format!("1.{}.{}.{}", g.digits(3), g.digits(3), g.digits(4)),
    }
}

fn card(g: &mut Gen) -> String {
    let len = 12 + g.below(8) as usize;
    let mut digits: Vec<u8> = g.digits(len - 1).bytes().map(|b| b - b'0').collect();
    let check = if g.below(5) == 0 {
        g.below(10) as u8
    } else {
        crate::luhn::check_digit(&digits)
    };
    digits.push(check);
    let text: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    match g.below(3) {
        0 => text,
        1 => grouped(&text, " ", 4),
        _ => grouped(&text, "-", 4),
    }
}

fn ssn(g: &mut Gen) -> String {
    let (a, b, c) = (g.digits(3), g.digits(2), g.digits(4));
    match g.below(4) {
        0 => format!("{a}-{b}-{c}"),
        1 => format!("{a} {b} {c}"),
        2 => format!("{a}.{b}.{c}"),
        _ => format!("{a}{b}{c}"),
    }
}

fn iban(g: &mut Gen) -> String {
    let (country, bban) = match g.below(5) {
        0 => ("DE", g.digits(18)),
        1 => (
            "NL",
            format!(
                "{}{}",
                g.from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4),
                g.digits(10)
            ),
        ),
        2 => (
            "GB",
            format!(
                "{}{}",
                g.from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4),
                g.digits(14)
            ),
        ),
        3 => (
            "fr",
            format!(
                "{}{}",
                g.digits(20),
                g.from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3)
            ),
        ),
        _ => (
            "MT",
            format!(
                "{}{}",
                g.from(b"abcdefghijklmnopqrstuvwxyz", 4),
                g.digits(22)
            ),
        ),
    };
    let check = if g.below(5) == 0 {
        g.digits(2)
    } else {
        let number: String = format!("{bban}{country}00")
            .bytes()
            .map(|b| match b {
                b'0'..=b'9' => char::from(b).to_string(),
                _ => (u32::from(b.to_ascii_uppercase() - b'A') + 10).to_string(),
            })
            .collect();
        let rem = number
            .bytes()
            .fold(0u32, |acc, d| (acc * 10 + u32::from(d - b'0')) % 97);
        format!("{:02}", 98 - rem)
    };
    let compact = format!("{country}{check}{bban}");
    if g.below(2) == 0 {
        grouped(&compact, " ", 4)
    } else {
        compact
    }
}

fn ip(g: &mut Gen) -> String {
    match g.below(8) {
        0 | 1 => format!(
            "{}.{}.{}.{}",
            1 + g.below(223),
            g.below(256),
            g.below(256),
            g.below(256)
        ),
        2 => format!(
            "{:03}.{:03}.{:03}.{:03}",
            g.below(256),
            g.below(256),
            g.below(256),
            g.below(256)
        ),
        3 => format!("10.{}.{}.0/{}", g.below(256), g.below(256), 8 + g.below(25)),
        4 => (0..8).map(|_| g.hex(4)).collect::<Vec<_>>().join(":"),
        5 => format!("2a00:{}:{}::{}", g.hex(4), g.hex(3), g.hex(2)),
        6 => format!("fe80::{}:{}%eth{}", g.hex(4), g.hex(4), g.below(3)),
        _ => format!("2001:{}:{}::/{}", g.hex(4), g.hex(4), 16 + g.below(100)),
    }
}

fn mac(g: &mut Gen) -> String {
    let hex = g.hex(12);
    match g.below(4) {
        0 => grouped(&hex, ":", 2),
        1 => grouped(&hex, "-", 2),
        2 => grouped(&hex, ".", 4),
        _ => hex,
    }
}

fn generic(g: &mut Gen) -> String {
    match g.below(6) {
        0 => format!("{} {}", g.from(LOWER, 5), g.from(LOWER, 8)),
        1 => format!("ORDER-{}-{}", g.digits(4), g.digits(6)),
        2 => format!("-{}.{}e{}", g.digits(2), g.digits(1), g.digits(2)),
        3 => format!("Jürgen {}", g.from(LOWER, 4)),
        4 => {
            let len = 1 + g.below(30) as usize;
            g.from(b"ab1 @:.-/+", len)
        }
        _ => format!("  {} ", g.from(LOCAL, 10)),
    }
}

/// Value `i` of the set, with the entity it is pseudonymized as.
fn value(g: &mut Gen, i: usize) -> (Option<Entity>, String) {
    match i % 10 {
        0 => (Some(Entity::Email), email(g)),
        1 => (Some(Entity::Phone), phone(g)),
        2 => (Some(Entity::CreditCard), card(g)),
        3 => (Some(Entity::UsSsn), ssn(g)),
        4 => (Some(Entity::Iban), iban(g)),
        5 => (Some(Entity::IpAddress), ip(g)),
        6 => (Some(Entity::MacAddress), mac(g)),
        7 => (Some(Entity::PersonalField), generic(g)),
        8 => (None, generic(g)),
        // Another format's value, or noise, under any format entity: the fallback paths.
        _ => {
            // `Entity::ALL` starts with the seven entities generated above, in that order.
            let entity = Entity::ALL[g.below(7) as usize];
            let text = match g.below(4) {
                0 => email(g),
                1 => card(g),
                2 => ip(g),
                _ => generic(g),
            };
            (Some(entity), text)
        }
    }
}

fn key() -> Keyed {
    Keyed::from_secret(b"golden pseudonym key, never to change")
}

#[test]
fn forty_thousand_values_keep_their_pseudonyms() {
    let k = key();
    let mut g = Gen(0x5eed);
    let mut digest = Sha256::new();
    for i in 0..40_000 {
        let (entity, value) = value(&mut g, i);
        let out = k.pseudonymize(entity, &value);
        // Its own pseudonym is kept as it is (the recognising path of every format).
        let again = k.pseudonymize(entity, &out);
        assert_eq!(again, out, "{entity:?}: {value:?}");
        for piece in [value.as_bytes(), &[0], out.as_bytes(), &[0]] {
            digest.update(piece);
        }
    }
    let hex: String = digest
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hex, GOLDEN_DIGEST);
}

/// SHA-256 over every `value ‖ 0 ‖ pseudonym ‖ 0` of the set above.
const GOLDEN_DIGEST: &str = "58a3a633bf10715161dda27aa9a729f09dfefd0ac4582d33721d23791c2192ed";

#[test]
fn spelt_out_examples() {
    let k = key();
    for (entity, value, expected) in EXAMPLES {
        assert_eq!(
            k.pseudonymize(*entity, value),
            *expected,
            "{entity:?}: {value}"
        );
    }
}

const EXAMPLES: &[(Option<Entity>, &str, &str)] = &[
    (
        Some(Entity::Email),
        "alice.smith@example.com",
        "nhyhd.xrpcu@zgogxqagvw.example",
    ),
    (
        Some(Entity::Email),
        "Jo.Doe+news@Mail.Example.CO.UK",
        "Yd.Lyy+tgfb@bc7t8isx8f.example",
    ),
    (
        Some(Entity::Phone),
        "+1 (415) 555-2671",
        "+1 (812) 555-0157",
    ),
    (Some(Entity::Phone), "+44 20 7946 0958", "+44 20 9631 4460"),
    (
        Some(Entity::CreditCard),
        "4111 1111 1111 1111",
        "4111 1178 1844 9738",
    ),
    (Some(Entity::UsSsn), "123-45-6789", "855-43-0084"),
    (
        Some(Entity::Iban),
        "GB82 WEST 1234 5698 7654 32",
        "GB10 IAYN 9079 7470 2679 03",
    ),
    (
        Some(Entity::Iban),
        "DE89370400440532013000",
        "DE50306506353286769140",
    ),
    (Some(Entity::IpAddress), "10.1.2.3", "192.0.2.235"),
    (
        Some(Entity::IpAddress),
        "2a00:1450:4001:81c::200e",
        "2001:db8:440c:6390::2854",
    ),
    (
        Some(Entity::MacAddress),
        "00:1A:2B:3C:4D:5E",
        "3E:F7:9D:D0:23:D2",
    ),
    (Some(Entity::PersonalField), "Ada Lovelace", "Ino Luezwjja"),
    (None, "ORDER-2024-000123", "KSVFY-2848-046256"),
];
