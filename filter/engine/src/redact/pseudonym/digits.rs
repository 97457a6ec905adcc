//! Values made of digits and separators (cards, phone numbers, SSNs): the digits change, every
//! separator stays where it was.

use std::ops::RangeInclusive;

use super::{Domain, Keyed};

/// The most digits a [`DigitLayout`] holds: more than any card (19), phone number (15) or SSN.
pub(super) const MAX_DIGITS: usize = 20;

/// A value whose ASCII digits can be replaced while its layout stays.
#[derive(Debug, Clone, Copy)]
pub(super) struct DigitLayout<'a> {
    value: &'a str,
    digits: [u8; MAX_DIGITS],
    len: usize,
}

impl<'a> DigitLayout<'a> {
    /// `value` if it holds only ASCII digits and `separators`, with a digit count in `count`
    /// (at most [`MAX_DIGITS`]).
    pub(super) fn parse(
        value: &'a str,
        separators: &[char],
        count: RangeInclusive<usize>,
    ) -> Option<Self> {
        let mut digits = [0u8; MAX_DIGITS];
        let mut len = 0;
        for c in value.bytes() {
            if c.is_ascii_digit() {
                *digits.get_mut(len)? = c - b'0';
                len += 1;
            } else if !separators.contains(&char::from(c)) {
                return None;
            }
        }
        count.contains(&len).then_some(Self { value, digits, len })
    }

    pub(super) fn digits(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or(&[])
    }

    /// The layout with `digits` in place of the original ones, appended to `out`. Missing
    /// digits leave the original digit; extra digits are ignored (callers always pass the
    /// same count).
    pub(super) fn render_into(&self, digits: &[u8], out: &mut String) {
        let mut next = 0;
        let mut digit = |c: u8| {
            if c.is_ascii_digit() {
                let new = digits.get(next).map_or(c, |&d| b'0' + d % 10);
                next += 1;
                new
            } else {
                c
            }
        };
        // A layout is digits and separators; with ASCII separators (every format's) it is
        // rendered through a stack buffer instead of a character at a time.
        if self.value.is_ascii() {
            super::push_mapped(out, self.value.as_bytes(), digit);
            return;
        }
        out.extend(self.value.chars().map(|c| match u8::try_from(c) {
            Ok(b) => char::from(digit(b)),
            Err(_) => c,
        }));
    }

    #[cfg(test)]
    fn render(&self, digits: &[u8]) -> String {
        let mut out = String::new();
        self.render_into(digits, &mut out);
        out
    }

    pub(super) fn starts_with_digit(&self) -> bool {
        self.value.starts_with(|c: char| c.is_ascii_digit())
    }

    pub(super) fn ends_with_digit(&self) -> bool {
        self.value.ends_with(|c: char| c.is_ascii_digit())
    }
}

#[cfg(test)]
pub(super) fn digit_value(c: char) -> u8 {
    u8::try_from(c.to_digit(10).unwrap_or(0)).unwrap_or(0)
}

#[cfg(test)]
pub(super) fn digit_char(d: u8) -> char {
    char::from(b'0' + d % 10)
}

/// How many of `free` keyed digits are a tag: all but two (which keep 100 pseudonyms per kept
/// prefix), at most six (a real value passes for a pseudonym with probability 10^-6), and at
/// least half for very short numbers.
///
/// A real value that carries its tag is taken for a pseudonym and forwarded as it is, so the
/// tag is as long as variety allows: a shadow service rarely needs more than a hundred
/// distinct numbers per prefix, and a leak at 10^-4 per value would be expected in any
/// sizeable traffic sample.
pub(super) fn tag_len(free: usize) -> usize {
    free.saturating_sub(2).max(free / 2).min(6)
}

/// Fills `out` with tag digits: a keyed function of `body`, so a value carrying them is (with
/// probability `1 - 10^-len` for a value that is not) this key's pseudonym.
pub(super) fn tag(keyed: &Keyed, format: Domain, body: &[u8], out: &mut [u8]) {
    let mut stream = keyed.tag(format).digits(body).stream();
    for d in out {
        *d = stream.digit();
    }
}

/// Whether `found` are the tag digits of `body`.
pub(super) fn has_tag(keyed: &Keyed, format: Domain, body: &[u8], found: &[u8]) -> bool {
    let mut stream = keyed.tag(format).digits(body).stream();
    found.iter().all(|&d| stream.digit() == d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lengths() {
        let got: Vec<usize> = (0..=10).map(tag_len).collect();
        assert_eq!(got, [0, 0, 1, 1, 2, 3, 4, 5, 6, 6, 6]);
    }

    fn digits(s: &str) -> Vec<u8> {
        s.chars()
            .filter(char::is_ascii_digit)
            .map(digit_value)
            .collect()
    }

    #[test]
    fn luhn_matches_published_test_numbers() {
        for valid in [
            "4111 1111 1111 1111",
            "5555 5555 5555 4444",
            "378282246310005",
            "6011111111111117",
            "3530111333300000",
            "79927398713",
        ] {
            assert!(crate::luhn::is_valid(&digits(valid)), "{valid}");
        }
        for invalid in ["4111 1111 1111 1112", "79927398710", ""] {
            assert!(!crate::luhn::is_valid(&digits(invalid)), "{invalid}");
        }
        assert_eq!(crate::luhn::check_digit(&digits("7992739871")), 3);
    }

    #[test]
    fn layout_keeps_separators() {
        let l = DigitLayout::parse("(415) 555-2671", &['(', ')', ' ', '-'], 7..=15).unwrap();
        assert_eq!(l.digits(), &[4, 1, 5, 5, 5, 5, 2, 6, 7, 1]);
        assert_eq!(l.render(&[2, 1, 2, 5, 5, 5, 0, 1, 0, 0]), "(212) 555-0100");
        assert!(!l.starts_with_digit());
        assert!(l.ends_with_digit());
        assert!(DigitLayout::parse("415x555", &[' '], 1..=20).is_none());
        assert!(DigitLayout::parse("12 34", &[' '], 5..=9).is_none());
    }
}
