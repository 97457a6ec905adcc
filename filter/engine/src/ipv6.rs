//! IPv6 text forms, read and written by hand.
//!
//! The detector validates every candidate address and the pseudonym reads and prints one per
//! value; `std`'s parser and its `Display` (through `core::fmt`) cost about 3,000 instructions
//! an address, several times this code. Both functions accept and produce exactly what `std`
//! does (RFC 4291 text forms in, RFC 5952 out), which the tests check against `std` itself.

/// The eight groups of an address in any RFC 4291 text form: eight groups of one to four hex
/// digits, fewer around one `::` (which stands for at least one zero group), the last 32 bits
/// optionally as a dotted IPv4 address (decimal octets without leading zeros). No zone, no
/// prefix length. `None` for anything else.
pub(crate) fn parse(text: &[u8]) -> Option<[u16; 8]> {
    let mut reader = Reader { text, at: 0 };
    let mut head = [0u16; 8];
    let (head_len, head_v4) = reader.groups(&mut head);
    let groups = if head_len == 8 {
        head
    } else {
        // A dotted IPv4 part ends an address: nothing, `::` included, may follow it.
        if head_v4 || !reader.eat(b':') || !reader.eat(b':') {
            return None;
        }
        // `::` stands for at least one group, so at most seven follow it.
        let mut tail = [0u16; 7];
        let room = tail.get_mut(..7 - head_len)?;
        let (tail_len, _) = reader.groups(room);
        let mut all = head;
        all.get_mut(8 - tail_len..)?
            .copy_from_slice(tail.get(..tail_len)?);
        all
    };
    (reader.at == text.len()).then_some(groups)
}

/// Appends `groups` in the canonical text form (RFC 5952), as `std`'s `Display` writes it:
/// lower-case hex without leading zeros, the longest run of two or more zero groups (the
/// first of equals) as `::`, and an IPv4-mapped address (`::ffff:0:0/96`) in dotted form.
pub(crate) fn push_canonical(out: &mut String, groups: &[u16; 8]) {
    let mut text = Ascii::new();
    if let [0, 0, 0, 0, 0, 0xffff, high, low] = *groups {
        text.push_str(b"::ffff:");
        let [a, b] = high.to_be_bytes();
        let [c, d] = low.to_be_bytes();
        text.push_dotted([a, b, c, d]);
        text.append_to(out);
        return;
    }
    let (mut best, mut best_len) = (0usize, 0usize);
    let mut run = 0usize;
    for (i, &group) in groups.iter().enumerate() {
        run = if group == 0 { run + 1 } else { 0 };
        if run > best_len {
            best_len = run;
            best = i + 1 - run;
        }
    }
    if best_len > 1 {
        push_groups(&mut text, groups.get(..best).unwrap_or(&[]));
        text.push_str(b"::");
        push_groups(&mut text, groups.get(best + best_len..).unwrap_or(&[]));
    } else {
        push_groups(&mut text, groups);
    }
    text.append_to(out);
}

/// Groups in lower-case hex without leading zeros, separated by `:`.
fn push_groups(text: &mut Ascii, groups: &[u16]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, &group) in groups.iter().enumerate() {
        if i > 0 {
            text.push(b':');
        }
        let digits = (16 - group.leading_zeros()).div_ceil(4).max(1);
        for k in (0..digits).rev() {
            let nibble = usize::from(group >> (4 * k) & 0xf);
            text.push(HEX.get(nibble).copied().unwrap_or(b'0'));
        }
    }
}

/// An address's text built on the stack, then appended to the output at once (a `String`
/// push per character cost more than choosing the characters). Holds the longest IPv6 text
/// form (45 bytes); anything past its room is dropped, which no address reaches.
pub(crate) struct Ascii {
    buf: [u8; 48],
    len: usize,
}

impl Ascii {
    pub(crate) fn new() -> Self {
        Self {
            buf: [0; 48],
            len: 0,
        }
    }

    pub(crate) fn push(&mut self, c: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = c;
            self.len += 1;
        }
    }

    pub(crate) fn push_str(&mut self, bytes: &[u8]) {
        for &c in bytes {
            self.push(c);
        }
    }

    /// Four octets in dotted decimal.
    fn push_dotted(&mut self, octets: [u8; 4]) {
        for (i, n) in octets.into_iter().enumerate() {
            if i > 0 {
                self.push(b'.');
            }
            if n >= 100 {
                self.push(b'0' + n / 100);
            }
            if n >= 10 {
                self.push(b'0' + n / 10 % 10);
            }
            self.push(b'0' + n % 10);
        }
    }

    pub(crate) fn append_to(&self, out: &mut String) {
        if let Ok(text) = std::str::from_utf8(self.buf.get(..self.len).unwrap_or(&[])) {
            out.push_str(text);
        }
    }
}

