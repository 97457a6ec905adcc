//! Sixty-four bytes of text at a time, as one bit per byte: where the structural walk stops.
//!
//! Natively the byte test is written as plain comparisons over a fixed-size array, a shape
//! the compiler turns into SIMD compares; the Wasm module, optimised for size, gets no such
//! rewrite and tests eight bytes per step as the lanes of a `u64` instead. Either way the
//! lane flags are then packed into bits eight at a time with one multiplication. The walk
//! then finds its next stop with `trailing_zeros`, and a stop costs the same wherever it
//! lies in the window.

use super::swar::{gather, gather_low};

/// Bytes per window: one bit of a `u64` each.
pub(super) const LEN: usize = 64;

/// Whether the structural walk stops at `c`: a digit or one of `( + - . : @`.
#[inline(always)]
pub(super) fn is_stop(c: u8) -> bool {
    // `-` to `:` is one range but for `/`.
    let range = c.wrapping_sub(b'-') <= b':' - b'-' && c != b'/';
    range | (c == b'(') | (c == b'+') | (c == b'@')
}

/// The stops among the [`LEN`] bytes of `b` from `base`: bit `k` is set when the byte at
/// `base + k` is a stop. Bytes past the end are not stops.
#[inline]
pub(super) fn stops(b: &[u8], base: usize) -> u64 {
    let end = base.saturating_add(LEN);
    match b
        .get(base..end)
        .and_then(|s| <&[u8; LEN]>::try_from(s).ok())
    {
        Some(block) => pack(block),
        None => {
            let mut block = [0u8; LEN];
            let tail = b.get(base..).unwrap_or(&[]);
            for (slot, &c) in block.iter_mut().zip(tail) {
                *slot = c;
            }
            pack(&block)
        }
    }
}

/// The stop bits of a block, by the method that suits the target (both are tested).
#[inline(always)]
fn pack(block: &[u8; LEN]) -> u64 {
    if cfg!(target_family = "wasm") {
        pack_lanes(block)
    } else {
        pack_bytes(block)
    }
}

/// Native builds (optimised for speed) turn this loop into SIMD compares.
#[inline(always)]
fn pack_bytes(block: &[u8; LEN]) -> u64 {
    let mut flags = [0u8; LEN];
    for (flag, &c) in flags.iter_mut().zip(block) {
        *flag = u8::from(is_stop(c));
    }
    let mut bits = 0u64;
    for (k, lanes) in flags.chunks_exact(8).enumerate() {
        if let &[f0, f1, f2, f3, f4, f5, f6, f7] = lanes {
            let lanes = u64::from_le_bytes([f0, f1, f2, f3, f4, f5, f6, f7]);
            bits |= gather_low(lanes) << (8 * k);
        }
    }
    bits
}

/// The module is optimised for size, which leaves loops as written: eight bytes per step
/// as the lanes of a `u64` instead ([`super::swar`]).
/// Written without iterator adapters, which that optimisation level leaves as calls.
#[inline(always)]
fn pack_lanes(block: &[u8; LEN]) -> u64 {
    let mut bits = 0u64;
    let mut k = 0;
    while let Some(&[c0, c1, c2, c3, c4, c5, c6, c7]) = block.get(8 * k..8 * k + 8) {
        let lanes = u64::from_le_bytes([c0, c1, c2, c3, c4, c5, c6, c7]);
        bits |= gather(swar::stops(lanes)) << (8 * k);
        k += 1;
    }
    bits
}

/// [`is_stop`] on the eight byte lanes of a `u64`: the top bit of each lane that is a stop.
mod swar {
    use super::super::swar::{differs, within, HIGH};

    #[inline(always)]
    pub(super) fn stops(x: u64) -> u64 {
        let range = within(x, b'-', b':') & differs(x, b'/');
        let singles = !(differs(x, b'(') & differs(x, b'+') & differs(x, b'@')) & HIGH;
        range | singles
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The window computed one byte at a time.
    fn reference(b: &[u8], base: usize) -> u64 {
        (0..LEN)
            .filter(|&k| b.get(base + k).is_some_and(|&c| is_stop(c)))
            .fold(0, |bits, k| bits | 1 << k)
    }

    #[test]
    fn the_stop_bytes() {
        let stops: Vec<u8> = (0..=255u8).filter(|&c| is_stop(c)).collect();
        assert_eq!(stops, b"(+-.0123456789:@".to_vec());
    }

    #[test]
    fn every_byte_value_at_every_position() {
        for c in 0..=255u8 {
            for k in 0..LEN {
                for fill in [0u8, b' ', b'9', 0xFF, b'/'] {
                    let mut b = [fill; LEN];
                    b[k] = c;
                    let want = reference(&b, 0);
                    assert_eq!(pack_bytes(&b), want, "{c} at {k} in {fill}");
                    assert_eq!(pack_lanes(&b), want, "{c} at {k} in {fill}");
                }
            }
        }
    }

    #[test]
    fn bytes_past_the_end_are_not_stops() {
        let b = b"1-2.3:4@5(6+7";
        assert_eq!(stops(b, 0), (1 << b.len()) - 1);
        assert_eq!(stops(b, 12), 1);
        assert_eq!(stops(b, 13), 0);
        assert_eq!(stops(b, usize::MAX), 0);
    }

    #[test]
    fn lanes_agree_with_the_byte_test() {
        for c in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, b' ', b'9', 0xFF, b'/', c.wrapping_add(1)] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = c;
                    let want = (0..8)
                        .filter(|&k| is_stop(bytes[k]))
                        .fold(0u64, |m, k| m | 0x80 << (8 * k));
                    assert_eq!(swar::stops(u64::from_le_bytes(bytes)), want);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn windows_agree_with_the_byte_test(
            b in proptest::collection::vec(any::<u8>(), 0..200),
            base in 0usize..200,
        ) {
            prop_assert_eq!(stops(&b, base), reference(&b, base));
        }

        #[test]
        fn windows_of_text_agree_with_the_byte_test(
            s in "[0-9a-f:.@+( /,-]{0,150}",
            base in 0usize..100,
        ) {
            prop_assert_eq!(stops(s.as_bytes(), base), reference(s.as_bytes(), base));
        }
    }
}
