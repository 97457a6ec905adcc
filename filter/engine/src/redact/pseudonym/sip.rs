//! SipHash-2-4 with 128-bit output, written for how seeds are fed: many short pieces.
//!
//! A general-purpose hasher pays per `write` for its tail bookkeeping, which dominates when a
//! seed is fed a label, a 0 byte and a dozen digits in separate calls. Here a piece is taken a
//! whole 8-byte word at a time where it can be and a byte at a time into the pending word
//! otherwise, and the state is `Copy`, so a stream's blocks start from the hashed prefix
//! without re-reading it. The function is the reference SipHash-2-4-128 (Aumasson and
//! Bernstein), checked against the paper's known answers and against the `siphasher` crate in
//! the tests.

/// A 128-bit SipHash key. No `Debug`: it is key material.
#[derive(Clone, Copy)]
pub(super) struct SipKey {
    k0: u64,
    k1: u64,
}

impl SipKey {
    /// The first 16 bytes of `material`, little-endian, as SipHash's reference code reads its
    /// key.
    pub(super) fn from_bytes(material: &[u8; 32]) -> Self {
        let word = |at: usize| {
            let mut bytes = [0u8; 8];
            if let Some(src) = material.get(at..at + 8) {
                bytes.copy_from_slice(src);
            }
            u64::from_le_bytes(bytes)
        };
        Self {
            k0: word(0),
            k1: word(8),
        }
    }
}

/// A SipHash-2-4-128 computation in progress. No `Debug`: its state is derived from the key.
#[derive(Clone, Copy)]
pub(super) struct Sip {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
    /// The bytes of the word not complete yet, little-endian, and how many there are.
    pending: u64,
    npending: u32,
    /// Bytes fed so far (only the low 8 bits enter the hash, as the reference has it).
    len: u64,
}

impl Sip {
    pub(super) fn new(key: SipKey) -> Self {
        Self {
            v0: key.k0 ^ 0x736f_6d65_7073_6575,
            // `^ 0xee`: the 128-bit variant's domain separation from the 64-bit one.
            v1: key.k1 ^ 0x646f_7261_6e64_6f6d ^ 0xee,
            v2: key.k0 ^ 0x6c79_6765_6e65_7261,
            v3: key.k1 ^ 0x7465_6462_7974_6573,
            pending: 0,
            npending: 0,
            len: 0,
        }
    }

    #[inline(always)]
    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(13) ^ self.v0;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(16) ^ self.v2;
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(21) ^ self.v0;
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(17) ^ self.v2;
        self.v2 = self.v2.rotate_left(32);
    }

    #[inline(always)]
    fn compress(&mut self, m: u64) {
        self.v3 ^= m;
        self.round();
        self.round();
        self.v0 ^= m;
    }

    #[inline]
    pub(super) fn write(&mut self, bytes: &[u8]) {
        self.len = self
            .len
            .wrapping_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        let mut rest = bytes;
        if self.npending > 0 {
            let need = 8 - self.npending as usize;
            let Some((head, tail)) = rest.split_at_checked(need) else {
                self.pending |= load(rest) << (8 * self.npending);
                self.npending += rest.len() as u32;
                return;
            };
            self.compress(self.pending | load(head) << (8 * self.npending));
            rest = tail;
        }
        let mut words = rest.chunks_exact(8);
        for word in &mut words {
            self.compress(load(word));
        }
        self.pending = load(words.remainder());
        self.npending = words.remainder().len() as u32;
    }

    /// Bytes fed so far.
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// Feeds one 8-byte little-endian number.
    #[inline]
    pub(super) fn write_u64(&mut self, n: u64) {
        self.len = self.len.wrapping_add(8);
        if self.npending == 0 {
            self.compress(n);
            return;
        }
        let shift = 8 * self.npending;
        self.compress(self.pending | n << shift);
        self.pending = n >> (64 - shift);
    }

    /// The first 64-bit half of the hash, and what gives the second ([`Finished::second`]),
    /// which most uses never need.
    pub(super) fn finish(mut self) -> (u64, Finished) {
        let b = (self.len & 0xff) << 56 | self.pending;
        self.compress(b);
        self.v2 ^= 0xee;
        for _ in 0..4 {
            self.round();
        }
        let first = self.v0 ^ self.v1 ^ self.v2 ^ self.v3;
        (first, Finished(self))
    }
}

