//! IPv4 and IPv6 addresses, with an optional CIDR prefix length (and IPv6 zone).
//!
//! IPv4 is four decimal octets of at most 255. A fifth dotted number (`192.168.1.1.1`) leaves
//! the first four an address unless they start with 0, 1 or 2: those are the only top-level
//! arcs of an OID (`1.3.6.1.4.1`), and versions (`1.2.3.4.5`) start small too, so such runs
//! are left alone. IPv6 follows RFC 4291's text forms: eight groups, or fewer around one `::`,
//! optionally ending in a dotted IPv4. A run that fails as a whole (`2001::db8::1`,
//! `12345:db8::1`) is rejected rather than trimmed to a valid prefix.
//!
//! Every address is a finding, the unspecified (`0.0.0.0`, `::`), loopback and broadcast ones
//! included: they point at no one, but replacing them costs nothing in privacy and their
//! pseudonyms stay addresses of the same family. What must survive is the text that merely
//! contains colons: `std::vector` and `a::b` (glued to a word), `Home :: Shop` and `f :: Int`
//! (a lone `::` between spaces is a separator, not the unspecified address), times
//! (`12:30:45`) and ratios (`1:2:3:4`, too few groups). Link-local addresses are findings for
//! a better reason: an IPv6 one is often derived from the interface's MAC address (EUI-64),
//! and an IPv4 one (169.254/16) is specific to a host.

#[cfg(test)]
use super::bytes::run_back;
use super::bytes::{at, before, digits_value, is_digit, is_hex, is_word, numeric_end, run_len};

/// The end of an IPv4 address (and `/prefix` when valid) starting at `start`.
pub(super) fn scan_v4(b: &[u8], start: usize) -> Option<usize> {
    let (end, [first, ..]) = v4_octets(b, start)?;
    if numeric_end(b, end) {
        return Some(cidr(b, end, 32).unwrap_or(end));
    }
    // More dotted numbers follow: an address with a suffix, unless it reads as an OID.
    let more_numbers = at(b, end) == b'.' && is_digit(at(b, end + 1));
    (more_numbers && first > 2).then_some(end)
}

/// Four dotted octets starting at `start`, without any boundary check on the right: their
/// end and values.
fn v4_octets(b: &[u8], start: usize) -> Option<(usize, [u8; 4])> {
    let mut i = start;
    let mut octets = [0u8; 4];
    for k in 0..4 {
        let len = run_len(b, i, is_digit);
        let value = digits_value(b.get(i..i + len)?);
        if !(1..=3).contains(&len) || value > 255 {
            return None;
        }
        if let Some(slot) = octets.get_mut(k) {
            *slot = u8::try_from(value).ok()?;
        }
        i += len;
        if k < 3 {
            if at(b, i) != b'.' {
                return None;
            }
            i += 1;
        }
    }
    Some((i, octets))
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
            i = v4_octets(b, i)?.0;
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
    crate::ipv6::parse(b.get(s..i)?)?;
    if groups == 0 && is_separator_gap(b, s, i) {
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

/// Whether the lone `::` at `s..end` is punctuation rather than the unspecified address
/// (`src=:: dst`, `listen on ::`, `::/0`): a separator between spaces (`Home :: Shop`,
/// `f :: Int`, a `:: comment` line) or the start of a path (`::/usr`).
fn is_separator_gap(b: &[u8], s: usize, end: usize) -> bool {
    let blank = |c: u8| matches!(c, 0 | b' ' | b'\t' | b'\n' | b'\r');
    match at(b, end) {
        b' ' | b'\t' => blank(before(b, s)),
        b'/' => cidr(b, end, 128).is_none(),
        _ => false,
    }
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
            ("255.255.255.254", "255.255.255.254"),
            ("10.0.0.1:8080", "10.0.0.1"),
            ("192.168.1.0/24 net", "192.168.1.0/24"),
            ("169.254.10.20", "169.254.10.20"),
            ("126.255.255.255", "126.255.255.255"),
            ("10.0.0.0/123", "10.0.0.0"),
            ("192.168.1.1.", "192.168.1.1"),
            ("192.168.2.1@eth0", "192.168.2.1"),
            // Addresses that point at no one are findings too.
            ("0.0.0.0", "0.0.0.0"),
            ("0.0.0.0:8080", "0.0.0.0"),
            ("0.0.0.0/0", "0.0.0.0/0"),
            ("127.0.0.1", "127.0.0.1"),
            ("127.10.20.30", "127.10.20.30"),
            ("255.255.255.255", "255.255.255.255"),
            // A suffix after an address that cannot be an OID.
            ("192.168.1.1.1", "192.168.1.1"),
            ("10.0.0.1.5.6", "10.0.0.1"),
        ] {
            assert_eq!(v4(text), Some(ip), "{text}");
        }
        for text in [
            "999.1.1.1",
            "256.256.256.256",
            "192.168.1",
            "1.2.3",
            "192.168.1.1text",
            "192.168.1.1.x",
            "1234.56",
            // OIDs and versions: the first arc of an OID is 0, 1 or 2.
            "1.3.6.1.4.1.311",
            "2.5.4.3.1",
            "0.9.2342.19200300.100.1.1",
            "1.2.3.4.5",
        ] {
            assert_eq!(v4(text), None, "{text}");
        }
    }

    #[test]
    fn ipv6() {
        for (text, ip) in [
            ("2001:db8::1", "2001:db8::1"),
            ("::2", "::2"),
            ("fe80::1", "fe80::1"),
            ("::ffff:10.1.2.3", "::ffff:10.1.2.3"),
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
            // Unspecified and loopback addresses, delimited as addresses.
            ("::", "::"),
            ("::/0", "::/0"),
            ("::/128", "::/128"),
            ("::1", "::1"),
            ("::1/128", "::1/128"),
            ("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1"),
            ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
            ("::]:8080", "::"),
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
            "::operator",
            "::Shop",
            "::/path",
        ] {
            assert_eq!(v6(text), None, "{text}");
        }
    }

    /// Text around `::` as the scanner meets it: the finding, if any.
    fn v6_in(text: &str) -> Option<&str> {
        let b = text.as_bytes();
        let s = text.find("::")?;
        let s = s - run_back(b, s, 4, is_hex);
        if !v6_may_start(b, s) {
            return None;
        }
        scan_v6(b, s).map(|e| &text[s..e])
    }

    #[test]
    fn a_lone_double_colon_is_an_address_only_where_a_value_stands() {
        for (text, ip) in [
            ("Use local ipv6 ::", "::"),
            ("src=:: dst", "::"),
            ("bind [::]:80", "::"),
            ("\"listen\": \"::\"", "::"),
            ("route ::/0 via", "::/0"),
            ("my ip: ::1", "::1"),
            ("from ::1 and", "::1"),
        ] {
            assert_eq!(v6_in(text), Some(ip), "{text}");
        }
        for text in [
            "std::vector<int>",
            "a::b::c",
            "MyClass::toString",
            "Home :: Shop :: Cart",
            "f :: Int -> Int",
            ":: a batch comment",
            "line\n:: another",
            "12:30:45",
            "Ratio 1:2:3:4",
            ":::",
        ] {
            assert_eq!(v6_in(text), None, "{text}");
        }
    }
}
