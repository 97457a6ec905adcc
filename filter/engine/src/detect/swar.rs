//! Byte-class tests on the eight byte lanes of a `u64` (SWAR), for code that looks at eight
//! bytes per step without SIMD instructions (the workspace denies `unsafe`, and the module is
//! built without the Wasm SIMD feature).
//!
//! Each test leaves the top bit of a lane set where the byte is in the class and every other
//! bit clear. No carry crosses a lane: every sum adds to a lane value of at most `0x7F` a
//! constant of at most `0x80`.

const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of every lane.
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The top bit of every lane that differs from `c`.
#[inline(always)]
pub(super) fn differs(x: u64, c: u8) -> u64 {
    let t = x ^ (ONES * u64::from(c));
    ((t & LOW7).wrapping_add(LOW7) | t) & HIGH
}

/// The top bit of every lane in `lo..=hi` (both below `0x80`).
#[inline(always)]
pub(super) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & LOW7;
    let at_least_lo = low + ONES * u64::from(0x80 - lo);
    let above_hi = low + ONES * u64::from(0x7F - hi);
    at_least_lo & !above_hi & !x & HIGH
}

/// The eight bytes from `i` as the lanes of a `u64`, the byte at `i` lowest; `None` when
/// they run past the end of `b`.
#[inline(always)]
pub(super) fn lanes(b: &[u8], i: usize) -> Option<u64> {
    let bytes = b.get(i..i.checked_add(8)?)?;
    <[u8; 8]>::try_from(bytes).ok().map(u64::from_le_bytes)
}

/// The top bits of the lanes of `flags` (every other bit clear) as eight bits, lane 0
/// lowest.
#[inline(always)]
pub(super) fn gather(flags: u64) -> u64 {
    gather_low(flags >> 7)
}

/// The low bits of the lanes of `lanes` (every other bit clear) as eight bits, lane 0
/// lowest. The multiplier shifts lane `k` to bit `56 + k`; no two partial products meet in
/// one bit, so no carry disturbs the top byte.
#[inline(always)]
pub(super) fn gather_low(lanes: u64) -> u64 {
    lanes.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each lane test on every byte value in every lane, among neighbours of every kind.
    #[test]
    fn lane_tests_agree_with_byte_tests() {
        for c in 0..=255u8 {
            for lane in 0..8 {
                for fill in [
                    0u8,
                    b' ',
                    b'9',
                    0xFF,
                    b'a',
                    c.wrapping_add(1),
                    c.wrapping_sub(1),
                ] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = c;
                    let x = u64::from_le_bytes(bytes);
                    let want = |test: &dyn Fn(u8) -> bool| {
                        (0..8)
                            .filter(|&k| test(bytes[k]))
                            .fold(0u64, |m, k| m | 0x80 << (8 * k))
                    };
                    assert_eq!(differs(x, b'-'), want(&|b| b != b'-'));
                    assert_eq!(within(x, b'0', b'9'), want(&|b| b.is_ascii_digit()));
                    assert_eq!(within(x, b'a', b'f'), want(&|b| (b'a'..=b'f').contains(&b)));
                    let bits = (0..8).filter(|&k| bytes[k] == c).fold(0, |m, k| m | 1 << k);
                    assert_eq!(gather(!differs(x, c) & HIGH), bits);
                }
            }
        }
    }

    #[test]
    fn lanes_read_eight_bytes_little_end_first() {
        let b = b"0123456789";
        assert_eq!(lanes(b, 2), Some(u64::from_le_bytes(*b"23456789")));
        assert_eq!(lanes(b, 3), None);
        assert_eq!(lanes(b, usize::MAX), None);
    }
}
