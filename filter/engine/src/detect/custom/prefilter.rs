//! Which custom patterns can match a text, decided in one pass over it.
//!
//! Every match of a pattern starts with one of a few literal prefixes that its syntax tree
//! gives away (`EMP-` for `EMP-\d{6}`; `ret`, `Ret`, `rEt`... for `(?i)ret:\d+`), and one
//! [`Pairs`] search finds them all. A pattern whose prefix is found may match and runs; one
//! that has no usable prefix (it can start with any digit, or with nothing) runs on every
//! text.

use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::super::pairs::{self, Pairs};

/// Most prefixes a pattern may contribute; a pattern with more (a long alternation, a class
/// expanded into many prefixes) runs on every text, which keeps the prefix list short.
const MAX_PREFIXES: usize = 64;

/// Collects the prefixes of each pattern as it is compiled.
#[derive(Debug, Default)]
pub(super) struct PrefilterBuilder {
    prefixes: Vec<(Vec<u8>, usize)>,
    always: Vec<usize>,
    patterns: usize,
}

impl PrefilterBuilder {
    /// Adds pattern `index`, which `regex` has accepted; patterns are added in order.
    pub(super) fn add(&mut self, index: usize, pattern: &str) {
        self.patterns = self.patterns.max(index + 1);
        // `regex` parses with these same default settings.
        let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
            self.always.push(index);
            return;
        };
        let mut seq = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_total(MAX_PREFIXES)
            .extract(&hir);
        seq.dedup();
        match seq.literals() {
            // A pattern that can match nothing never needs to run.
            Some([]) => {}
            Some(literals)
                if literals.len() <= MAX_PREFIXES
                    && literals.iter().all(|l| pairs::is_findable(l.as_bytes())) =>
            {
                for literal in literals {
                    self.prefixes.push((literal.as_bytes().to_vec(), index));
                }
            }
            // Infinite, too many, or a prefix shorter than a pair (which would stop the
            // pass at most bytes anyway).
            _ => self.always.push(index),
        }
    }

    pub(super) fn build(self) -> Prefilter {
        Prefilter {
            prefixes: Pairs::new(self.prefixes.iter().map(|(p, i)| (p.as_slice(), *i))),
            always: self.always,
            patterns: self.patterns,
        }
    }
}

/// The patterns that can match a text.
#[derive(Debug, Clone, Default)]
pub(super) struct Prefilter {
    /// Every prefix, with its pattern as id.
    prefixes: Pairs,
    /// Patterns that run on every text, in increasing order.
    always: Vec<usize>,
    patterns: usize,
}

impl Prefilter {
    /// The patterns to run on `text`, in increasing order. Allocates only when a prefix is
    /// found or some pattern always runs.
    pub(super) fn candidates(&self, text: &str) -> Vec<usize> {
        let mut found: Vec<u64> = Vec::new();
        self.prefixes.for_each(text.as_bytes(), |pattern, _, _| {
            if found.is_empty() {
                found.resize(self.patterns.div_ceil(64), 0);
            }
            set(&mut found, pattern);
        });
        if found.is_empty() {
            return self.always.clone();
        }
        for &p in &self.always {
            set(&mut found, p);
        }
        (0..self.patterns)
            .filter(|&p| found.get(p / 64).is_some_and(|w| w & (1 << (p % 64)) != 0))
            .collect()
    }
}

/// Sets bit `p` of `bits`, which is long enough.
fn set(bits: &mut [u64], p: usize) {
    if let Some(word) = bits.get_mut(p / 64) {
        *word |= 1 << (p % 64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// Patterns of every kind the prefilter sorts: plain prefixes, case-insensitive ones
    /// (including the Kelvin sign and long s that `(?i)k` and `(?i)s` match), alternations,
    /// prefixes of one byte, none at all, patterns that can match the empty string or
    /// nothing, anchors and word boundaries, and multi-byte text.
    const PATTERNS: &[&str] = &[
        r"EMP-\d{6}",
        r"(?i)\bkas:[a-z]{3}\d{2}\b",
        r"(?i)st[a-z]+",
        r"\bdoc[0-9a-f]{4}\b",
        r"INV\d{2}-\d{2}",
        r"(?:ab|cd|éx)\d",
        r"x\d+",
        r"\d{3}",
        r"q*",
        r"^PRE",
        r"[a-c][a-c][0-9]",
        r"[^\s\S]",
        r"zz|Zz\b",
        r"ü[a-z]",
    ];

    fn prefilter(patterns: &[&str]) -> Prefilter {
        let mut b = PrefilterBuilder::default();
        for (i, p) in patterns.iter().enumerate() {
            b.add(i, p);
        }
        b.build()
    }

    #[test]
    fn patterns_are_sorted_by_what_they_start_with() {
        let f = prefilter(PATTERNS);
        // `x\d+`, `\d{3}`, `q*` have no prefix of two bytes: they always run. So does
        // `[a-c][a-c][0-9]`, whose nine prefixes are short enough to list.
        assert_eq!(f.always, vec![6, 7, 8]);
        assert_eq!(f.candidates("nothing to see"), vec![6, 7, 8]);
        assert_eq!(f.candidates("EMP-"), vec![0, 6, 7, 8]);
        assert_eq!(f.candidates("a \u{212a}AS:"), vec![1, 6, 7, 8]);
        assert_eq!(f.candidates("order STATUS"), vec![2, 6, 7, 8]);
    }

    #[test]
    fn no_patterns_no_candidates() {
        assert!(prefilter(&[]).candidates("EMP-123456").is_empty());
    }

    proptest! {
        /// Every pattern that matches a text is among the candidates.
        #[test]
        fn every_matching_pattern_is_a_candidate(
            text in "[a-zA-Z0-9 :\\-éü\u{212a}\u{17f}]{0,40}",
        ) {
            let f = prefilter(PATTERNS);
            let candidates = f.candidates(&text);
            for (i, p) in PATTERNS.iter().enumerate() {
                let matches = Regex::new(p).unwrap().find_iter(&text).any(|m| !m.is_empty());
                prop_assert!(!matches || candidates.contains(&i), "{p} on {text:?}");
            }
        }

        /// Texts built from the patterns' own prefixes, so that matches are frequent.
        #[test]
        fn matches_near_prefixes_are_kept(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("EMP-"), Just("kAs:"), Just("\u{212a}as:"), Just("ſt"), Just("doc"),
                    Just("INV"), Just("éx"), Just("PRE"), Just("Zz"), Just("ü"),
                    Just("abc"), Just("1234567"), Just("-"), Just(" "), Just("x"),
                ],
                0..10,
            ),
        ) {
            let text = parts.concat();
            let f = prefilter(PATTERNS);
            let candidates = f.candidates(&text);
            for (i, p) in PATTERNS.iter().enumerate() {
                let matches = Regex::new(p).unwrap().find_iter(&text).any(|m| !m.is_empty());
                prop_assert!(!matches || candidates.contains(&i), "{p} on {text:?}");
            }
        }
    }
}
