//! Multipart bodies (RFC 2046 §5.1, RFC 7578): `multipart/form-data`, `multipart/mixed` and
//! the other `multipart/*` types, which share one syntax.
//!
//! - A field part (no file name) is redacted by its own content type: JSON, form and XML
//!   with their rewriters, anything textual as one value under the field's name. A field
//!   that is not UTF-8 drops the copy ([`DropReason::InvalidUtf8`]).
//! - A file part (a file name, a non-textual content type, or a `base64`/
//!   `quoted-printable` transfer encoding the engine does not decode) follows
//!   [`MultipartFiles`]: emptied (the default), removed, or scanned when it is UTF-8 text.
//! - A part that is itself multipart is rewritten recursively, up to [`MAX_NESTING`] levels.
//! - Field names, file names and other part header values are scanned as free text; a
//!   part's `Content-Length`, if it has one, follows its content.
//!
//! Everything else — delimiters, transport padding, header lines, line endings (CRLF, or
//! bare LF as lenient clients send) — is copied byte for byte. A body that does not follow
//! the syntax (no delimiter, no closing delimiter, a header line without a colon, a
//! delimiter line with trailing garbage) is [`DropReason::MalformedBody`]: a parser that
//! disagreed with the receiver's about where a part ends could forward a part unread.

use std::borrow::Cow;
use std::ops::Range;

use memchr::memmem;

use super::media::{self, MediaType};
use super::{form, json, kind_of, str_bytes, utf8, xml, BodyKind, FieldRedactor};
use crate::config::MultipartFiles;
use crate::redact::{FieldAction, Tally};
use crate::verdict::DropReason;

/// Deepest nesting of multipart parts inside multipart parts.
pub const MAX_NESTING: usize = 4;

/// RFC 2046 allows 70 characters; some clients exceed it, none by this much.
const MAX_BOUNDARY: usize = 200;

/// Checks a boundary parameter: not empty, not absurdly long, no control characters.
pub fn check_boundary(boundary: &str) -> Result<(), DropReason> {
    if boundary.is_empty()
        || boundary.len() > MAX_BOUNDARY
        || boundary.bytes().any(|b| b.is_ascii_control())
    {
        return Err(DropReason::MalformedBody);
    }
    Ok(())
}

/// Redacts a multipart body; borrowed when nothing changed.
pub fn rewrite<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    body: &'a [u8],
    boundary: &str,
    files: MultipartFiles,
    tally: &mut Tally,
) -> Result<Cow<'a, [u8]>, DropReason> {
    Rewriter {
        redactor,
        files,
        depth: 0,
    }
    .body(body, boundary, tally)
}

/// A multipart body cut at its delimiters.
#[derive(Debug)]
struct Layout<'a> {
    preamble: &'a [u8],
    parts: Vec<RawPart<'a>>,
    /// The closing delimiter line, its line break before it included.
    close: &'a [u8],
    epilogue: &'a [u8],
}

#[derive(Debug)]
struct RawPart<'a> {
    /// The delimiter line with the line break before it (none for a body that starts with
    /// it) and its own line break.
    delimiter: &'a [u8],
    /// Header lines, line breaks included.
    headers: &'a [u8],
    /// The empty line ending the headers; empty for a part that has only headers.
    blank: &'a [u8],
    content: &'a [u8],
}

/// Splits `body` at the delimiters of `boundary`.
fn layout<'a>(body: &'a [u8], boundary: &str) -> Result<Layout<'a>, DropReason> {
    let dash = [b"--", boundary.as_bytes()].concat();
    let finder = memmem::Finder::new(&dash);
    // The next delimiter at or after `from`: (where its line break starts, where `--` is).
    let next = |from: usize| -> Option<(usize, usize)> {
        let mut search = from;
        loop {
            let at = search + finder.find(body.get(search..)?)?;
            if at == 0 {
                return Some((0, 0));
            }
            if body.get(at - 1) == Some(&b'\n') {
                let crlf = at >= 2 && body.get(at - 2) == Some(&b'\r');
                return Some((at - 1 - usize::from(crlf), at));
            }
            search = at + 1;
        }
    };
    let (mut line, mut at) = next(0).ok_or(DropReason::MalformedBody)?;
    let preamble = body.get(..line).unwrap_or_default();
    let mut parts = Vec::new();
    loop {
        let after = at + dash.len();
        if body.get(after..after + 2) == Some(b"--") {
            return Ok(Layout {
                preamble,
                parts,
                close: body.get(line..after + 2).unwrap_or_default(),
                epilogue: body.get(after + 2..).unwrap_or_default(),
            });
        }
        let start = end_of_delimiter_line(body, after)?;
        let (next_line, next_at) = next(start).ok_or(DropReason::MalformedBody)?;
        if next_line < start {
            // `--b` CRLF `--b`: not even the line break a part with no headers needs.
            return Err(DropReason::MalformedBody);
        }
        let raw = body.get(start..next_line).unwrap_or_default();
        let (headers, blank, content) = split_headers(raw);
        parts.push(RawPart {
            delimiter: body.get(line..start).unwrap_or_default(),
            headers,
            blank,
            content,
        });
        (line, at) = (next_line, next_at);
    }
}

