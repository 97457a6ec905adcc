//! The randomness behind every pseudonym: keyed SipHash-2-4 seeds and the streams they expand
//! into.
//!
//! # Why SipHash is enough
//! A pseudonym must be a deterministic function of the key and the value that nobody without
//! the key can compute or invert better than by guessing: a pseudo-random function (PRF) under
//! a secret key. SipHash-2-4 was designed and analysed as exactly that, a PRF under a secret
//! 128-bit key, for short inputs like ours, and it costs a few dozen simple 64-bit operations
//! per 8 bytes (no table, no multiplication), so it stays cheap inside a Wasm VM that has no
//! SHA instructions. What it is not is a collision-resistant hash without a key; it is never
//! used without one here. Where the output is a *published* digest (the `hash` operator) the
//! engine keeps HMAC-SHA-256 (see [`super::Keyed::hash_hex`]).
//!
//! # Keys
//! The configured (or ephemeral) key is turned once, at configure time, into two independent
//! 128-bit SipHash keys with HMAC-SHA-256 under distinct labels: one for seeds, one for the
//! idempotence tags (see [`super::Keyed`]). The key material itself never leaves `Keyed`, no
//! type here implements `Debug`, and nothing is logged.
//!
//! # Seeds and streams
//! A [`Seed`] feeds a SipHash-2-4-128 under one of those keys with `M = domain ‖ 0 ‖ input`,
//! the input in pieces, without building it in memory. Its [`Stream`]'s block `i` (16 bytes)
//! is the hash of `M ‖ len(M) ‖ i` (both numbers 8 bytes, little-endian). That encoding is
//! injective (read from the end: `i`, then the length, then `M`; a domain holds no 0 byte), so
//! every block of every stream is SipHash of a distinct message under the secret key: as
//! unpredictable as SipHash is a PRF, and deterministic. Most pseudonyms need one block per
//! stream, so a value's seed costs one hash of its bytes, and a tag one more.
//!
//! # Drawing numbers
//! A 64-bit word `w` of the stream is read as the fraction `w / 2^64`. Drawing a number in
//! `0..n` multiplies it by `n`: the integer part is the number, the fractional part (the low
//! 64 bits of `w·n`) is kept for the next draw. After draws whose ranges multiply to `P`, the
//! next draw from `0..n` is off the uniform distribution by at most `P·n / 2^64`; a word is
//! replaced as soon as `P·n` would pass `2^32`, so every draw is within `2^-32` of uniform (far
//! below anything observable) while one word still yields eight decimal digits or four bytes.

pub(super) use super::sip::SipKey;
use super::sip::{Finished, Sip};

/// A keyed hash being fed: `domain ‖ 0 ‖` whatever the format writes, then [`Seed::stream`].
/// `Copy`: [`super::Keyed`] keeps one per domain with the domain hashed, and each value
/// starts from a copy.
#[derive(Clone, Copy)]
pub(crate) struct Seed {
    hasher: Sip,
}

impl Seed {
    pub(super) fn new(key: SipKey, domain: &str) -> Self {
        let mut seed = Self {
            hasher: Sip::new(key),
        };
        seed.bytes(domain.as_bytes()).bytes(&[0]);
        seed
    }

    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.hasher.write(bytes);
        self
    }

    /// Decimal digits (values `0..=9`), fed as their ASCII characters.
    pub(crate) fn digits(&mut self, digits: &[u8]) -> &mut Self {
        self.mapped(digits, |d| b'0' + d % 10)
    }

    /// `bytes` through `map`, fed in stack-sized chunks so that nothing is allocated.
    fn mapped(&mut self, bytes: &[u8], map: impl Fn(u8) -> u8) -> &mut Self {
        for chunk in bytes.chunks(32) {
            let mut buf = [0u8; 32];
            for (b, &c) in buf.iter_mut().zip(chunk) {
                *b = map(c);
            }
            self.bytes(buf.get(..chunk.len()).unwrap_or(&[]));
        }
        self
    }

    /// `text` lower-cased (Unicode lower case, so `É` and `é` give one seed), without
    /// allocating for ASCII text.
    pub(crate) fn lower(&mut self, text: &str) -> &mut Self {
        if text.is_ascii() {
            self.lower_ascii(text.as_bytes())
        } else {
            self.bytes(text.to_lowercase().as_bytes())
        }
    }

    /// `bytes` with ASCII letters lower-cased, eight at a time: an address or an IBAN is
    /// lower-cased for every seed, and a byte-at-a-time copy cost more than hashing it.
    pub(crate) fn lower_ascii(&mut self, bytes: &[u8]) -> &mut Self {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            self.hasher.write_u64(lower_word(u64::from_le_bytes(eight)));
        }
        self.mapped(words.remainder(), |c| c.to_ascii_lowercase())
    }

    pub(crate) fn stream(&self) -> Stream {
        let mut prefix = self.hasher;
        prefix.write_u64(self.hasher.len());
        Stream {
            prefix,
            counter: 0,
            spare: None,
            word: 0,
            spent: WORD_BUDGET,
        }
    }
}

