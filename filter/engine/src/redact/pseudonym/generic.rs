//! The fallback pseudonym: a keyed mapping that keeps every character's class.
//!
//! Names, addresses, custom detectors, secrets and anything malformed end up here. ASCII
//! letters become letters of the same case, digits become digits, everything else (spaces,
//! punctuation, symbols) stays where it was, so lengths, word boundaries and simple validation
//! (`^[A-Z][a-z]+$`, "digits only") survive. Letters and digits of other scripts become ASCII
//! letters and digits: the output never carries a non-ASCII letter of the input.
//!
//! Numbers stay numbers: a digit run that does not start with `0` keeps a non-zero first digit,
//! a run that starts with `0` keeps that `0`, and in a numeric literal (`-12.5e3`) the exponent
//! marker is kept, so a JSON number is still a JSON number.
//!
//! The last mapped characters are a keyed tag over everything else, which is how
//! [`recognises`] knows this key's output: as many as it takes for a real value to carry the
//! right tag with probability at most `1/400,000` (four letters, six digits), or all of them
//! in a shorter value. A real value that carries its tag passes through unchanged, so short
//! values pay with a small image: every value of up to four letters or six digits (a first
//! name like `Ana`, a postal code) maps to one pseudonym per shape, and a 5-letter one to one
//! of 26. A larger image would let far more real values through: with half the characters as
//! the tag, one 4-digit postal code in a hundred, and one 4-letter name in 676, came out as it
//! went in.

use std::ops::Range;

use super::{Domain, Keyed};

/// How unlikely a real value is to carry its tag: one in this many (four letters: 456,976;
/// six digits: 1,000,000).
const TAG_SPACE: usize = 400_000;

/// Byte ranges of a value that the mapping leaves as they are (a token's vendor prefix, a PEM
/// key's armour lines).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Kept(Vec<Range<usize>>);

impl Kept {
    pub(super) fn none() -> Self {
        Self::default()
    }

    /// The first `len` bytes.
    pub(super) fn prefix(len: usize) -> Self {
        Self(std::iter::once(0..len).collect())
    }

    pub(super) fn ranges(ranges: Vec<Range<usize>>) -> Self {
        Self(ranges)
    }

    fn contains(&self, i: usize) -> bool {
        self.0.iter().any(|r| r.contains(&i))
    }
}

/// What the mapping does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Kept,
    Digit,
    /// The first digit of a run that did not start with `0`.
    LeadDigit,
    Lower,
    Upper,
    /// A letter where an exponent marker would make the value a number (`3f9`): any letter
    /// but `e`, so that the pseudonym is no more a number than its input.
    LowerNotE,
    UpperNotE,
}

impl Class {
    fn alphabet(self) -> &'static [u8] {
        match self {
            Class::Kept => b"",
            Class::Digit => b"0123456789",
            Class::LeadDigit => b"123456789",
            Class::Lower => b"abcdefghijklmnopqrstuvwxyz",
            Class::Upper => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            Class::LowerNotE => b"abcdfghijklmnopqrstuvwxyz",
            Class::UpperNotE => b"ABCDFGHIJKLMNOPQRSTUVWXYZ",
        }
    }

    fn fallback(self) -> u8 {
        match self {
            Class::Kept | Class::Digit => b'0',
            Class::LeadDigit => b'1',
            Class::Lower | Class::LowerNotE => b'a',
            Class::Upper | Class::UpperNotE => b'A',
        }
    }

    fn draw(self, stream: &mut super::Stream) -> char {
        char::from(stream.pick(self.alphabet(), self.fallback()))
    }

    /// Whether `c` is something this class maps *to*: our own output only ever holds these.
    fn holds(self, c: char) -> bool {
        u8::try_from(c).is_ok_and(|b| self.alphabet().contains(&b))
    }
}

/// The characters of a value with what becomes of each, classified on the fly so that nothing
/// is collected: `(byte offset, char, class)`.
///
/// The classification of a pseudonym equals the classification of its input (same kept
/// ranges, same runs, same numeric-literal status); [`recognises`] depends on that.
#[derive(Clone)]
struct Classes<'a> {
    chars: std::str::CharIndices<'a>,
    kept: &'a Kept,
    exponent: Option<usize>,
    after_digit: bool,
}

impl<'a> Classes<'a> {
    /// Bytes inside `kept` (ranges of byte offsets) stay as they are.
    fn of(value: &'a str, kept: &'a Kept) -> Self {
        Self {
            chars: value.char_indices(),
            kept,
            exponent: exponent_position(value),
            after_digit: false,
        }
    }
}

