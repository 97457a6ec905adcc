//! Request bodies: which ones can be inspected, and their redaction.
//!
//! OWNER NOTE (skeleton): the body helper replaces the placeholder text scan in [`redact`]
//! with per-format rewriters (json, form, multipart, text) and content-encoding handling.

use crate::config::{BodyConfig, CompressedBody};
use crate::redact::{Redactor, Tally};
use crate::verdict::DropReason;

/// The format of a body the engine can rewrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Form,
    Multipart {
        boundary: String,
    },
    /// text/*, XML and anything else read as UTF-8 text and scanned.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Deflate,
}

/// Everything the body phase needs, captured in the headers phase (the host does not let an
/// upstream filter read request headers from the body callback).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPlan {
    pub kind: BodyKind,
    pub encoding: Encoding,
    /// Whether the redacted body is compressed again with `encoding`.
    pub reencode: bool,
}

/// What the headers phase decides for a body with these headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Forward unchanged: the content type is in `passContentTypes`.
    Pass,
    Rewrite(BodyPlan),
}

/// Chooses how to handle a body from its `content-type` and `content-encoding`.
pub fn plan(
    cfg: &BodyConfig,
    content_type: Option<&str>,
    content_encoding: Option<&str>,
) -> Result<Plan, DropReason> {
    let media = content_type
        .and_then(|ct| ct.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if cfg
        .pass_content_types
        .iter()
        .any(|p| p.eq_ignore_ascii_case(&media))
    {
        return Ok(Plan::Pass);
    }
    let encoding = match content_encoding
        .map(|e| e.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("") | Some("identity") => Encoding::Identity,
        Some("gzip") | Some("x-gzip") => Encoding::Gzip,
        Some("deflate") => Encoding::Deflate,
        Some(_) => return Err(DropReason::UnsupportedEncoding),
    };
    let kind = if media == "application/json" || media.ends_with("+json") {
        BodyKind::Json
    } else if media == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if media.starts_with("text/") || media.ends_with("/xml") || media.ends_with("+xml") {
        BodyKind::Text
    } else {
        return Err(DropReason::UnsupportedContentType);
    };
    Ok(Plan::Rewrite(BodyPlan {
        kind,
        encoding,
        reencode: cfg.compressed == CompressedBody::Reencode && encoding != Encoding::Identity,
    }))
}

/// Redacts a whole body. Any error means the copy must be dropped.
pub fn redact(
    redactor: &Redactor,
    plan: &BodyPlan,
    body: &[u8],
    tally: &mut Tally,
) -> Result<Vec<u8>, DropReason> {
    let _ = plan;
    let text = std::str::from_utf8(body).map_err(|_| DropReason::InvalidUtf8)?;
    Ok(redactor.text(text, tally).into_owned().into_bytes())
}
