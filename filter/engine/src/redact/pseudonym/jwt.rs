//! JSON Web Tokens (`header.payload.signature`, base64url): the header is kept (algorithm and
//! key id are not personal, and keeping `eyJ…` keeps the value recognisable as a JWT), payload
//! and signature become keyed random bytes of the same decoded length, canonically encoded, so
//! the segments keep their lengths and still decode.
//!
//! The last `min(8, n/2)` of the `n` payload-and-signature bytes are a keyed tag over the
//! header and the other bytes: a real token passes for one of ours with probability 2^-64 for
//! any token with a signature.

use super::{Domain, Keyed};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn sextet(c: u8) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&a| a == c)
        .and_then(|i| u32::try_from(i).ok())
}

/// Decodes unpadded base64url; `None` for other characters or an impossible length. Bits
/// left over at the end are dropped (lenient, like most JWT libraries).
fn decode(segment: &str) -> Option<Vec<u8>> {
    if segment.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(segment.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in segment.bytes() {
        acc = (acc << 6) | sextet(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            let index = usize::try_from((n >> (18 - 6 * i)) & 0x3f).unwrap_or(0);
            out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
        }
    }
    out
}

/// A token's three segments, payload and signature decoded.
#[derive(Debug, Clone)]
pub(super) struct Jwt<'a> {
    header: &'a str,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

/// Three base64url segments, the first two non-empty (an unsigned token has an empty third).
pub(super) fn parse(value: &str) -> Option<Jwt<'_>> {
    let mut parts = value.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || header.is_empty() || payload.is_empty() {
        return None;
    }
    decode(header)?;
    Some(Jwt {
        header,
        payload: decode(payload)?,
        signature: decode(signature)?,
    })
}

fn tag(keyed: &Keyed, header: &str, body: &[u8], split: usize, len: usize) -> Vec<u8> {
    let mut data = header.as_bytes().to_vec();
    data.push(0);
    data.extend(u64::try_from(split).unwrap_or(0).to_le_bytes());
    data.extend(body);
    let mut stream = keyed.tag_stream(Domain::Jwt, &data);
    let mut out = vec![0u8; len];
    stream.fill(&mut out);
    out
}

fn tag_len(total: usize) -> usize {
    (total / 2).min(8)
}

pub(super) fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
    let jwt = parse(value)?;
    let split = jwt.payload.len();
    let total = split + jwt.signature.len();
    let t = tag_len(total);
    let mut stream = keyed.stream(Domain::Jwt, value.as_bytes());
    let mut body = vec![0u8; total - t];
    stream.fill(&mut body);
    let tag = tag(keyed, jwt.header, &body, split, t);
    body.extend(tag);
    let (payload, signature) = body.split_at(split.min(body.len()));
    Some(format!(
        "{}.{}.{}",
        jwt.header,
        encode(payload),
        encode(signature)
    ))
}

pub(super) fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
    let jwt = parse(value)?;
    let split = jwt.payload.len();
    let mut body = jwt.payload;
    body.extend(jwt.signature);
    let t = tag_len(body.len());
    let (rest, found) = body.split_at(body.len() - t);
    Some(tag(keyed, jwt.header, rest, split, t) == found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn base64url_round_trips() {
        for len in 0usize..20 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(text.len(), (len * 4).div_ceil(3));
            assert_eq!(decode(&text).unwrap(), bytes);
        }
        assert_eq!(encode(b"{\"alg\""), "eyJhbGci");
        assert_eq!(decode("a"), None);
        assert_eq!(decode("ab+c"), None);
    }

    #[test]
    fn keeps_header_and_segment_lengths() {
        let k = keyed();
        let out = pseudonymize(&k, TOKEN).unwrap();
        let (a, b): (Vec<&str>, Vec<&str>) = (TOKEN.split('.').collect(), out.split('.').collect());
        assert_eq!(a[0], b[0]);
        assert_eq!(a[1].len(), b[1].len());
        assert_eq!(a[2].len(), b[2].len());
        assert_ne!(a[1], b[1]);
        assert_ne!(a[2], b[2]);
        assert_eq!(recognises(&k, &out), Some(true));
        assert_eq!(recognises(&k, TOKEN), Some(false));
        assert_eq!(
            recognises(&Keyed::from_secret(b"other jwt key"), &out),
            Some(false)
        );
    }

    #[test]
    fn unsigned_tokens_and_non_tokens() {
        let k = keyed();
        let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        let out = pseudonymize(&k, unsigned).unwrap();
        assert!(out.ends_with('.'));
        assert_eq!(recognises(&k, &out), Some(true));
        for not in ["", "a.b", "a.b.c.d", ".x.y", "e30.x!.y", "abcde.eyJ.x"] {
            assert!(pseudonymize(&k, not).is_none(), "{not}");
        }
    }
}
