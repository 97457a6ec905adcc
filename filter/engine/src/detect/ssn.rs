//! US Social Security numbers.
//!
//! Only the delimited form `AAA-GG-SSSS` (dashes, spaces or dots, the same twice) is
//! detected in free text: a bare nine-digit number is far more often an id, a ZIP+4 or a
//! routing number than an SSN, and replacing ids would break the mirrored traffic. A bare SSN
//! under a key such as `ssn` is caught by the field classifier instead.
//!
//! The SSA's rules: area 001-899 except 666, group 01-99, serial 0001-9999. Numbers the SSA
//! published as examples and runs of one digit are rejected as well.

use super::bytes::{at, digits_value, is_digit, numeric_end};

/// SSNs that were printed in advertising or used as examples, never issued to a person.
const SAMPLES: [&[u8; 9]; 3] = [b"078051120", b"219099999", b"123456789"];

/// The end of an SSN starting at `start` (a digit at a number boundary).
pub(super) fn scan(b: &[u8], start: usize) -> Option<usize> {
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
            "078051121",   // bare
            "078-05-11234",
            "078-05-1123-1",
            "078-05-1123x",
            "2024-05-0100",
        ] {
            assert_eq!(scan(text.as_bytes(), 0), None, "{text}");
        }
    }
}
