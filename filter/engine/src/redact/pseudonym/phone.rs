//! Phone numbers: same layout (separators, length, `+`, country code), so the shadow's
//! validation still passes.
//!
//! - NANP numbers (`+1`, `1-` or a bare 10-digit `NXX-NXX-XXXX`) become `NPA-555-01XX` with a
//!   keyed, valid area code (first digit 2-9, no `N9X`, no `N11`). 555-0100..555-0199 is set
//!   aside as fictional in every area code, so a shadow service that dials or texts the number
//!   reaches nobody, and no real number is ever taken for a pseudonym. 712 area codes × 100
//!   lines = 71,200 pseudonyms.
//! - Other numbers keep the country code (with `+` or `00`), or the trunk zeros of a national
//!   number, plus the first 1-2 national digits (operator or area prefix, which many validators
//!   check). The remaining `free` digits are keyed random, and the last
//!   `t = min(6, max(free - 2, free / 2))` of them are a keyed tag ([`digits::tag_len`]): a
//!   real number is taken for one of ours with probability `10^-t`, 10^-5 or 10^-6 for the
//!   mobile and geographic numbers of nearly every country, at the price of 100 to 1,000
//!   pseudonyms per kept prefix. There is no fictional range common to all countries: a
//!   pseudonym may be someone's real number, so use `mask` if the shadow could call it.
//! - A nine-digit number laid out like an SSN (`078 00 1123`, `078-00-1123`, `078001123`)
//!   keeps at most its first three digits, gets `00` as its next two (a group the SSA never
//!   issues) and a 4-digit tag as its last four. Any other pseudonym of that layout could be a
//!   valid SSN, which a second pass would detect and replace: redaction would not be
//!   idempotent. The price is 1 to 10 pseudonyms per kept prefix; a real number of that
//!   layout passes for one of ours with probability 10^-6 (group `00` and the tag).

use super::digits::{self, DigitLayout, MAX_DIGITS};
use super::{Domain, Keyed, Parsed};

const SEPARATORS: [char; 7] = [' ', '-', '.', '(', ')', '/', '+'];

/// The two-digit ITU-T E.164 country codes; `1` and `7` are the one-digit ones and every other
/// code has three digits.
const TWO_DIGIT_CODES: [u8; 44] = [
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
    57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
];

fn country_code_len(d: &[u8]) -> usize {
    match d {
        [1, ..] | [7, ..] => 1,
        [a, b, ..] if TWO_DIGIT_CODES.contains(&(a * 10 + b)) => 2,
        _ => 3,
    }
}

pub(super) fn parse(value: &str) -> Option<DigitLayout<'_>> {
    // `+` only as the very first character.
    if value.get(1..).is_some_and(|rest| rest.contains('+')) {
        return None;
    }
    let layout = DigitLayout::parse(value, &SEPARATORS, 7..=15)?;
    layout.ends_with_digit().then_some(layout)
}

/// How the digits of a number are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// `kept` digits (`1`, `001`, or none) then a 10-digit NANP number.
    Nanp { kept: usize },
    /// `kept` digits, then free digits ending in `tag` tag digits.
    Other { kept: usize, tag: usize },
    /// Nine digits laid out like an SSN: `kept` digits (at most 3), free digits up to the
    /// third, `00`, then 4 tag digits.
    SsnLike { kept: usize },
}

/// Where an SSN-like phone number's `00` group starts, and its tag.
const SSN_GROUP: usize = 3;
const SSN_SERIAL: usize = 5;

/// Whether `value` (after a leading `+`) is nine digits, bare or as `DDD-DD-DDDD` with one
/// separator (`-`, space or `.`) twice: the layouts the SSN detector takes when the SSA's
/// rules hold.
fn ssn_like(value: &str) -> bool {
    let b = value.strip_prefix('+').unwrap_or(value).as_bytes();
    match b.len() {
        9 => b.iter().all(u8::is_ascii_digit),
        11 => {
            let sep = b.get(3).copied();
            matches!(sep, Some(b'-' | b' ' | b'.'))
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 3 || i == 6 {
                        Some(*c) == sep
                    } else {
                        c.is_ascii_digit()
                    }
                })
        }
        _ => false,
    }
}

/// Depends only on the `+`, the digit count and the kept digits, all of which a pseudonym
/// keeps: a pseudonym gets the plan of its input.
fn plan(plus: bool, d: &[u8]) -> Plan {
    let n = d.len();
    let international = if plus {
        Some(0)
    } else if d.starts_with(&[0, 0]) {
        Some(2)
    } else {
        None
    };
    let kept = match international {
        Some(start) => {
            let national = d.get(start..).unwrap_or(&[]);
            if national.first() == Some(&1) && national.len() == 11 {
                return Plan::Nanp { kept: start + 1 };
            }
            start + country_code_len(national)
        }
        None => {
            if n == 11 && d.first() == Some(&1) {
                return Plan::Nanp { kept: 1 };
            }
            if n == 10 && d.first().is_some_and(|&x| x >= 2) {
                return Plan::Nanp { kept: 0 };
            }
            d.iter().take_while(|&&x| x == 0).count()
        }
    };
    let lead = if n.saturating_sub(kept) >= 8 { 2 } else { 1 };
    let kept = (kept + lead).min(n);
    let tag = digits::tag_len(n.saturating_sub(kept));
    Plan::Other { kept, tag }
}

