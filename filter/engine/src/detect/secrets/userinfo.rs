//! Credentials in a URL's authority: `scheme://user:pass@host`. The finding is `user:pass`,
//! so the redacted URL keeps its scheme and host.
//!
//! Only userinfo with a `:` is taken: a bare `user@host` carries no password (and when it
//! looks like an address, the email detector handles it). The last `@` before the path ends
//! the userinfo, so an unescaped `@` inside a password is covered too.

use crate::detect::bytes::{at, run_back};

const MAX_AUTHORITY: usize = 1024;

fn is_scheme(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')
}

fn ends_authority(c: u8) -> bool {
    matches!(
        c,
        0 | b'/'
            | b'?'
            | b'#'
            | b'"'
            | b'\''
            | b'<'
            | b'>'
            | b'`'
            | b'\\'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'|'
            | b'^'
    ) || c.is_ascii_whitespace()
        || c.is_ascii_control()
}

/// The userinfo after the `://` at `s` (`e` is just past it).
pub(in crate::detect) fn scan(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    // A scheme is a letter followed by letters, digits, `+`, `.` or `-`.
    let mut scheme_start = s - run_back(b, s, 32, is_scheme);
    while scheme_start < s && !at(b, scheme_start).is_ascii_alphabetic() {
        scheme_start += 1;
    }
    if scheme_start == s {
        return None;
    }
    let mut last_at = None;
    let mut i = e;
    while i < e + MAX_AUTHORITY && !ends_authority(at(b, i)) {
        if at(b, i) == b'@' {
            last_at = Some(i);
        }
        i += 1;
    }
    let at_sign = last_at?;
    let userinfo = b.get(e..at_sign)?;
    (userinfo.len() >= 2 && userinfo.contains(&b':')).then_some((e, at_sign))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        let s = text.find("://")?;
        scan(text.as_bytes(), s, s + 3).map(|(a, z)| &text[a..z])
    }

    #[test]
    fn userinfo() {
        for (text, creds) in [
            ("https://user:pass@example.com/x", "user:pass"),
            ("postgres://app:s3cr%40t@db:5432/app", "app:s3cr%40t"),
            ("redis://:hunter2@cache", ":hunter2"),
            ("amqp://guest:p@ss@rabbit/vhost", "guest:p@ss"),
            ("see <ftp://a:b@host>", "a:b"),
        ] {
            assert_eq!(found(text), Some(creds), "{text}");
        }
        for text in [
            "https://example.com/a:b@c",
            "https://john@example.com",
            "https://example.com:8443/",
            "://user:pass@host",
            "file:///etc/passwd",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }
}
