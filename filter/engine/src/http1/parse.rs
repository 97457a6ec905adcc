//! Reading a raw HTTP/1.1 request into Envoy's header shape.

use super::cursor::Cursor;
use super::error::ParseError;
use super::syntax::{is_authority, is_field_value, is_target, is_token, trim_ows};
use super::{chunked, Limits, Request};
use crate::headers::Headers;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Http10,
    Http11,
}

/// The request-target split the way Envoy splits it into pseudo-headers.
struct Target {
    scheme: String,
    /// Only for absolute-form targets, where it overrides `Host`.
    authority: Option<String>,
    path: String,
}

pub fn parse(input: &[u8], limits: &Limits) -> Result<Request, ParseError> {
    let mut cursor = Cursor::new(input);
    let mut line_no = 0;
    // RFC 9112 §2.2: empty lines before the request line are ignored.
    let request_line = loop {
        let line = head_line(&mut cursor, limits)?;
        line_no += 1;
        if !line.is_empty() {
            break line;
        }
    };
    let (method, target, version) = request_line_parts(request_line)?;

    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        let line = head_line(&mut cursor, limits)?;
        line_no += 1;
        if line.is_empty() {
            break;
        }
        if fields.len() == limits.max_headers {
            return Err(ParseError::TooManyHeaders {
                limit: limits.max_headers,
            });
        }
        fields.push(field(line, line_no)?);
    }

    let authority = authority(&fields, target.authority, version)?;
    let body = body(&fields, &mut cursor)?;

    let mut pairs = Vec::with_capacity(fields.len() + 4);
    if let Some(authority) = authority {
        pairs.push((":authority".to_owned(), authority));
    }
    pairs.push((":path".to_owned(), target.path));
    pairs.push((":method".to_owned(), method.to_owned()));
    pairs.push((":scheme".to_owned(), target.scheme));
    // Like Envoy, `Host` lives on only as `:authority`.
    pairs.extend(fields.into_iter().filter(|(name, _)| name != "host"));
    Ok(Request {
        headers: Headers::from_pairs(pairs),
        body,
    })
}

/// The next line of the request line or header section, within the size limit.
fn head_line<'a>(cursor: &mut Cursor<'a>, limits: &Limits) -> Result<&'a [u8], ParseError> {
    let too_large = ParseError::HeadersTooLarge {
        limit: limits.max_head_bytes,
    };
    match cursor.line() {
        Some(_) if cursor.position() > limits.max_head_bytes => Err(too_large),
        Some(line) => Ok(line),
        None if cursor.position() + cursor.rest().len() > limits.max_head_bytes => Err(too_large),
        None => Err(ParseError::Incomplete),
    }
}

fn request_line_parts(line: &[u8]) -> Result<(&str, Target, Version), ParseError> {
    let line = std::str::from_utf8(line).map_err(|_| ParseError::RequestLine)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ParseError::RequestLine);
    };
    if !is_token(method) {
        return Err(ParseError::Method);
    }
    if !is_target(target) {
        return Err(ParseError::Target);
    }
    let version = match version {
        "HTTP/1.1" => Version::Http11,
        "HTTP/1.0" => Version::Http10,
        _ => return Err(ParseError::Version),
    };
    Ok((method, request_target(method, target)?, version))
}