impl Iterator for Classes<'_> {
    type Item = (usize, char, Class);

    fn next(&mut self) -> Option<Self::Item> {
        let (i, c) = self.chars.next()?;
        let at_exponent = self.exponent == Some(i);
        let class = if self.kept.contains(i) || (at_exponent && (c == 'e' || c == 'E')) {
            Class::Kept
        } else if c.is_alphabetic() {
            match (c.is_uppercase(), at_exponent) {
                (true, false) => Class::Upper,
                (true, true) => Class::UpperNotE,
                (false, false) => Class::Lower,
                (false, true) => Class::LowerNotE,
            }
        } else if c.is_numeric() {
            if self.after_digit {
                Class::Digit
            } else if c == '0' {
                Class::Kept
            } else {
                Class::LeadDigit
            }
        } else {
            Class::Kept
        };
        self.after_digit = match class {
            Class::Digit | Class::LeadDigit => true,
            Class::Kept => c.is_numeric() && !c.is_alphabetic(),
            _ => false,
        };
        Some((i, c, class))
    }
}

fn map(c: char, class: Class, stream: &mut super::Stream) -> char {
    match class {
        Class::Kept => c,
        _ => class.draw(stream),
    }
}

/// Appends `value` with every non-kept character mapped with symbols drawn from `stream`.
pub(super) fn fill_into(value: &str, kept: &Kept, stream: &mut super::Stream, out: &mut String) {
    if kept.0.is_empty() && value.is_ascii() {
        fill_ascii(value, stream, out);
        return;
    }
    out.extend(Classes::of(value, kept).map(|(_, c, class)| map(c, class, stream)));
}

/// [`fill_into`] for ASCII text with nothing kept (an address's local part): the classes of
/// [`Classes`], a byte at a time into a stack buffer, with no per-character Unicode lookups.
fn fill_ascii(value: &str, stream: &mut super::Stream, out: &mut String) {
    let exponent = exponent_position(value);
    let mut after_digit = false;
    let mut at = 0;
    for chunk in value.as_bytes().chunks(32) {
        let mut buf = [0u8; 32];
        for (slot, &c) in buf.iter_mut().zip(chunk) {
            let at_exponent = exponent == Some(at);
            at += 1;
            let class = if c.is_ascii_alphabetic() {
                match (c.is_ascii_uppercase(), at_exponent) {
                    _ if at_exponent && (c == b'e' || c == b'E') => Class::Kept,
                    (true, false) => Class::Upper,
                    (true, true) => Class::UpperNotE,
                    (false, false) => Class::Lower,
                    (false, true) => Class::LowerNotE,
                }
            } else if c.is_ascii_digit() {
                if after_digit {
                    Class::Digit
                } else if c == b'0' {
                    Class::Kept
                } else {
                    Class::LeadDigit
                }
            } else {
                Class::Kept
            };
            // Every digit, mapped or a kept `0`, continues a run; anything else ends it.
            after_digit = c.is_ascii_digit();
            *slot = match class {
                Class::Kept => c,
                _ => stream.pick(class.alphabet(), class.fallback()),
            };
        }
        super::push_ascii(out, buf.get(..chunk.len()).unwrap_or(&[]));
    }
}

/// What one pass over a value tells about its tag.
struct TagSplit {
    /// Byte offset of the first tag slot: the fewest last mapped characters whose alphabets
    /// multiply to [`TAG_SPACE`] (four letters, six digits), or all of them in a shorter
    /// value. Every mapped character from here on is a tag slot. The value's length when
    /// nothing is mapped.
    from: usize,
    /// Whether every mapped character is something its class maps *to*.
    held: bool,
}

impl TagSplit {
    fn of(value: &str, kept: &Kept) -> Self {
        // The smallest alphabet has 9 symbols and 9^6 passes TAG_SPACE: six slots at most.
        const MOST: usize = 6;
        let mut last = [(0usize, 1usize); MOST];
        let mut count = 0usize;
        let mut held = true;
        for (i, c, class) in Classes::of(value, kept) {
            if class == Class::Kept {
                continue;
            }
            held &= class.holds(c);
            if let Some(slot) = last.get_mut(count % MOST) {
                *slot = (i, class.alphabet().len().max(1));
            }
            count += 1;
        }
        let mut from = value.len();
        let mut space = 1usize;
        for k in (0..count).rev().take(MOST) {
            if space >= TAG_SPACE {
                break;
            }
            if let Some(&(i, size)) = last.get(k % MOST) {
                space = space.saturating_mul(size);
                from = i;
            }
        }
        Self { from, held }
    }
}

