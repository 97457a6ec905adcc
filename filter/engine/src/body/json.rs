//! JSON bodies: a single-pass scanner that validates the document and rewrites it in place.
//!
//! There is no document tree and no re-serialisation: every byte is copied as it came
//! (member order, whitespace, number spelling, escapes) except the values that are redacted.
//!
//! - Each string value goes to [`FieldRedactor::field`] under the name of the member that
//!   holds it; elements of an array go under the array's member name; top-level values and
//!   arrays of arrays inherit the nearest name above them (the root key, `""` by default).
//! - Escapes are decoded before detection (`a\u0040b.com` is an e-mail address) and a
//!   replacement is escaped again on output.
//! - Member names are scanned as free text: an e-mail address can be a key.
//! - Numbers are passed as their text; a replacement that is still a JSON number is written
//!   bare, anything else (e.g. a mask label) as a string. That is the one case where a
//!   value's type changes.
//! - [`FieldAction::Remove`] removes the member, or the array element, with its comma.
//!
//! Nesting is tracked on an explicit stack, never by recursion, and limited to [`MAX_DEPTH`]
//! levels. A body that is not JSON — malformed, or nested deeper than that, which common
//! parsers reject too — is valid UTF-8 by the time it gets here, and is scanned as free text
//! instead, so its values are still redacted wherever the detectors find them.

mod shape;

use std::borrow::Cow;

use super::splice::{Mark, Splice};
use super::{structured_or_text, FieldRedactor};
use crate::redact::{FieldAction, KeyMeaning, Tally};
use shape::Shape;

/// Deepest nesting of arrays and objects read as JSON.
pub const MAX_DEPTH: usize = 512;

/// Redacts a JSON document; borrowed when nothing changed.
pub fn rewrite<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    json: &'a str,
    tally: &mut Tally,
) -> Cow<'a, str> {
    rewrite_under(redactor, "", json, tally)
}

/// Like [`rewrite`], with `root_key` as the name top-level values are redacted under (a
/// multipart field's name, for a JSON part).
pub fn rewrite_under<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    root_key: &str,
    json: &'a str,
    tally: &mut Tally,
) -> Cow<'a, str> {
    structured_or_text(redactor, json, tally, |counted| {
        Rewriter::new(redactor, root_key, json).run(counted).ok()
    })
}

/// Whether `text` is a JSON number (RFC 8259 §6).
pub fn is_number(text: &str) -> bool {
    scan_number(text.as_bytes(), 0) == Some(text.len())
}

/// The input is not a JSON document this scanner accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NotJson;

/// What reading a value did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Opened an array or object; its first member's value comes next.
    Opened,
    /// Read a whole value (a scalar, or an empty array or object).
    Done { removed: bool },
}

/// One open array or object.
#[derive(Debug)]
struct Frame<'k> {
    object: bool,
    /// Objects: the current member's name. Arrays: the name values inside are redacted
    /// under.
    key: Cow<'k, str>,
    /// What [`Frame::key`] means under its parent, worked out when the key is read.
    meaning: Option<KeyMeaning>,
    /// Members (or elements) begun, and how many of them were kept.
    begun: usize,
    kept: usize,
    /// What came between the opening bracket and the first member: it stands in for the
    /// comma-led gap of the first kept member when the ones before it were removed.
    first_gap: (usize, usize),
    /// Where the current member's gap (`, ` before it) starts.
    gap: Mark,
    /// An object that is an element of an array: its member names are recorded in
    /// [`Frame::shape`], and checked against the array's.
    in_array: bool,
    /// Arrays: the member names of the last object in them. Objects in an array: their
    /// member names so far, which become the array's when the object ends.
    shape: Shape,
}

struct Rewriter<'r, 'a, 'k, R: ?Sized> {
    redactor: &'r R,
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    root_key: &'k str,
    stack: Vec<Frame<'k>>,
    out: Splice<'a>,
    /// Decoded string values, reused: most values are read and left alone.
    scratch: String,
    /// Emptied [`Shape`]s, reused by the next objects in arrays.
    spare: Vec<Shape>,
}

