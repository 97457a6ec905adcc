//! Telephone numbers.
//!
//! Three shapes are recognised, each validated beyond "some digits":
//!
//! * international: `+CC …` or `00CC …`, with an assigned country calling code and an
//!   E.164 length (8 to 15 digits); `+1` numbers must also be valid NANP numbers;
//! * NANP (US, Canada, Caribbean): `(415) 555-0132`, `415-555-0132`, `415.555.0132`,
//!   `415 555 0132`, `415 5550132`, `4155550132`, optionally after `1-`; the area code and
//!   exchange must be plausible (no leading 0/1, no N11 service codes, no reserved N9X area);
//! * national with a trunk `0`: `020 7946 0958`, `09-7625400`, `01 23 45 67 89`: at least
//!   two groups with one kind of separator and 9 to 11 digits in all. A bare run of digits
//!   starting with 0 is never taken for a phone (zero-padded ids are too common).
//!
//! Dates, times, decimals and version strings fail these shapes; see the tests.

use super::bytes::{at, before, is_digit, is_word, numeric_end, run_len};

const MAX_GROUPS: usize = 8;
const MAX_DIGITS: usize = 17;

/// A run of digits, possibly in parentheses, and the separator written before it.
#[derive(Debug, Clone, Copy, Default)]
struct Group {
    start: usize,
    end: usize,
    /// Byte just past the group, after the `)` of a parenthesised group.
    byte_end: usize,
    paren: bool,
    /// `b' '`, `b'-'`, `b'.'`, or 0 when the group follows without a separator.
    sep_before: u8,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

#[derive(Debug)]
struct Groups {
    list: [Group; MAX_GROUPS],
    n: usize,
    /// False when the digits run on past what was read (too many groups or digits), so the
    /// last group read is not the end of the number.
    complete: bool,
}

fn tokenize(b: &[u8], mut i: usize) -> Groups {
    let mut out = Groups {
        list: [Group::default(); MAX_GROUPS],
        n: 0,
        complete: true,
    };
    let mut total = 0usize;
    let mut sep_before = 0u8;
    loop {
        let c = at(b, i);
        let group = if c == b'(' {
            let len = run_len(b, i + 1, is_digit);
            if !(1..=4).contains(&len) || at(b, i + 1 + len) != b')' {
                break;
            }
            Group {
                start: i + 1,
                end: i + 1 + len,
                byte_end: i + 2 + len,
                paren: true,
                sep_before,
            }
        } else if is_digit(c) {
            let len = run_len(b, i, is_digit);
            Group {
                start: i,
                end: i + len,
                byte_end: i + len,
                paren: false,
                sep_before,
            }
        } else {
            break;
        };
        total += group.len();
        let Some(slot) = out.list.get_mut(out.n) else {
            out.complete = false;
            break;
        };
        if total > MAX_DIGITS {
            out.complete = false;
            break;
        }
        *slot = group;
        out.n += 1;
        i = group.byte_end;
        let c = at(b, i);
        let next = at(b, i + 1);
        if matches!(c, b' ' | b'-' | b'.') && (is_digit(next) || next == b'(') {
            sep_before = c;
            i += 1;
        } else if c == b'(' || (group.paren && is_digit(c)) {
            sep_before = 0;
        } else {
            break;
        }
    }
    out
}

/// Tries the readings of `groups` from the longest down; a shorter reading may only stop at
/// a space. Returns the end of the first reading `accept` takes.
fn longest(b: &[u8], groups: &Groups, accept: impl Fn(&[u8], &[Group]) -> bool) -> Option<usize> {
    for k in (1..=groups.n).rev() {
        let last = k == groups.n && groups.complete;
        if !last && groups.list.get(k).is_none_or(|g| g.sep_before != b' ') {
            continue;
        }
        let Some(taken) = groups.list.get(..k) else {
            continue;
        };
        let Some(end) = taken.last().map(|g| g.byte_end) else {
            continue;
        };
        if last && !numeric_end(b, end) && !extension_follows(b, end) {
            continue;
        }
        if accept(b, taken) {
            return Some(end);
        }
    }
    None
}

/// Whether an extension glued to the number follows at `end`: `x` and one to six digits, as
/// in `415-555-2671x123`. The finding stops before it; the extension is a line inside an
/// organisation, not part of the number.
fn extension_follows(b: &[u8], end: usize) -> bool {
    let digits = run_len(b, end + 1, is_digit);
    matches!(at(b, end), b'x' | b'X')
        && (1..=6).contains(&digits)
        && !is_word(at(b, end + 1 + digits))
}

/// The digit values of `groups`, or `None` past [`MAX_DIGITS`].
fn digits(b: &[u8], groups: &[Group]) -> Option<([u8; MAX_DIGITS], usize)> {
    let mut out = [0u8; MAX_DIGITS];
    let mut n = 0;
    for g in groups {
        for i in g.start..g.end {
            *out.get_mut(n)? = at(b, i).wrapping_sub(b'0');
            n += 1;
        }
    }
    Some((out, n))
}

/// A phone number starting at a digit at a number boundary.
pub(super) fn scan_digits(b: &[u8], start: usize) -> Option<usize> {
    let len = run_len(b, start, is_digit);
    let after = at(b, start + len);
    let next = at(b, start + len + 1);
    let grouped =
        after == b'(' || (matches!(after, b' ' | b'-' | b'.') && (is_digit(next) || next == b'('));
    if !grouped {
        // One bare run of digits: only a NANP number, with or without its leading 1.
        if !matches!(len, 10 | 11) {
            return None;
        }
        let end = start + len;
        let mut d = [0u8; 11];
        for (slot, &c) in d.iter_mut().zip(b.get(start..end)?) {
            *slot = c - b'0';
        }
        let ok = match len {
            10 => nanp_digits(d.get(..10)?),
            11 => d[0] == 1 && nanp_digits(d.get(1..)?),
            _ => false,
        };
        return (ok && (numeric_end(b, end) || extension_follows(b, end))).then_some(end);
    }
    // Only four first groups start a grouped number: a NANP area code (`425-`), the NANP
    // country code (`1 `), a trunk prefix (`020 `) or an international prefix (`0044 `).
    let first = at(b, start);
    if !(len == 3 || (len == 1 && first == b'1') || (first == b'0' && len >= 2)) {
        return None;
    }
    let groups = tokenize(b, start);
    longest(b, &groups, |b, g| {
        nanp(b, g) || nanp_with_one(b, g) || national(b, g) || international_00(b, g)
    })
}

/// A phone number starting with `+` at `plus`.
pub(super) fn scan_plus(b: &[u8], plus: usize) -> Option<usize> {
    let p = before(b, plus);
    if is_word(p) || p == b'+' || !is_digit(at(b, plus + 1)) {
        return None;
    }
    let groups = tokenize(b, plus + 1);
    longest(b, &groups, international)
}

/// A phone number starting with `(` at `paren`.
pub(super) fn scan_paren(b: &[u8], paren: usize) -> Option<usize> {
    if is_word(before(b, paren)) {
        return None;
    }
    let groups = tokenize(b, paren);
    longest(b, &groups, |b, g| nanp(b, g) || national(b, g))
}

/// `(AAA) EEE-LLLL` and friends; see the module documentation.
fn nanp(b: &[u8], g: &[Group]) -> bool {
    let shape_ok = match g {
        [a] => !a.paren && a.len() == 10,
        [a, e, l] if a.len() == 3 && e.len() == 3 && l.len() == 4 && !e.paren && !l.paren => {
            if a.paren {
                matches!(e.sep_before, 0 | b' ' | b'-') && l.sep_before != 0
            } else {
                e.sep_before != 0 && e.sep_before == l.sep_before
            }
        }
        [a, el] if a.len() == 3 && el.len() == 7 && !el.paren => a.paren || el.sep_before == b' ',
        _ => false,
    };
    shape_ok
        && digits(b, g).is_some_and(|(d, n)| n == 10 && nanp_digits(d.get(..10).unwrap_or(&[])))
}

/// `1-800-555-0199`, `1 (800) 555-0199`, `18005550199`.
fn nanp_with_one(b: &[u8], g: &[Group]) -> bool {
    match g {
        [one] if one.len() == 11 && at(b, one.start) == b'1' => {
            digits(b, g).is_some_and(|(d, _)| nanp_digits(d.get(1..11).unwrap_or(&[])))
        }
        [one, rest @ ..] if one.len() == 1 && at(b, one.start) == b'1' && !rest.is_empty() => {
            rest.first().is_some_and(|r| r.sep_before != 0 || r.paren) && nanp(b, rest)
        }
        _ => false,
    }
}

/// Area code and exchange rules of the North American Numbering Plan on ten digit values.
fn nanp_digits(d: &[u8]) -> bool {
    let [a0, a1, a2, e0, e1, e2, ..] = *d else {
        return false;
    };
    d.len() == 10
        && (2..=9).contains(&a0)
        && a1 != 9
        && !(a1 == 1 && a2 == 1)
        && (2..=9).contains(&e0)
        && !(e1 == 1 && e2 == 1)
}

/// `0` trunk prefix, at least two groups, one separator, 9 to 11 digits.
fn national(b: &[u8], g: &[Group]) -> bool {
    let [first, rest @ ..] = g else {
        return false;
    };
    if rest.is_empty()
        || at(b, first.start) != b'0'
        || !(b'1'..=b'9').contains(&at(b, first.start + 1))
        || !(2..=5).contains(&first.len())
        || rest.iter().any(|r| r.paren || !(2..=8).contains(&r.len()))
    {
        return false;
    }
    let sep = rest.first().map_or(0, |r| r.sep_before);
    let seps_ok = if first.paren {
        rest.iter()
            .skip(1)
            .all(|r| r.sep_before == b' ' || r.sep_before == b'-')
    } else {
        sep != 0 && rest.iter().all(|r| r.sep_before == sep) && (sep != b'.' || rest.len() >= 2)
    };
    let total: usize = g.iter().map(Group::len).sum();
    seps_ok && (9..=11).contains(&total)
}

/// `0044 20 7946 0958`: the international prefix of most countries, written out.
fn international_00(b: &[u8], g: &[Group]) -> bool {
    let [first, ..] = g else {
        return false;
    };
    g.len() >= 2
        && first.len() >= 3
        && at(b, first.start) == b'0'
        && at(b, first.start + 1) == b'0'
        && !first.paren
        && {
            let shifted = Group {
                start: first.start + 2,
                ..*first
            };
            let mut rest = [Group::default(); MAX_GROUPS];
            let n = g.len().min(MAX_GROUPS);
            for (slot, group) in rest.iter_mut().zip(g.iter()) {
                *slot = *group;
            }
            if let Some(slot) = rest.first_mut() {
                *slot = shifted;
            }
            international(b, rest.get(..n).unwrap_or(&[]))
        }
}

/// Country code and E.164 length; `g` starts right after the `+` (or `00`).
fn international(b: &[u8], g: &[Group]) -> bool {
    let Some(first) = g.first() else {
        return false;
    };
    if first.paren || at(b, first.start) == b'0' {
        return false;
    }
    // A `(0)` after the country code is the national trunk prefix, not part of the number.
    let trunk = g
        .get(1)
        .is_some_and(|t| t.paren && t.len() == 1 && at(b, t.start) == b'0');
    let mut kept = [Group::default(); MAX_GROUPS];
    let mut n = 0;
    for (i, group) in g.iter().enumerate() {
        if trunk && i == 1 {
            continue;
        }
        if let Some(slot) = kept.get_mut(n) {
            *slot = *group;
            n += 1;
        }
    }
    let Some((d, len)) = digits(b, kept.get(..n).unwrap_or(&[])) else {
        return false;
    };
    let d = d.get(..len).unwrap_or(&[]);
    let Some(cc) = country_code_len(d) else {
        return false;
    };
    if first.len() < cc || !(8..=15).contains(&len) {
        return false;
    }
    let national = d.get(cc..).unwrap_or(&[]);
    match d.first() {
        Some(1) => nanp_digits(national),
        Some(7) => national.len() == 10,
        _ => national.len() >= 4,
    }
}

/// Two-digit country calling codes; every other code is one digit (1, 7) or three.
const TWO_DIGIT_CODES: [u8; 44] = [
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
    57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
];

/// Length of the ITU-T E.164 country code `d` starts with, `None` for spare code blocks.
fn country_code_len(d: &[u8]) -> Option<usize> {
    let [d0, d1, d2, ..] = *d else {
        return None;
    };
    match d0 {
        0 => None,
        1 | 7 => Some(1),
        _ => {
            let two = d0 * 10 + d1;
            if TWO_DIGIT_CODES.contains(&two) {
                return Some(2);
            }
            let spare = matches!(two, 28 | 83 | 89)
                || (two == 80 && !matches!(d2, 0 | 8))
                || (two == 87 && !matches!(d2, 0 | 8));
            (!spare).then_some(3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::bytes::numeric_start;

    /// The first phone in `text`, found the way the scanner's dispatcher looks for them.
    fn found(text: &str) -> Option<&str> {
        let b = text.as_bytes();
        (0..b.len()).find_map(|i| {
            let end = match b[i] {
                b'+' => scan_plus(b, i),
                b'(' => scan_paren(b, i),
                c if c.is_ascii_digit() && numeric_start(b, i) => scan_digits(b, i),
                _ => None,
            };
            end.map(|e| &text[i..e])
        })
    }

    #[test]
    fn phones() {
        for (text, phone) in [
            ("My US number is (415) 555-0132,", "(415) 555-0132"),
            ("call +1 415 555 0132 now", "+1 415 555 0132"),
            ("(425) 882 9090", "(425) 882 9090"),
            ("(425)882-9090", "(425)882-9090"),
            ("425 8829090", "425 8829090"),
            ("4258829090", "4258829090"),
            ("425-882-9090.", "425-882-9090"),
            ("425.882.9090", "425.882.9090"),
            ("1-800-555-0199", "1-800-555-0199"),
            ("1 (800) 555-0199", "1 (800) 555-0199"),
            ("+14155550132", "+14155550132"),
            ("+44 20 7946 0958", "+44 20 7946 0958"),
            ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("+49 30 12345678", "+49 30 12345678"),
            ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
            ("+972-9-7625400", "+972-9-7625400"),
            ("tel:+81-3-1234-5678", "+81-3-1234-5678"),
            // In a form body `+` is a space.
            ("q=call+14155550132", "14155550132"),
            ("0044 20 7946 0958", "0044 20 7946 0958"),
            ("My Israeli number is 09-7625400", "09-7625400"),
            ("020 7946 0958", "020 7946 0958"),
            ("(020) 7946 0958", "(020) 7946 0958"),
            ("01 23 45 67 89", "01 23 45 67 89"),
            ("01.23.45.67.89", "01.23.45.67.89"),
            ("call 425-882-9090 2024", "425-882-9090"),
            // A glued extension stays out of the finding.
            ("425-882-9090x123", "425-882-9090"),
            ("+1-425-882-9090x1234 ok", "+1-425-882-9090"),
            ("(425) 882-9090X7", "(425) 882-9090"),
            ("001-425-882-9090x12", "001-425-882-9090"),
            ("4258829090x123", "4258829090"),
            ("14258829090x1 ok", "14258829090"),
        ] {
            assert_eq!(found(text), Some(phone), "{text}");
        }
    }

    #[test]
    fn look_alikes_are_not_phones() {
        for text in [
            "1714567890",                           // epoch seconds
            "1714567890123",                        // epoch milliseconds
            "2024-05-01",                           // date
            "2024-05-01T12:30:00Z",                 // timestamp
            "01.05.2024",                           // date
            "05/01/2024",                           // date
            "1234.56",                              // price
            "v10.0.19045",                          // version
            "1.2.3",                                // version
            "ORD-2024-000123",                      // order id
            "SKU-55-1234",                          // SKU
            "110bcd25-a55d-453a-8046-1297901ea002", // UUID
            "0123456789",                           // zero-padded id
            "0.123456789",                          // decimal
            "425-882-90901",                        // too long
            "x4258829090",                          // glued
            "1112223333",                           // area starts with 1
            "9112223333",                           // reserved N9X-like area
            "4251112222",                           // N11 exchange
            "+123",                                 // too short
            "+0 123 456 789",                       // no country code 0
            "+28 123 456 789",                      // spare code block
            "+1 234 567 890",                       // +1 but not NANP
            "425-882.9090",                         // mixed separators
            "425-882-9090x",                        // no extension digits
            "425-882-9090x1234567",                 // too long for an extension
            "425-882-9090xyz",                      // glued to a word
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code_len(&[1, 4, 1]), Some(1));
        assert_eq!(country_code_len(&[4, 4, 2]), Some(2));
        assert_eq!(country_code_len(&[9, 7, 2]), Some(3));
        assert_eq!(country_code_len(&[8, 0, 0]), Some(3));
        assert_eq!(country_code_len(&[8, 0, 1]), None);
        assert_eq!(country_code_len(&[0, 1, 2]), None);
    }
}
