//! Secrets: keyed random of the same shape.
//!
//! A secret has no structure a shadow service could validate beyond its shape, so the generic
//! class-keeping mapping does the work; what this module adds is what must *not* change:
//! the vendor prefix of a token (`AKIA`, `ghp_`, `sk_live_`, `xoxb-`, `AIza`), the armour lines
//! of a PEM key, the scheme of an `Authorization` credential, the URL around `user:pass@`. A
//! JWT keeps its JWT shape (see [`super::jwt`]).

use super::generic::{self, Kept};
use super::{jwt, Keyed};

/// The token vendors whose prefix is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    Aws,
    Github,
    Stripe,
    Slack,
    Google,
}

/// Byte length of the vendor prefix at the start of `value`.
fn prefix_len(token: Token, value: &str) -> usize {
    let through = |sep: char, nth: usize, within: usize| {
        value
            .char_indices()
            .take(within)
            .filter(|&(_, c)| c == sep)
            .nth(nth)
            .map_or(0, |(i, _)| i + 1)
    };
    match token {
        // Upper case in any script, so that the generic mapping cannot turn a value without
        // the prefix into one with it.
        Token::Aws => match value.char_indices().nth(4) {
            Some((end, _)) if value.chars().take(4).all(char::is_uppercase) => end,
            _ => 0,
        },
        Token::Google => {
            if value.starts_with("AIza") {
                4
            } else {
                0
            }
        }
        Token::Github => {
            if value.starts_with("github_pat_") {
                11
            } else {
                through('_', 0, 5)
            }
        }
        Token::Stripe => match through('_', 1, 16) {
            0 => through('_', 0, 8),
            n => n,
        },
        Token::Slack => through('-', 0, 6),
    }
}

fn kept_prefix(token: Token, value: &str) -> Kept {
    let n = prefix_len(token, value);
    // A prefix that is the whole value would leave nothing to replace.
    Kept::prefix(if n < value.len() { n } else { 0 })
}

pub(super) fn token(keyed: &Keyed, kind: Token, value: &str) -> String {
    generic::pseudonymize(keyed, value, &kept_prefix(kind, value))
}

/// The second test covers the one way the prefix can differ between a value and its
/// pseudonym: a value without a literal prefix (`AIza`, `github_pat_`) whose letters happened
/// to map onto it.
pub(super) fn is_token(keyed: &Keyed, kind: Token, value: &str) -> bool {
    generic::recognises(keyed, value, &kept_prefix(kind, value))
        || generic::recognises(keyed, value, &Kept::none())
}

/// The armour (`-----BEGIN …-----`, `-----END …-----`) and header (`Proc-Type: …`) lines.
fn pem_armour(value: &str) -> Kept {
    let mut kept = Vec::new();
    let mut start = 0;
    for line in value.split_inclusive('\n') {
        if line.trim_start().starts_with("-----") || line.contains(':') {
            kept.push(start..start + line.len());
        }
        start += line.len();
    }
    Kept::ranges(kept)
}

pub(super) fn private_key(keyed: &Keyed, value: &str) -> String {
    generic::pseudonymize(keyed, value, &pem_armour(value))
}

pub(super) fn is_private_key(keyed: &Keyed, value: &str) -> bool {
    generic::recognises(keyed, value, &pem_armour(value))
}

/// Generic mapping of `value` with `kept` bytes kept, except that when the mapped text after
/// `kept_len` bytes is shaped like a JWT (the input was not: say, one with non-ASCII letters),
/// that part becomes a JWT pseudonym, which is what [`is_secret`] and [`is_credential`] will
/// take it for.
fn generic_or_jwt(keyed: &Keyed, value: &str, kept_len: usize) -> String {
    let mapped = generic::pseudonymize(keyed, value, &Kept::prefix(kept_len));
    match (mapped.get(..kept_len), mapped.get(kept_len..)) {
        (Some(head), Some(rest)) => match jwt::pseudonymize(keyed, rest) {
            Some(token) => format!("{head}{token}"),
            None => mapped,
        },
        _ => mapped,
    }
}

/// A secret value: a JWT stays a JWT, anything else keeps its shape.
pub(super) fn secret(keyed: &Keyed, value: &str) -> String {
    jwt::pseudonymize(keyed, value).unwrap_or_else(|| generic_or_jwt(keyed, value, 0))
}

pub(super) fn is_secret(keyed: &Keyed, value: &str) -> bool {
    jwt::recognises(keyed, value)
        .unwrap_or_else(|| generic::recognises(keyed, value, &Kept::none()))
}

/// The byte length of an auth scheme and the spaces after it (`Bearer `), or 0. Letters of
/// any script count, so that the generic mapping never turns a non-scheme into a scheme.
fn scheme_len(value: &str) -> usize {
    let Some((scheme, rest)) = value.split_once(' ') else {
        return 0;
    };
    let credential = rest.trim_start_matches(' ');
    let is_scheme = (2..=20).contains(&scheme.chars().count())
        && scheme.chars().all(|c| c.is_alphabetic() || c == '-')
        && !credential.is_empty();
    if is_scheme {
        value.len() - credential.len()
    } else {
        0
    }
}