/// After `--boundary`: transport padding, then the line break. Returns where the part
/// begins.
fn end_of_delimiter_line(body: &[u8], mut at: usize) -> Result<usize, DropReason> {
    while let Some(b' ' | b'\t') = body.get(at) {
        at += 1;
    }
    match (body.get(at), body.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => Ok(at + 2),
        (Some(b'\n'), _) => Ok(at + 1),
        _ => Err(DropReason::MalformedBody),
    }
}

/// Splits a part at the first empty line: (headers, the empty line, content).
fn split_headers(raw: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let blank_at = if raw.starts_with(b"\r\n") || raw.starts_with(b"\n") {
        Some(0)
    } else {
        memmem::find(raw, b"\n\r\n")
            .into_iter()
            .chain(memmem::find(raw, b"\n\n"))
            .min()
            .map(|i| i + 1)
    };
    let Some(blank_at) = blank_at else {
        return (raw, &[], &[]);
    };
    let blank_len = if raw.get(blank_at) == Some(&b'\r') {
        2
    } else {
        1
    };
    let (headers, rest) = raw.split_at(blank_at.min(raw.len()));
    let (blank, content) = rest.split_at(blank_len.min(rest.len()));
    (headers, blank, content)
}

/// What a part's headers say, and the edits its header values need.
#[derive(Debug, Default)]
struct PartHeaders<'a> {
    name: Option<Cow<'a, str>>,
    file: bool,
    media: Option<Option<MediaType<'a>>>,
    /// A transfer encoding (`base64`, `quoted-printable`) the content cannot be read through.
    opaque: bool,
    /// Where a `content-length` value is, to be corrected when the content changes.
    length: Option<Range<usize>>,
    /// Replacements in the header text, in order.
    edits: Vec<(Range<usize>, String)>,
}

impl PartHeaders<'_> {
    /// An insertion sort: the edits arrive almost in order (at most the `content-length`
    /// correction is out of place) and are few, and a library sort of this element type
    /// would cost the module a few kilobytes.
    fn sort_edits(&mut self) {
        for i in 1..self.edits.len() {
            let mut j = i;
            while j > 0 {
                let (Some((before, _)), Some((here, _))) =
                    (self.edits.get(j - 1), self.edits.get(j))
                else {
                    break;
                };
                if before.start <= here.start {
                    break;
                }
                self.edits.swap(j - 1, j);
                j -= 1;
            }
        }
    }
}

/// Reads the header lines of one part and scans their values.
fn read_headers<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    text: &'a str,
    tally: &mut Tally,
) -> Result<PartHeaders<'a>, DropReason> {
    let mut out = PartHeaders::default();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let content = line.trim_end_matches(['\r', '\n']);
        if content.contains('\r') {
            // A bare CR inside a header line: parsers disagree on where such a line ends,
            // so neither this part nor what it would be rewritten to can be trusted.
            return Err(DropReason::MalformedBody);
        }
        if content.starts_with([' ', '\t']) {
            // Folded header lines are obsolete; a value split over lines could hide half of
            // a parameter from the parser below.
            return Err(DropReason::MalformedBody);
        }
        let colon = content.find(':').ok_or(DropReason::MalformedBody)?;
        let (name, value) = (content.get(..colon).unwrap_or(""), content.get(colon + 1..));
        let value = value.unwrap_or("");
        let value_start = start + colon + 1;
        let name = name.trim();
        if name.is_empty() {
            return Err(DropReason::MalformedBody);
        }
        if name.eq_ignore_ascii_case("content-disposition") {
            disposition(redactor, value, value_start, &mut out, tally)?;
        } else if name.eq_ignore_ascii_case("content-type") {
            out.media = Some(MediaType::parse(value.trim()));
        } else if name.eq_ignore_ascii_case("content-transfer-encoding") {
            let cte = value.trim();
            out.opaque = !["7bit", "8bit", "binary"]
                .iter()
                .any(|ok| cte.eq_ignore_ascii_case(ok));
        } else if name.eq_ignore_ascii_case("content-length") {
            out.length = Some(value_start..value_start + value.len());
        } else {
            if let Cow::Owned(new) = redactor.text(value, tally) {
                out.edits
                    .push((value_start..value_start + value.len(), new));
            }
        }
    }
    out.sort_edits();
    Ok(out)
}

