//! MAC addresses: same separators (`:`, `-`, Cisco `.`, none) and letter case.
//!
//! The first octet gets the locally-administered bit set and the multicast bit cleared: the
//! result is a valid unicast address that no vendor's OUI can own, so a real burned-in address
//! is never taken for a pseudonym. The last two octets are a keyed tag over the first four, so
//! a real locally-administered (randomised) address passes for one of ours with probability
//! 2^-16. Image: 2^30 addresses.

use super::Keyed;

const SEPARATORS: [char; 3] = [':', '-', '.'];

/// The six octets of a MAC address.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mac {
    bytes: [u8; 6],
}

pub(super) fn parse(value: &str) -> Option<Mac> {
    let mut nibbles = Vec::with_capacity(12);
    for c in value.chars() {
        if let Some(n) = c.to_digit(16) {
            nibbles.push(u8::try_from(n).ok()?);
        } else if !SEPARATORS.contains(&c) {
            return None;
        }
    }
    if nibbles.len() != 12 || !value.starts_with(|c: char| c.is_ascii_hexdigit()) {
        return None;
    }
    let mut bytes = [0u8; 6];
    for (b, pair) in bytes.iter_mut().zip(nibbles.chunks(2)) {
        if let [hi, lo] = pair {
            *b = hi << 4 | lo;
        }
    }
    Some(Mac { bytes })
}

fn tag(keyed: &Keyed, head: &[u8]) -> [u8; 2] {
    let mut stream = keyed.tag_stream("mac_address", head);
    [stream.byte(), stream.byte()]
}

pub(super) fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
    let mac = parse(value)?;
    let mut stream = keyed.stream("mac_address", &mac.bytes);
    let mut out = [0u8; 6];
    stream.fill(&mut out[..4]);
    out[0] = (out[0] & 0xfc) | 0x02;
    let [t0, t1] = tag(keyed, &out[..4]);
    out[4] = t0;
    out[5] = t1;
    let upper = value.bytes().any(|b| b.is_ascii_uppercase())
        && !value.bytes().any(|b| b.is_ascii_lowercase());
    let mut nibbles = out.iter().flat_map(|b| [b >> 4, b & 0x0f]);
    Some(
        value
            .chars()
            .map(|c| {
                if c.is_ascii_hexdigit() {
                    let n = nibbles.next().unwrap_or(0);
                    let digit = char::from_digit(u32::from(n), 16).unwrap_or('0');
                    if upper {
                        digit.to_ascii_uppercase()
                    } else {
                        digit
                    }
                } else {
                    c
                }
            })
            .collect(),
    )
}

pub(super) fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
    let mac = parse(value)?;
    let [b0, b1, b2, b3, b4, b5] = mac.bytes;
    Some(b0 & 0x03 == 0x02 && tag(keyed, &[b0, b1, b2, b3]) == [b4, b5])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;

    fn layout(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => 'h',
                'a'..='f' => 'h',
                'A'..='F' => 'h',
                other => other,
            })
            .collect()
    }

    #[test]
    fn table() {
        let k = keyed();
        for input in [
            "00:1A:2B:3C:4D:5E",
            "00-1a-2b-3c-4d-5e",
            "001a.2b3c.4d5e",
            "001A2B3C4D5E",
            "a4:83:e7:12:34:56",
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(layout(&out), layout(input), "{input} -> {out}");
            let lower_in = input.bytes().any(|b| b.is_ascii_lowercase());
            let upper_in = input.bytes().any(|b| b.is_ascii_uppercase());
            if upper_in {
                assert!(!out.bytes().any(|b| b.is_ascii_lowercase()), "{out}");
            }
            if lower_in {
                assert!(!out.bytes().any(|b| b.is_ascii_uppercase()), "{out}");
            }
            let first = u8::from_str_radix(&out.replace([':', '-', '.'], "")[..2], 16).unwrap();
            assert_eq!(first & 0x03, 0x02, "locally administered unicast: {out}");
            assert_eq!(recognises(&k, &out), Some(true));
            assert_eq!(recognises(&k, input), Some(false));
        }
        for not in [
            "",
            "00:1A:2B:3C:4D",
            "00:1A:2B:3C:4D:5E:6F",
            "zz:1A:2B:3C:4D:5E",
            ":001A2B3C4D5E",
        ] {
            assert_eq!(pseudonymize(&k, not), None, "{not}");
        }
    }
}
