//! Ethereum addresses: `0x` and 40 hex digits; an EIP-55 mixed-case checksum when the input
//! had one, all upper or all lower case otherwise.
//!
//! 16 random bytes and a 4-byte keyed tag: a real address passes for one of ours with
//! probability 2^-32.

use crate::keccak::keccak256;
use crate::redact::pseudonym::{Domain, Keyed};

/// The 20 address bytes and the case style of the input.
#[derive(Debug, Clone, Copy)]
pub(in crate::redact::pseudonym) struct Address<'a> {
    prefix: &'a str,
    bytes: [u8; 20],
    case: Case,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
    Checksummed,
}

pub(in crate::redact::pseudonym) fn parse(value: &str) -> Option<Address<'_>> {
    let prefix = value.get(..2).filter(|p| *p == "0x" || *p == "0X")?;
    let hex = value.get(2..)?;
    if hex.len() != 40 {
        return None;
    }
    let mut bytes = [0u8; 20];
    for (b, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        if !text.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        *b = u8::from_str_radix(text, 16).ok()?;
    }
    let upper = hex.bytes().any(|c| c.is_ascii_uppercase());
    let lower = hex.bytes().any(|c| c.is_ascii_lowercase());
    let case = match (upper, lower) {
        (true, true) => Case::Checksummed,
        (true, false) => Case::Upper,
        _ => Case::Lower,
    };
    Some(Address {
        prefix,
        bytes,
        case,
    })
}

/// The EIP-55 rendering of lower-case hex: a letter is upper case where the matching nibble of
/// keccak256(hex) is 8 or more.
pub(in crate::redact::pseudonym) fn checksummed(lower_hex: &str) -> String {
    let hash = keccak256(lower_hex.as_bytes());
    lower_hex
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let byte = hash.get(i / 2).copied().unwrap_or(0);
            let nibble = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
            if nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

fn tag(keyed: &Keyed, head: &[u8]) -> [u8; 4] {
    let mut stream = keyed.tag_stream(Domain::Ethereum, head);
    let mut out = [0u8; 4];
    stream.fill(&mut out);
    out
}

pub(in crate::redact::pseudonym) fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
    let address = parse(value)?;
    let mut stream = keyed.stream(Domain::Ethereum, &address.bytes);
    let mut bytes = [0u8; 20];
    stream.fill(&mut bytes[..16]);
    let tag = tag(keyed, &bytes[..16]);
    bytes[16..].copy_from_slice(&tag);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let body = match address.case {
        Case::Lower => hex,
        Case::Upper => hex.to_ascii_uppercase(),
        Case::Checksummed => checksummed(&hex),
    };
    Some(format!("{}{body}", address.prefix))
}

pub(in crate::redact::pseudonym) fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
    let address = parse(value)?;
    let (head, found) = address.bytes.split_at(16);
    Some(tag(keyed, head) == found)
}
