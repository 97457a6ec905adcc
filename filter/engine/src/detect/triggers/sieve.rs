//! The literal search for targets without SIMD (the Wasm module): two bytes per step.
//!
//! Natively the Aho-Corasick automaton skips text with SIMD prefilters; in Wasm it steps
//! through its state table one byte at a time, and on text without secrets that walk was
//! the largest single cost of a scan. Every prefix is at least [`MIN_LEN`] bytes long, so
//! an occurrence starting at `s` covers the byte pair at `s` and the one at `s + 1`, and one
//! of them starts at an even distance from where the search began. The sieve therefore
//! looks up only every other pair in a table of the pairs that begin (or follow the first
//! byte of) a prefix, and compares the prefixes at the two starts such a pair allows.
//!
//! It reports exactly what the automaton (`MatchKind::LeftmostFirst`) reports: the
//! occurrence that starts first and, among those starting there, the earliest prefix.

/// The shortest prefix the sieve can search for: with two-byte pairs checked at every other
/// position, a shorter one could fall between two checks.
pub(super) const MIN_LEN: usize = 3;

/// One byte per byte pair. A byte rather than a bit: the lookup is then one load, where a
/// bitmap needs a shift and a mask to find the word and two more to find the bit, and this
/// lookup runs for every other byte of every body (64 KiB per compiled profile).
const PAIRS: usize = 1 << 16;

/// A found prefix: its index in the list the sieve was built from, and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Sieve {
    /// Entry `first | second << 8` is 1 when those two bytes start a prefix or are its
    /// second and third bytes, 0 otherwise.
    pairs: Box<[u8; PAIRS]>,
    /// Indices of the prefixes ordered by first byte, ties in list order.
    by_first: Vec<usize>,
    /// `by_first[starts[c]..starts[c + 1]]` are the prefixes starting with byte `c`.
    starts: Vec<usize>,
    prefixes: Vec<&'static [u8]>,
}

