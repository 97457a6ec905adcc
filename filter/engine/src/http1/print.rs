//! Writing Envoy-shaped headers and a body back as an HTTP/1.1 request.

use super::chunked;
use super::error::PrintError;
use super::parse::is_chunked_only;
use super::syntax::{is_authority, is_field_value, is_target, is_token};
use crate::headers::Headers;

pub fn print(headers: &Headers, body: &[u8]) -> Result<Vec<u8>, PrintError> {
    let method = headers.get(":method").ok_or(PrintError::MissingMethod)?;
    if !is_token(method) {
        return Err(PrintError::InvalidMethod);
    }
    let path = headers.get(":path").ok_or(PrintError::MissingPath)?;
    let origin_form = path.starts_with('/') || (path == "*" && method == "OPTIONS");
    if !is_target(path) || !origin_form {
        return Err(PrintError::InvalidPath);
    }
    let authority = headers.get(":authority");
    if authority.is_some_and(|a| !is_authority(a)) {
        return Err(PrintError::InvalidAuthority);
    }
    let te: Vec<&str> = headers.get_all("transfer-encoding").collect();
    let chunked = !te.is_empty();
    if chunked && !is_chunked_only(te.iter().copied()) {
        return Err(PrintError::UnsupportedTransferEncoding);
    }

    let mut out = Vec::with_capacity(256 + body.len());
    // Origin form cannot say `https`; the absolute form can, and keeps :scheme on a re-read.
    let https = headers
        .get(":scheme")
        .is_some_and(|s| s.eq_ignore_ascii_case("https"));
    let target = match authority {
        Some(authority) if https && path.starts_with('/') => {
            format!("https://{authority}{path}")
        }
        _ => path.to_owned(),
    };
    // Without an authority there is no Host, which only HTTP/1.0 allows.
    let version = if authority.is_some() { "1.1" } else { "1.0" };
    out.extend_from_slice(format!("{method} {target} HTTP/{version}\r\n").as_bytes());
    if let Some(authority) = authority {
        push_field(&mut out, "host", authority);
    }

    let length = body.len().to_string();
    let mut length_written = false;
    for (index, (name, value)) in headers.pairs().iter().enumerate() {
        if name.starts_with(':') || (name == "host" && authority.is_some()) {
            // Pseudo-headers have no HTTP/1.1 form beyond the request line and Host.
            continue;
        }
        if !is_token(name) {
            return Err(PrintError::InvalidHeaderName { index });
        }
        let value = value.trim_matches([' ', '\t']);
        if !is_field_value(value) {
            return Err(PrintError::InvalidHeaderValue { index });
        }
        if name == "content-length" {
            if !chunked && !length_written {
                push_field(&mut out, name, &length);
                length_written = true;
            }
            continue;
        }
        push_field(&mut out, name, value);
    }
    if !chunked && !length_written && !body.is_empty() {
        push_field(&mut out, "content-length", &length);
    }
    out.extend_from_slice(b"\r\n");
    if chunked {
        chunked::encode(body, &mut out);
    } else {
        out.extend_from_slice(body);
    }
    Ok(out)
}

fn push_field(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend_from_slice(name.as_bytes());
    out.push(b':');
    if !value.is_empty() {
        out.push(b' ');
        out.extend_from_slice(value.as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}
