//! IP addresses: same family, moved into the documentation ranges (RFC 5737: 192.0.2.0/24,
//! 198.51.100.0/24, 203.0.113.0/24; RFC 3849: 2001:db8::/32).
//!
//! Those ranges are never routed, so a shadow service cannot reach or geolocate anyone with
//! them, and every address in them counts as already safe: a real address is never taken for
//! a pseudonym. The price is a small IPv4 image: 3 × 254 = 762 addresses. IPv6 keeps which of
//! its last six groups were zero (and so its `::` compression) and its letter case.

use std::net::Ipv6Addr;

use super::Keyed;

const V4_NETS: [[u8; 3]; 3] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ip {
    /// The four octets, and whether the input zero-padded them (`010.001.002.003`).
    V4 {
        octets: [u8; 4],
        padded: bool,
    },
    V6(Ipv6Addr),
}

pub(super) fn parse(value: &str) -> Option<Ip> {
    if value.contains(':') {
        return value.parse().ok().map(Ip::V6);
    }
    let mut octets = [0u8; 4];
    let mut parts = value.split('.');
    let mut padded = false;
    for octet in &mut octets {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        padded |= part.len() > 1 && part.starts_with('0');
        *octet = part.parse().ok()?;
    }
    parts.next().is_none().then_some(Ip::V4 { octets, padded })
}

fn in_documentation_range(ip: Ip) -> bool {
    match ip {
        Ip::V4 {
            octets: [a, b, c, _],
            ..
        } => V4_NETS.contains(&[a, b, c]),
        Ip::V6(addr) => addr.segments().get(..2) == Some(&[0x2001, 0x0db8]),
    }
}

pub(super) fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
    let ip = parse(value)?;
    Some(match ip {
        Ip::V4 { octets, padded } => {
            let mut stream = keyed.stream("ip_address", &octets);
            let net = V4_NETS
                .get(usize::try_from(stream.below(3)).unwrap_or(0))
                .copied()
                .unwrap_or([192, 0, 2]);
            let host = u8::try_from(stream.within(1..=254)).unwrap_or(1);
            let [a, b, c] = net;
            if padded {
                format!("{a:03}.{b:03}.{c:03}.{host:03}")
            } else {
                format!("{a}.{b}.{c}.{host}")
            }
        }
        Ip::V6(addr) => {
            let mut stream = keyed.stream("ip_address", &addr.octets());
            let mut segments = [0x2001, 0x0db8, 0, 0, 0, 0, 0, 0];
            for (out, &original) in segments.iter_mut().zip(addr.segments().iter()).skip(2) {
                if original != 0 {
                    *out = u16::try_from(stream.within(1..=0xffff)).unwrap_or(1);
                }
            }
            let out = Ipv6Addr::from(segments);
            let text = if is_fully_expanded(value) {
                segments
                    .iter()
                    .map(|s| format!("{s:04x}"))
                    .collect::<Vec<_>>()
                    .join(":")
            } else {
                out.to_string()
            };
            let upper = value.bytes().any(|b| b.is_ascii_uppercase())
                && !value.bytes().any(|b| b.is_ascii_lowercase());
            if upper {
                text.to_ascii_uppercase()
            } else {
                text
            }
        }
    })
}

/// Eight groups of four hex digits, no `::`.
fn is_fully_expanded(value: &str) -> bool {
    let groups: Vec<&str> = value.split(':').collect();
    groups.len() == 8 && groups.iter().all(|g| g.len() == 4)
}

pub(super) fn recognises(value: &str) -> Option<bool> {
    parse(value).map(in_documentation_range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;
    use std::net::{IpAddr, Ipv4Addr};

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

    #[test]
    fn documentation_addresses_are_already_safe() {
        for safe in ["192.0.2.1", "198.51.100.77", "203.0.113.254", "2001:db8::1"] {
            assert_eq!(recognises(safe), Some(true));
            assert!(parse(safe).is_some_and(|ip| matches!(
                (ip, safe.parse::<IpAddr>().unwrap()),
                (Ip::V4 { .. }, IpAddr::V4(_)) | (Ip::V6(_), IpAddr::V6(_))
            )));
        }
        for bad in [
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1.2.3.x",
            "",
            ":::",
            "1..2.3",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
