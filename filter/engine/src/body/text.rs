//! Plain text bodies: `text/*`, textual application types, and bodies sent without a
//! content type. The whole body is scanned as free text; it must be UTF-8, since text the
//! detectors cannot read cannot be shown to be free of personal data.

use std::borrow::Cow;

use super::{str_bytes, utf8, FieldRedactor};
use crate::redact::Tally;
use crate::verdict::DropReason;

/// Redacts a text body; borrowed when nothing changed. Not UTF-8:
/// [`DropReason::InvalidUtf8`].
pub fn rewrite<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    body: &'a [u8],
    tally: &mut Tally,
) -> Result<Cow<'a, [u8]>, DropReason> {
    Ok(str_bytes(redactor.text(utf8(body)?, tally)))
}
