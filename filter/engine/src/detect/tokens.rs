//! Tokens of machine-written text in which no detector can match, passed over whole.
//!
//! An ISO 8601 timestamp (`2024-10-03T08:22:16`) or the tail of a lower-case UUID
//! (`-b7a4-4adc-a7c5-18c673218e63`) holds up to ten bytes at which the structural walk stops:
//! digits that continue a number or sit inside a word, the dashes and colons between groups.
//! Each of those stops is settled by its neighbours alone (no scanner runs), but each still
//! costs a visit, and log lines are mostly such tokens. Recognising the token once, at its
//! first stop, lets the walk resume where the last of those visits would have resumed.
//!
//! The shapes accepted are narrower than the formats: exactly the shapes for which every
//! stop inside is provably one the walk settles without a finding (the reasons are given
//! at each test), so that the walk's findings and where it resumes are unchanged.

use super::bytes::{at, before, is_digit, is_word, run_len};
use super::swar::{gather, lanes, within};

/// Where the walk resumes after a timestamp `YYYY-MM-DDThh:mm:ss` whose year is the number
/// starting at `i` (a number start, as the walk established), or `None` when the bytes there
/// are not one.
///
/// The year is four digits followed by `-` and a digit, whose first digit is not `0`: no
/// number-shaped detector offers it (a grouped card wants a second group of four digits, a
/// grouped phone number a first group of three or one starting `0`). Then each stop inside
/// is settled by its neighbours: the byte three before the first `-` is a digit, so the `-`
/// does not separate a MAC group (two hex digits not glued to a word); the month and day
/// continue a number (a digit, then `-`, before them); the second `-` is not followed three
/// bytes on by another `-`; the colons each follow two digits joined to a word (`T08:`) or
/// to a colon-joined pair (`08:22:`); the minutes and seconds continue a number. The
/// seconds' visit resumes past their word; when that word ends with a fraction (`16.739Z`),
/// its `.` follows two digits five bytes after a word (the minutes), so it separates no MAC
/// group, and the fraction continues a number: its visit resumes past its word.
#[inline]
pub(super) fn timestamp_end(b: &[u8], i: usize) -> Option<usize> {
    // `2024-10-03T08:22:16` read as three overlapping runs of eight bytes.
    const DATE: Shape = Shape::of(b"0000-00-");
    const TIME: Shape = Shape::of(b"00T00:00");
    const CLOCK: Shape = Shape::of(b"00:00:00");
    let fits = at(b, i) != b'0'
        && DATE.fits(lanes(b, i)?)
        && TIME.fits(lanes(b, i + 8)?)
        && CLOCK.fits(lanes(b, i + 11)?);
    if !fits {
        return None;
    }
    let end = i + 19;
    let seconds_end = end + run_len(b, end, is_word);
    if seconds_end == end && at(b, end) == b'.' && is_digit(at(b, end + 1)) {
        return Some(end + 1 + run_len(b, end + 1, is_word));
    }
    Some(seconds_end)
}

/// Where the walk resumes after the `-` or `.` at `sep` and the number it continues, when a
/// number no detector's shape starts ends at `sep` and a digit follows (`4.3`, `2024-05`);
/// `None` when the separator could be a MAC address's.
///
/// The separator sits between digits, so it separates a MAC group only when the group
/// before it is not glued to a word and the next group ends with the same separator (the
/// walk's own test, made here the same way). Otherwise the walk settles it, and the digit
/// after it continues a number: that visit resumes past its word.
#[inline]
pub(super) fn continuation_end(b: &[u8], sep: usize) -> Option<usize> {
    let c = at(b, sep);
    let group = match c {
        b'-' => 2,
        b'.' => 4,
        _ => return None,
    };
    let mac = !is_word(before(b, sep.saturating_sub(group))) && at(b, sep + group + 1) == c;
    let between_digits = is_digit(before(b, sep)) && is_digit(at(b, sep + 1));
    (between_digits && !mac).then(|| sep + 1 + run_len(b, sep + 1, is_word))
}

