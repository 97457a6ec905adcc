//! US Social Security numbers.
//!
//! The delimited form `AAA-GG-SSSS` (dashes, spaces or dots, the same twice) is detected
//! anywhere. A bare nine-digit number is far more often an id, a ZIP+4 or a routing number
//! than an SSN (reporting each one that passes the rules below altered 8% of the labelled
//! corpus's numeric ids), so it is an SSN only right after a keyword that says so (`SSN:`,
//! `social security number`); under a key such as `ssn` the field classifier catches it.
//!
//! The SSA's rules: area 001-899 except 666, group 01-99, serial 0001-9999. Numbers the SSA
//! published as examples and runs of one digit are rejected as well.

use super::bytes::{at, digits_value, is_digit, numeric_end};

/// SSNs that were printed in advertising or used as examples, never issued to a person.
const SAMPLES: [&[u8; 9]; 3] = [b"078051120", b"219099999", b"123456789"];

/// How far before a bare number its keyword may start (`Social Security Number (SSN): `).
const KEYWORD_WINDOW: usize = 40;

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

/// Nine digits after an SSN keyword.
fn scan_bare(b: &[u8], start: usize) -> Option<usize> {
    let d: [u8; 9] = b.get(start..start + 9)?.try_into().ok()?;
    let end = start + 9;
    let ok = d.iter().all(|&c| is_digit(c))
        && numeric_end(b, end)
        && valid(&d)
        && after_keyword(b.get(start.saturating_sub(KEYWORD_WINDOW)..start)?);
    ok.then_some(end)
}

/// Whether `window` (the text just before a number) names an SSN: `ssn` as a word, or
/// `social security`, in any case.
fn after_keyword(window: &[u8]) -> bool {
    let word = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
    let found = |needle: &[u8], whole_word: bool| {
        window.windows(needle.len()).enumerate().any(|(i, w)| {
            w.eq_ignore_ascii_case(needle)
                && !(whole_word
                    && (word(i.checked_sub(1).and_then(|j| window.get(j)))
                        || word(window.get(i + needle.len()))))
        })
    };
    found(b"ssn", true) || found(b"social security", false)
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
        let digits = text.rfind(|c: char| !c.is_ascii_digit() && c != 'x' && c != '.')?;
        let start = digits + 1;
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
        ] {
            assert_eq!(bare(text), Some("078051121"), "{text}");
        }
        for text in [
            "078051121",                                                 // no keyword
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
    fn delimited_ssns() {
        for text in ["078-05-1123", "078 05 1123", "078.05.1123", "536-90-4399"] {
            assert_eq!(scan(text.as_bytes(), 0), Some(11), "{text}");
        }
        assert_eq!(scan(b"078-05-1123.", 0), Some(11));
    }

    #[test]
    fn rule_breakers_and_look_alikes() {
        for text in [
            "000-12-3456", // area 000
            "666-12-3456", // area 666
            "912-12-3456", // area 9xx
            "123-00-4567", // group 00
            "123-45-0000", // serial 0000
            "078-05-1120", // Woolworth's sample
            "111-11-1111", // one digit
            "693-09.4444", // mixed delimiters
            "078051121",   // bare, no keyword
            "078-05-11234",
            "078-05-1123-1",
            "078-05-1123x",
            "2024-05-0100",
        ] {
            assert_eq!(scan(text.as_bytes(), 0), None, "{text}");
        }
    }
}