/// A hash whose first half was taken. No `Debug`: its state is derived from the key.
#[derive(Clone, Copy)]
pub(super) struct Finished(Sip);

impl Finished {
    /// The second 64-bit half of the hash.
    pub(super) fn second(self) -> u64 {
        let mut sip = self.0;
        sip.v1 ^= 0xdd;
        for _ in 0..4 {
            sip.round();
        }
        sip.v0 ^ sip.v1 ^ sip.v2 ^ sip.v3
    }
}

/// Up to 8 bytes as a little-endian number (a shorter piece fills the low bytes).
#[inline(always)]
fn load(bytes: &[u8]) -> u64 {
    if let Ok(word) = <[u8; 8]>::try_from(bytes) {
        return u64::from_le_bytes(word);
    }
    let mut out = 0u64;
    let mut rest = bytes;
    let mut shift = 0u32;
    if let Some((four, tail)) = rest.split_first_chunk::<4>() {
        out = u64::from(u32::from_le_bytes(*four));
        rest = tail;
        shift = 32;
    }
    if let Some((two, tail)) = rest.split_first_chunk::<2>() {
        out |= u64::from(u16::from_le_bytes(*two)) << shift;
        rest = tail;
        shift += 16;
    }
    if let Some(&one) = rest.first() {
        out |= u64::from(one) << shift;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use siphasher::sip128::{Hasher128, SipHasher24};
    use std::hash::Hasher;

    fn key(bytes: [u8; 16]) -> SipKey {
        let mut material = [0u8; 32];
        material[..16].copy_from_slice(&bytes);
        SipKey::from_bytes(&material)
    }

    fn both(sip: Sip) -> (u64, u64) {
        let (first, rest) = sip.finish();
        (first, rest.second())
    }

    /// The reference key `00 01 … 0f`.
    fn reference_key() -> SipKey {
        key(std::array::from_fn(|i| i as u8))
    }

    /// The 128-bit known answers of the reference implementation (`vectors.h`, key
    /// `00 01 … 0f`, message `00 01 … (n-1)`) for the empty message and one of 15 bytes.
    #[test]
    fn reference_known_answers() {
        let bytes = |(a, b): (u64, u64)| {
            let mut out = [0u8; 16];
            out[..8].copy_from_slice(&a.to_le_bytes());
            out[8..].copy_from_slice(&b.to_le_bytes());
            out
        };
        assert_eq!(
            bytes(both(Sip::new(reference_key()))),
            [
                0xa3, 0x81, 0x7f, 0x04, 0xba, 0x25, 0xa8, 0xe6, 0x6d, 0xf6, 0x72, 0x14, 0xc7, 0x55,
                0x02, 0x93
            ]
        );
        let message: Vec<u8> = (0..15).collect();
        let mut reference = SipHasher24::new_with_keys(reference_key().k0, reference_key().k1);
        reference.write(&message);
        let mut ours = Sip::new(reference_key());
        ours.write(&message);
        assert_eq!(both(ours), reference.finish128().as_u64());
    }

    proptest! {
        /// Any message cut into any pieces, fed as bytes or as 8-byte numbers, hashes as the
        /// `siphasher` crate hashes the concatenation.
        #[test]
        fn matches_siphasher(
            k in any::<[u8; 16]>(),
            pieces in prop::collection::vec(
                prop_oneof![
                    prop::collection::vec(any::<u8>(), 0..20).prop_map(Ok),
                    any::<u64>().prop_map(Err),
                ],
                0..8,
            ),
        ) {
            let k = key(k);
            let mut ours = Sip::new(k);
            let mut reference = SipHasher24::new_with_keys(k.k0, k.k1);
            for piece in &pieces {
                match piece {
                    Ok(bytes) => ours.write(bytes),
                    Err(n) => ours.write_u64(*n),
                }
                match piece {
                    Ok(bytes) => reference.write(bytes),
                    Err(n) => reference.write(&n.to_le_bytes()),
                }
            }
            prop_assert_eq!(both(ours), reference.finish128().as_u64());
        }
    }
}