/// Eight bytes with the ASCII capitals among them lower-cased (other bytes unchanged).
fn lower_word(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte, on its low seven bits (no carry crosses a byte): the high bit of `low + 0x3f`
    // says `c >= 'A'`, that of `low + 0x25` says `c > 'Z'`; a byte with its own high bit
    // set is not ASCII and stays as it is.
    let low = word & !HIGH;
    let from_a = low + ONES * 0x3f;
    let past_z = low + ONES * 0x25;
    let upper = from_a & !past_z & !word & HIGH;
    word | upper >> 2
}

/// Pseudo-random numbers from one seed (see the module documentation). No `Debug`: its state
/// is derived from key material.
pub(crate) struct Stream {
    /// The hash of `M ‖ len(M)`; block `i` appends `i`.
    prefix: Sip,
    counter: u64,
    /// What gives the second word of the last block, if not used yet.
    spare: Option<Finished>,
    /// The fraction draws are taken from, and the product of the ranges drawn from it so far.
    word: u64,
    spent: u64,
}

/// A word is replaced before the ranges drawn from it multiply past this.
const WORD_BUDGET: u64 = 1 << 32;

impl Stream {
    fn next_word(&mut self) -> u64 {
        if let Some(rest) = self.spare.take() {
            return rest.second();
        }
        let mut hasher = self.prefix;
        hasher.write_u64(self.counter);
        self.counter = self.counter.wrapping_add(1);
        let (first, rest) = hasher.finish();
        self.spare = Some(rest);
        first
    }