impl<'r, 'a, 'k, R: FieldRedactor + ?Sized> Rewriter<'r, 'a, 'k, R>
where
    'a: 'k,
{
    fn new(redactor: &'r R, root_key: &'k str, src: &'a str) -> Self {
        Self {
            redactor,
            src,
            bytes: src.as_bytes(),
            pos: 0,
            root_key,
            stack: Vec::new(),
            out: Splice::new(src),
            scratch: String::new(),
            spare: Vec::new(),
        }
    }

    fn run(mut self, tally: &mut Tally) -> Result<Cow<'a, str>, NotJson> {
        if self.src.starts_with('\u{feff}') {
            self.pos = '\u{feff}'.len_utf8();
        }
        self.skip_ws();
        loop {
            let mut removed = match self.value(tally)? {
                Step::Opened => continue,
                Step::Done { removed } => removed,
            };
            // Closing brackets end values too: unwind until a comma or the end.
            loop {
                let value_end = self.pos;
                self.skip_ws();
                let Some(frame) = self.stack.last_mut() else {
                    return if self.pos == self.bytes.len() {
                        Ok(self.out.finish())
                    } else {
                        Err(NotJson)
                    };
                };
                if !removed {
                    frame.kept += 1;
                }
                match (self.bytes.get(self.pos), frame.object) {
                    (Some(b','), _) => {
                        self.pos += 1;
                        self.skip_ws();
                        self.begin_member(value_end, tally)?;
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos += 1;
                        self.close();
                        removed = false;
                    }
                    _ => return Err(NotJson),
                }
            }
        }
    }

    /// Reads the value at `pos` (whitespace skipped). Scalars are redacted here; for an
    /// array or object only the opening is read, up to its first member's value.
    fn value(&mut self, tally: &mut Tally) -> Result<Step, NotJson> {
        let removed = match self.bytes.get(self.pos) {
            Some(b'"') => self.string_value(tally)?,
            Some(b'-' | b'0'..=b'9') => self.number_value(tally)?,
            Some(b't') => self.literal(b"true")?,
            Some(b'f') => self.literal(b"false")?,
            Some(b'n') => self.literal(b"null")?,
            Some(&open @ (b'{' | b'[')) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(NotJson);
                }
                let object = open == b'{';
                let key = if object {
                    Cow::Borrowed("")
                } else {
                    self.inherited_key()
                };
                self.pos += 1;
                let gap_start = self.pos;
                // An array's values are all under its key: what it means is worked out once.
                let meaning = if object {
                    None
                } else {
                    self.redactor.key_meaning(self.key(), &key)
                };
                let in_array = object && self.stack.last().is_some_and(|f| !f.object);
                let shape = if in_array {
                    self.spare.pop().unwrap_or_else(Shape::for_record)
                } else {
                    Shape::default()
                };
                self.stack.push(Frame {
                    object,
                    key,
                    meaning,
                    begun: 0,
                    kept: 0,
                    first_gap: (gap_start, gap_start),
                    gap: self.out.mark(gap_start),
                    in_array,
                    shape,
                });
                self.skip_ws();
                let close = if object { b'}' } else { b']' };
                if self.bytes.get(self.pos) == Some(&close) {
                    self.pos += 1;
                    self.close();
                    return Ok(Step::Done { removed: false });
                }
                self.begin_member(gap_start, tally)?;
                return Ok(Step::Opened);
            }
            _ => return Err(NotJson),
        };
        Ok(Step::Done { removed })
    }

    /// Starts a member (or element) at `pos`, whose gap from the previous one starts at
    /// `gap_start`. For an object, reads the member name and the colon.
    fn begin_member(&mut self, gap_start: usize, tally: &mut Tally) -> Result<(), NotJson> {
        let gap = self.out.mark(gap_start);
        let member_start = self.pos;
        let Some(frame) = self.stack.last_mut() else {
            return Err(NotJson);
        };
        if frame.begun == 0 {
            frame.first_gap = (gap_start, member_start);
        } else if frame.kept == 0 {
            // Everything before was removed: this member is now the first, and must not be
            // preceded by a comma.
            let (from, to) = frame.first_gap;
            let first_gap = self.src.get(from..to).ok_or(NotJson)?;
            self.out.replace_with(gap_start, member_start, first_gap);
        }
        frame.begun += 1;
        frame.gap = gap;
        if !frame.object {
            return Ok(());
        }
        let (index, in_array) = (frame.begun - 1, frame.in_array);
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(NotJson);
        }
        let (start, end, escaped) = self.string()?;
        let raw = self.src.get(start + 1..end - 1).ok_or(NotJson)?;
        let known = if in_array && !escaped {
            self.known(index, raw)
        } else {
            None
        };
        let (name, meaning, reusable) = match known {
            Some(meaning) => (Cow::Borrowed(raw), meaning, true),
            None => {
                let name = if escaped {
                    let mut name = String::with_capacity(raw.len());
                    decode_escapes(&mut name, raw)?;
                    Cow::Owned(name)
                } else {
                    Cow::Borrowed(raw)
                };
                let (scanned, meaning) = self.redactor.member(self.parent_key(), &name, tally);
                let unchanged = matches!(scanned, Cow::Borrowed(_));
                if let Cow::Owned(redacted) = scanned {
                    push_string(self.out.replace(start, end), &redacted);
                }
                (name, meaning, unchanged && !escaped)
            }
        };
        if let Some(frame) = self.stack.last_mut() {
            if frame.in_array {
                frame
                    .shape
                    .push(reusable.then_some((start + 1, end - 1, meaning)));
            }
            frame.key = name;
            frame.meaning = meaning;
        }
        self.skip_ws();
        if self.bytes.get(self.pos) != Some(&b':') {
            return Err(NotJson);
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    /// What the redactor said of the member name `raw` (unescaped) at `index` of an object in
    /// an array, if the array's last object had that name there.
    fn known(&self, index: usize, raw: &str) -> Option<Option<KeyMeaning>> {
        let array = self.stack.get(self.stack.len().checked_sub(2)?)?;
        array.shape.meaning(self.src, index, raw)
    }

    /// Ends the innermost array or object. An object in an array leaves its member names to
    /// the array, for the next element.
    fn close(&mut self) {
        let Some(mut closed) = self.stack.pop() else {
            return;
        };
        if closed.in_array {
            if let Some(array) = self.stack.last_mut() {
                std::mem::swap(&mut array.shape, &mut closed.shape);
            }
        }
        if closed.shape.has_allocation() {
            closed.shape.clear();
            self.spare.push(closed.shape);
        }
    }

    /// What the current key means: worked out when the key was read, or for a top-level
    /// value now.
    fn meaning(&self) -> Option<KeyMeaning> {
        match self.stack.last() {
            Some(frame) => frame.meaning,
            None => self.redactor.key_meaning(self.root_key, self.root_key),
        }
    }

    fn string_value(&mut self, tally: &mut Tally) -> Result<bool, NotJson> {
        let (start, end, escaped) = self.string()?;
        let meaning = self.meaning();
        let raw = self.src.get(start + 1..end - 1).ok_or(NotJson)?;
        let value = if escaped {
            self.scratch.clear();
            decode_escapes(&mut self.scratch, raw)?;
            &self.scratch
        } else {
            raw
        };
        match self
            .redactor
            .field_known(meaning, self.parent_key(), self.key(), value, tally)
        {
            FieldAction::Keep => Ok(false),
            FieldAction::Replace(new) if new == value => Ok(false),
            FieldAction::Replace(new) => {
                push_string(self.out.replace(start, end), &new);
                Ok(false)
            }
            FieldAction::Remove => self.remove(end),
        }
    }

    fn number_value(&mut self, tally: &mut Tally) -> Result<bool, NotJson> {
        let start = self.pos;
        let end = scan_number(self.bytes, start).ok_or(NotJson)?;
        self.pos = end;
        let text = self.src.get(start..end).ok_or(NotJson)?;
        let meaning = self.meaning();
        match self
            .redactor
            .field_known(meaning, self.parent_key(), self.key(), text, tally)
        {
            FieldAction::Keep => Ok(false),
            FieldAction::Replace(new) if new == text => Ok(false),
            FieldAction::Replace(new) if is_number(&new) => {
                self.out.replace_with(start, end, &new);
                Ok(false)
            }
            FieldAction::Replace(new) => {
                push_string(self.out.replace(start, end), &new);
                Ok(false)
            }
            FieldAction::Remove => self.remove(end),
        }
    }

    /// Removes the current member, which ends at `end`, with the gap before it.
    fn remove(&mut self, end: usize) -> Result<bool, NotJson> {
        let gap = match self.stack.last() {
            Some(frame) => frame.gap,
            // A removed top-level value leaves an empty document: `null` keeps it JSON.
            None => {
                self.out.replace_with(0, self.src.len(), "null");
                return Ok(false);
            }
        };
        if self.out.cut(gap, end) {
            Ok(true)
        } else {
            Err(NotJson)
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<bool, NotJson> {
        for &b in word {
            if self.bytes.get(self.pos) != Some(&b) {
                return Err(NotJson);
            }
            self.pos += 1;
        }
        Ok(false)
    }

    /// The name values at this level are redacted under.
    fn key(&self) -> &str {
        match self.stack.last() {
            Some(frame) => &frame.key,
            None => self.root_key,
        }
    }

    /// The name the current object (or array) is held under: the container of [`Self::key`].
    fn parent_key(&self) -> &str {
        match self.stack.len().checked_sub(2) {
            Some(i) => self.stack.get(i).map_or("", |f| &f.key),
            None => self.root_key,
        }
    }

    /// The name for the values of an array opened here.
    fn inherited_key(&self) -> Cow<'k, str> {
        match self.stack.last() {
            Some(frame) => frame.key.clone(),
            None => Cow::Borrowed(self.root_key),
        }
    }

    /// Moves past the string starting at `pos` (a `"`). Returns where it starts and ends
    /// (quotes included) and whether it holds escapes; those are checked when decoding.
    #[inline]
    fn string(&mut self) -> Result<(usize, usize, bool), NotJson> {
        let start = self.pos;
        let mut i = start + 1;
        let mut escaped = false;
        loop {
            i += plain_run(self.bytes.get(i..).ok_or(NotJson)?);
            match self.bytes.get(i) {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    i += 2;
                }
                _ => return Err(NotJson),
            }
        }
        self.pos = i + 1;
        Ok((start, self.pos, escaped))
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }
}

