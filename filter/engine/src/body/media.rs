//! Media types (`content-type`) and the `; name=value` parameter lists that they share with
//! `content-disposition` (RFC 9110 §5.6.6, RFC 6266).
//!
//! Parameters keep their byte positions so that a multipart rewriter can replace one value
//! (a file name holding an e-mail address) and leave the rest of the header as it was.

use std::borrow::Cow;
use std::ops::Range;

/// A parsed `type/subtype; params` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType<'a> {
    /// `type/subtype`, lower-cased.
    essence: String,
    /// Everything after the essence: the parameter list, still unparsed.
    params: &'a str,
}

/// A parameter list that does not follow the grammar (e.g. an unterminated quoted string).
/// Callers that depend on a parameter fail closed on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedParams;

impl<'a> MediaType<'a> {
    /// `None` unless the value starts with `type/subtype` made of token characters.
    pub fn parse(value: &'a str) -> Option<Self> {
        let (essence, params) = match value.find(';') {
            Some(i) => (value.get(..i)?, value.get(i..)?),
            None => (value, ""),
        };
        let essence = essence.trim();
        let (top, sub) = essence.split_once('/')?;
        if top.is_empty() || sub.is_empty() || !top.bytes().chain(sub.bytes()).all(is_tchar) {
            return None;
        }
        Some(Self {
            essence: essence.to_ascii_lowercase(),
            params,
        })
    }

    /// `type/subtype`, lower-cased.
    pub fn essence(&self) -> &str {
        &self.essence
    }

    /// The part before the `/`, lower-cased.
    pub fn top_level(&self) -> &str {
        self.essence.split('/').next().unwrap_or("")
    }

    /// The value of the first parameter named `name` (case-insensitive), unquoted.
    pub fn param(&self, name: &str) -> Result<Option<Cow<'a, str>>, MalformedParams> {
        Ok(params(self.params)?
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value))
    }

    /// Whether this type is matched by a configured pattern: a media type compared
    /// case-insensitively, or `type/*` for every subtype.
    pub fn matches(&self, pattern: &str) -> bool {
        let pattern = pattern.trim();
        match pattern.strip_suffix("/*") {
            Some(top) => self.top_level().eq_ignore_ascii_case(top),
            None => self.essence.eq_ignore_ascii_case(pattern),
        }
    }
}

/// One `name=value` parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param<'a> {
    pub name: &'a str,
    /// The value with quoting and backslash escapes removed.
    pub value: Cow<'a, str>,
    /// Where the value sits in the parsed text, quotes included, so it can be replaced.
    pub span: Range<usize>,
}

/// Parses a parameter list: `; a=b; c="d e"`. Everything before the first `;` is ignored, so
/// a whole `content-disposition` value can be passed in. Unquoted values run to the next `;`
/// (browsers and curl send unquoted file names with spaces), with surrounding space trimmed.
pub fn params(text: &str) -> Result<Vec<Param<'_>>, MalformedParams> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = match text.find(';') {
        Some(i) => i,
        None => return Ok(out),
    };
    while pos < bytes.len() {
        // At a `;` or at the end of the previous value.
        pos = skip(bytes, pos, |b| b == b';' || b == b' ' || b == b'\t');
        if pos >= bytes.len() {
            break;
        }
        let name_start = pos;
        pos = skip(bytes, pos, |b| b != b'=' && b != b';');
        let name = text.get(name_start..pos).ok_or(MalformedParams)?.trim();
        if bytes.get(pos) != Some(&b'=') {
            // A bare word: not a parameter, nothing to read from it.
            continue;
        }
        pos = skip(bytes, pos + 1, |b| b == b' ' || b == b'\t');
        let (value, span, end) = if bytes.get(pos) == Some(&b'"') {
            let (value, end) = quoted(text, pos)?;
            (value, pos..end, end)
        } else {
            let end = skip(bytes, pos, |b| b != b';');
            let raw = text.get(pos..end).ok_or(MalformedParams)?;
            // Only the blanks skipped after a quoted value: trimming any other whitespace
            // (a vertical tab) would leave it outside the quotes of a rewritten value.
            let trimmed = raw.trim_end_matches([' ', '\t']);
            let span = pos..pos + trimmed.len();
            (Cow::Borrowed(trimmed), span, end)
        };
        if name.is_empty() || !name.bytes().all(is_tchar) {
            return Err(MalformedParams);
        }
        out.push(Param { name, value, span });
        pos = skip(bytes, end, |b| b == b' ' || b == b'\t');
        if pos < bytes.len() && bytes.get(pos) != Some(&b';') {
            return Err(MalformedParams);
        }
    }
    Ok(out)
}