/// A cursor over the text. Every reading method leaves `at` where it was when it fails.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let ate = self.peek() == Some(c);
        self.at += usize::from(ate);
        ate
    }

    /// Up to `slots.len()` groups separated by `:`: how many were read, and whether the last
    /// two were a dotted IPv4 address (which ends the run).
    fn groups(&mut self, slots: &mut [u16]) -> (usize, bool) {
        let limit = slots.len();
        for i in 0..limit {
            let start = self.at;
            if i > 0 && !self.eat(b':') {
                return (i, false);
            }
            let rest = self.text.get(self.at..).unwrap_or(&[]);
            // The hex digits ahead (a fifth one fails the group) and whether they are
            // decimal digits followed by `.`, the only start of a dotted IPv4 part.
            let (mut value, mut len, mut decimal) = (0u16, 0usize, true);
            for &c in rest.iter().take(5) {
                let Some(digit) = hex_value(c) else { break };
                value = value << 4 | digit;
                decimal &= c.is_ascii_digit();
                len += 1;
            }
            let dotted = decimal && len > 0 && rest.get(len) == Some(&b'.');
            if dotted && i + 1 < limit {
                if let (Some([a, b, c, d]), Some(pair)) = (self.v4(), slots.get_mut(i..i + 2)) {
                    pair.copy_from_slice(&[u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d])]);
                    return (i + 2, true);
                }
            }
            match slots.get_mut(i) {
                Some(slot) if (1..=4).contains(&len) => *slot = value,
                _ => {
                    self.at = start;
                    return (i, false);
                }
            }
            self.at += len;
        }
        (limit, false)
    }

    /// A dotted IPv4 address: four decimal octets of at most 255, no leading zeros.
    fn v4(&mut self) -> Option<[u8; 4]> {
        let start = self.at;
        let mut octets = [0u8; 4];
        for (i, octet) in octets.iter_mut().enumerate() {
            match ((i == 0 || self.eat(b'.')), self.octet()) {
                (true, Some(n)) => *octet = n,
                _ => {
                    self.at = start;
                    return None;
                }
            }
        }
        Some(octets)
    }

    fn octet(&mut self) -> Option<u8> {
        let start = self.at;
        let mut value = 0u32;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            value = value * 10 + u32::from(c - b'0');
            self.at += 1;
            let len = self.at - start;
            if len > 3 || (len > 1 && self.text.get(start) == Some(&b'0')) || value > 255 {
                self.at = start;
                return None;
            }
        }
        if self.at == start {
            return None;
        }
        u8::try_from(value).ok()
    }
}

fn hex_value(c: u8) -> Option<u16> {
    let digit = match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => return None,
    };
    Some(u16::from(digit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::Ipv6Addr;

    fn std_parse(text: &str) -> Option<[u16; 8]> {
        text.parse::<Ipv6Addr>().ok().map(|a| a.segments())
    }

    fn canonical(groups: [u16; 8]) -> String {
        let mut out = String::new();
        push_canonical(&mut out, &groups);
        out
    }

    #[test]
    fn table() {
        for text in [
            "::",
            "::1",
            "1::",
            "2001:db8::1",
            "2001:DB8:0:0:8:800:200C:417A",
            "fe80::1:2:3:4:5:6",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "::ffff:192.0.2.1",
            "64:ff9b::10.0.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "0001:0002:0003:0004:0005:0006:0007:0008",
        ] {
            assert_eq!(parse(text.as_bytes()), std_parse(text), "{text}");
            assert!(parse(text.as_bytes()).is_some(), "{text}");
        }
        for text in [
            "",
            ":",
            ":::",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            "12345::1",
            "::1.2.3",
            "::1.2.3.04",
            "::256.1.1.1",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1:",
            "g::1",
            "::%eth0",
        ] {
            assert_eq!(parse(text.as_bytes()), None, "{text}");
            assert_eq!(std_parse(text), None, "{text}");
        }
    }

    #[test]
    fn canonical_forms() {
        for (groups, text) in [
            ([0; 8], "::"),
            ([0, 0, 0, 0, 0, 0, 0, 1], "::1"),
            ([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], "2001:db8::1:0:0:1"),
            ([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1], "2001:db8:0:1::1"),
            ([1, 0, 2, 0, 3, 0, 4, 0], "1:0:2:0:3:0:4:0"),
            ([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201], "::ffff:192.0.2.1"),
        ] {
            assert_eq!(canonical(groups), text);
        }
    }

    proptest! {
        /// Any text over the address alphabet parses as `std` parses it.
        #[test]
        fn parses_as_std(text in "[0-9a-fA-F:.]{0,45}") {
            prop_assert_eq!(parse(text.as_bytes()), std_parse(&text));
        }

        /// Addresses written in random valid forms (groups padded or not, any run of zeros
        /// compressed, the tail as IPv4) parse as `std` parses them, and print as it does.
        #[test]
        fn valid_forms_match_std(
            groups in prop::array::uniform8(prop_oneof![Just(0u16), Just(0xffff), any::<u16>()]),
            cut in (0usize..8, 0usize..9),
            padded in any::<bool>(),
            upper in any::<bool>(),
            dotted in any::<bool>(),
        ) {
            prop_assert_eq!(canonical(groups), Ipv6Addr::from(groups).to_string());
            let hex = |g: u16| {
                let s = if padded { format!("{g:04x}") } else { format!("{g:x}") };
                if upper { s.to_uppercase() } else { s }
            };
            let (from, to) = (cut.0.min(cut.1), cut.0.max(cut.1));
            let mut parts: Vec<String> = groups.iter().map(|&g| hex(g)).collect();
            if dotted {
                let [a, b] = groups[6].to_be_bytes();
                let [c, d] = groups[7].to_be_bytes();
                parts.truncate(6);
                parts.push(format!("{a}.{b}.{c}.{d}"));
            }
            let text = if to > from && to <= parts.len() {
                format!("{}::{}", parts[..from].join(":"), parts[to..].join(":"))
            } else {
                parts.join(":")
            };
            prop_assert_eq!(parse(text.as_bytes()), std_parse(&text), "{}", text);
        }
    }
}
