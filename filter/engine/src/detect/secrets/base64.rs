//! Just enough base64 to validate JWT headers and `Basic` credentials: decoding into a
//! small buffer, never allocating, and giving up on anything malformed.

/// Which alphabet to read: standard (`+/`, padded) or URL-safe (`-_`, unpadded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alphabet {
    Standard,
    UrlSafe,
}

fn value(c: u8, alphabet: Alphabet) -> Option<u8> {
    match (c, alphabet) {
        (b'A'..=b'Z', _) => Some(c - b'A'),
        (b'a'..=b'z', _) => Some(c - b'a' + 26),
        (b'0'..=b'9', _) => Some(c - b'0' + 52),
        (b'+', Alphabet::Standard) | (b'-', Alphabet::UrlSafe) => Some(62),
        (b'/', Alphabet::Standard) | (b'_', Alphabet::UrlSafe) => Some(63),
        _ => None,
    }
}

/// Decodes `input` (padding allowed at the end only) into `out`; returns the decoded length,
/// or `None` if the input is malformed or does not fit.
pub(super) fn decode(input: &[u8], alphabet: Alphabet, out: &mut [u8]) -> Option<usize> {
    let unpadded = input.iter().rposition(|&c| c != b'=').map_or(0, |p| p + 1);
    let padding = input.len() - unpadded;
    if padding > 2 || (padding > 0 && input.len() % 4 != 0) {
        return None;
    }
    let body = input.get(..unpadded)?;
    if body.len() % 4 == 1 {
        return None;
    }
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut n = 0usize;
    for &c in body {
        acc = (acc << 6) | u32::from(value(c, alphabet)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            *out.get_mut(n)? = ((acc >> bits) & 0xff) as u8;
            n += 1;
        }
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str, a: Alphabet) -> Option<Vec<u8>> {
        let mut buf = [0u8; 64];
        decode(s.as_bytes(), a, &mut buf).map(|n| buf[..n].to_vec())
    }

    #[test]
    fn decodes_both_alphabets() {
        assert_eq!(
            dec("dXNlcjpwYXNz", Alphabet::Standard).unwrap(),
            b"user:pass"
        );
        assert_eq!(dec("YQ==", Alphabet::Standard).unwrap(), b"a");
        assert_eq!(dec("YWI=", Alphabet::Standard).unwrap(), b"ab");
        assert_eq!(
            dec("eyJhbGciOiJIUzI1NiJ9", Alphabet::UrlSafe).unwrap(),
            br#"{"alg":"HS256"}"#
        );
        assert_eq!(dec("-_8", Alphabet::UrlSafe).unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(dec("Y", Alphabet::Standard), None);
        assert_eq!(dec("YQ=", Alphabet::Standard), None);
        assert_eq!(dec("Y===", Alphabet::Standard), None);
        assert_eq!(dec("a-b_", Alphabet::Standard), None);
        assert_eq!(dec("a+b/", Alphabet::UrlSafe), None);
        let long = "QUFB".repeat(40);
        assert_eq!(dec(&long, Alphabet::Standard), None);
    }
}
