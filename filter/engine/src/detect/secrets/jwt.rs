//! JSON Web Tokens (JWS compact form, and five-part JWE).
//!
//! Triggered by `eyJ` (base64url of `{"`); accepted when the first segment decodes to a
//! JSON object naming an `alg`, which random base64url text never does.

use super::base64::{decode, Alphabet};
use crate::detect::bytes::{at, before, run_len};

fn is_b64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// Headers are small; anything longer is not worth decoding.
const MAX_HEADER: usize = 1024;

/// The token starting at `s` (where `eyJ` was found).
pub(in crate::detect) fn scan(b: &[u8], s: usize) -> Option<(usize, usize)> {
    let p = before(b, s);
    if is_b64url(p) || p == b'.' {
        return None;
    }
    let header = run_len(b, s, is_b64url);
    if !(10..=MAX_HEADER * 4 / 3 + 4).contains(&header) {
        return None;
    }
    // Byte end of each dot-separated segment.
    let mut ends = [0usize; 7];
    ends[0] = s + header;
    let mut segments = 1;
    let mut i = s + header;
    while at(b, i) == b'.' && segments < ends.len() {
        i += 1;
        i += run_len(b, i, is_b64url);
        if let Some(slot) = ends.get_mut(segments) {
            *slot = i;
        }
        segments += 1;
    }
    // `a.b.c.` is a token followed by a full stop; `a.b.` alone is an unsigned token.
    let last_empty =
        |n: usize| n >= 2 && ends.get(n - 1).copied() == ends.get(n - 2).map(|e| e + 1);
    if matches!(segments, 4 | 6) && last_empty(segments) {
        segments -= 1;
    }
    let end = ends.get(segments.checked_sub(1)?).copied()?;
    let payload = run_len(b, s + header + 1, is_b64url);
    if !matches!(segments, 3 | 5) || payload == 0 {
        return None;
    }
    let mut buf = [0u8; MAX_HEADER];
    let n = decode(b.get(s..s + header)?, Alphabet::UrlSafe, &mut buf)?;
    let json = buf.get(..n)?.trim_ascii();
    let object = json.starts_with(b"{") && json.ends_with(b"}");
    let names_alg = json.windows(5).any(|w| w == b"\"alg\"");
    (object && names_alg).then_some((s, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    fn found(text: &str) -> Option<&str> {
        let s = text.find("eyJ")?;
        scan(text.as_bytes(), s).map(|(a, z)| &text[a..z])
    }

    #[test]
    fn tokens() {
        assert_eq!(found(JWT), Some(JWT));
        assert_eq!(found(&format!("Bearer {JWT}.")), Some(JWT));
        assert_eq!(found(&format!("\"{JWT}\"")), Some(JWT));
        // Unsecured token: empty signature.
        let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        assert_eq!(found(unsigned), Some(unsigned));
        assert_eq!(found(&format!("{unsigned}.")), Some(unsigned));
    }

    #[test]
    fn look_alikes() {
        // Decodes to `{"foo":"bar"}`: no alg.
        assert_eq!(found("eyJmb28iOiJiYXIifQ.eyJzdWIiOiJ4In0.abc"), None);
        // Two segments only.
        assert_eq!(found("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0"), None);
        assert_eq!(found("eyJhbGciOiJIUzI1NiJ9..abc"), None);
        assert_eq!(found("xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc"), None);
        assert_eq!(found("eyJhbGciOiJIUzI1NiJ9.a.b.c"), None);
    }
}
