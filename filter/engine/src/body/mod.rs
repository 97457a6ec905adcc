//! Request bodies: which ones can be inspected, and their redaction.
//!
//! The headers phase calls [`plan`] to decide, from `content-type` and `content-encoding`,
//! whether a body can be made safe at all (and drops the copy early when it cannot); the body
//! phase calls [`redact`] with that plan on the whole buffered body.
//!
//! Each format has its own rewriter, reachable on its own so that fuzz targets can call it:
//! [`json::rewrite`], [`form::rewrite`], [`multipart::rewrite`], [`xml::rewrite`],
//! [`text::rewrite`], and [`encoding::decode`] for content encodings. Every rewriter copies
//! the input unchanged except the values it redacts, and returns it borrowed when nothing
//! changed, so a body without personal data costs one pass and one copy.

pub mod encoding;
pub mod form;
pub mod json;
pub mod media;
pub mod multipart;
mod splice;
pub mod text;
pub mod xml;

use std::borrow::Cow;

use crate::config::{BodyConfig, CompressedBody, MultipartFiles};
use crate::redact::{FieldAction, KeyMeaning, Redactor, Tally};
use crate::verdict::DropReason;
pub use encoding::Encoding;
use media::MediaType;

/// The format of a body the engine can rewrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Form,
    /// Any `multipart/*` body; the boundary is captured with the headers because the body
    /// phase no longer sees them.
    Multipart {
        boundary: String,
    },
    /// `application/xml`, `text/xml` and `+xml` types: element text is redacted under its
    /// element name, so key-name detection works as it does for JSON members.
    Xml,
    /// text/*, a few textual application types, and bodies without a content type: read as
    /// UTF-8 text and scanned.
    Text,
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

/// The redaction decisions a body rewriter asks for. [`Redactor`] is the implementation the
/// filter uses; the trait exists so that the rewriters' handling of every decision (removal
/// above all, which only key-name detection produces) can be tested on its own.
pub trait FieldRedactor {
    /// Free text: returns it borrowed when nothing was found.
    fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str>;
    /// A key (member or field name) as free text: [`FieldRedactor::text`], which a redactor
    /// may skip for a key it found clean before.
    fn key_text<'a>(&self, key: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        self.text(key, tally)
    }
    /// A value under a key (JSON member, form field, multipart field, XML element).
    fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction;
    /// A member name under `parent`: [`FieldRedactor::key_text`] and
    /// [`FieldRedactor::key_meaning`] at once, which a redactor may answer with one lookup.
    fn member<'a>(
        &self,
        parent: &str,
        key: &'a str,
        tally: &mut Tally,
    ) -> (Cow<'a, str>, Option<KeyMeaning>) {
        (self.key_text(key, tally), self.key_meaning(parent, key))
    }
    /// A value under `key` in an object held under `parent` (JSON, XML): the container can
    /// change what a key means (a product's `name` is not a person's).
    fn field_in(&self, parent: &str, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        let _ = parent;
        self.field(key, value, tally)
    }
    /// What `key` under `parent` means for the values under it, for a rewriter to remember
    /// and pass to [`FieldRedactor::field_known`] with every value under the same key; `None`
    /// when the redactor works nothing out from keys ahead of values.
    fn key_meaning(&self, parent: &str, key: &str) -> Option<KeyMeaning> {
        let _ = (parent, key);
        None
    }
    /// [`FieldRedactor::field_in`], given what [`FieldRedactor::key_meaning`] returned for
    /// this `parent` and `key`.
    fn field_known(
        &self,
        meaning: Option<KeyMeaning>,
        parent: &str,
        key: &str,
        value: &str,
        tally: &mut Tally,
    ) -> FieldAction {
        let _ = meaning;
        self.field_in(parent, key, value, tally)
    }
}

impl FieldRedactor for Redactor {
    fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        Redactor::text(self, text, tally)
    }

    fn key_text<'a>(&self, key: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        Redactor::key_text(self, key, tally)
    }

    fn member<'a>(
        &self,
        parent: &str,
        key: &'a str,
        tally: &mut Tally,
    ) -> (Cow<'a, str>, Option<KeyMeaning>) {
        let (scanned, meaning) = Redactor::member(self, parent, key, tally);
        (scanned, Some(meaning))
    }

    fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        Redactor::field(self, key, value, tally)
    }

    fn field_in(&self, parent: &str, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        Redactor::field_in(self, parent, key, value, tally)
    }

    fn key_meaning(&self, parent: &str, key: &str) -> Option<KeyMeaning> {
        Some(Redactor::key_meaning(self, parent, key))
    }

    fn field_known(
        &self,
        meaning: Option<KeyMeaning>,
        parent: &str,
        key: &str,
        value: &str,
        tally: &mut Tally,
    ) -> FieldAction {
        match meaning {
            Some(meaning) => self.field_as(meaning, value, tally),
            None => Redactor::field_in(self, parent, key, value, tally),
        }
    }
}