/// `content-disposition`: the field name and whether this is a file; names and file names
/// are scanned as text and rewritten in place.
fn disposition<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    value: &'a str,
    offset: usize,
    out: &mut PartHeaders<'a>,
    tally: &mut Tally,
) -> Result<(), DropReason> {
    for param in media::params(value).map_err(|_| DropReason::MalformedBody)? {
        let span = param.span.start + offset..param.span.end + offset;
        let extended = param.name.eq_ignore_ascii_case("filename*");
        if param.name.eq_ignore_ascii_case("filename") || extended {
            out.file = true;
        } else if !param.name.eq_ignore_ascii_case("name") {
            continue;
        }
        if extended {
            let decoded = decode_ext_value(&param.value).ok_or(DropReason::MalformedBody)?;
            if let Cow::Owned(new) = redactor.text(&decoded, tally) {
                let mut encoded = String::from("UTF-8''");
                encode_ext_value(&mut encoded, &new);
                out.edits.push((span, encoded));
            }
            continue;
        }
        if let Cow::Owned(new) = redactor.text(&param.value, tally) {
            let mut quoted = String::with_capacity(new.len() + 2);
            media::push_quoted(&mut quoted, &new);
            out.edits.push((span, quoted));
        }
        if param.name.eq_ignore_ascii_case("name") {
            out.name = Some(param.value);
        }
    }
    Ok(())
}

/// RFC 8187 `charset'language'percent-encoded`; UTF-8 and ISO-8859-1 are the charsets it
/// defines.
fn decode_ext_value(value: &str) -> Option<String> {
    let mut fields = value.splitn(3, '\'');
    let (charset, _language, encoded) = (fields.next()?, fields.next()?, fields.next()?);
    let mut bytes = Vec::with_capacity(encoded.len());
    let raw = encoded.as_bytes();
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(b);
            i += 1;
        }
    }
    if charset.eq_ignore_ascii_case("iso-8859-1") {
        Some(bytes.iter().map(|&b| char::from(b)).collect())
    } else {
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn encode_ext_value(out: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(char::from(b));
        } else {
            form::push_percent(out, b);
        }
    }
}

/// What becomes of a part's content.
enum Content<'a> {
    Keep,
    Replace(Cow<'a, [u8]>),
    /// Drop the whole part.
    Remove,
}

struct Rewriter<'r, R: ?Sized> {
    redactor: &'r R,
    files: MultipartFiles,
    depth: usize,
}