/// Writes `value` as a quoted string, for a parameter that was rewritten. Line breaks are
/// dropped: they would end the header.
pub fn push_quoted(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {}
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads the quoted string starting at `start` (a `"`); returns its value and the position
/// after the closing quote.
fn quoted(text: &str, start: usize) -> Result<(Cow<'_, str>, usize), MalformedParams> {
    let bytes = text.as_bytes();
    let body = start + 1;
    let mut pos = body;
    let mut escaped = false;
    loop {
        match bytes.get(pos) {
            None => return Err(MalformedParams),
            Some(b'"') => break,
            Some(b'\\') => {
                escaped = true;
                pos += 2;
            }
            Some(_) => pos += 1,
        }
    }
    let raw = text.get(body..pos).ok_or(MalformedParams)?;
    let value = if escaped {
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => value.extend(chars.next()),
                c => value.push(c),
            }
        }
        Cow::Owned(value)
    } else {
        Cow::Borrowed(raw)
    };
    Ok((value, pos + 1))
}

fn skip(bytes: &[u8], mut pos: usize, while_: impl Fn(u8) -> bool) -> usize {
    while bytes.get(pos).is_some_and(|&b| while_(b)) {
        pos += 1;
    }
    pos
}

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn essence_is_lowercased_and_params_are_read() {
        let m =
            MediaType::parse("Multipart/Form-Data; charset=utf-8; Boundary=\"a b\\\"c\"").unwrap();
        assert_eq!(m.essence(), "multipart/form-data");
        assert_eq!(m.top_level(), "multipart");
        assert_eq!(m.param("boundary").unwrap().as_deref(), Some("a b\"c"));
        assert_eq!(m.param("charset").unwrap().as_deref(), Some("utf-8"));
        assert_eq!(m.param("missing").unwrap(), None);
    }

    #[test]
    fn invalid_media_types_are_rejected() {
        for bad in [
            "",
            "json",
            "/json",
            "application/",
            "app lication/json",
            "a/b c",
        ] {
            assert_eq!(MediaType::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn patterns_match_case_insensitively_and_by_wildcard() {
        let m = MediaType::parse("image/PNG").unwrap();
        assert!(m.matches("image/png"));
        assert!(m.matches("Image/*"));
        assert!(!m.matches("image/jpeg"));
        assert!(!m.matches("text/*"));
    }

    #[test]
    fn an_unquoted_value_keeps_trailing_control_whitespace() {
        let text = "form-data; name=a@b.example\u{b}\u{b} ; x=1";
        let ps = params(text).unwrap();
        assert_eq!(ps[0].value, "a@b.example\u{b}\u{b}");
        assert_eq!(&text[ps[0].span.clone()], "a@b.example\u{b}\u{b}");
    }

    #[test]
    fn params_keep_spans_of_their_values() {
        let text = r#"form-data; name="field"; filename=my file.txt ;x="""#;
        let ps = params(text).unwrap();
        let names: Vec<_> = ps.iter().map(|p| p.name).collect();
        assert_eq!(names, ["name", "filename", "x"]);
        assert_eq!(&text[ps[0].span.clone()], "\"field\"");
        assert_eq!(ps[1].value, "my file.txt");
        assert_eq!(&text[ps[1].span.clone()], "my file.txt");
        assert_eq!(ps[2].value, "");
    }

    #[test]
    fn malformed_params_are_reported() {
        for bad in [
            "form-data; name=\"open",
            "form-data; name=\"a\"junk",
            "x; =v",
        ] {
            assert_eq!(params(bad), Err(MalformedParams), "{bad}");
        }
    }

    #[test]
    fn quoting_escapes_and_drops_line_breaks() {
        let mut out = String::new();
        push_quoted(&mut out, "a\"b\\c\r\nd");
        assert_eq!(out, r#""a\"b\\cd""#);
    }
}
