//! Email addresses, found from their `@`.
//!
//! The local part is the common unquoted form (`[A-Za-z0-9._%+-]`, no leading, trailing or
//! doubled dot); the domain needs at least two labels and an alphabetic top-level label, so
//! `info@presidio.` or `user@2001:db8::1` are not addresses. Quoted local parts and
//! internationalised (non-ASCII) addresses are not detected.

use super::bytes::{at, is_word, run_back};

const LOCAL_MAX: usize = 64;
const DOMAIN_MAX: usize = 253;

fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The address around the `@` at `at_sign`, as a byte range.
pub(super) fn scan(b: &[u8], at_sign: usize) -> Option<(usize, usize)> {
    let back = run_back(b, at_sign, LOCAL_MAX + 1, is_local);
    if back == 0 || back > LOCAL_MAX {
        return None;
    }
    let mut start = at_sign - back;
    // A sentence may put a dot right before the address; the address starts after it.
    while at(b, start) == b'.' && start < at_sign {
        start += 1;
    }
    let local = b.get(start..at_sign)?;
    if local.is_empty() || local.ends_with(b".") || local.windows(2).any(|w| w == b"..") {
        return None;
    }
    let end = domain_end(b, at_sign + 1)?;
    Some((start, end))
}

/// The end of a domain name of two or more labels starting at `i`.
fn domain_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let mut labels = 0;
    let mut last_label;
    loop {
        let label_start = i;
        let rest = b.get(i..).unwrap_or(&[]);
        i += rest
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || c == b'-'))
            .unwrap_or(rest.len());
        let label = b.get(label_start..i)?;
        if label.is_empty() || label.len() > 63 || label.starts_with(b"-") || label.ends_with(b"-")
        {
            return None;
        }
        labels += 1;
        last_label = (label_start, i);
        if at(b, i) == b'.' && at(b, i + 1).is_ascii_alphanumeric() {
            i += 1;
        } else {
            break;
        }
    }
    let tld = b.get(last_label.0..last_label.1)?;
    let tld_ok = (tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic))
        || (tld.len() > 4
            && tld
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--")));
    let next = at(b, i);
    if labels < 2 || !tld_ok || i - start > DOMAIN_MAX || is_word(next) || next == b'@' {
        return None;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        let b = text.as_bytes();
        let at_sign = text.find('@')?;
        scan(b, at_sign).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn emails() {
        for (text, email) in [
            ("info@presidio.site", "info@presidio.site"),
            (
                "my email address is info@presidio.site.",
                "info@presidio.site",
            ),
            (
                "<john.smith+tag@mail.example.co.uk>",
                "john.smith+tag@mail.example.co.uk",
            ),
            ("\"a_b-c%d@x-y.io\"", "a_b-c%d@x-y.io"),
            ("end.john@example.com", "end.john@example.com"),
            ("mailto:jane@example.org?subject=x", "jane@example.org"),
            ("x@xn--bcher-kva.example", "x@xn--bcher-kva.example"),
        ] {
            assert_eq!(found(text), Some(email), "{text}");
        }
    }

    #[test]
    fn not_emails() {
        for text in [
            "my email is info@presidio.",
            "info@presidio",
            "@media screen",
            "npm i @scope/pkg",
            "SSH to user@2001:db8::1",
            "john..doe@example.com",
            "john.@example.com",
            "john@-example.com",
            "john@example.c0m",
            "john@example.com_x",
            "a@b@c.com",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }
}
