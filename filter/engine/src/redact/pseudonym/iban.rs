//! IBANs: same country code and length, BBAN characters of the same classes (so a per-country
//! format check passes), valid ISO 7064 mod-97 check digits, grouping spaces kept.
//!
//! The last `t = min(6, max(n - 2, n / 2))` of the BBAN's `n` digits are a keyed tag over the
//! rest ([`super::digits::tag_len`]): a real IBAN is taken for one of ours with probability
//! `10^-t`, 10^-6 for every BBAN with eight digits or more (which all real ones have, even
//! where the registry allows letters). National check digits inside some BBANs (FR, ES, IT, BE...)
//! are not recomputed: validators that check them will reject the pseudonym.

use super::Keyed;

/// The ASCII letters and digits of an IBAN, in order, and the text they came from.
#[derive(Debug, Clone)]
pub(super) struct Iban<'a> {
    value: &'a str,
    chars: Vec<u8>,
}

pub(super) fn parse(value: &str) -> Option<Iban<'_>> {
    let mut chars = Vec::with_capacity(value.len());
    for c in value.bytes() {
        if c.is_ascii_alphanumeric() {
            chars.push(c);
        } else if c != b' ' {
            return None;
        }
    }
    let ok = (15..=34).contains(&chars.len())
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.ends_with(|c: char| c.is_ascii_alphanumeric())
        && chars
            .get(..2)
            .is_some_and(|c| c.iter().all(u8::is_ascii_alphabetic))
        && chars
            .get(2..4)
            .is_some_and(|c| c.iter().all(u8::is_ascii_digit));
    ok.then_some(Iban { value, chars })
}

impl Iban<'_> {
    fn country(&self) -> &[u8] {
        self.chars.get(..2).unwrap_or(&[])
    }

    fn bban(&self) -> &[u8] {
        self.chars.get(4..).unwrap_or(&[])
    }

    /// Positions (in the BBAN) of the tag digits.
    fn tag_positions(&self) -> Vec<usize> {
        let digits: Vec<usize> = self
            .bban()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        let t = super::digits::tag_len(digits.len());
        digits
            .get(digits.len().saturating_sub(t)..)
            .unwrap_or(&[])
            .to_vec()
    }

    fn render(&self, chars: &[u8]) -> String {
        let mut new = chars.iter();
        self.value
            .bytes()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    char::from(new.next().copied().unwrap_or(c))
                } else {
                    char::from(c)
                }
            })
            .collect()
    }
}

/// The tag digits for `bban` (tag positions ignored) in `country`.
fn tag(keyed: &Keyed, country: &[u8], bban: &[u8], positions: &[usize]) -> Vec<u8> {
    let mut data: Vec<u8> = country.to_ascii_uppercase();
    data.extend(bban.iter().enumerate().map(|(i, c)| {
        if positions.contains(&i) {
            0
        } else {
            c.to_ascii_uppercase()
        }
    }));
    let mut stream = keyed.tag_stream("iban", &data);
    positions.iter().map(|_| b'0' + stream.digit()).collect()
}

/// The remainder mod 97 of the IBAN's number form for `bban ‖ country ‖ check`.
fn mod97(bban: &[u8], country: &[u8], check: &[u8]) -> u32 {
    bban.iter()
        .chain(country)
        .chain(check)
        .fold(0u32, |rem, &c| {
            let c = c.to_ascii_uppercase();
            if c.is_ascii_digit() {
                (rem * 10 + u32::from(c - b'0')) % 97
            } else {
                (rem * 100 + u32::from(c.saturating_sub(b'A')) + 10) % 97
            }
        })
}

/// The two check digits that make the IBAN valid.
fn check_digits(country: &[u8], bban: &[u8]) -> [u8; 2] {
    let check = 98 - mod97(bban, country, b"00");
    [
        b'0' + u8::try_from(check / 10).unwrap_or(0),
        b'0' + u8::try_from(check % 10).unwrap_or(0),
    ]
}

pub(super) fn is_valid(iban: &Iban<'_>) -> bool {
    mod97(
        iban.bban(),
        iban.country(),
        iban.chars.get(2..4).unwrap_or(&[]),
    ) == 1
}

pub(super) fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
    let iban = parse(value)?;
    let mut stream = keyed.seed("iban").lower_ascii(&iban.chars).stream();
    let mut bban: Vec<u8> = iban
        .bban()
        .iter()
        .map(|&c| {
            if c.is_ascii_digit() {
                b'0' + stream.digit()
            } else if c.is_ascii_uppercase() {
                stream.pick(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b'A')
            } else {
                stream.pick(b"abcdefghijklmnopqrstuvwxyz", b'a')
            }
        })
        .collect();
    let positions = iban.tag_positions();
    for (&i, t) in positions
        .iter()
        .zip(tag(keyed, iban.country(), &bban, &positions))
    {
        if let Some(c) = bban.get_mut(i) {
            *c = t;
        }
    }
    let mut out = iban.country().to_vec();
    out.extend(check_digits(iban.country(), &bban));
    out.extend(bban);
    Some(iban.render(&out))
}

pub(super) fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
    let iban = parse(value)?;
    let positions = iban.tag_positions();
    let bban = iban.bban();
    let expected = tag(keyed, iban.country(), bban, &positions);
    let tagged = positions
        .iter()
        .zip(expected)
        .all(|(&i, t)| bban.get(i) == Some(&t));
    Some(tagged && is_valid(&iban))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};
    use proptest::prelude::*;

    /// Valid IBANs from the registry's and banks' documentation.
    const PUBLISHED: [&str; 6] = [
        "GB82 WEST 1234 5698 7654 32",
        "DE89 3704 0044 0532 0130 00",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91ABNA0417164300",
        "NO9386011117947",
        "gb82west12345698765432",
    ];

    #[test]
    fn validator_matches_published_examples() {
        for valid in PUBLISHED {
            assert!(is_valid(&parse(valid).unwrap()), "{valid}");
        }
        assert!(!is_valid(&parse("GB82 WEST 1234 5698 7654 33").unwrap()));
    }

    #[test]
    fn table() {
        let k = keyed();
        for input in PUBLISHED {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert_eq!(out[..2], input[..2]);
            assert!(is_valid(&parse(&out).unwrap()), "{input} -> {out}");
            assert_ne!(out, input);
            assert_eq!(recognises(&k, &out), Some(true));
            assert_eq!(recognises(&k, input), Some(false));
        }
        for not in [
            "",
            "GB82",
            "12GB WEST 1234 5698 7654 32",
            "GB82-WEST-1234-5698-7654-32",
        ] {
            assert_eq!(pseudonymize(&k, not), None, "{not}");
        }
    }

    proptest! {
        #[test]
        fn any_iban_shape_gives_a_valid_iban(s in "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}") {
            let k = keyed();
            let out = pseudonymize(&k, &s).unwrap();
            prop_assert_eq!(classes(&out), classes(&s));
            prop_assert!(is_valid(&parse(&out).unwrap()));
            prop_assert_eq!(recognises(&k, &out), Some(true));
        }
    }
}