/// A phone number as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Phone<'a> {
    layout: DigitLayout<'a>,
    plan: Plan,
}

impl<'a> Parsed<'a> for Phone<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        let layout = parse(value)?;
        let plan = match plan(value.starts_with('+'), layout.digits()) {
            Plan::Other { kept, .. } if ssn_like(value) => Plan::SsnLike {
                kept: kept.min(SSN_GROUP),
            },
            plan => plan,
        };
        Some(Self { layout, plan })
    }

    fn ours(&self, keyed: &Keyed) -> bool {
        let d = self.layout.digits();
        match self.plan {
            // Every 555-01XX number is fictional, whoever made it.
            Plan::Nanp { kept } => d
                .get(kept + 3..kept + 8)
                .is_some_and(|line| line == [5, 5, 5, 0, 1]),
            Plan::Other { tag, .. } => {
                let body_len = d.len().saturating_sub(tag);
                match (d.get(..body_len), d.get(body_len..)) {
                    (Some(body), Some(found)) => digits::has_tag(keyed, Domain::Phone, body, found),
                    _ => false,
                }
            }
            Plan::SsnLike { .. } => match (d.get(..SSN_SERIAL), d.get(SSN_SERIAL..)) {
                (Some(body), Some(found)) => {
                    body.get(SSN_GROUP..) == Some(&[0, 0])
                        && digits::has_tag(keyed, Domain::Phone, body, found)
                }
                _ => false,
            },
        }
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        let input = self.layout.digits();
        let n = input.len();
        let mut stream = keyed.seed(Domain::Phone).digits(input).stream();
        let mut new = [0u8; MAX_DIGITS];
        new.iter_mut().zip(input).for_each(|(d, &i)| *d = i);
        match self.plan {
            Plan::Nanp { kept } => {
                let npa = area_code(&mut stream);
                let line = [5, 5, 5, 0, 1, stream.digit(), stream.digit()];
                for (d, &x) in new.iter_mut().skip(kept).zip(npa.iter().chain(&line)) {
                    *d = x;
                }
            }
            Plan::Other { kept, tag } => {
                let body_len = n.saturating_sub(tag).min(MAX_DIGITS);
                for d in new.iter_mut().take(body_len).skip(kept) {
                    *d = stream.digit();
                }
                let (body, rest) = new.split_at_mut(body_len);
                if let Some(tag_digits) = rest.get_mut(..tag) {
                    digits::tag(keyed, Domain::Phone, body, tag_digits);
                }
            }
            Plan::SsnLike { kept } => {
                for (i, d) in new.iter_mut().enumerate().take(SSN_SERIAL).skip(kept) {
                    *d = if i < SSN_GROUP { stream.digit() } else { 0 };
                }
                let (body, rest) = new.split_at_mut(SSN_SERIAL);
                if let Some(tag_digits) = rest.get_mut(..n.saturating_sub(SSN_SERIAL)) {
                    digits::tag(keyed, Domain::Phone, body, tag_digits);
                }
            }
        }
        self.layout.render_into(new.get(..n).unwrap_or(&[]), out);
    }
}

