//! The character classes of HTTP/1.1 (RFC 9110, RFC 9112) that the parser accepts and the
//! printer requires: one definition, so that whatever parses can be printed and read back.

/// `tchar`: method names and header field names.
pub fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A request-target in origin form (`/path?query`) or `*`: visible ASCII, no spaces.
pub fn is_target(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic())
}

/// A `Host` value or the authority of an absolute-form target: host and optional port,
/// without userinfo (deprecated, and a classic way to disguise where a request goes).
pub fn is_authority(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:[]%".contains(&b))
}

/// A field value after its surrounding whitespace is removed: visible characters, spaces,
/// tabs and non-ASCII text; no control characters, so no CR or LF that could end the line.
pub fn is_field_value(s: &str) -> bool {
    s.bytes()
        .all(|b| b == b'\t' || b == b' ' || b.is_ascii_graphic() || !b.is_ascii())
        && !s.starts_with([' ', '\t'])
        && !s.ends_with([' ', '\t'])
}

/// Optional whitespace around field values and chunk extensions.
pub fn trim_ows(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|b| !is_ows(*b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !is_ows(*b)).map_or(start, |i| i + 1);
    s.get(start..end).unwrap_or_default()
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_token("GET") && is_token("x-custom_1") && !is_token("a b") && !is_token(""));
        assert!(!is_token("a:b") && !is_token("é"));
        assert!(is_target("/a?b=c#d") && is_target("*") && !is_target("/a b") && !is_target(""));
        assert!(is_authority("example.com:8080") && is_authority("[::1]:80"));
        assert!(!is_authority("user@host") && !is_authority("a/b") && !is_authority(""));
        assert!(is_field_value("") && is_field_value("a\tb c") && is_field_value("José"));
        assert!(!is_field_value("a\r\nb") && !is_field_value(" a") && !is_field_value("a\0"));
        assert_eq!(trim_ows(b" \ta b\t "), b"a b");
        assert_eq!(trim_ows(b" \t "), b"");
    }
}
