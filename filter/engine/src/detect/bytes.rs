//! Byte-level helpers shared by the scanners.
//!
//! Every scanner works on the text's bytes and only ever starts or ends a match at an ASCII
//! byte, so every range it reports lies on UTF-8 character boundaries. Reads past either end
//! of the text yield `0`, a byte no scanner accepts, so a scanner can look ahead or behind
//! without bounds arithmetic that could panic.

/// The byte at `i`, or `0` past the end.
#[inline]
pub(super) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// The byte just before `i`, or `0` at the start.
#[inline]
pub(super) fn before(b: &[u8], i: usize) -> u8 {
    i.checked_sub(1).map_or(0, |j| at(b, j))
}

/// The byte two before `i`, or `0` near the start.
#[inline]
pub(super) fn before2(b: &[u8], i: usize) -> u8 {
    i.checked_sub(2).map_or(0, |j| at(b, j))
}

const WORD: u8 = 1;
const HEX: u8 = 2;
const DIGIT: u8 = 4;

/// Character classes by table: hex strings alternate digits and letters at random, and a
/// chain of range comparisons would mispredict on nearly every byte.
static CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0usize;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            t[c] |= WORD;
        }
        if b.is_ascii_hexdigit() {
            t[c] |= HEX;
        }
        if b.is_ascii_digit() {
            t[c] |= DIGIT;
        }
        c += 1;
    }
    t
};

/// Letters, digits and `_`: the characters of a word, as in a regex `\w` restricted to ASCII.
#[inline]
pub(super) fn is_word(c: u8) -> bool {
    CLASSES[usize::from(c)] & WORD != 0
}

#[inline]
pub(super) fn is_digit(c: u8) -> bool {
    CLASSES[usize::from(c)] & DIGIT != 0
}

#[inline]
pub(super) fn is_hex(c: u8) -> bool {
    CLASSES[usize::from(c)] & HEX != 0
}

/// How many bytes from `i` on satisfy `pred`. A plain indexed loop: runs are short (a
/// number, a word), and the iterator adapters' setup cost more than the bytes themselves.
#[inline(always)]
pub(super) fn run_len(b: &[u8], i: usize, pred: impl Fn(u8) -> bool) -> usize {
    let mut j = i;
    while b.get(j).is_some_and(|&c| pred(c)) {
        j += 1;
    }
    j - i
}

/// How many bytes just before `i` satisfy `pred`, counting at most `max`.
#[inline]
pub(super) fn run_back(b: &[u8], i: usize, max: usize, pred: impl Fn(u8) -> bool) -> usize {
    b.get(..i).map_or(0, |s| {
        s.iter().rev().take(max).take_while(|&&c| pred(c)).count()
    })
}

/// Whether a number may start at `i`: not glued to a word, and not the continuation of a
/// digit sequence such as the `05` of `2024-05-01` or the `1.1.1` of `999.1.1.1`. The
/// structural walk makes these tests inline, sharing them with its other shortcuts; the
/// scanners' tests check their starts against this definition.
#[cfg(test)]
pub(super) fn numeric_start(b: &[u8], i: usize) -> bool {
    let p = before(b, i);
    if is_word(p) {
        return false;
    }
    match p {
        b'.' | b'-' | b'/' | b':' => !is_digit(before2(b, i)),
        _ => true,
    }
}

/// Whether a number may end at `end`: not glued to a word, and not followed by `.5`, `-5`
/// or `-AB` (which would make it part of a longer dotted or dashed token such as a version
/// or a MAC address).
pub(super) fn numeric_end(b: &[u8], end: usize) -> bool {
    let c = at(b, end);
    if is_word(c) {
        return false;
    }
    !(matches!(c, b'.' | b'-') && is_word(at(b, end + 1)))
}

/// The value of the ASCII digits in `d` (which must all be digits), saturating.
pub(super) fn digits_value(d: &[u8]) -> u32 {
    d.iter().fold(0u32, |acc, &c| {
        acc.saturating_mul(10)
            .saturating_add(u32::from(c.wrapping_sub(b'0')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outside_the_text_are_zero() {
        let b = b"ab";
        assert_eq!(at(b, 5), 0);
        assert_eq!(before(b, 0), 0);
        assert_eq!(before2(b, 1), 0);
        assert_eq!(before(b, 1), b'a');
    }

    #[test]
    fn runs_count_in_both_directions() {
        let b = b"xx1234yy";
        assert_eq!(run_len(b, 2, is_digit), 4);
        assert_eq!(run_back(b, 6, 10, is_digit), 4);
        assert_eq!(run_back(b, 6, 3, is_digit), 3);
        assert_eq!(run_len(b, 99, is_digit), 0);
        assert_eq!(run_back(b, 99, 3, is_digit), 0);
    }

    #[test]
    fn class_tables_agree_with_std() {
        for c in 0..=255u8 {
            assert_eq!(is_word(c), c.is_ascii_alphanumeric() || c == b'_', "{c}");
            assert_eq!(is_hex(c), c.is_ascii_hexdigit(), "{c}");
            assert_eq!(is_digit(c), c.is_ascii_digit(), "{c}");
        }
    }

    #[test]
    fn numeric_boundaries() {
        assert!(numeric_start(b"a 12", 2));
        assert!(!numeric_start(b"a12", 1));
        assert!(!numeric_start(b"2024-05", 5));
        assert!(numeric_start(b"id-05", 3));
        assert!(numeric_start(b"ff:10", 3));
        assert!(!numeric_start(b"12:30", 3));
        assert!(numeric_end(b"12 ", 2));
        assert!(numeric_end(b"12.", 2));
        assert!(!numeric_end(b"12.3", 2));
        assert!(!numeric_end(b"12a", 2));
        assert!(!numeric_end(b"12-AB", 2));
        assert!(numeric_end(b"12- x", 2));
        assert_eq!(digits_value(b"0255"), 255);
    }
}
