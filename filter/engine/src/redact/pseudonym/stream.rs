//! The randomness behind every pseudonym: a keyed, deterministic byte stream.

use sha2::{Digest, Sha256};

/// Pseudo-random bytes derived from one keyed MAC.
///
/// The seed is `HMAC-SHA-256(key, domain ‖ 0 ‖ input)` (see [`super::Keyed::stream`]), so the
/// stream is as unpredictable as the key and the same on every worker. Block `i` is
/// `SHA-256(seed ‖ i)`: counter mode over a secret seed, which is all a pseudonym needs.
///
/// No `Debug`: the seed is key material.
pub(crate) struct Stream {
    seed: [u8; 32],
    block: [u8; 32],
    counter: u64,
    used: usize,
}

impl Stream {
    pub(crate) fn new(seed: [u8; 32]) -> Self {
        Self {
            seed,
            block: [0; 32],
            counter: 0,
            used: 32,
        }
    }

    fn refill(&mut self) {
        let mut hash = Sha256::new();
        hash.update(self.seed);
        hash.update(self.counter.to_le_bytes());
        self.block = hash.finalize().into();
        self.counter = self.counter.wrapping_add(1);
        self.used = 0;
    }

    pub(crate) fn byte(&mut self) -> u8 {
        if self.used >= self.block.len() {
            self.refill();
        }
        let byte = self.block.get(self.used).copied().unwrap_or(0);
        self.used += 1;
        byte
    }

    pub(crate) fn fill(&mut self, out: &mut [u8]) {
        for b in out {
            *b = self.byte();
        }
    }

    /// A number in `0..n` (0 when `n` is 0), taken modulo from 32 random bits for `n` up to
    /// 2^16 and from 64 above: the bias is at most `2^-16`, far below anything observable
    /// (and `n / 2^32`, under 10^-8, for the alphabets of up to 62 symbols that most draws use).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let random = if n <= 1 << 16 {
            let mut bytes = [0u8; 4];
            self.fill(&mut bytes);
            u64::from(u32::from_le_bytes(bytes))
        } else {
            let mut bytes = [0u8; 8];
            self.fill(&mut bytes);
            u64::from_le_bytes(bytes)
        };
        random % n
    }

    /// A number in `range`, inclusive; `range.start()` when the range is empty.
    pub(crate) fn within(&mut self, range: std::ops::RangeInclusive<u32>) -> u32 {
        let (lo, hi) = (*range.start(), *range.end());
        let span = u64::from(hi.saturating_sub(lo)) + 1;
        let offset = u32::try_from(self.below(span)).unwrap_or(0);
        lo.saturating_add(offset)
    }

    /// A decimal digit, as a number.
    pub(crate) fn digit(&mut self) -> u8 {
        u8::try_from(self.below(10)).unwrap_or(0)
    }

    /// One symbol of `alphabet` (`fallback` for an empty alphabet).
    pub(crate) fn pick(&mut self, alphabet: &[u8], fallback: u8) -> u8 {
        let len = u64::try_from(alphabet.len()).unwrap_or(0);
        usize::try_from(self.below(len))
            .ok()
            .and_then(|i| alphabet.get(i).copied())
            .unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_blocks_differ() {
        let mut a = Stream::new([7; 32]);
        let mut b = Stream::new([7; 32]);
        let mut x = [0u8; 80];
        let mut y = [0u8; 80];
        a.fill(&mut x);
        b.fill(&mut y);
        assert_eq!(x, y);
        // Counter mode: the second block is not a repeat of the first.
        assert_ne!(x[..32], x[32..64]);
        let mut c = Stream::new([8; 32]);
        let mut z = [0u8; 80];
        c.fill(&mut z);
        assert_ne!(x, z);
    }

    #[test]
    fn ranges_are_respected_and_covered() {
        let mut s = Stream::new([1; 32]);
        let mut seen = [false; 10];
        for _ in 0..500 {
            let d = s.digit();
            assert!(d < 10);
            seen[usize::from(d)] = true;
            let w = s.within(2..=9);
            assert!((2..=9).contains(&w));
        }
        assert!(seen.iter().all(|s| *s), "every digit is reachable");
        assert_eq!(s.below(0), 0);
        assert_eq!(s.within(5..=5), 5);
        let reversed = std::ops::RangeInclusive::new(9, 3);
        assert_eq!(s.within(reversed), 9);
        assert_eq!(s.pick(b"", b'?'), b'?');
    }
}
