//! IP addresses: same family, moved into the documentation ranges (RFC 5737: 192.0.2.0/24,
//! 198.51.100.0/24, 203.0.113.0/24; RFC 3849: 2001:db8::/32).
//!
//! Those ranges are never routed, so a shadow service cannot reach or geolocate anyone with
//! them, and every address in them counts as already safe: a real address is never taken for
//! a pseudonym. The price is a small IPv4 image: 3 × 254 = 762 addresses. IPv6 keeps which of
//! its last six groups were zero (and so its `::` compression) and its letter case.

use super::{Domain, Keyed, Parsed};
use crate::ipv6::{self, Ascii};

const V4_NETS: [[u8; 3]; 3] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]];

/// The longest zone id the detector takes (`%eth0`, `%25`, interface names).
const MAX_ZONE: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Addr {
    /// The four octets, and whether the input zero-padded them (`010.001.002.003`).
    V4 { octets: [u8; 4], padded: bool },
    /// The eight groups.
    V6([u16; 8]),
}

/// An address as written, with what its pseudonym keeps as it is: a zone id (`%eth0`, which
/// names an interface of the sender's host) and a CIDR prefix length (`/24`). Neither says
/// anything about a person, and the prefix is what makes `10.0.0.0/8` a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ip<'a> {
    addr: Addr,
    /// The address alone.
    text: &'a str,
    /// `%zone` and `/prefix`, as written.
    suffix: &'a str,
    prefix: Option<u8>,
}

impl<'a> Parsed<'a> for Ip<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        // One pass for the three separators (a `str` search per separator costs more than
        // the address's whole parse).
        let (mut slash, mut percent, mut colon) = (None, None, false);
        for (i, c) in value.bytes().enumerate() {
            match c {
                b'/' if slash.is_none() => slash = Some(i),
                b'%' if percent.is_none() && slash.is_none() => percent = Some(i),
                b':' if percent.is_none() && slash.is_none() => colon = true,
                _ => {}
            }
        }
        let (head, prefix) = match slash {
            Some(i) => (value.get(..i)?, Some(prefix_len(value.get(i + 1..)?)?)),
            None => (value, None),
        };
        let (text, zone) = match percent {
            Some(i) => (head.get(..i)?, Some(head.get(i + 1..)?)),
            None => (head, None),
        };
        let addr = if colon {
            if zone.is_some_and(|z| {
                z.is_empty() || z.len() > MAX_ZONE || !z.bytes().all(|b| b.is_ascii_alphanumeric())
            }) {
                return None;
            }
            Addr::V6(ipv6::parse(text.as_bytes())?)
        } else {
            if zone.is_some() {
                return None;
            }
            parse_v4(text)?
        };
        let max = if matches!(addr, Addr::V4 { .. }) {
            32
        } else {
            128
        };
        if prefix.is_some_and(|p| p > max) {
            return None;
        }
        let suffix = value.get(text.len()..).unwrap_or("");
        Some(Self {
            addr,
            text,
            suffix,
            prefix,
        })
    }

    /// Every address in a documentation range is safe as it is, whoever wrote it.
    fn ours(&self, _: &Keyed) -> bool {
        match self.addr {
            Addr::V4 {
                octets: [a, b, c, _],
                ..
            } => V4_NETS.contains(&[a, b, c]),
            Addr::V6([a, b, ..]) => [a, b] == [0x2001, 0x0db8],
        }
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        match self.addr {
            Addr::V4 { octets, padded } => {
                let mut stream = keyed.stream(Domain::Ip, &octets);
                let net = V4_NETS
                    .get(usize::try_from(stream.below(3)).unwrap_or(0))
                    .copied()
                    .unwrap_or([192, 0, 2]);
                let drawn = u8::try_from(stream.within(1..=254)).unwrap_or(1);
                let [a, b, c] = net;
                let host = match self.network_mask(32, 24) {
                    Some(mask) => {
                        let host_mask = u32::try_from(mask & 0xff).unwrap_or(0xff);
                        u8::try_from(keep_network(
                            u32::from(drawn),
                            u32::from(octets[3]),
                            host_mask,
                        ))
                        .unwrap_or(0)
                    }
                    None => drawn,
                };
                for (i, octet) in [a, b, c, host].into_iter().enumerate() {
                    if i > 0 {
                        out.push('.');
                    }
                    push_decimal(out, octet, padded);
                }
            }
            Addr::V6(addr) => {
                let mut octets = [0u8; 16];
                for (pair, group) in octets.chunks_exact_mut(2).zip(addr) {
                    pair.copy_from_slice(&group.to_be_bytes());
                }
                let mut stream = keyed.stream(Domain::Ip, &octets);
                let mask = self.network_mask(128, 32);
                let mut segments = [0x2001, 0x0db8, 0, 0, 0, 0, 0, 0];
                for (i, (segment, &original)) in
                    segments.iter_mut().zip(addr.iter()).enumerate().skip(2)
                {
                    if original != 0 {
                        let drawn = stream.within(1..=0xffff);
                        *segment = match mask {
                            Some(mask) => {
                                let shift = 16 * (7 - i);
                                let seg_mask =
                                    u32::try_from((mask >> shift) & 0xffff).unwrap_or(0xffff);
                                u16::try_from(keep_network(drawn, u32::from(original), seg_mask))
                                    .unwrap_or(1)
                            }
                            None => u16::try_from(drawn).unwrap_or(1),
                        };
                    }
                }
                let mark = out.len();
                if is_fully_expanded(self.text) {
                    push_expanded(out, &segments);
                } else {
                    ipv6::push_canonical(out, &segments);
                }
                let text = self.text.as_bytes();
                if text.iter().any(u8::is_ascii_uppercase)
                    && !text.iter().any(u8::is_ascii_lowercase)
                {
                    if let Some(written) = out.get_mut(mark..) {
                        written.make_ascii_uppercase();
                    }
                }
            }
        }
        out.push_str(self.suffix);
    }
}