/// The number starting at `start`, per the JSON grammar; returns where it ends.
fn scan_number(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        let from = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > from).then_some(i)
    };
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    i = match bytes.get(i) {
        Some(b'0') => i + 1,
        Some(b'1'..=b'9') => digits(i)?,
        _ => return None,
    };
    if bytes.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = bytes.get(i) {
            i += 1;
        }
        i = digits(i)?;
    }
    Some(i)
}

/// Length of the run of plain string content at the start of `bytes`: up to the closing
/// quote, an escape, or a control character (which a JSON string may not hold). Eight bytes
/// at a time: this loop is most of the time spent on a document without personal data.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // High bit of each byte that is zero; only the lowest flagged byte is exact, which is
    // the one wanted.
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut done = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let stop =
            zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) | control;
        if stop != 0 {
            return done + (stop.trailing_zeros() / 8) as usize;
        }
        done += 8;
    }
    let tail = chunks.remainder();
    done + tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(tail.len())
}

/// Decodes the inside of a JSON string onto `out`. A lone surrogate escape, which no Rust
/// string can hold, becomes U+FFFD for the detectors; the original bytes are still what is
/// forwarded unless the value is replaced.
fn decode_escapes(out: &mut String, raw: &str) -> Result<(), NotJson> {
    let mut rest = raw;
    while let Some(at) = rest.find('\\') {
        out.push_str(rest.get(..at).ok_or(NotJson)?);
        let escape = rest.get(at + 1..).ok_or(NotJson)?;
        let (c, used) = match escape.as_bytes().first() {
            Some(b'"') => ('"', 1),
            Some(b'\\') => ('\\', 1),
            Some(b'/') => ('/', 1),
            Some(b'b') => ('\u{8}', 1),
            Some(b'f') => ('\u{c}', 1),
            Some(b'n') => ('\n', 1),
            Some(b'r') => ('\r', 1),
            Some(b't') => ('\t', 1),
            Some(b'u') => unicode_escape(escape)?,
            _ => return Err(NotJson),
        };
        out.push(c);
        rest = escape.get(used..).ok_or(NotJson)?;
    }
    out.push_str(rest);
    Ok(())
}