/// Feeds the tag's input for the part of a value from its first tag slot on: kept characters
/// as they are, each tag slot as one 0 byte.
fn feed_rest(
    seed: &mut super::Seed,
    value: &str,
    rest: impl Iterator<Item = (usize, char, Class)>,
) {
    let mut run = None;
    for (i, _, class) in rest {
        if class == Class::Kept {
            run.get_or_insert(i);
            continue;
        }
        if let Some(start) = run.take() {
            seed.bytes(value.get(start..i).unwrap_or("").as_bytes());
        }
        seed.bytes(&[0]);
    }
    if let Some(start) = run {
        seed.bytes(value.get(start..).unwrap_or("").as_bytes());
    }
}

/// Pseudonymizes `value`, leaving the bytes in `kept` alone.
pub(super) fn pseudonymize(keyed: &Keyed, value: &str, kept: &Kept) -> String {
    let mut out = String::with_capacity(value.len());
    pseudonymize_into(keyed, value, kept, &mut out);
    out
}

/// [`pseudonymize`], appending to `out`.
///
/// The characters before the first tag slot are mapped straight into `out`; the tag is keyed
/// over those and the rest of the input with its tag slots as 0 bytes (kept characters are the
/// same in input and output, and every later mapped character is a tag slot), so the rest is
/// written once, with the tag symbols in place.
pub(super) fn pseudonymize_into(keyed: &Keyed, value: &str, kept: &Kept, out: &mut String) {
    let split = TagSplit::of(value, kept);
    let mut stream = keyed.seed(Domain::Generic).lower(value).stream();
    let start = out.len();
    let mut classes = Classes::of(value, kept);
    let mut first = None;
    for (i, c, class) in classes.by_ref() {
        if i >= split.from {
            first = Some((i, c, class));
            break;
        }
        out.push(map(c, class, &mut stream));
    }
    let Some(first) = first else {
        return;
    };
    let mut seed = keyed.tag(Domain::Generic);
    seed.bytes(out.get(start..).unwrap_or("").as_bytes());
    feed_rest(
        &mut seed,
        value,
        std::iter::once(first).chain(classes.clone()),
    );
    let mut tag = seed.stream();
    out.extend(
        std::iter::once(first)
            .chain(classes)
            .map(|(_, c, class)| map(c, class, &mut tag)),
    );
}

/// Whether `value` is this key's output of [`pseudonymize`] with the same `kept` ranges.
pub(super) fn recognises(keyed: &Keyed, value: &str, kept: &Kept) -> bool {
    let split = TagSplit::of(value, kept);
    if !split.held {
        return false;
    }
    let mut seed = keyed.tag(Domain::Generic);
    seed.bytes(value.get(..split.from).unwrap_or("").as_bytes());
    let rest = || Classes::of(value, kept).skip_while(|&(i, _, _)| i < split.from);
    feed_rest(&mut seed, value, rest());
    let mut tag = seed.stream();
    rest().all(|(_, c, class)| map(c, class, &mut tag) == c)
}

