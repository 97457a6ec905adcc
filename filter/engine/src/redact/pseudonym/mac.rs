//! MAC addresses: same separators (`:`, `-`, Cisco `.`, none) and letter case.
//!
//! The first octet gets the locally-administered bit set and the multicast bit cleared: the
//! result is a valid unicast address that no vendor's OUI can own, so a real burned-in address
//! is never taken for a pseudonym. The last two octets are a keyed tag over the first four, so
//! a real locally-administered (randomised) address passes for one of ours with probability
//! 2^-16. Image: 2^30 addresses.

use super::{Domain, Keyed, Parsed};

const SEPARATORS: [u8; 3] = [b':', b'-', b'.'];

/// The six octets of a MAC address, and the text they came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mac<'a> {
    value: &'a str,
    bytes: [u8; 6],
}

fn tag(keyed: &Keyed, head: &[u8]) -> [u8; 2] {
    let mut stream = keyed.tag_stream(Domain::Mac, head);
    [stream.byte(), stream.byte()]
}

impl<'a> Parsed<'a> for Mac<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        if !value.starts_with(|c: char| c.is_ascii_hexdigit()) {
            return None;
        }
        let mut bytes = [0u8; 6];
        let mut nibbles = 0usize;
        for c in value.bytes() {
            let n = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ if SEPARATORS.contains(&c) => continue,
                _ => return None,
            };
            let byte = bytes.get_mut(nibbles / 2)?;
            *byte = *byte << 4 | n;
            nibbles += 1;
        }
        (nibbles == 12).then_some(Self { value, bytes })
    }

    fn ours(&self, keyed: &Keyed) -> bool {
        let [b0, b1, b2, b3, b4, b5] = self.bytes;
        b0 & 0x03 == 0x02 && tag(keyed, &[b0, b1, b2, b3]) == [b4, b5]
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        let mut stream = keyed.stream(Domain::Mac, &self.bytes);
        let mut new = [0u8; 6];
        stream.fill(&mut new[..4]);
        new[0] = (new[0] & 0xfc) | 0x02;
        let [t0, t1] = tag(keyed, &new[..4]);
        new[4] = t0;
        new[5] = t1;
        let value = self.value.as_bytes();
        let upper =
            value.iter().any(u8::is_ascii_uppercase) && !value.iter().any(u8::is_ascii_lowercase);
        let hex: &[u8; 16] = if upper {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        // `parse` took only hex digits and ASCII separators.
        let mut nibble = 0usize;
        super::push_mapped(out, value, |c| {
            if !c.is_ascii_hexdigit() {
                return c;
            }
            let byte = new.get(nibble / 2).copied().unwrap_or(0);
            let n = if nibble % 2 == 0 {
                byte >> 4
            } else {
                byte & 0x0f
            };
            nibble += 1;
            hex.get(usize::from(n)).copied().unwrap_or(b'0')
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;
    use crate::redact::pseudonym::{check, make};

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Mac>(keyed, value)
    }

    fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
        check::<Mac>(keyed, value)
    }

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
