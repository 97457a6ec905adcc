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

use super::bytes::{at, is_digit, is_word, run_len};

/// Where the walk resumes after a timestamp `YYYY-MM-DDThh:mm:ss` whose year is the number
/// starting at `i` (a number start, as the walk established), or `None` when the bytes there
/// are not one.
///
/// The year is four digits followed by `-` and a digit, whose first digit is not `0`: no
/// number-shaped detector offers it (a grouped card wants a second group of four digits, a
/// grouped phone number a first group of three or one starting `0`). Then each stop inside
/// is settled by its neighbours: the byte three before the first `-` is a digit, so the `-`
/// does not separate a MAC group (two hex digits not glued to a word); the month and day continue a number (a digit, then `-`,
/// before them); the second `-` is not followed three bytes on by another `-`; the colons
/// each follow two digits joined to a word (`T08:`) or to a colon-joined pair (`08:22:`);
/// the minutes and seconds continue a number. The seconds' visit resumes past their word.
#[inline]
pub(super) fn timestamp_end(b: &[u8], i: usize) -> Option<usize> {
    const SHAPE: &[u8; 19] = b"2000-00-00T00:00:00";
    let token = b.get(i..i + SHAPE.len())?;
    if at(b, i) == b'0' {
        return None;
    }
    let fits = token.iter().zip(SHAPE).all(|(&c, &s)| {
        if s == b'0' || s == b'2' {
            is_digit(c)
        } else {
            c == s
        }
    });
    let end = i + SHAPE.len();
    fits.then(|| end + run_len(b, end, is_word))
}

/// Where the walk resumes after the last four groups of a UUID whose first dash is at `dash`
/// (`-b7a4-4adc-a7c5-18c673218e63`), or `None` when the bytes there are not such a tail.
///
/// The byte three before the dash is a word byte (of the first group), so the dash
/// separates no MAC group (two hex digits not glued to a word). Each group is lower-case hex with at least one letter, so the walk's visit to
/// its first digit settles it: after a letter the digit is inside a word (and a lower-case
/// letter is no IBAN country code); at the start of the group it continues a number (a digit
/// before the dash) or starts one of fewer than nine digits followed by a letter, which only
/// a wallet address could continue, and a wallet address is longer than any group. The
/// dashes between the groups follow a group of four, so they separate no MAC group either.
/// The last group ends the token (no word byte follows), so its visit resumes right there.
#[inline]
pub(super) fn uuid_tail_end(b: &[u8], dash: usize) -> Option<usize> {
    const SHAPE: &[u8; 28] = b"-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    let first_group = dash.checked_sub(3).is_some_and(|j| is_word(at(b, j)));
    let tail = b.get(dash..dash + SHAPE.len())?;
    let end = dash + SHAPE.len();
    if !first_group || is_word(at(b, end)) {
        return None;
    }
    // The groups, checked one at a time: `letter` records whether the current group has
    // had a letter yet, `leading` how many digits it started with.
    let mut letter = true;
    let mut leading = 0;
    for (&c, &s) in tail.iter().zip(SHAPE) {
        if s == b'-' {
            if c != b'-' || !letter {
                return None;
            }
            letter = false;
            leading = 0;
        } else if is_digit(c) {
            leading += usize::from(!letter);
        } else if matches!(c, b'a'..=b'f') {
            letter = true;
        } else {
            return None;
        }
    }
    (letter && leading < 9).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_end_past_the_seconds_word() {
        let b = b"at 2024-10-03T08:22:16.739Z ok";
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