/// Chooses how to handle a body from its `content-type` and `content-encoding`.
///
/// A body without a content type is planned as text: the body phase drops it if it turns
/// out not to be UTF-8. An allowed (`passContentTypes`) type passes whatever its encoding,
/// since it is forwarded as it came.
pub fn plan(
    cfg: &BodyConfig,
    content_type: Option<&str>,
    content_encoding: Option<&str>,
) -> Result<Plan, DropReason> {
    let media = match content_type.map(str::trim).filter(|ct| !ct.is_empty()) {
        None => None,
        Some(ct) => Some(MediaType::parse(ct).ok_or(DropReason::UnsupportedContentType)?),
    };
    if let Some(media) = &media {
        if cfg.pass_content_types.iter().any(|p| media.matches(p)) {
            return Ok(Plan::Pass);
        }
    }
    let encoding = Encoding::from_header(content_encoding)?;
    let kind = match &media {
        None => BodyKind::Text,
        Some(media) => kind_of(media)?,
    };
    Ok(Plan::Rewrite(BodyPlan {
        kind,
        encoding,
        reencode: cfg.compressed == CompressedBody::Reencode && encoding != Encoding::Identity,
    }))
}

/// Textual `application/*` types that have no structure the engine knows, scanned as text.
const TEXTUAL_APPLICATION_TYPES: [&str; 8] = [
    "application/graphql",
    "application/x-ndjson",
    "application/jsonl",
    "application/javascript",
    "application/yaml",
    "application/x-yaml",
    "application/csv",
    "application/sql",
];

fn kind_of(media: &MediaType<'_>) -> Result<BodyKind, DropReason> {
    let essence = media.essence();
    if essence == "application/json" || essence.ends_with("+json") {
        Ok(BodyKind::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        Ok(BodyKind::Form)
    } else if media.top_level() == "multipart" {
        let boundary = media
            .param("boundary")
            .map_err(|_| DropReason::MalformedBody)?
            .ok_or(DropReason::MalformedBody)?;
        multipart::check_boundary(&boundary)?;
        Ok(BodyKind::Multipart {
            boundary: boundary.into_owned(),
        })
    } else if essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml") {
        Ok(BodyKind::Xml)
    } else if media.top_level() == "text" || TEXTUAL_APPLICATION_TYPES.contains(&essence) {
        Ok(BodyKind::Text)
    } else {
        Err(DropReason::UnsupportedContentType)
    }
}

/// Redacts a whole body. Any error means the copy must be dropped.
///
/// A body the redaction leaves unchanged is forwarded as it came (still compressed when it
/// is re-encoded anyway), so a clean compressed body is never recompressed.
pub fn redact(
    redactor: &Redactor,
    plan: &BodyPlan,
    body: &[u8],
    tally: &mut Tally,
) -> Result<Vec<u8>, DropReason> {
    let cfg = redactor.body_config();
    let decoded = encoding::decode(plan.encoding, body, cfg.max_decompressed_bytes)?;
    let rewritten = rewrite(redactor, &plan.kind, &decoded, cfg.multipart_files, tally)?;
    match rewritten {
        Cow::Borrowed(_) if plan.reencode || plan.encoding == Encoding::Identity => {
            Ok(body.to_vec())
        }
        Cow::Borrowed(_) => Ok(decoded.into_owned()),
        Cow::Owned(changed) if plan.reencode => encoding::encode(plan.encoding, &changed),
        Cow::Owned(changed) => Ok(changed),
    }
}

/// Redacts a decoded body of the given kind; borrowed when nothing changed.
pub fn rewrite<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    kind: &BodyKind,
    body: &'a [u8],
    files: MultipartFiles,
    tally: &mut Tally,
) -> Result<Cow<'a, [u8]>, DropReason> {
    match kind {
        BodyKind::Json => Ok(str_bytes(json::rewrite(redactor, utf8(body)?, tally))),
        BodyKind::Form => Ok(str_bytes(form::rewrite(redactor, utf8(body)?, tally))),
        BodyKind::Xml => Ok(str_bytes(xml::rewrite(redactor, utf8(body)?, tally))),
        BodyKind::Text => text::rewrite(redactor, body, tally),
        BodyKind::Multipart { boundary } => {
            multipart::rewrite(redactor, body, boundary, files, tally)
        }
    }
}

fn utf8(body: &[u8]) -> Result<&str, DropReason> {
    std::str::from_utf8(body).map_err(|_| DropReason::InvalidUtf8)
}

fn str_bytes(text: Cow<'_, str>) -> Cow<'_, [u8]> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// Runs a rewriter for a structured format, and scans `text` as free text instead when the
/// rewriter cannot follow it. What the rewriter counted is kept only if it finished: a
/// document found malformed half-way is scanned again, and its values must not be counted
/// twice.
fn structured_or_text<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    text: &'a str,
    tally: &mut Tally,
    structured: impl FnOnce(&mut Tally) -> Option<Cow<'a, str>>,
) -> Cow<'a, str> {
    let mut counted = Tally::default();
    match structured(&mut counted) {
        Some(out) => {
            tally.values = tally.values.saturating_add(counted.values);
            out
        }
        None => redactor.text(text, tally),
    }
}

#[cfg(test)]
mod tests;
