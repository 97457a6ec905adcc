//! MAC addresses (EUI-48): `00:1A:2B:3C:4D:5E`, `00-1A-2B-3C-4D-5E`, Cisco's `001a.2b3c.4d5e`.
//!
//! One separator throughout; the all-zero and broadcast addresses identify no device and
//! are left alone. Eight colon groups are an IPv6 address, not a MAC, which the right-hand
//! boundary check enforces.

use super::bytes::{at, before, before2, is_hex, is_word};

/// The end of a MAC address starting at `s`.
///
/// Inlined into the structural walk, which offers every colon, dash or dot after two or
/// four hex digits: the checks of the start (the separator, the byte before) reject dates
/// and times without a call; the groups are read out of line.
#[inline]
pub(super) fn scan(b: &[u8], s: usize) -> Option<usize> {
    let (sep, group, groups) = match (at(b, s + 2), at(b, s + 4)) {
        (b':', _) => (b':', 2, 6),
        (b'-', _) => (b'-', 2, 6),
        (_, b'.') => (b'.', 4, 3),
        _ => return None,
    };
    let p = before(b, s);
    if is_word(p) || (p == sep && is_hex(before2(b, s))) {
        return None;
    }
    groups_from(b, s, sep, group, groups)
}

/// The end of `groups` groups of `group` hex digits joined by `sep` from `s`, when they
/// make an address.
#[inline(never)]
fn groups_from(b: &[u8], s: usize, sep: u8, group: usize, groups: usize) -> Option<usize> {
    let mut i = s;
    let mut value = 0u64;
    for k in 0..groups {
        for _ in 0..group {
            let c = at(b, i);
            let v = hex_value(c)?;
            value = (value << 4) | u64::from(v);
            i += 1;
        }
        if k + 1 < groups {
            if at(b, i) != sep {
                return None;
            }
            i += 1;
        }
    }
    let next = at(b, i);
    if is_word(next) || (next == sep && is_hex(at(b, i + 1))) {
        return None;
    }
    if value == 0 || value == 0xFFFF_FFFF_FFFF {
        return None;
    }
    Some(i)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs() {
        for text in [
            "00:1A:2B:3C:4D:5E",
            "0a:23:f5:67:89:ac",
            "00-1A-2B-3C-4D-5E",
            "0d-B3-4a-6A-d9-cF",
            "0012.3456.789A",
            "aabb.ccdd.eeff",
        ] {
            assert_eq!(scan(text.as_bytes(), 0), Some(text.len()), "{text}");
        }
        assert_eq!(scan(b"00:1A:2B:3C:4D:5E.", 0), Some(17));
    }

    #[test]
    fn not_macs() {
        for text in [
            "00:1A:2B:3C:4D",
            "ZZ:ZZ:ZZ:ZZ:ZZ:ZZ",
            "FF:FF:FF:FF:FF:FF",
            "00:00:00:00:00:00",
            "10:2F:33-AC-29-C3",
            "aa:bb:cc:dd:ee:ff:00:11",
            "00:1A:2B:3C:4D:5Eg",
            "12:34:56",
        ] {
            assert_eq!(scan(text.as_bytes(), 0), None, "{text}");
        }
    }
}
