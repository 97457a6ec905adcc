//! Finding a set of short literals in a short text, with a table look-up per byte.
//!
//! The texts the body rewriters hand over one by one (member names, values) are a few bytes
//! to a few dozen long, so what a search costs to start matters more than its speed per
//! byte. Every literal here is at least two bytes long; its first two bytes set one bit in
//! a 64 Ki-bit table, and a text is walked pair by pair: only at a pair whose bit is set are
//! the literals that start with it compared.

/// Words of the pair table: one bit per pair of bytes.
const PAIR_WORDS: usize = 256 * 256 / 64;

#[derive(Debug, Clone, Default)]
pub(super) struct Pairs {
    /// Bit `a << 8 | b` is set when a literal starts with bytes `a`, `b`; empty when there
    /// are no literals.
    table: Box<[u64]>,
    /// Every literal, sorted by its first pair.
    literals: Vec<Literal>,
}

/// A literal, split after its first two bytes, and the id it was given.
#[derive(Debug, Clone)]
struct Literal {
    pair: usize,
    rest: Box<[u8]>,
    id: usize,
}

impl Pairs {
    /// Literals shorter than two bytes are left out: callers check [`is_findable`] first.
    pub(super) fn new<'l>(literals: impl IntoIterator<Item = (&'l [u8], usize)>) -> Self {
        let list: Vec<Literal> = literals
            .into_iter()
            .filter_map(|(literal, id)| match literal {
                [a, b, rest @ ..] => Some(Literal {
                    pair: pair(*a, *b),
                    rest: rest.into(),
                    id,
                }),
                _ => None,
            })
            .collect();
        Self::from_list(list)
    }

    /// The non-generic half of [`Pairs::new`]: one copy of the sort in the module however
    /// many callers there are. Literals with the same first pair are kept in order of id
    /// (callers give ids in the order they list literals), then of the rest.
    fn from_list(mut list: Vec<Literal>) -> Self {
        list.sort_unstable_by(|a, b| (a.pair, a.id, &a.rest).cmp(&(b.pair, b.id, &b.rest)));
        let mut table = vec![0u64; if list.is_empty() { 0 } else { PAIR_WORDS }];
        for l in &list {
            if let Some(word) = table.get_mut(l.pair >> 6) {
                *word |= 1 << (l.pair & 63);
            }
        }
        Self {
            table: table.into_boxed_slice(),
            literals: list,
        }
    }

    /// Calls `found(id, start, end)` for every occurrence of every literal in `text`,
    /// overlapping ones included, by start.
    #[inline]
    pub(super) fn for_each(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        // A fixed-size table: `pair >> 6` is then in bounds without a check.
        let Ok(table) = <&[u64; PAIR_WORDS]>::try_from(&*self.table) else {
            return;
        };
        let mut prev = text.first().copied().unwrap_or(0);
        for (i, &b) in text.iter().enumerate().skip(1) {
            let pair = pair(prev, b);
            prev = b;
            if table[pair >> 6] & (1 << (pair & 63)) != 0 {
                let rest = text.get(i + 1..).unwrap_or(&[]);
                let first = self.literals.partition_point(|l| l.pair < pair);
                for l in self.literals.get(first..).unwrap_or(&[]) {
                    if l.pair != pair {
                        break;
                    }
                    if rest.starts_with(&l.rest) {
                        found(l.id, i - 1, i + 1 + l.rest.len());
                    }
                }
            }
        }
    }
}

/// Whether [`Pairs`] can find `literal`.
pub(super) fn is_findable(literal: &[u8]) -> bool {
    literal.len() >= 2
}

fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(p: &Pairs, text: &str) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        p.for_each(text.as_bytes(), |id, s, e| v.push((id, s, e)));
        v
    }

    #[test]
    fn finds_overlapping_occurrences_by_start() {
        let p = Pairs::new([
            (&b"ab"[..], 0),
            (&b"abc"[..], 1),
            (&b"bca"[..], 2),
            (&b"x"[..], 3),
        ]);
        assert_eq!(
            all(&p, "abcabx"),
            vec![(0, 0, 2), (1, 0, 3), (2, 1, 4), (0, 3, 5)]
        );
        assert_eq!(all(&p, ""), vec![]);
        assert_eq!(all(&p, "a"), vec![]);
        assert_eq!(all(&p, "x"), vec![]);
    }

    #[test]
    fn no_literals_find_nothing() {
        assert_eq!(all(&Pairs::new([]), "abc"), vec![]);
        assert!(!is_findable(b"a"));
    }
}
