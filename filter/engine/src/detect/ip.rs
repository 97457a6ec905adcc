//! IPv4 and IPv6 addresses, with an optional CIDR prefix length (and IPv6 zone).
//!
//! IPv4 is four decimal octets of at most 255; a fifth dotted number (`1.3.6.1.4`) makes it
//! an OID or a version, not an address. IPv6 follows RFC 4291's text forms: eight groups,
//! or fewer around one `::`, optionally ending in a dotted IPv4. A run that fails as a whole
//! (`2001::db8::1`, `12345:db8::1`) is rejected rather than trimmed to a valid prefix.

use super::bytes::{at, before, digits_value, is_digit, is_hex, is_word, numeric_end, run_len};

/// The end of an IPv4 address (and `/prefix` when valid) starting at `start`.
pub(super) fn scan_v4(b: &[u8], start: usize) -> Option<usize> {
    let end = v4_octets(b, start)?;
    if !numeric_end(b, end) {
        return None;
    }
    Some(cidr(b, end, 32).unwrap_or(end))
}

/// Four dotted octets starting at `start`, without any boundary check on the right.
fn v4_octets(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    for k in 0..4 {
        let len = run_len(b, i, is_digit);
        if !(1..=3).contains(&len) || digits_value(b.get(i..i + len)?) > 255 {
            return None;
        }
        i += len;
        if k < 3 {
            if at(b, i) != b'.' {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

/// The end of `/N` after `end` when `N <= max` and nothing word-like follows.
fn cidr(b: &[u8], end: usize, max: u32) -> Option<usize> {
    if at(b, end) != b'/' {
        return None;
    }
    let len = run_len(b, end + 1, is_digit);
    if !(1..=3).contains(&len) || digits_value(b.get(end + 1..end + 1 + len)?) > max {
        return None;
    }
    let after = end + 1 + len;
    numeric_end(b, after).then_some(after)
}

/// Whether an IPv6 address may start at `s`: not glued to a word or to another `:`.
pub(super) fn v6_may_start(b: &[u8], s: usize) -> bool {
    let p = before(b, s);
    !is_word(p) && p != b':' && p != b'.'
}

/// The end of an IPv6 address starting at `s` (zone and prefix length included).
pub(super) fn scan_v6(b: &[u8], s: usize) -> Option<usize> {
    let mut i = s;
    let mut groups = 0usize;
    let mut compressed = false;
    if at(b, i) == b':' {
        if at(b, i + 1) != b':' {
            return None;
        }
        compressed = true;
        i += 2;
    }
    loop {
        let len = run_len(b, i, is_hex);
        if len == 0 {
            break;
        }
        if at(b, i + len) == b'.' && is_digit(at(b, i + len + 1)) {
            // The last 32 bits written as IPv4.
            i = v4_octets(b, i)?;
            groups += 2;
            break;
        }
        if len > 4 {
            return None;
        }
        groups += 1;
        i += len;
        if at(b, i) != b':' {
            break;
        }
        if at(b, i + 1) == b':' {
            if compressed {
                return None;
            }
            compressed = true;
            i += 2;
        } else if is_hex(at(b, i + 1)) {
            i += 1;
        } else {
            // A single `:` after the address (`fe80::1: up`) is punctuation.
            break;
        }
        if groups > 8 {
            return None;
        }
    }
    let valid = if compressed { groups <= 7 } else { groups == 8 };
    // `:::` and other runs of colons are not addresses.
    if !valid || (at(b, i) == b':' && (at(b, i + 1) == b':' || before(b, i) == b':')) {
        return None;
    }
    // Zone index, as in `fe80::1%eth0`.
    if at(b, i) == b'%' {
        let zone = run_len(b, i + 1, |c| c.is_ascii_alphanumeric());
        if (1..=15).contains(&zone) {
            i += 1 + zone;
        }
    }
    let c = at(b, i);
    if is_word(c) || (c == b'.' && is_digit(at(b, i + 1))) {
        return None;
    }
    if c == b':' && is_hex(at(b, i + 1)) {
        return None;
    }
    Some(cidr(b, i, 128).unwrap_or(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(text: &str) -> Option<&str> {
        scan_v4(text.as_bytes(), 0).map(|e| &text[..e])
    }

    fn v6(text: &str) -> Option<&str> {
        scan_v6(text.as_bytes(), 0).map(|e| &text[..e])
    }

    #[test]
    fn ipv4() {
        for (text, ip) in [
            ("192.168.0.1", "192.168.0.1"),
            ("0.0.0.0", "0.0.0.0"),
            ("255.255.255.255", "255.255.255.255"),
            ("10.0.0.1:8080", "10.0.0.1"),
            ("192.168.1.0/24 net", "192.168.1.0/24"),
            ("10.0.0.0/123", "10.0.0.0"),
            ("192.168.1.1.", "192.168.1.1"),
            ("192.168.2.1@eth0", "192.168.2.1"),
        ] {
            assert_eq!(v4(text), Some(ip), "{text}");
        }
        for text in [
            "999.1.1.1",
            "256.256.256.256",
            "192.168.1",
            "192.168.1.1.1",
            "1.2.3",
            "192.168.1.1text",
            "1234.56",
        ] {
            assert_eq!(v4(text), None, "{text}");
        }
    }

    #[test]
    fn ipv6() {
        for (text, ip) in [
            ("2001:db8::1", "2001:db8::1"),
            ("::1", "::1"),
            (":: ", "::"),
            ("::/0", "::/0"),
            ("fe80::1%eth0/64", "fe80::1%eth0/64"),
            ("2001:db8::/9999", "2001:db8::"),
            (
                "684D:1111:222:3333:4444:5555:6:77",
                "684D:1111:222:3333:4444:5555:6:77",
            ),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            (
                "0:0:0:0:0:FFFF:129.144.52.38",
                "0:0:0:0:0:FFFF:129.144.52.38",
            ),
            ("2001:db8::1]:8080", "2001:db8::1"),
            ("2001:db8::1.", "2001:db8::1"),
            ("fe80::1: up", "fe80::1"),
        ] {
            assert_eq!(v6(text), Some(ip), "{text}");
        }
        for text in [
            "684D:1111:222:3333:4444:5555:77",
            "2001::db8::1",
            "12345:db8::1",
            "::ffff:256.0.0.1",
            "::ffff:192.168.1",
            "2001:db8::256.1.1.1",
            "fe80::1text",
            "12:34:56",
            "1:2:3:4",
            "80:443",
            ":::",
            "1:2:3:4:5:6:7:8:9",
            "aa:bb:cc:dd:ee:ff",
        ] {
            assert_eq!(v6(text), None, "{text}");
        }
    }
}
