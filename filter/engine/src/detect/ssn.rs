//! US Social Security numbers.
//!
//! The delimited form `AAA-GG-SSSS` (dashes, spaces or dots, the same twice) is detected
//! anywhere. A bare nine-digit number inside text is far more often an order number, a ZIP+4
//! or a routing number than an SSN (reporting each one that passes the rules below altered 8%
//! of the labelled corpus's numeric ids), so there it is an SSN only right after a keyword
//! that says so (`SSN: 078051121`, `social security number`). A value that is nothing but
//! the nine digits (a search term, a form field, a text body) is one too, as it is for
//! Presidio: the values that are identifiers, under keys such as `id` or `order_number` and
//! in path segments, are spared by the redactor (see `Redactor::field_in`), and under a key
//! such as `ssn` the field classifier catches the value whatever its form.
//!
//! The SSA's rules: area 001-899 except 666, group 01-99, serial 0001-9999. Numbers the SSA
//! published as examples and runs of one digit are rejected as well.

use super::bytes::{at, digits_value, is_digit, numeric_end};
use super::context::{self, Keyword};

/// SSNs that were printed in advertising or used as examples, never issued to a person.
const SAMPLES: [&[u8; 9]; 3] = [b"078051120", b"219099999", b"123456789"];

/// What names a bare number an SSN: `ssn` as a word, or `social security`, in any case.
const KEYWORDS: &[Keyword] = &[Keyword::word(b"ssn"), Keyword::phrase(b"social security")];

/// The end of an SSN starting at `start` (a digit at a number boundary).
pub(super) fn scan(b: &[u8], start: usize) -> Option<usize> {
    if is_digit(at(b, start + 3)) {
        return scan_bare(b, start);
    }
    let sep = at(b, start + 3);
    if !matches!(sep, b'-' | b' ' | b'.') || at(b, start + 6) != sep {
        return None;
    }
    let mut digits = [0u8; 9];
    let layout = [(0usize, 3usize), (4, 2), (7, 4)];
    let mut k = 0;
    for (offset, len) in layout {
        for j in 0..len {
            let c = at(b, start + offset + j);
            if !is_digit(c) {
                return None;
            }
            if let Some(slot) = digits.get_mut(k) {
                *slot = c;
            }
            k += 1;
        }
    }
    let end = start + 11;
    if !numeric_end(b, end) || !valid(&digits) {
        return None;
    }
    Some(end)
}

/// Nine digits after an SSN keyword, or making up the whole value.
fn scan_bare(b: &[u8], start: usize) -> Option<usize> {
    let d: [u8; 9] = b.get(start..start + 9)?.try_into().ok()?;
    let end = start + 9;
    let ok = d.iter().all(|&c| is_digit(c))
        && numeric_end(b, end)
        && valid(&d)
        && context::names(b, start, end, KEYWORDS);
    ok.then_some(end)
}

/// The SSA's structural rules on nine ASCII digits.
pub(super) fn valid(d: &[u8; 9]) -> bool {
    let area = digits_value(d.get(0..3).unwrap_or(&[]));
    let group = digits_value(d.get(3..5).unwrap_or(&[]));
    let serial = digits_value(d.get(5..9).unwrap_or(&[]));
    let one_digit = d.iter().all(|&c| c == d[0]);
    (1..900).contains(&area)
        && area != 666
        && group != 0
        && serial != 0
        && !one_digit
        && !SAMPLES.contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SSN found at the last number of `text`, if any.
    fn bare(text: &str) -> Option<&str> {
        let start = text
            .rfind(|c: char| !c.is_ascii_digit() && c != 'x' && c != '.')
            .map_or(0, |i| i + 1);
        scan(text.as_bytes(), start).map(|end| &text[start..end])
    }

    #[test]
    fn us_ssn_after_a_keyword() {
        for text in [
            "SSN: 078051121",
            "my ssn is 078051121",
            "ssn=078051121",
            "Social Security Number (SSN): 078051121",
            "social security no. 078051121.",
            "customer_ssn=078051121",
            "078051121",
        ] {
            assert_eq!(bare(text), Some("078051121"), "{text}");
        }
        for text in [
            "order 078051121",                                           // another keyword
            "lessn 078051121",                                           // `ssn` inside a word
            "SSN: 078051120",                                            // the Woolworth sample
            "SSN: 000123456",                                            // area 000
            "SSN: 0780511210",                                           // ten digits
            "SSN: 078051121x",                                           // glued to a word
            "SSN verified at the branch yesterday, reference 123456782", // too far
        ] {
            assert_eq!(bare(text), None, "{text}");
        }
    }

    #[test]
    fn a_bare_ssn_that_is_the_whole_value() {
        assert_eq!(scan(b" 078051121\r\n", 1), Some(10));
        assert_eq!(scan(b"\t536904399", 1), Some(10));
        assert_eq!(scan(b"#078051121", 1), None);
        assert_eq!(scan(b"078051121/", 0), None);
    }

    #[test]
    fn delimited_ssns() {
        for text in ["078-05-1123", "078 05 1123", "078.05.1123", "536-90-4399"] {
            assert_eq!(scan(text.as_bytes(), 0), Some(11), "{text}");
        }
        assert_eq!(scan(b"078-05-1123.", 0), Some(11));
    }

    #[test]
    fn rule_breakers_and_look_alikes() {
        for text in [
            "000-12-3456",       // area 000
            "666-12-3456",       // area 666
            "912-12-3456",       // area 9xx
            "123-00-4567",       // group 00
            "123-45-0000",       // serial 0000
            "078-05-1120",       // Woolworth's sample
            "111-11-1111",       // one digit
            "693-09.4444",       // mixed delimiters
            "078051121 shipped", // bare, no keyword, not the whole value
            "078051121-1",
            "078-05-11234",
            "078-05-1123-1",
            "078-05-1123x",
            "2024-05-0100",
        ] {
            assert_eq!(scan(text.as_bytes(), 0), None, "{text}");
        }
    }
}