impl Sieve {
    /// `None` when a prefix is shorter than [`MIN_LEN`].
    pub(super) fn new(prefixes: &[&'static str]) -> Option<Self> {
        let prefixes: Vec<&'static [u8]> = prefixes.iter().map(|p| p.as_bytes()).collect();
        // Built on the heap: 64 KiB on the stack is too much for a Wasm VM's stack.
        let mut pairs: Box<[u8; PAIRS]> = vec![0u8; PAIRS].into_boxed_slice().try_into().ok()?;
        let mut counts = vec![0usize; 257];
        for prefix in &prefixes {
            let Some(&[c0, c1, c2]) = prefix.get(..MIN_LEN) else {
                return None;
            };
            for (x, y) in [(c0, c1), (c1, c2)] {
                pairs[usize::from(u16::from_le_bytes([x, y]))] = 1;
            }
            if let Some(count) = counts.get_mut(usize::from(c0) + 1) {
                *count += 1;
            }
        }
        // A counting sort (a comparison sort would add kilobytes to the module).
        let mut sum = 0;
        for count in &mut counts {
            sum += *count;
            *count = sum;
        }
        let starts = counts;
        let mut next = starts.clone();
        let mut by_first = vec![0; prefixes.len()];
        for (k, prefix) in prefixes.iter().enumerate() {
            let first = prefix.first().map_or(0, |&c| usize::from(c));
            if let Some(slot) = next.get_mut(first) {
                if let Some(place) = by_first.get_mut(*slot) {
                    *place = k;
                }
                *slot += 1;
            }
        }
        Some(Self {
            pairs,
            by_first,
            starts,
            prefixes,
        })
    }

    /// The first occurrence of a prefix that starts at or after `from`.
    ///
    /// Written as index loops over `get`, without iterator adapters, which the size-optimised
    /// module would leave as calls.
    pub(super) fn find(&self, b: &[u8], from: usize) -> Option<Hit> {
        let mut i = from;
        loop {
            // Eight bytes (four pairs) per step while none of the pairs is in the table. Read
            // as two 32-bit words, each holding two pairs: in Wasm a word is one load and a
            // pair two cheap operations on it, where pairs built from single bytes took two
            // loads, a shift and an add each.
            while let Some((low, high)) = b
                .get(i..i + 8)
                .and_then(|block| block.split_first_chunk::<4>())
                .and_then(|(low, high)| Some((low, high.first_chunk::<4>()?)))
            {
                let (low, high) = (u32::from_le_bytes(*low), u32::from_le_bytes(*high));
                let any = self.word_entries(low) | self.word_entries(high);
                if any != 0 {
                    break;
                }
                i += 8;
            }
            // Then pair by pair to the end of that block, or of the text.
            let end = i + 8;
            while i < end {
                let &[x, y] = b.get(i..i + 2)? else {
                    return None;
                };
                if self.entry(x, y) != 0 {
                    // A prefix starting at `i - 1` has this pair as its second and third
                    // bytes; one starting at `i`, as its first two.
                    if i > from {
                        if let Some(hit) = self.at(b, i - 1) {
                            return Some(hit);
                        }
                    }
                    if let Some(hit) = self.at(b, i) {
                        return Some(hit);
                    }
                }
                i += 2;
            }
        }
    }

    /// The table's entry for the pair `x`, `y`.
    #[inline(always)]
    fn entry(&self, x: u8, y: u8) -> u8 {
        // In bounds: a 16-bit index into 65,536 entries.
        self.pairs[usize::from(u16::from_le_bytes([x, y]))]
    }

    /// The entries of the two pairs in a little-endian word (bytes 0-1 and 2-3), or-ed.
    #[inline(always)]
    fn word_entries(&self, word: u32) -> u8 {
        // In bounds: both indices are below 65,536.
        self.pairs[(word & 0xFFFF) as usize] | self.pairs[(word >> 16) as usize]
    }

    /// The earliest prefix that occurs at `s`.
    #[inline]
    fn at(&self, b: &[u8], s: usize) -> Option<Hit> {
        let rest = b.get(s..)?;
        let c = usize::from(*rest.first()?);
        let lo = self.starts.get(c).copied().unwrap_or(0);
        let hi = self.starts.get(c + 1).copied().unwrap_or(0);
        let mut k = lo;
        while k < hi {
            let pattern = self.by_first.get(k).copied().unwrap_or(0);
            if let Some(prefix) = self.prefixes.get(pattern) {
                if rest.starts_with(prefix) {
                    return Some(Hit {
                        pattern,
                        start: s,
                        end: s + prefix.len(),
                    });
                }
            }
            k += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, Input, MatchKind};
    use proptest::prelude::*;

    use super::*;

    /// What the automaton reports from `from`.
    fn automaton_find(prefixes: &[&str], b: &[u8], from: usize) -> Option<Hit> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(prefixes)
            .unwrap();
        automaton.find(Input::new(b).range(from..)).map(|m| Hit {
            pattern: m.pattern().as_usize(),
            start: m.start(),
            end: m.end(),
        })
    }

    #[test]
    fn prefixes_shorter_than_three_bytes_are_refused() {
        assert!(Sieve::new(&["abc", "de"]).is_none());
        assert!(Sieve::new(&["abc", "def"]).is_some());
    }

    #[test]
    fn a_prefix_is_found_at_every_start_from_every_origin() {
        let prefixes = ["xox", "ghp_", "ghpx", "-----BEGIN "];
        let sieve = Sieve::new(&prefixes).unwrap();
        for prefix in prefixes {
            for start in 0..9 {
                for tail in 0..3 {
                    let mut text = vec![b'.'; start];
                    text.extend_from_slice(prefix.as_bytes());
                    text.extend(std::iter::repeat_n(b'.', tail));
                    for from in 0..=text.len() {
                        assert_eq!(
                            sieve.find(&text, from),
                            automaton_find(&prefixes, &text, from),
                            "{prefix} at {start} from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_earliest_listed_prefix_wins_at_one_start() {
        // `ab` of `abcd` and `abc` start together; leftmost-first takes the first listed.
        let prefixes = ["abcd", "abc", "bcd"];
        let sieve = Sieve::new(&prefixes).unwrap();
        let hit = sieve.find(b"xabcd", 0).unwrap();
        assert_eq!((hit.pattern, hit.start, hit.end), (0, 1, 5));
        let hit = sieve.find(b"xabce", 0).unwrap();
        assert_eq!((hit.pattern, hit.start, hit.end), (1, 1, 4));
    }

    /// Text made of the prefixes, their case variants, cut-off pieces of them and filler.
    fn seeded_text(prefixes: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            3 => "[a-zA-Z0-9 ._:/-]{0,6}".prop_map(String::into_bytes),
            2 => proptest::sample::select(prefixes).prop_map(|p| p.as_bytes().to_vec()),
            1 => proptest::sample::select(prefixes).prop_map(|p| p.to_ascii_uppercase().into_bytes()),
            1 => proptest::sample::select(prefixes).prop_map(|p| p.to_ascii_lowercase().into_bytes()),
            1 => (proptest::sample::select(prefixes), 0usize..12)
                .prop_map(|(p, n)| p.as_bytes().iter().copied().take(n).collect()),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    const SOME: &[&str] = &["abc", "abcd", "bcd", "cab", "xox", "earer ", "://"];

    proptest! {
        #[test]
        fn finds_what_the_automaton_finds(b in seeded_text(SOME), from in 0usize..200) {
            let from = from.min(b.len());
            let sieve = Sieve::new(SOME).unwrap();
            prop_assert_eq!(sieve.find(&b, from), automaton_find(SOME, &b, from));
        }
    }
}
