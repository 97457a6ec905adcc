//! Payment card numbers: same length, same separators, same issuer prefix, Luhn-valid.
//!
//! Layout of the digits: `prefix | free | tag | check`.
//! - prefix: the first 6 digits (the BIN: brand and issuer, what a shadow service's card
//!   validation and routing look at) for cards of 16 digits or more, the first 4 (still the
//!   brand) for shorter ones (Amex, old Visa, Maestro), so that those keep a usable image.
//! - tag: `t = min(6, max(n - 2, n / 2))` keyed digits over the prefix and the `n - t` free
//!   digits before it ([`digits::tag_len`]); 6 for every common length.
//! - check: the Luhn digit.
//!
//! A 16-digit card has 10^3 pseudonyms per BIN and a real Luhn-valid card is taken for one of
//! ours with probability 10^-6; a 15-digit Amex has 10^4 per 4-digit prefix, same rate.

use super::digits::{self, DigitLayout, MAX_DIGITS};
use super::{Domain, Keyed, Parsed};

const SEPARATORS: [char; 2] = [' ', '-'];

/// A card number as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Card<'a>(DigitLayout<'a>);

/// Card numbers are 12 (Maestro) to 19 digits long.
pub(super) fn parse(value: &str) -> Option<DigitLayout<'_>> {
    let layout = DigitLayout::parse(value, &SEPARATORS, 12..=19)?;
    (layout.starts_with_digit() && layout.ends_with_digit()).then_some(layout)
}

/// `(prefix, tag)` lengths for a card of `n` digits.
fn plan(n: usize) -> (usize, usize) {
    let prefix = if n >= 16 { 6 } else { 4 };
    let tag = digits::tag_len(n.saturating_sub(prefix + 1));
    (prefix, tag)
}

impl<'a> Parsed<'a> for Card<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        parse(value).map(Card)
    }

    fn ours(&self, keyed: &Keyed) -> bool {
        let d = self.0.digits();
        let (_, tag) = plan(d.len());
        let body_len = d.len().saturating_sub(tag + 1);
        match (
            d.get(..body_len),
            d.get(body_len..d.len().saturating_sub(1)),
        ) {
            (Some(body), Some(found)) => {
                crate::luhn::is_valid(d) && digits::has_tag(keyed, Domain::Card, body, found)
            }
            _ => false,
        }
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        let input = self.0.digits();
        let n = input.len();
        let (prefix, tag) = plan(n);
        let body_len = n.saturating_sub(tag + 1);
        let mut stream = keyed.seed(Domain::Card).digits(input).stream();
        let mut new = [0u8; MAX_DIGITS];
        for (i, d) in new.iter_mut().enumerate().take(body_len) {
            *d = match input.get(i) {
                Some(&kept) if i < prefix => kept,
                _ => stream.digit(),
            };
        }
        let (body, rest) = new.split_at_mut(body_len.min(MAX_DIGITS));
        if let Some(tag_digits) = rest.get_mut(..tag) {
            digits::tag(keyed, Domain::Card, body, tag_digits);
        }
        let check_at = n.saturating_sub(1);
        let check = crate::luhn::check_digit(new.get(..check_at).unwrap_or(&[]));
        if let Some(d) = new.get_mut(check_at) {
            *d = check;
        }
        self.0.render_into(new.get(..n).unwrap_or(&[]), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};
    use crate::redact::pseudonym::{check, make};
    use proptest::prelude::*;

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Card>(keyed, value)
    }

    fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
        check::<Card>(keyed, value)
    }

    fn digits_of(s: &str) -> Vec<u8> {
        s.chars()
            .filter(char::is_ascii_digit)
            .map(digits::digit_value)
            .collect()
    }

    #[test]
    fn table() {
        let k = keyed();
        // (input, digits of the prefix that must be kept)
        for (input, kept) in [
            ("4111 1111 1111 1111", "411111"),
            ("4111-1111-1111-1111", "411111"),
            ("4111111111111111", "411111"),
            ("5555555555554444", "555555"),
            ("3782 822463 10005", "3782"),
            ("6011111111111117", "601111"),
            ("4222222222222", "4222"),
            ("6759649826438453", "675964"),
            ("6304000000000000018", "630400"),
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert!(crate::luhn::is_valid(&digits_of(&out)), "{input} -> {out}");
            assert!(
                out.replace([' ', '-'], "").starts_with(kept),
                "{input} -> {out}"
            );
            assert_ne!(out, input);
            assert_eq!(recognises(&k, &out), Some(true));
            assert_eq!(recognises(&k, input), Some(false));
        }
    }

    #[test]
    fn same_card_in_any_layout_gets_the_same_digits() {
        let k = keyed();
        let a = pseudonymize(&k, "4111 1111 1111 1111").unwrap();
        let b = pseudonymize(&k, "4111-1111-1111-1111").unwrap();
        assert_eq!(a.replace(' ', ""), b.replace('-', ""));
    }

    #[test]
    fn not_a_card() {
        let k = keyed();
        for v in [
            "abc",
            "",
            "4111",
            "4111 1111 1111 1111 1111",
            "-4111111111111111",
            "4111_1111_1111_1111",
        ] {
            assert_eq!(pseudonymize(&k, v), None, "{v}");
            assert_eq!(recognises(&k, v), None, "{v}");
        }
    }

    fn valid_card() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(0u8..10, 11..=18),
            prop::sample::select(vec!["", " ", "-"]),
        )
            .prop_map(|(mut body, sep)| {
                body.push(crate::luhn::check_digit(&body));
                let text: String = body.iter().map(|&d| digits::digit_char(d)).collect();
                text.as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>()
                    .join(sep)
            })
    }

    proptest! {
        #[test]
        fn any_valid_card_stays_a_valid_card_of_the_same_issuer(card in valid_card()) {
            let k = keyed();
            let out = pseudonymize(&k, &card).unwrap();
            prop_assert_eq!(classes(&out), classes(&card));
            let (a, b) = (digits_of(&card), digits_of(&out));
            prop_assert!(crate::luhn::is_valid(&b));
            prop_assert_eq!(&a[..4], &b[..4]);
            prop_assert_eq!(recognises(&k, &out), Some(true));
        }
    }
}
