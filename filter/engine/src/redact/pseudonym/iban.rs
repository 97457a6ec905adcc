//! IBANs: same country code and length, BBAN characters of the same classes (so a per-country
//! format check passes), valid ISO 7064 mod-97 check digits, grouping spaces kept.
//!
//! The last `t = min(6, max(n - 2, n / 2))` of the BBAN's `n` digits are a keyed tag over the
//! rest ([`super::digits::tag_len`]): a real IBAN is taken for one of ours with probability
//! `10^-t`, 10^-6 for every BBAN with eight digits or more (which all real ones have, even
//! where the registry allows letters). National check digits inside some BBANs (FR, ES, IT, BE...)
//! are not recomputed: validators that check them will reject the pseudonym.

use super::{Domain, Keyed, Parsed};

/// The most letters and digits an IBAN has (ISO 13616).
const MAX_LEN: usize = 34;

/// The ASCII letters and digits of an IBAN, in order, and the text they came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Iban<'a> {
    value: &'a str,
    chars: [u8; MAX_LEN],
    len: usize,
}

pub(super) fn parse(value: &str) -> Option<Iban<'_>> {
    let mut chars = [0u8; MAX_LEN];
    let mut len = 0;
    for c in value.bytes() {
        if c.is_ascii_alphanumeric() {
            *chars.get_mut(len)? = c;
            len += 1;
        } else if c != b' ' {
            return None;
        }
    }
    let iban = Iban { value, chars, len };
    let ok = len >= 15
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.ends_with(|c: char| c.is_ascii_alphanumeric())
        && iban.country().len() == 2
        && iban.country().iter().all(u8::is_ascii_alphabetic)
        && iban.check().len() == 2
        && iban.check().iter().all(u8::is_ascii_digit);
    ok.then_some(iban)
}

impl Iban<'_> {
    fn chars(&self) -> &[u8] {
        self.chars.get(..self.len).unwrap_or(&[])
    }

    fn country(&self) -> &[u8] {
        self.chars().get(..2).unwrap_or(&[])
    }

    fn check(&self) -> &[u8] {
        self.chars().get(2..4).unwrap_or(&[])
    }

    fn bban(&self) -> &[u8] {
        self.chars().get(4..).unwrap_or(&[])
    }

    /// Where the tag starts in the BBAN: its last [`super::digits::tag_len`] digits are the
    /// tag, wherever letters sit between them.
    fn tag_start(&self) -> usize {
        let bban = self.bban();
        let digits = bban.iter().filter(|c| c.is_ascii_digit()).count();
        let mut t = super::digits::tag_len(digits);
        if t == 0 {
            return bban.len();
        }
        for (i, c) in bban.iter().enumerate().rev() {
            if c.is_ascii_digit() {
                t -= 1;
                if t == 0 {
                    return i;
                }
            }
        }
        0
    }
}

/// Writes the tag digits of `bban` (from `start` on, its digits are the tag) in `country`
/// into those digits.
fn tag_into(keyed: &Keyed, country: &[u8], bban: &mut [u8], start: usize) {
    let is_tag = |i: usize, c: u8| i >= start && c.is_ascii_digit();
    // The country and the BBAN, upper-cased, with the tag digits as 0 bytes.
    let mut data = [0u8; MAX_LEN];
    let (head, rest) = data.split_at_mut(country.len().min(MAX_LEN));
    for (slot, &c) in head.iter_mut().zip(country) {
        *slot = c.to_ascii_uppercase();
    }
    for (i, (slot, &c)) in rest.iter_mut().zip(bban.iter()).enumerate() {
        *slot = if is_tag(i, c) {
            0
        } else {
            c.to_ascii_uppercase()
        };
    }
    let len = (country.len() + bban.len()).min(MAX_LEN);
    let mut stream = keyed.tag_stream(Domain::Iban, data.get(..len).unwrap_or(&[]));
    for (i, c) in bban.iter_mut().enumerate() {
        if is_tag(i, *c) {
            *c = b'0' + stream.digit();
        }
    }
}

/// The remainder mod 97 of the IBAN's number form for `bban ‖ country ‖ check`, reduced only
/// when the number nears 2^50 (the remainder is the same, for a fraction of the divisions).
fn mod97(bban: &[u8], country: &[u8], check: &[u8]) -> u32 {
    let rem = bban
        .iter()
        .chain(country)
        .chain(check)
        .fold(0u64, |rem, &c| {
            let c = c.to_ascii_uppercase();
            let next = if c.is_ascii_digit() {
                rem * 10 + u64::from(c - b'0')
            } else {
                rem * 100 + u64::from(c.saturating_sub(b'A')) + 10
            };
            if next >= 1 << 50 {
                next % 97
            } else {
                next
            }
        });
    u32::try_from(rem % 97).unwrap_or(0)
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
    mod97(iban.bban(), iban.country(), iban.check()) == 1
}

impl<'a> Parsed<'a> for Iban<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        parse(value)
    }

    fn ours(&self, keyed: &Keyed) -> bool {
        let mut expected = [0u8; MAX_LEN];
        let bban = self.bban();
        let Some(expected) = expected.get_mut(..bban.len()) else {
            return false;
        };
        expected.copy_from_slice(bban);
        tag_into(keyed, self.country(), expected, self.tag_start());
        expected == bban && is_valid(self)
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        let mut stream = keyed.seed(Domain::Iban).lower_ascii(self.chars()).stream();
        let mut new = [0u8; MAX_LEN];
        let bban = self.bban();
        let Some(new_bban) = new.get_mut(4..4 + bban.len()) else {
            return;
        };
        for (n, &c) in new_bban.iter_mut().zip(bban) {
            *n = if c.is_ascii_digit() {
                b'0' + stream.digit()
            } else if c.is_ascii_uppercase() {
                stream.pick(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b'A')
            } else {
                stream.pick(b"abcdefghijklmnopqrstuvwxyz", b'a')
            };
        }
        tag_into(keyed, self.country(), new_bban, self.tag_start());
        let check = check_digits(self.country(), new_bban);
        if let Some(country) = new.get_mut(..2) {
            country.copy_from_slice(self.country());
        }
        if let Some(digits) = new.get_mut(2..4) {
            digits.copy_from_slice(&check);
        }
        // `parse` took only ASCII letters, digits and spaces.
        let mut chars = new.iter().take(self.len);
        super::push_mapped(out, self.value.as_bytes(), |c| {
            if c.is_ascii_alphanumeric() {
                chars.next().copied().unwrap_or(c)
            } else {
                c
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};
    use crate::redact::pseudonym::{check, make};
    use proptest::prelude::*;

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Iban>(keyed, value)
    }

    fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
        check::<Iban>(keyed, value)
    }

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