impl Ip<'_> {
    /// For an input that is a network (its host bits are zero), the mask of the bits a
    /// pseudonym may keep non-zero: those of the prefix, and never fewer than the `fixed` bits
    /// of the documentation range, so that the pseudonym stays inside it. `None`: an address
    /// (with or without a prefix), whose host bits are drawn.
    fn network_mask(&self, width: u32, fixed: u32) -> Option<u128> {
        let prefix = u32::from(self.prefix?);
        let bits = match self.addr {
            Addr::V4 { octets, .. } => u128::from(u32::from_be_bytes(octets)),
            Addr::V6(groups) => groups
                .iter()
                .fold(0u128, |bits, &g| bits << 16 | u128::from(g)),
        };
        let ones = |n: u32| -> u128 {
            // The top `n` of `width` bits.
            let low = width.saturating_sub(n);
            let all = u128::MAX >> (128 - width);
            all.checked_shr(low)
                .and_then(|x| x.checked_shl(low))
                .unwrap_or(0)
        };
        (bits & ones(prefix) == bits).then(|| ones(prefix.max(fixed)))
    }
}

/// `drawn` within `mask`; when that clears every bit of a non-zero `original`, the lowest bit
/// the mask keeps, so that a group or octet that was not zero does not become zero.
fn keep_network(drawn: u32, original: u32, mask: u32) -> u32 {
    let kept = drawn & mask;
    if kept == 0 && original != 0 {
        mask & mask.wrapping_neg()
    } else {
        kept
    }
}