impl<R: FieldRedactor + ?Sized> Rewriter<'_, R> {
    fn body<'a>(
        &self,
        body: &'a [u8],
        boundary: &str,
        tally: &mut Tally,
    ) -> Result<Cow<'a, [u8]>, DropReason> {
        check_boundary(boundary)?;
        let layout = layout(body, boundary)?;
        let mut changed = false;
        let preamble = self.outside_parts(layout.preamble, &mut changed, tally);
        let epilogue = self.outside_parts(layout.epilogue, &mut changed, tally);
        let mut parts = Vec::with_capacity(layout.parts.len());
        for part in &layout.parts {
            let text = std::str::from_utf8(part.headers).map_err(|_| DropReason::InvalidUtf8)?;
            let mut headers = read_headers(self.redactor, text, tally)?;
            let content = self.content(&headers, part.content, tally)?;
            if let (Content::Replace(new), Some(span)) = (&content, headers.length.clone()) {
                headers.edits.push((span, format!(" {}", new.len())));
                headers.sort_edits();
            }
            changed |= !headers.edits.is_empty() || !matches!(content, Content::Keep);
            parts.push((text, headers, content));
        }
        if !changed {
            return Ok(Cow::Borrowed(body));
        }
        let mut out = Vec::with_capacity(body.len());
        out.extend_from_slice(&preamble);
        let mut written = 0;
        for (raw, (text, headers, content)) in layout.parts.iter().zip(&parts) {
            let part_content = match content {
                Content::Remove => continue,
                Content::Keep => raw.content,
                Content::Replace(new) => new,
            };
            out.extend_from_slice(line_break_if_needed(raw.delimiter, out.is_empty()));
            apply_edits(&mut out, text, &headers.edits);
            out.extend_from_slice(raw.blank);
            out.extend_from_slice(part_content);
            written += 1;
        }
        out.extend_from_slice(line_break_if_needed(layout.close, out.is_empty()));
        out.extend_from_slice(&epilogue);
        // A removal can join what was around it into a delimiter (`tok_…--XYZ` at the start
        // of a line becomes `--XYZ`), and the shadow would then read other parts than the
        // ones redacted. Every delimiter written is found again, so a new one shows as an
        // extra part or an earlier close: such a copy is refused, never sent re-split.
        let reread = self::layout(&out, boundary)?;
        if reread.parts.len() != written || reread.epilogue.len() != epilogue.len() {
            return Err(DropReason::MalformedBody);
        }
        Ok(Cow::Owned(out))
    }

    /// Preamble and epilogue: receivers ignore them, but they travel with the copy. Scanned
    /// when text, dropped when not.
    fn outside_parts<'a>(
        &self,
        bytes: &'a [u8],
        changed: &mut bool,
        tally: &mut Tally,
    ) -> Cow<'a, [u8]> {
        let redacted = match std::str::from_utf8(bytes) {
            Ok(text) => match self.redactor.text(text, tally) {
                Cow::Borrowed(_) => return Cow::Borrowed(bytes),
                Cow::Owned(new) => new.into_bytes(),
            },
            Err(_) => Vec::new(),
        };
        *changed = true;
        Cow::Owned(redacted)
    }

    fn content<'a>(
        &self,
        headers: &PartHeaders<'_>,
        content: &'a [u8],
        tally: &mut Tally,
    ) -> Result<Content<'a>, DropReason> {
        let kind = match &headers.media {
            None => Some(BodyKind::Text),
            Some(None) => None,
            Some(Some(media)) => match kind_of(media) {
                Ok(kind) => Some(kind),
                Err(DropReason::UnsupportedContentType) => None,
                Err(other) => return Err(other),
            },
        };
        let file = headers.file || headers.opaque || kind.is_none();
        if !file {
            let key = headers.name.as_deref().unwrap_or("");
            return self.readable(
                kind.as_ref().unwrap_or(&BodyKind::Text),
                key,
                content,
                tally,
            );
        }
        let readable = !headers.opaque && std::str::from_utf8(content).is_ok();
        match self.files {
            MultipartFiles::Scan if readable => {
                // Files are scanned for what they hold, not judged by their field's name.
                self.readable(kind.as_ref().unwrap_or(&BodyKind::Text), "", content, tally)
            }
            MultipartFiles::Remove => {
                count(tally);
                Ok(Content::Remove)
            }
            MultipartFiles::Empty | MultipartFiles::Scan if content.is_empty() => Ok(Content::Keep),
            MultipartFiles::Empty | MultipartFiles::Scan => {
                count(tally);
                Ok(Content::Replace(Cow::Borrowed(&[])))
            }
        }
    }

    /// Content that can be read: by its format, or as one value under `key`.
    fn readable<'a>(
        &self,
        kind: &BodyKind,
        key: &str,
        content: &'a [u8],
        tally: &mut Tally,
    ) -> Result<Content<'a>, DropReason> {
        let rewritten = match kind {
            BodyKind::Multipart { boundary } => {
                if self.depth >= MAX_NESTING {
                    return Err(DropReason::MalformedBody);
                }
                let nested = Rewriter {
                    redactor: self.redactor,
                    files: self.files,
                    depth: self.depth + 1,
                };
                nested.body(content, boundary, tally)?
            }
            BodyKind::Json => str_bytes(json::rewrite_under(
                self.redactor,
                key,
                utf8(content)?,
                tally,
            )),
            BodyKind::Form => str_bytes(form::rewrite(self.redactor, utf8(content)?, tally)),
            BodyKind::Xml => str_bytes(xml::rewrite(self.redactor, utf8(content)?, tally)),
            BodyKind::Text => match self.redactor.field(key, utf8(content)?, tally) {
                FieldAction::Keep => Cow::Borrowed(content),
                FieldAction::Replace(new) => Cow::Owned(new.into_bytes()),
                FieldAction::Remove => return Ok(Content::Remove),
            },
        };
        Ok(match rewritten {
            Cow::Borrowed(_) => Content::Keep,
            Cow::Owned(new) if new == content => Content::Keep,
            new => Content::Replace(new),
        })
    }
}

fn count(tally: &mut Tally) {
    tally.values = tally.values.saturating_add(1);
}

/// A delimiter line written first in the body needs no line break before it.
fn line_break_if_needed(line: &[u8], at_start: bool) -> &[u8] {
    if !at_start {
        return line;
    }
    let skip = line
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    line.get(skip..).unwrap_or(line)
}

fn apply_edits(out: &mut Vec<u8>, text: &str, edits: &[(Range<usize>, String)]) {
    let mut copied = 0;
    for (range, new) in edits {
        out.extend_from_slice(text.get(copied..range.start).unwrap_or("").as_bytes());
        out.extend_from_slice(new.as_bytes());
        copied = range.end;
    }
    out.extend_from_slice(text.get(copied..).unwrap_or("").as_bytes());
}

#[cfg(test)]
mod tests;