fn request_target(method: &str, target: &str) -> Result<Target, ParseError> {
    let origin = |path: &str| Target {
        scheme: "http".to_owned(),
        authority: None,
        path: path.to_owned(),
    };
    if target.starts_with('/') || (target == "*" && method == "OPTIONS") {
        return Ok(origin(target));
    }
    let Some((scheme, rest)) = target.split_once("://") else {
        return Err(ParseError::UnsupportedTarget);
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(ParseError::UnsupportedTarget);
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if !is_authority(authority) {
        return Err(ParseError::Target);
    }
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    Ok(Target {
        scheme,
        authority: Some(authority.to_owned()),
        path,
    })
}

fn field(line: &[u8], line_no: usize) -> Result<(String, String), ParseError> {
    if line.starts_with(b" ") || line.starts_with(b"\t") {
        return Err(ParseError::ObsFold { line: line_no });
    }
    let bad_line = ParseError::HeaderLine { line: line_no };
    let colon = line.iter().position(|&b| b == b':').ok_or(bad_line)?;
    let (name, value) = (
        line.get(..colon).unwrap_or_default(),
        line.get(colon + 1..).unwrap_or_default(),
    );
    let name = std::str::from_utf8(name)
        .ok()
        .filter(|n| is_token(n))
        .ok_or(bad_line)?;
    let value = std::str::from_utf8(trim_ows(value))
        .ok()
        .filter(|v| is_field_value(v))
        .ok_or(ParseError::HeaderValue { line: line_no })?;
    Ok((name.to_ascii_lowercase(), value.to_owned()))
}

fn authority(
    fields: &[(String, String)],
    from_target: Option<String>,
    version: Version,
) -> Result<Option<String>, ParseError> {
    let mut hosts = fields.iter().filter(|(n, _)| n == "host").map(|(_, v)| v);
    let host = hosts.next();
    if hosts.next().is_some() {
        return Err(ParseError::MultipleHosts);
    }
    match (from_target, host) {
        (Some(authority), _) => Ok(Some(authority)),
        (None, Some(host)) if is_authority(host) => Ok(Some(host.clone())),
        (None, Some(_)) => Err(ParseError::InvalidHost),
        (None, None) if version == Version::Http11 => Err(ParseError::MissingHost),
        (None, None) => Ok(None),
    }
}

/// The body, framed by `Transfer-Encoding: chunked`, by `Content-Length`, or else by the end
/// of the input (so that a hand-written request file needs no byte count).
fn body(fields: &[(String, String)], cursor: &mut Cursor<'_>) -> Result<Vec<u8>, ParseError> {
    let values = |name: &'static str| {
        fields
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let te: Vec<&str> = values("transfer-encoding").collect();
    let cl: Vec<&str> = values("content-length").collect();
    let body = match (te.is_empty(), cl.is_empty()) {
        (false, false) => return Err(ParseError::ConflictingFraming),
        (false, true) if is_chunked_only(te.iter().copied()) => chunked::decode(cursor)?,
        (false, true) => return Err(ParseError::UnsupportedTransferEncoding),
        (true, false) => {
            let len = content_length(&cl)?;
            cursor.take(len).ok_or(ParseError::Truncated)?.to_vec()
        }
        (true, true) => return Ok(cursor.rest().to_vec()),
    };
    // Empty lines after a message are the empty lines RFC 9112 §2.2 lets a server skip
    // before the next request line, and what an editor leaves at the end of a file.
    let rest = cursor.rest();
    if rest.iter().all(|b| matches!(b, b'\r' | b'\n')) {
        Ok(body)
    } else {
        Err(ParseError::TrailingBytes { count: rest.len() })
    }
}

/// Whether the transfer codings, over all `Transfer-Encoding` values, are exactly `chunked`.
pub(super) fn is_chunked_only<'a>(values: impl Iterator<Item = &'a str>) -> bool {
    let mut codings = values
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|c| !c.is_empty());
    matches!(
        (codings.next(), codings.next()),
        (Some(c), None) if c.eq_ignore_ascii_case("chunked")
    )
}

/// One length from every `Content-Length` value (and list element); they must agree.
fn content_length(values: &[&str]) -> Result<usize, ParseError> {
    let mut length = None;
    for item in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        if item.is_empty() || !item.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::InvalidContentLength);
        }
        let n: usize = item.parse().map_err(|_| ParseError::InvalidContentLength)?;
        if length.is_some_and(|l| l != n) {
            return Err(ParseError::InvalidContentLength);
        }
        length = Some(n);
    }
    length.ok_or(ParseError::InvalidContentLength)
}