/// A prefix length as the detector takes it: one to three digits.
fn prefix_len(text: &str) -> Option<u8> {
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_v4(value: &str) -> Option<Addr> {
    let mut octets = [0u8; 4];
    let mut parts = value.as_bytes().split(|&c| c == b'.');
    let mut padded = false;
    for octet in &mut octets {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 {
            return None;
        }
        let mut n = 0u32;
        for &c in part {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        padded |= part.len() > 1 && part.first() == Some(&b'0');
        *octet = u8::try_from(n).ok()?;
    }
    parts
        .next()
        .is_none()
        .then_some(Addr::V4 { octets, padded })
}

/// `n` in decimal, as three digits when `padded`.
fn push_decimal(out: &mut String, n: u8, padded: bool) {
    let digits = [n / 100, n / 10 % 10, n % 10];
    let skip = if padded {
        0
    } else {
        digits.iter().take(2).take_while(|&&d| d == 0).count()
    };
    for &d in digits.iter().skip(skip) {
        out.push(char::from(b'0' + d));
    }
}

/// Eight groups of four lower-case hex digits.
fn push_expanded(out: &mut String, segments: &[u16; 8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = Ascii::new();
    for (i, s) in segments.iter().enumerate() {
        if i > 0 {
            text.push(b':');
        }
        for shift in [12, 8, 4, 0] {
            let nibble = usize::from((s >> shift) & 0xf);
            text.push(HEX.get(nibble).copied().unwrap_or(b'0'));
        }
    }
    text.append_to(out);
}

/// Eight groups of four hex digits, no `::`.
fn is_fully_expanded(value: &str) -> bool {
    value.len() == 39 && value.split(':').all(|g| g.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;
    use crate::redact::pseudonym::{check, make};
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Ip>(keyed, value)
    }

    fn recognises(value: &str) -> Option<bool> {
        check::<Ip>(&keyed(), value)
    }

    #[test]
    fn v4_lands_in_documentation_ranges() {
        let k = keyed();
        for input in [
            "10.0.0.1",
            "8.8.8.8",
            "255.255.255.255",
            "0.0.0.0",
            "172.16.254.3",
        ] {
            let out = pseudonymize(&k, input).unwrap();
            let addr: Ipv4Addr = out.parse().unwrap();
            let [a, b, c, d] = addr.octets();
            assert!(
                matches!((a, b, c), (192, 0, 2) | (198, 51, 100) | (203, 0, 113)),
                "{input} -> {out}"
            );
            assert!((1..=254).contains(&d));
            assert_eq!(recognises(&out), Some(true));
            assert_eq!(recognises(input), Some(false));
        }
        let padded = pseudonymize(&k, "010.001.002.003").unwrap();
        assert_eq!(padded.len(), 15, "{padded}");
        assert_eq!(recognises(&padded), Some(true));
    }

    #[test]
    fn v6_lands_in_2001_db8() {
        let k = keyed();
        for (input, shape) in [
            ("2a00:1450:4001:81c::200e", None),
            ("fe80::1", Some(3)),
            ("2A00:1450:4001:081C:0000:0000:0000:200E", None),
            ("::ffff:192.168.1.1", None),
        ] {
            let out = pseudonymize(&k, input).unwrap();
            let addr: Ipv6Addr = out.parse().unwrap();
            assert_eq!(&addr.segments()[..2], &[0x2001, 0x0db8], "{input} -> {out}");
            assert_eq!(recognises(&out), Some(true));
            assert_eq!(recognises(input), Some(false));
            if let Some(groups) = shape {
                assert_eq!(
                    out.split(':').filter(|g| !g.is_empty()).count(),
                    groups,
                    "{out}"
                );
            }
        }
        let upper = pseudonymize(&k, "2A00:1450:4001:081C:0000:0000:0000:200E").unwrap();
        assert_eq!(upper.len(), 39);
        assert_eq!(upper, upper.to_ascii_uppercase());
        assert!(upper.contains(":0000:0000:0000:"));
    }

    /// The address, its prefix length, and whether its bits past the prefix (or past the
    /// documentation range, which a pseudonym cannot leave) are zero.
    fn network(text: &str) -> (IpAddr, Option<(u8, bool)>) {
        let (addr, len) = match text.split_once('/') {
            Some((addr, len)) => (addr, Some(len.parse::<u8>().unwrap())),
            None => (text, None),
        };
        let addr = addr.split('%').next().unwrap();
        let ip: IpAddr = addr.parse().unwrap();
        let is_network = len.map(|len| {
            let (bits, width, fixed) = match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32, 24),
                IpAddr::V6(v6) => (u128::from(v6), 128, 32),
            };
            let host = width - u32::from(len).max(fixed);
            host == 0 || bits & (u128::MAX >> (128 - host)) == 0
        });
        (ip, len.zip(is_network))
    }

    #[test]
    fn prefixes_and_zones_are_kept() {
        let k = keyed();
        for (input, suffix) in [
            ("192.168.1.0/24", "/24"),
            ("10.0.0.0/8", "/8"),
            ("0.0.0.0/0", "/0"),
            ("10.1.2.3/8", "/8"),
            ("10.0.0.128/25", "/25"),
            ("172.16.0.1/32", "/32"),
            ("::1/128", "/128"),
            ("::/0", "/0"),
            ("2a00:1450:4001:81c::/62", "/62"),
            ("2a00:1450:4001:81c::200e/64", "/64"),
            ("fe80::1%eth0", "%eth0"),
            ("fe80::1%eth0/64", "%eth0/64"),
            ("FE80::1%25", "%25"),
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert!(out.ends_with(suffix), "{input} -> {out}");
            let (before, after) = (network(input), network(&out));
            assert_eq!(before.0.is_ipv4(), after.0.is_ipv4(), "{input} -> {out}");
            assert_eq!(before.1, after.1, "a network stays one: {input} -> {out}");
            assert_ne!(before.0, after.0, "{input} -> {out}");
            assert_eq!(recognises(&out), Some(true), "{out}");
            assert_eq!(recognises(input), Some(false), "{input}");
        }
        // The address keeps its pseudonym whatever follows it.
        let bare = pseudonymize(&k, "10.1.2.3").unwrap();
        assert_eq!(pseudonymize(&k, "10.1.2.3/8").unwrap(), format!("{bare}/8"));
        let bare = pseudonymize(&k, "fe80::1").unwrap();
        assert_eq!(
            pseudonymize(&k, "fe80::1%eth0").unwrap(),
            format!("{bare}%eth0")
        );
        assert_eq!(
            pseudonymize(&k, "192.168.1.0/24")
                .unwrap()
                .rsplit('.')
                .next(),
            Some("0/24")
        );
    }

    #[test]
    fn documentation_addresses_are_already_safe() {
        for safe in [
            "192.0.2.1",
            "198.51.100.77",
            "203.0.113.254",
            "2001:db8::1",
            "192.0.2.0/24",
            "2001:db8::1%eth0/64",
        ] {
            assert_eq!(recognises(safe), Some(true), "{safe}");
        }
        for bad in [
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1.2.3.x",
            "",
            ":::",
            "1..2.3",
            "1.2.3.4/33",
            "1.2.3.4/",
            "1.2.3.4/1234",
            "1.2.3.4%eth0",
            "::1/129",
            "fe80::1%",
            "fe80::1%eth-0",
            "fe80::1%abcdefghijklmnop",
            "::1/64/64",
        ] {
            assert_eq!(recognises(bad), None, "{bad}");
        }
    }
}