/// For a value shaped like a number with an exponent, `[+-]digits[.digits]L[+-]digits` with
/// any letter `L` and digits of any script, the byte offset of `L`. The shape is made of
/// classes the mapping keeps, so a value and its pseudonym agree on it; only the letter decides
/// whether the value is a number (`1e9`) or not (`1f9`), hence the `…NotE` classes.
fn exponent_position(value: &str) -> Option<usize> {
    fn digits(s: &str) -> Option<&str> {
        let end = s
            .char_indices()
            .find(|(_, c)| !c.is_numeric() || c.is_alphabetic())
            .map_or(s.len(), |(i, _)| i);
        if end > 0 {
            s.get(end..)
        } else {
            None
        }
    }
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let mut rest = digits(unsigned)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = digits(fraction)?;
    }
    let letter = rest.chars().next().filter(|c| c.is_alphabetic())?;
    let position = value.len() - rest.len();
    let exponent = rest.get(letter.len_utf8()..)?;
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    digits(exponent)?.is_empty().then_some(position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};
    use proptest::prelude::*;

    #[test]
    fn keeps_classes_case_and_punctuation() {
        let k = keyed();
        for input in [
            "Alice Smith",
            "221B Baker Street, London NW1 6XE",
            "O'Brien-Jones",
            "ab12CD",
        ] {
            let out = pseudonymize(&k, input, &Kept::none());
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert_ne!(out, input);
        }
    }

    #[test]
    fn non_ascii_letters_become_ascii_letters() {
        let k = keyed();
        let out = pseudonymize(&k, "José Ñúñez 東京", &Kept::none());
        assert_eq!(out.chars().count(), "José Ñúñez 東京".chars().count());
        assert!(out.is_ascii(), "{out}");
        let words: Vec<&str> = out.split(' ').collect();
        assert!(words[0].starts_with(|c: char| c.is_ascii_uppercase()));
        assert!(words[1].starts_with(|c: char| c.is_ascii_uppercase()));
        assert!(words[0][1..].chars().all(|c| c.is_ascii_lowercase()));
    }

    #[test]
    fn numbers_stay_numbers() {
        let k = keyed();
        for input in [
            "42", "7", "1000000", "-12.75", "0.5", "3.1e-7", "+6E23", "0",
        ] {
            let out = pseudonymize(&k, input, &Kept::none());
            let parsed: serde_json::Value =
                serde_json::from_str(out.trim_start_matches('+')).unwrap();
            assert!(parsed.is_number(), "{input} -> {out}");
            assert_eq!(out.len(), input.len());
        }
        // Zero-padded identifiers keep their padding digit.
        assert!(pseudonymize(&k, "02134", &Kept::none()).starts_with('0'));
    }

    #[test]
    fn kept_ranges_are_untouched() {
        let k = keyed();
        let out = pseudonymize(&k, "ghp_abcdef123456", &Kept::prefix(4));
        assert!(out.starts_with("ghp_"));
        assert!(recognises(&k, &out, &Kept::prefix(4)));
    }

    #[test]
    fn recognises_only_its_own_key() {
        let k = keyed();
        let other = Keyed::from_secret(b"another key, unrelated");
        let out = pseudonymize(&k, "Margaret Hamilton", &Kept::none());
        assert!(recognises(&k, &out, &Kept::none()));
        assert!(!recognises(&other, &out, &Kept::none()));
        assert!(!recognises(&k, "Margaret Hamilton", &Kept::none()));
        assert!(
            !recognises(&k, "Zoë", &Kept::none()),
            "non-ASCII letters are never ours"
        );
    }

    #[test]
    fn exponent_detection() {
        for (value, position) in [
            ("1e9", Some(1)),
            ("-2.5E-3", Some(4)),
            ("3f9", Some(1)),
            ("٣e٥", Some(2)),
            ("1", None),
            ("1e", None),
            ("e5", None),
            ("1.e5", None),
            ("12ab3", None),
            ("1e5x", None),
        ] {
            assert_eq!(exponent_position(value), position, "{value}");
        }
    }

    #[test]
    fn a_letter_never_turns_a_value_into_a_number() {
        let k = keyed();
        // Whatever the key, `3f9` must not become `3e9`.
        for i in 0..200u32 {
            let k = Keyed::from_secret(format!("key {i} with enough material").as_bytes());
            let out = pseudonymize(&k, "3f9", &Kept::none());
            assert_ne!(out.as_bytes()[1], b'e', "{out}");
        }
        assert_eq!(&pseudonymize(&k, "6.02e23", &Kept::none())[4..5], "e");
    }

    proptest! {
        #[test]
        fn any_text_keeps_length_and_classes(s in "\\PC{0,40}") {
            let k = keyed();
            let out = pseudonymize(&k, &s, &Kept::none());
            prop_assert_eq!(out.chars().count(), s.chars().count());
            for (a, b) in s.chars().zip(out.chars()) {
                if a.is_alphabetic() {
                    prop_assert!(b.is_ascii_alphabetic());
                    prop_assert_eq!(a.is_uppercase(), b.is_ascii_uppercase());
                } else if a.is_numeric() {
                    prop_assert!(b.is_ascii_digit());
                } else {
                    prop_assert_eq!(a, b);
                }
            }
            prop_assert!(recognises(&k, &out, &Kept::none()));
            prop_assert_eq!(&pseudonymize(&k, &s, &Kept::none()), &out);
        }

        #[test]
        fn integers_keep_their_magnitude(n in 1u64..u64::MAX) {
            let k = keyed();
            let input = n.to_string();
            let out = pseudonymize(&k, &input, &Kept::none());
            prop_assert_eq!(out.len(), input.len());
            prop_assert!(!out.starts_with('0'));
            prop_assert!(out.parse::<u128>().is_ok());
        }
    }
}