/// A keyed valid NPA: `[2-9][0-8][0-9]`, not `N11`.
fn area_code(stream: &mut super::Stream) -> [u8; 3] {
    for _ in 0..16 {
        let npa = [
            u8::try_from(stream.within(2..=9)).unwrap_or(2),
            u8::try_from(stream.within(0..=8)).unwrap_or(0),
            stream.digit(),
        ];
        if npa[1..] != [1, 1] {
            return npa;
        }
    }
    [2, 0, 1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};
    use crate::redact::pseudonym::{check, make};
    use proptest::prelude::*;

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Phone>(keyed, value)
    }

    fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
        check::<Phone>(keyed, value)
    }

    fn nanp_digits(s: &str) -> String {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        d[d.len() - 10..].to_owned()
    }

    /// NANP rules: NPA and NXX start with 2-9, NPA is not N9X or N11; the line is fictional.
    fn valid_fictional_nanp(s: &str) -> bool {
        let d = nanp_digits(s).into_bytes();
        let npa_ok =
            (b'2'..=b'9').contains(&d[0]) && d[1] != b'9' && !(d[1] == b'1' && d[2] == b'1');
        npa_ok && &d[3..8] == b"55501"
    }

    #[test]
    fn nanp_numbers_become_fictional_nanp_numbers() {
        let k = keyed();
        for input in [
            "+1 415-555-2671",
            "+14155552671",
            "(415) 555-2671",
            "415.555.2671",
            "1-800-275-2273",
            "001 212 736 5000",
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert!(valid_fictional_nanp(&out), "{input} -> {out}");
            assert_eq!(recognises(&k, &out), Some(true));
            assert_eq!(recognises(&k, input), Some(false));
        }
        let out = pseudonymize(&k, "+1 415-555-2671").unwrap();
        assert!(out.starts_with("+1 "));
    }

    #[test]
    fn international_numbers_keep_country_and_prefix() {
        let k = keyed();
        for (input, kept) in [
            ("+44 7911 123456", "+44 79"),
            ("+33 6 12 34 56 78", "+33 6 1"),
            ("+49 30 901820", "+49 3"),
            ("+353 85 123 4567", "+353 85"),
            ("+7 912 345-67-89", "+7 91"),
            ("0044 20 7946 0958", "0044 20"),
            ("020 7946 0958", "020 "),
            ("06-12345678", "06-1"),
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert!(out.starts_with(kept), "{input} -> {out}");
            assert_ne!(out, input);
            assert_eq!(recognises(&k, &out), Some(true), "{out}");
            assert_eq!(recognises(&k, input), Some(false));
        }
    }

    /// The SSA's rules, written independently of the SSN module.
    fn valid_ssn(s: &str) -> bool {
        let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        let number = |r: std::ops::Range<usize>| d[r].iter().fold(0, |n, &x| n * 10 + x);
        d.len() == 9
            && !matches!(number(0..3), 0 | 666 | 900..)
            && number(3..5) != 0
            && number(5..9) != 0
    }

    #[test]
    fn numbers_laid_out_like_ssns_never_become_valid_ssns() {
        let k = keyed();
        for (input, kept) in [
            ("078 00 1123", "078 00 "),
            ("078-00-1123", "078-00-"),
            ("078.00.1123", "078.00."),
            ("078001123", "07800"),
            ("234 00 5678", "23"),
            ("612 34 5678", "61"),
            ("+612 34 5678", "+612 00 "),
            ("001 23 4567", "001 00 "),
            ("612345678", "61"),
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert!(out.starts_with(kept), "{input} -> {out}");
            assert!(!valid_ssn(&out), "{input} -> {out}");
            assert_eq!(recognises(&k, &out), Some(true), "{out}");
            assert_eq!(recognises(&k, input), Some(false), "{input}");
        }
        // Other layouts of nine digits keep their variety.
        let out = pseudonymize(&k, "612 345 678").unwrap();
        assert_eq!(recognises(&k, &out), Some(true));
        for (layout, expected) in [
            ("078 00 1123", true),
            ("+078-00-1123", true),
            ("078001123", true),
            ("078-00 1123", false),
            ("078 001 123", false),
            ("0780011234", false),
        ] {
            assert_eq!(ssn_like(layout), expected, "{layout}");
        }
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code_len(&[1, 4, 1, 5]), 1);
        assert_eq!(country_code_len(&[7, 9]), 1);
        assert_eq!(country_code_len(&[4, 4, 7]), 2);
        assert_eq!(country_code_len(&[4, 2, 0]), 3);
        assert_eq!(country_code_len(&[3, 5, 3]), 3);
        assert_eq!(country_code_len(&[8, 6, 1]), 2);
        assert_eq!(country_code_len(&[]), 3);
    }

    #[test]
    fn not_a_phone() {
        let k = keyed();
        for v in [
            "",
            "12345",
            "call me",
            "+1+2345678",
            "1234567890123456",
            "123-4567 ext 5",
        ] {
            assert_eq!(pseudonymize(&k, v), None, "{v}");
        }
    }

    proptest! {
        #[test]
        fn any_phone_keeps_layout_and_is_recognised(s in "\\+?[0-9][0-9 ().-]{6,18}[0-9]") {
            let k = keyed();
            if let Some(out) = pseudonymize(&k, &s) {
                prop_assert_eq!(classes(&out), classes(&s));
                prop_assert_eq!(recognises(&k, &out), Some(true));
                prop_assert!(!(ssn_like(&out) && valid_ssn(&out)), "{}", out);
            }
        }

        #[test]
        fn no_ssn_layout_gives_a_valid_ssn(n in 0u32..1_000_000_000, sep in 0usize..4, plus: bool) {
            let k = keyed();
            let sep = ["-", " ", ".", ""][sep];
            let sign = if plus { "+" } else { "" };
            let (a, g, s) = (n / 1_000_000, n / 10_000 % 100, n % 10_000);
            let input = format!("{sign}{a:03}{sep}{g:02}{sep}{s:04}");
            if let Some(out) = pseudonymize(&k, &input) {
                prop_assert!(!valid_ssn(&out), "{} -> {}", input, out);
                prop_assert_eq!(classes(&out), classes(&input));
                prop_assert_eq!(recognises(&k, &out), Some(true));
            }
        }
    }
}