/// Where the walk resumes after the last four groups of a UUID whose first dash is at `dash`
/// (`-b7a4-4adc-a7c5-18c673218e63`), or `None` when the bytes there are not such a tail.
///
/// The byte three before the dash is a word byte (of the first group), so the dash
/// separates no MAC group (two hex digits not glued to a word). Each group is lower-case hex
/// with at least one letter, so the walk's visit to its first digit settles it: after a
/// letter the digit is inside a word (and a lower-case letter is no IBAN country code); at
/// the start of the group it continues a number (a digit before the dash) or starts one of
/// fewer than nine digits followed by a letter, which only a wallet address could continue,
/// and a wallet address is longer than any group. The dashes between the groups follow a
/// group of four, so they separate no MAC group either. The last group ends the token (no
/// word byte follows), so its visit resumes right there.
#[inline]
pub(super) fn uuid_tail_end(b: &[u8], dash: usize) -> Option<usize> {
    // `-b7a4-4adc-a7c5-18c673218e63` read as four runs of eight bytes, the last two
    // overlapping.
    const HEAD: Shape = Shape::of(b"-xxxx-xx");
    const MIDDLE: Shape = Shape::of(b"xx-xxxx-");
    const HEX: Shape = Shape::of(b"xxxxxxxx");
    let end = dash + 28;
    let first_group = dash.checked_sub(3).is_some_and(|j| is_word(at(b, j)));
    if !first_group || is_word(at(b, end)) {
        return None;
    }
    let (head, middle) = (lanes(b, dash)?, lanes(b, dash + 8)?);
    let (third, last) = (lanes(b, dash + 16)?, lanes(b, dash + 20)?);
    if !(HEAD.fits(head) && MIDDLE.fits(middle) && HEX.fits(third) && HEX.fits(last)) {
        return None;
    }
    // One bit per byte of the tail where it holds a letter.
    let letters = gather(hex_letters(head))
        | gather(hex_letters(middle)) << 8
        | gather(hex_letters(third)) << 16
        | gather(hex_letters(last)) << 20;
    let groups = [0x1E, 0x3C0, 0x7800, 0xFFF_0000];
    let lettered = groups.iter().all(|&group| letters & group != 0);
    // At most eight digits before the last group's first letter.
    (lettered && (letters >> 16).trailing_zeros() < 9).then_some(end)
}

/// The top bit of each lane of `x` holding `a` to `f`.
#[inline(always)]
fn hex_letters(x: u64) -> u64 {
    within(x, b'a', b'f')
}

/// Eight bytes of a token's shape: `0` a digit, `x` a lower-case hex digit, any other byte
/// itself; tested on eight bytes at once.
struct Shape {
    /// The top bit of each lane that must be a digit.
    digits: u64,
    /// The top bit of each lane that must be a lower-case hex digit.
    hex: u64,
    /// All bits of each lane that must be one byte, and that byte.
    mask: u64,
    value: u64,
}

impl Shape {
    const fn of(shape: &[u8; 8]) -> Self {
        let (mut digits, mut hex, mut mask, mut value) = (0, 0, 0, 0);
        let mut k = 0;
        while k < 8 {
            let lane = 8 * k;
            match shape[k] {
                b'0' => digits |= 0x80 << lane,
                b'x' => hex |= 0x80 << lane,
                c => {
                    mask |= 0xFF << lane;
                    value |= (c as u64) << lane;
                }
            }
            k += 1;
        }
        Self {
            digits,
            hex,
            mask,
            value,
        }
    }

    #[inline(always)]
    fn fits(&self, x: u64) -> bool {
        let digits = within(x, b'0', b'9');
        let hex = digits | hex_letters(x);
        (x & self.mask) == self.value
            && digits & self.digits == self.digits
            && hex & self.hex == self.hex
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`timestamp_end`] a byte at a time.
    fn timestamp_bytewise(b: &[u8], i: usize) -> Option<usize> {
        let shape = b"2000-00-00T00:00:00";
        let token = b.get(i..i + shape.len())?;
        let fits = at(b, i) != b'0'
            && token.iter().zip(shape).all(|(&c, &s)| match s {
                b'0' | b'2' => is_digit(c),
                _ => c == s,
            });
        let end = i + shape.len();
        let fraction = at(b, end) == b'.' && is_digit(at(b, end + 1));
        let end = if fraction { end + 1 } else { end };
        fits.then(|| end + run_len(b, end, is_word))
    }

