//! Body rewriting, through the two calls the filter makes: `body::plan` in the headers phase
//! and `body::redact` in the body phase. Each check fixes the content type, so the input is
//! the body alone.

use mirrorguard_engine::body::{self, Plan};
use mirrorguard_engine::{DropReason, Tally};

use super::fixtures::{compressed, identity, redactors, BodyFixture, TIGHT_LIMIT};

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
/// The boundary the multipart seeds use.
const MULTIPART: &str = "multipart/form-data; boundary=XYZ";
const TEXT: &str = "text/plain";

/// Plans and redacts a body as the filter would; `None` when the plan is not a rewrite.
fn redact(
    fixture: &BodyFixture,
    content_type: &str,
    encoding: Option<&str>,
    data: &[u8],
) -> Option<Result<Vec<u8>, DropReason>> {
    let body_cfg = &fixture.cfg.redaction.body;
    let Ok(Plan::Rewrite(plan)) = body::plan(body_cfg, Some(content_type), encoding) else {
        return None;
    };
    Some(body::redact(
        &fixture.redactor,
        &plan,
        data,
        &mut Tally::default(),
    ))
}

/// A JSON body stays JSON: whatever serde_json accepts, the rewritten body is accepted too.
pub fn json_body(data: &[u8]) {
    let valid = serde_json::from_slice::<serde_json::Value>(data).is_ok();
    for fixture in redactors() {
        let Some(Ok(out)) = redact(fixture, JSON, None, data) else {
            continue;
        };
        assert!(
            std::str::from_utf8(&out).is_ok(),
            "{}: JSON rewritten to bytes that are not UTF-8",
            fixture.name
        );
        if valid {
            let reparsed = serde_json::from_slice::<serde_json::Value>(&out);
            assert!(
                reparsed.is_ok(),
                "{}: valid JSON rewritten to invalid JSON ({reparsed:?}): {}",
                fixture.name,
                String::from_utf8_lossy(&out)
            );
        }
    }
    unchanged_when_nothing_is_found(JSON, data);
}

pub fn form_body(data: &[u8]) {
    for fixture in redactors() {
        if let Some(Ok(out)) = redact(fixture, FORM, None, data) {
            assert!(
                std::str::from_utf8(&out).is_ok(),
                "{}: a form rewritten to bytes that are not UTF-8",
                fixture.name
            );
        }
    }
    unchanged_when_nothing_is_found(FORM, data);
}

/// A rewritten multipart body is still multipart with the same boundary: the parser that
/// accepted the input accepts the output.
pub fn multipart_body(data: &[u8]) {
    for fixture in redactors() {
        let Some(Ok(out)) = redact(fixture, MULTIPART, None, data) else {
            continue;
        };
        let again = redact(identity(), MULTIPART, None, &out);
        assert!(
            matches!(again, Some(Ok(_))),
            "{}: a multipart body rewritten to one that is refused ({again:?}): {:?}",
            fixture.name,
            String::from_utf8_lossy(&out)
        );
    }
}

/// A redactor that finds nothing forwards the body byte for byte: the rewriters copy what
/// they do not redact.
fn unchanged_when_nothing_is_found(content_type: &str, data: &[u8]) {
    if let Some(Ok(out)) = redact(identity(), content_type, None, data) {
        assert!(
            out == data,
            "{content_type}: a body changed although nothing was found"
        );
    }
}

/// Compressed text bodies, as gzip and as deflate. Forwarding the result decompressed or
/// compressed again is a choice of framing only: both carry the same text, and the choice
/// never changes whether the copy is dropped. A body within `maxBytes` (the filter checks
/// that before the body phase) never decompresses past `maxDecompressedBytes`.
pub fn decompress(data: &[u8]) {
    let fixtures = compressed();
    for encoding in ["gzip", "deflate"] {
        let decoded = redact(&fixtures.decode, TEXT, Some(encoding), data);
        let reencoded = redact(&fixtures.reencode, TEXT, Some(encoding), data);
        let outcome = |r: &Option<Result<Vec<u8>, DropReason>>| {
            r.as_ref().map(|r| r.as_ref().map(|_| ()).map_err(|e| *e))
        };
        assert_eq!(
            outcome(&decoded),
            outcome(&reencoded),
            "{encoding}: the output framing changes the outcome"
        );
        if let (Some(Ok(decoded)), Some(Ok(reencoded))) = (decoded, reencoded) {
            let text = redact(&fixtures.identity, TEXT, Some(encoding), &reencoded);
            assert!(
                text.as_ref().is_some_and(|t| t.as_ref() == Ok(&decoded)),
                "{encoding}: the re-encoded body does not carry the decoded body's text \
                 ({text:?})"
            );
        }
        if data.len() <= TIGHT_LIMIT {
            if let Some(Ok(out)) = redact(&fixtures.tight, TEXT, Some(encoding), data) {
                assert!(
                    out.len() <= TIGHT_LIMIT,
                    "{encoding}: decompressed {} bytes past the limit of {TIGHT_LIMIT}",
                    out.len()
                );
            }
        }
    }
}
