//! HTTP credentials written out in text: `Bearer <token>` and `Basic <base64>`.
//!
//! The finding is the credential only; the scheme word stays, as it does for the
//! `authorization` header itself. Prose such as "Bearer tokens are…" or "Basic auth" is not
//! a credential: a bearer token must look random (letters and digits, or 20+ characters of
//! mixed classes) and a basic credential must decode to `user:password`.

use super::base64::{decode, Alphabet};
use crate::detect::bytes::{at, before, is_word, run_len};

/// RFC 6750 `b64token` characters.
fn is_token68(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
}

/// The token after `Bearer ` (scheme at `s`, token at `e`).
pub(in crate::detect) fn bearer(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    if is_word(before(b, s)) {
        return None;
    }
    let len = run_len(b, e, is_token68);
    let mut end = e + len;
    end += run_len(b, end, |c| c == b'=').min(2);
    // A sentence's full stop is not part of the token.
    while end > e && at(b, end - 1) == b'.' {
        end -= 1;
    }
    let token = b.get(e..end)?;
    if is_word(at(b, end)) || !looks_random(token) {
        return None;
    }
    Some((e, end))
}

fn looks_random(token: &[u8]) -> bool {
    let has = |f: fn(&u8) -> bool| token.iter().any(f);
    let lower = has(u8::is_ascii_lowercase);
    let upper = has(u8::is_ascii_uppercase);
    let digit = has(u8::is_ascii_digit);
    let symbol = has(|c| !c.is_ascii_alphanumeric());
    let classes = [lower, upper, digit, symbol].iter().filter(|&&x| x).count();
    (token.len() >= 8 && digit && (lower || upper)) || (token.len() >= 20 && classes >= 2)
}

/// The credential after `Basic ` (scheme at `s`, credential at `e`).
pub(in crate::detect) fn basic(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    if is_word(before(b, s)) {
        return None;
    }
    let len = run_len(b, e, |c| {
        c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
    });
    let pad = run_len(b, e + len, |c| c == b'=');
    let end = e + len + pad;
    if len < 4 || is_word(at(b, end)) {
        return None;
    }
    let mut buf = [0u8; 768];
    let n = decode(b.get(e..end)?, Alphabet::Standard, &mut buf)?;
    let decoded = buf.get(..n)?;
    let printable = decoded.iter().all(|&c| c >= 0x20 && c != 0x7f);
    (printable && decoded.contains(&b':') && std::str::from_utf8(decoded).is_ok())
        .then_some((e, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Scanner = fn(&[u8], usize, usize) -> Option<(usize, usize)>;

    fn run(scan: Scanner, text: &str, scheme: &str) -> Option<String> {
        let s = text.find(scheme)?;
        scan(text.as_bytes(), s, s + scheme.len()).map(|(a, z)| text[a..z].to_owned())
    }

    #[test]
    fn bearer_tokens() {
        for (text, token) in [
            (
                "Authorization: Bearer abc123DEF456ghi789",
                "abc123DEF456ghi789",
            ),
            ("Bearer 2YotnFZFEjr1zCsicMWpAA.", "2YotnFZFEjr1zCsicMWpAA"),
            ("bearer mF_9.B5f-4.1JqM", "mF_9.B5f-4.1JqM"),
            ("Bearer dGhpcyBpcyBhIHRva2Vu==", "dGhpcyBpcyBhIHRva2Vu=="),
        ] {
            let scheme = if text.contains("Bearer") {
                "Bearer "
            } else {
                "bearer "
            };
            assert_eq!(run(bearer, text, scheme).as_deref(), Some(token), "{text}");
        }
        for text in [
            "Bearer tokens are short-lived",
            "Bearer Authentication",
            "the Bearer of this letter",
            "xBearer abc123DEF456ghi789",
            "Bearer abc1",
        ] {
            assert_eq!(run(bearer, text, "Bearer "), None, "{text}");
        }
    }

    #[test]
    fn basic_credentials() {
        assert_eq!(
            run(basic, "Authorization: Basic dXNlcjpwYXNz", "Basic ").as_deref(),
            Some("dXNlcjpwYXNz")
        );
        assert_eq!(
            run(basic, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==,", "Basic ").as_deref(),
            Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        for text in [
            "Basic auth is enabled",
            "Basic information",
            "Basic dXNlcnBhc3M=",
            "Basic realm=\"x\"",
        ] {
            assert_eq!(run(basic, text, "Basic "), None, "{text}");
        }
    }
}