/// `escape` starts at the `u` of `\uXXXX`; a high surrogate takes the `\uXXXX` after it if
/// that is a low surrogate. Returns the char and how many bytes of `escape` it used.
fn unicode_escape(escape: &str) -> Result<(char, usize), NotJson> {
    let unit = |at: usize| -> Option<u32> {
        let hex = escape.get(at..at + 4)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(hex, 16).ok()
    };
    let high = unit(1).ok_or(NotJson)?;
    if (0xd800..0xdc00).contains(&high) && escape.get(5..7) == Some("\\u") {
        if let Some(low @ 0xdc00..=0xdfff) = unit(7) {
            let code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
            return Ok((char::from_u32(code).unwrap_or('\u{fffd}'), 11));
        }
    }
    Ok((char::from_u32(high).unwrap_or('\u{fffd}'), 5))
}

/// Writes `value` as a JSON string, escaped as serde_json does: quote, backslash and control
/// characters only.
pub(crate) fn push_string(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    // Most replacements (pseudonyms, mask labels) need no escape: one scan settles it.
    if plain_run(value.as_bytes()) == value.len() {
        out.push_str(value);
        out.push('"');
        return;
    }
    let mut copied = 0;
    for (i, b) in value.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(value.get(copied..i).unwrap_or(""));
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        copied = i + 1;
    }
    out.push_str(value.get(copied..).unwrap_or(""));
    out.push('"');
}

#[cfg(test)]
mod tests;
