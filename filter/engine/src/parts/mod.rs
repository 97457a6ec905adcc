//! Redaction of the request line and headers: path segments, query parameters, cookies and
//! header values.
//!
//! OWNER NOTE (skeleton): the parts helper adds percent-decoding/re-encoding of path segments
//! and query parameters, and per-cookie handling.

use crate::headers::Headers;
use crate::redact::{FieldAction, Redactor, Tally};

/// Redacts `:path` (segments and query) and every header value. Returns whether anything
/// changed.
pub fn redact_headers(redactor: &Redactor, headers: &mut Headers, tally: &mut Tally) -> bool {
    let parts = redactor.parts();
    let mut changed = false;
    let mut removed: Vec<String> = Vec::new();
    for (name, value) in headers.values_mut() {
        let action = if name == ":path" {
            if !(parts.path || parts.query) {
                continue;
            }
            match redactor.text(value, tally) {
                std::borrow::Cow::Borrowed(_) => FieldAction::Keep,
                std::borrow::Cow::Owned(t) => FieldAction::Replace(t),
            }
        } else if name.starts_with(':') || !parts.headers {
            continue;
        } else {
            redactor.header(name, value, tally)
        };
        match action {
            FieldAction::Keep => {}
            FieldAction::Replace(new) => {
                *value = new;
                changed = true;
            }
            FieldAction::Remove => {
                removed.push(name.to_owned());
                changed = true;
            }
        }
    }
    for name in removed {
        headers.remove(&name);
    }
    changed
}