    /// A number in `0..n` (0 when `n` is 0 or 1, which use no randomness).
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        if n <= 1 {
            return 0;
        }
        let n = u64::from(n);
        // `spent` never exceeds `WORD_BUDGET` (2^32) and `n` is below 2^32, so the product
        // fits in 64 bits. A checked or saturating multiply would be a 128-bit multiply
        // (`__multi3`) on wasm32, and this runs for every drawn character.
        if self.spent * n > WORD_BUDGET {
            self.word = self.next_word();
            self.spent = 1;
        }
        self.spent *= n;
        // `word · n` as a 128-bit number from 32-bit halves (no 128-bit arithmetic, which
        // Wasm lacks): the high 64 bits are the draw, the low 64 bits the next fraction.
        let high = (self.word >> 32) * n;
        let low = (self.word & 0xffff_ffff) * n;
        let draw = (high + (low >> 32)) >> 32;
        self.word = (high << 32).wrapping_add(low);
        u32::try_from(draw).unwrap_or(0)
    }

    pub(crate) fn byte(&mut self) -> u8 {
        u8::try_from(self.below(256)).unwrap_or(0)
    }

    pub(crate) fn fill(&mut self, out: &mut [u8]) {
        for b in out {
            *b = self.byte();
        }
    }

    /// A number in `range`, inclusive; `range.start()` when the range is empty.
    pub(crate) fn within(&mut self, range: std::ops::RangeInclusive<u32>) -> u32 {
        let (lo, hi) = (*range.start(), *range.end());
        let span = hi.saturating_sub(lo);
        let offset = match span.checked_add(1) {
            Some(n) => self.below(n),
            // The full `u32` range: one word's top half.
            None => u32::try_from(self.next_word() >> 32).unwrap_or(0),
        };
        lo.saturating_add(offset)
    }

    /// A decimal digit, as a number.
    pub(crate) fn digit(&mut self) -> u8 {
        u8::try_from(self.below(10)).unwrap_or(0)
    }

    /// One symbol of `alphabet` (`fallback` for an empty alphabet).
    pub(crate) fn pick(&mut self, alphabet: &[u8], fallback: u8) -> u8 {
        let len = u32::try_from(alphabet.len()).unwrap_or(0);
        usize::try_from(self.below(len))
            .ok()
            .and_then(|i| alphabet.get(i).copied())
            .unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(key: u8, input: &[u8]) -> Stream {
        let mut seed = Seed::new(SipKey::from_bytes(&[key; 32]), "test");
        seed.bytes(input);
        seed.stream()
    }

    #[test]
    fn pieces_are_fed_as_their_concatenation() {
        let key = SipKey::from_bytes(&[9; 32]);
        let mut a = Seed::new(key, "d");
        a.bytes(b"al").lower("ICE@Example.COM").digits(&[4, 2]);
        let mut b = Seed::new(key, "d");
        b.bytes(b"alice@example.com42");
        let mut c = Seed::new(key, "e");
        c.bytes(b"alice@example.com42");
        let mut x = [0u8; 40];
        let mut y = [0u8; 40];
        let mut z = [0u8; 40];
        a.stream().fill(&mut x);
        b.stream().fill(&mut y);
        c.stream().fill(&mut z);
        assert_eq!(x, y);
        assert_ne!(x, z, "the domain is part of the input");
        let mut long = Seed::new(key, "d");
        long.lower(&"ÉA".repeat(40));
        let mut lowered = Seed::new(key, "d");
        lowered.bytes("éa".repeat(40).as_bytes());
        assert_eq!(
            long.stream().below(1 << 20),
            lowered.stream().below(1 << 20)
        );
    }

    proptest::proptest! {
        /// Block `i` of a stream is SipHash-2-4-128 of `domain ‖ 0 ‖ M ‖ len(M) ‖ i` (both
        /// numbers 8 bytes, little-endian), first half then second, as the `siphasher` crate
        /// computes it, however `M` is cut into pieces.
        #[test]
        fn blocks_are_siphash_of_the_message(
            key in proptest::prelude::any::<[u8; 32]>(),
            domain in "[a-z_-]{1,20}",
            pieces in proptest::collection::vec(
                proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
                0..6,
            ),
        ) {
            use siphasher::sip128::{Hasher128, SipHasher24};
            use std::hash::Hasher;
            let sip_key = SipKey::from_bytes(&key);
            let mut seed = Seed::new(sip_key, &domain);
            let mut message = domain.as_bytes().to_vec();
            message.push(0);
            for piece in &pieces {
                seed.bytes(piece);
                message.extend_from_slice(piece);
            }
            let mut stream = seed.stream();
            let k0 = u64::from_le_bytes(key[..8].try_into().unwrap());
            let k1 = u64::from_le_bytes(key[8..16].try_into().unwrap());
            for i in 0..3u64 {
                let mut reference = SipHasher24::new_with_keys(k0, k1);
                reference.write(&message);
                reference.write(&(message.len() as u64).to_le_bytes());
                reference.write(&i.to_le_bytes());
                let (first, second) = reference.finish128().as_u64();
                proptest::prop_assert_eq!(stream.next_word(), first);
                proptest::prop_assert_eq!(stream.next_word(), second);
            }
        }
    }

    #[test]
    fn words_lower_case_as_bytes_do() {
        let mut bytes: Vec<u8> = (0..=255).collect();
        bytes.extend(b"AZaz@[`{");
        for eight in bytes.windows(8) {
            let word = u64::from_le_bytes(eight.try_into().unwrap());
            let lowered = eight.to_ascii_lowercase();
            assert_eq!(
                lower_word(word).to_le_bytes(),
                lowered.as_slice(),
                "{eight:?}"
            );
        }
    }

    #[test]
    fn same_seed_same_draws_and_blocks_differ() {
        let mut x = [0u8; 80];
        let mut y = [0u8; 80];
        stream(7, b"v").fill(&mut x);
        stream(7, b"v").fill(&mut y);
        assert_eq!(x, y);
        // Counter mode: later blocks are not repeats of the first.
        assert_ne!(x[..16], x[16..32]);
        let mut z = [0u8; 80];
        stream(8, b"v").fill(&mut z);
        assert_ne!(x, z, "another key");
        stream(7, b"w").fill(&mut z);
        assert_ne!(x, z, "another input");
    }

    #[test]
    fn ranges_are_respected_and_covered() {
        let mut s = stream(1, b"ranges");
        let mut seen = [0u32; 10];
        for _ in 0..5000 {
            let d = s.digit();
            assert!(d < 10);
            seen[usize::from(d)] += 1;
            let w = s.within(2..=9);
            assert!((2..=9).contains(&w));
        }
        // Every digit is reachable and none is far off its share of 500.
        assert!(seen.iter().all(|&n| (380..620).contains(&n)), "{seen:?}");
        assert_eq!(s.below(0), 0);
        assert_eq!(s.below(1), 0);
        assert_eq!(s.within(5..=5), 5);
        let reversed = std::ops::RangeInclusive::new(9, 3);
        assert_eq!(s.within(reversed), 9);
        let _ = s.within(0..=u32::MAX);
        assert_eq!(s.pick(b"", b'?'), b'?');
    }

    #[test]
    fn bytes_are_uniform_enough() {
        let mut s = stream(3, b"bytes");
        let mut bits = [0u32; 8];
        for _ in 0..4096 {
            let b = s.byte();
            for (i, n) in bits.iter_mut().enumerate() {
                *n += u32::from(b >> i & 1);
            }
        }
        assert!(bits.iter().all(|&n| (1850..2250).contains(&n)), "{bits:?}");
    }
}