    /// [`uuid_tail_end`] a byte at a time: the groups, their letters, the last group's
    /// leading digits.
    fn uuid_tail_bytewise(b: &[u8], dash: usize) -> Option<usize> {
        let shape = b"-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
        let tail = b.get(dash..dash + shape.len())?;
        let end = dash + shape.len();
        if !dash.checked_sub(3).is_some_and(|j| is_word(b[j])) || is_word(at(b, end)) {
            return None;
        }
        let groups: Vec<&[u8]> = tail[1..].split(|&c| c == b'-').collect();
        let lettered = |g: &[u8]| g.iter().any(|c| (b'a'..=b'f').contains(c));
        let hex = |g: &[u8]| g.iter().all(|&c| is_digit(c) || (b'a'..=b'f').contains(&c));
        let ok = shape
            .iter()
            .zip(tail)
            .all(|(&s, &c)| (s == b'-') == (c == b'-'))
            && groups.iter().all(|g| hex(g) && lettered(g))
            && groups.last()?.iter().take_while(|&&c| is_digit(c)).count() < 9;
        ok.then_some(end)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn timestamps_agree_with_the_bytewise_test(
            text in concat!(
                "[0-3]{0,2}(",
                "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}",
                "|[0-9a]{4}[-/][0-9a]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}",
                "|[0-9]{4}-[0-9]{2}-[0-9a]{2}[Tt ][0-9a]{2}:[0-9]{2}:[0-9]{2}",
                "|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}[:.][0-9a]{2}:[0-9a]{2}",
                "|[0-9T:/ -]{19})[0-9a-zZ. ]{0,3}",
            ),
        ) {
            let b = text.as_bytes();
            for i in 0..b.len() {
                prop_assert_eq!(timestamp_end(b, i), timestamp_bytewise(b, i), "{} at {}", &text, i);
            }
        }

        #[test]
        fn uuid_tails_agree_with_the_bytewise_test(
            text in "[a-z0-9 ]{0,4}(-[0-9a-f]{4}){3}-[0-9a-f]{12}[ g-]{0,2}|[0-9a-gA-F -]{0,40}",
        ) {
            let b = text.as_bytes();
            for dash in 0..b.len() {
                prop_assert_eq!(uuid_tail_end(b, dash), uuid_tail_bytewise(b, dash), "{} at {}", &text, dash);
            }
        }
    }

    #[test]
    fn timestamps_end_past_the_seconds_word() {
        let b = b"at 2024-10-03T08:22:16.739Z ok";
        assert_eq!(timestamp_end(b, 3), Some(27));
        let b = b"at 2024-10-03T08:22:16. ok";
        assert_eq!(timestamp_end(b, 3), Some(22));
        let b = b"2024-10-03T08:22:16Z,";
        assert_eq!(timestamp_end(b, 0), Some(20));
        let b = b"2024-10-03T08:22:16";
        assert_eq!(timestamp_end(b, 0), Some(19));
    }

    #[test]
    fn near_timestamps_are_left_to_the_walk() {
        for text in [
            "0024-10-03T08:22:16",
            "2024-10-03 08:22:16",
            "2024-10-03T08:22:1",
            "2024/10/03T08:22:16",
            "2024-10-03T08-22-16",
            "2024-1a-03T08:22:16",
        ] {
            assert_eq!(timestamp_end(text.as_bytes(), 0), None, "{text}");
        }
    }

    #[test]
    fn continued_numbers_end_past_the_word_after_the_separator() {
        assert_eq!(continuation_end(b"Rated 4.3 out", 7), Some(9));
        assert_eq!(continuation_end(b"on 2024-05-01", 7), Some(10));
        assert_eq!(continuation_end(b"v 1.2rc1 ", 3), Some(8));
        // Not between digits, or a MAC address's (`0800.2b3c.4d5e`, `08-00-2b-…`).
        assert_eq!(continuation_end(b"4. x", 1), None);
        assert_eq!(continuation_end(b"a.4", 1), None);
        assert_eq!(continuation_end(b"0800.2b3c.4d5e", 4), None);
        assert_eq!(continuation_end(b"08-00-2b", 2), None);
        assert_eq!(continuation_end(b"4:3", 1), None);
    }

    #[test]
    fn uuid_tails_end_with_the_last_group() {
        let b = b"req=86cdcf75-b7a4-4adc-a7c5-18c673218e63 GET";
        assert_eq!(uuid_tail_end(b, 12), Some(40));
        let b = b"86cdcf75-b7a4-4adc-a7c5-18c673218e63";
        assert_eq!(uuid_tail_end(b, 8), Some(36));
    }

    #[test]
    fn near_uuid_tails_are_left_to_the_walk() {
        for text in [
            // A group of digits only (a card, an SSN or a phone number may sit in it).
            "86cdcf75-1234-4adc-a7c5-18c673218e63 ",
            "86cdcf75-b7a4-4adc-a7c5-123456789012 ",
            // Nine leading digits in the last group (an SSN's length).
            "86cdcf75-b7a4-4adc-a7c5-123456789e63 ",
            // Upper case (a country code may start an IBAN), glued on, too short a group.
            "86cdcf75-B7A4-4ADC-A7C5-18C673218E63 ",
            "86cdcf75-b7a4-4adc-a7c5-18c673218e63x",
            "86cdcf75-b7a4-4adc-a7c5-18c673218e6",
            "86cdcf75-b7a-44adc-a7c5-18c673218e63 ",
            // The group before the dash too short to rule out a MAC group.
            "75-b7a4-4adc-a7c5-18c673218e63 ",
        ] {
            let dash = text.find('-').unwrap_or(0);
            assert_eq!(uuid_tail_end(text.as_bytes(), dash), None, "{text}");
        }
    }
}