/// A credential, with or without its scheme (`Bearer eyJ…`, `Basic dXNlcjpwYXNz`).
pub(super) fn credential(keyed: &Keyed, value: &str) -> String {
    let n = scheme_len(value);
    match (
        value.get(..n),
        value
            .get(n..)
            .and_then(|rest| jwt::pseudonymize(keyed, rest)),
    ) {
        (Some(scheme), Some(token)) => format!("{scheme}{token}"),
        _ => generic_or_jwt(keyed, value, n),
    }
}

pub(super) fn is_credential(keyed: &Keyed, value: &str) -> bool {
    let n = scheme_len(value);
    match value.get(n..).and_then(|rest| jwt::recognises(keyed, rest)) {
        Some(ours) => ours,
        None => generic::recognises(keyed, value, &Kept::prefix(n)),
    }
}

/// The URL scheme before `user:pass@` and the host after it.
fn userinfo_frame(value: &str) -> Kept {
    let mut kept = Vec::new();
    if let Some(i) = value.find("://") {
        kept.push(0..i + 3);
    }
    if let Some(i) = value.rfind('@') {
        kept.push(i..value.len());
    }
    Kept::ranges(kept)
}

pub(super) fn userinfo(keyed: &Keyed, value: &str) -> String {
    generic::pseudonymize(keyed, value, &userinfo_frame(value))
}

pub(super) fn is_userinfo(keyed: &Keyed, value: &str) -> bool {
    generic::recognises(keyed, value, &userinfo_frame(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};

    #[test]
    fn tokens_keep_their_vendor_prefix() {
        let k = keyed();
        for (kind, input, prefix) in [
            (Token::Aws, "AKIAIOSFODNN7EXAMPLE", "AKIA"),
            (
                Token::Github,
                "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "ghp_",
            ),
            (
                Token::Github,
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
                "github_pat_",
            ),
            (
                Token::Stripe,
                "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                "sk_live_",
            ),
            (
                Token::Slack,
                "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                "xoxb-",
            ),
            (
                Token::Google,
                "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
                "AIza",
            ),
        ] {
            let out = token(&k, kind, input);
            assert!(out.starts_with(prefix), "{input} -> {out}");
            assert_eq!(classes(&out), classes(input));
            assert_ne!(out, input);
            assert!(is_token(&k, kind, &out));
            assert!(!is_token(&k, kind, input));
        }
        // A bare prefix is not kept whole.
        assert_ne!(token(&k, Token::Google, "AIza"), "AIza");
    }

    #[test]
    fn private_keys_keep_their_armour() {
        let k = keyed();
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aozN3tihPmljnnudb9G3HECdnH\nlWu2/a1gB9JW5TBQ+AVpum9Okx7KfqkfBKL9mcHgSL0yWMdjMfNOqNtrQqKlN4kE\n-----END RSA PRIVATE KEY-----\n";
        let out = private_key(&k, pem);
        assert!(out.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert!(out.ends_with("\n-----END RSA PRIVATE KEY-----\n"));
        assert_eq!(classes(&out), classes(pem));
        assert_ne!(out, pem);
        assert!(is_private_key(&k, &out));
        assert!(!is_private_key(&k, pem));
    }

    #[test]
    fn credentials_keep_their_scheme() {
        let k = keyed();
        let jwt_token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";
        for input in [
            "Bearer abc123DEF456ghi789",
            "Basic dXNlcjpwYXNzd29yZA==",
            "abc123DEF456ghi789",
            &format!("Bearer {jwt_token}"),
            jwt_token,
        ] {
            let out = credential(&k, input);
            assert_eq!(classes(&out).len(), classes(input).len());
            if let Some((scheme, _)) = input.split_once(' ') {
                assert!(out.starts_with(&format!("{scheme} ")), "{out}");
            }
            if input.contains("eyJhbGciOiJIUzI1NiJ9.") {
                assert!(
                    out.contains("eyJhbGciOiJIUzI1NiJ9."),
                    "JWT header kept: {out}"
                );
            }
            assert_ne!(out, input);
            assert!(is_credential(&k, &out), "{input} -> {out}");
            assert!(!is_credential(&k, input));
        }
    }

    #[test]
    fn userinfo_keeps_url_frame() {
        let k = keyed();
        for (input, keep_start, keep_end) in [
            ("alice:s3cret@", "", "@"),
            (
                "https://alice:s3cret@db.internal:5432",
                "https://",
                "@db.internal:5432",
            ),
        ] {
            let out = userinfo(&k, input);
            assert!(
                out.starts_with(keep_start) && out.ends_with(keep_end),
                "{out}"
            );
            assert_ne!(out, input);
            assert!(out.contains(':'));
            assert!(is_userinfo(&k, &out));
        }
    }

    #[test]
    fn secret_fields() {
        let k = keyed();
        let out = secret(&k, "hunter2");
        assert_eq!(classes(&out), "aaaaaa9");
        assert!(is_secret(&k, &out));
        assert!(!is_secret(&k, "hunter2"));
    }
}
