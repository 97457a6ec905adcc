//! The field a serde_json error is about, found from the error's line and column.
//!
//! serde_json reports *where* in the text it failed, not *which field* it was reading. Rather
//! than wrapping the deserializer to track the path as it goes (serde_path_to_error does that,
//! and its wrapper types cost tens of KiB of module), the path is rebuilt after the fact: the
//! configuration text is walked again up to the error's position, keeping a stack of the
//! objects and arrays open there.
//!
//! Which field "owns" a position depends on the kind of error, because serde_json positions
//! them differently:
//! - a *data* error (wrong type, unknown field, missing field, bad variant) is positioned after
//!   the last byte serde_json consumed: the end of the offending key or value, or of the
//!   object that lacks a field. The key just read is part of the path, even before its colon
//!   (`unknown field` names the field itself).
//! - a *syntax* error is positioned after the offending byte (the one that should not be
//!   there), or at the end of the text for a truncated document. The path is that of the
//!   place the offending byte stands in: a key that is not complete, a missing colon or a
//!   missing comma belong to the enclosing object, a broken value to its own key.

use serde_json::error::Category;

/// The dotted path (`redaction.custom[2].pattern`) of the field `err` is about; empty for the
/// document as a whole.
pub(super) fn field_at(text: &[u8], err: &serde_json::Error) -> String {
    let Some(end) = offset_of(text, err.line(), err.column()) else {
        return String::new();
    };
    let kind = match err.classify() {
        // An enum written as `{"variant": ...}` with a variant it does not have: the key is
        // the wrong value, so the error is the enum's (and the key stays out of the message).
        // A key the object already has: the object holds two of it, so the error is the
        // object's, as serde_path_to_error names it (the message names the key).
        Category::Data if data_error_of_the_object(err) => Kind::Data { object_owns: true },
        Category::Data => Kind::Data { object_owns: false },
        Category::Eof => Kind::Syntax { offending: None },
        Category::Syntax | Category::Io => {
            let at = end.saturating_sub(1);
            Kind::Syntax {
                offending: text.get(at).copied(),
            }
        }
    };
    let stop = match kind {
        Kind::Syntax { offending: Some(_) } => end.saturating_sub(1),
        _ => end,
    };
    let stack = walk(text.get(..stop).unwrap_or(text), kind);
    render(&stack, kind)
}

/// Whether a data error raised right after a key is the enclosing object's own.
fn data_error_of_the_object(err: &serde_json::Error) -> bool {
    let message = err.to_string();
    message.starts_with("unknown variant") || message.starts_with("duplicate field")
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// `object_owns`: the key just read is the error of the object it is in (an unknown enum
    /// variant, a duplicate member), not of the member it starts.
    Data { object_owns: bool },
    /// `offending` is the byte serde_json stopped at; `None` at the end of the text.
    Syntax { offending: Option<u8> },
}

/// The byte offset serde_json's line (from 1) and column (bytes into the line) stand for.
fn offset_of(text: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text).nth(line - 2)? + 1
    };
    Some((line_start + column).min(text.len()))
}

/// An object or array open at the error, and how far into its current member the text went.
#[derive(Debug)]
enum Frame {
    Object { key: Option<String>, at: Member },
    Array { index: usize, at: Member },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    /// After `{`, `[` or `,`: nothing of the member read yet.
    Expected,
    /// Inside an object's key string.
    InKey,
    /// An object's key read, its colon not yet.
    Key,
    /// After the colon (objects) or into the element (arrays): the value is being read.
    InValue,
    /// The value is complete; a comma or the closing bracket comes next.
    Done,
}

/// The containers open at the end of `text`, outermost first.
fn walk(text: &[u8], kind: Kind) -> Vec<Frame> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while let Some(&byte) = text.get(i) {
        match byte {
            b'{' | b'[' => {
                value_started(&mut stack);
                stack.push(if byte == b'{' {
                    Frame::Object {
                        key: None,
                        at: Member::Expected,
                    }
                } else {
                    Frame::Array {
                        index: 0,
                        at: Member::Expected,
                    }
                });
                i += 1;
            }
            b'}' | b']' => {
                // After an unknown key, serde_json consumes a `}` that follows it before it
                // positions the error: the key is still what the error is about.
                let key_then_brace = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        at: Member::Key,
                        ..
                    })
                );
                if key_then_brace && matches!(kind, Kind::Data { .. }) {
                    break;
                }
                stack.pop();
                value_done(&mut stack);
                i += 1;
            }
            b':' => {
                if let Some(Frame::Object { at, .. }) = stack.last_mut() {
                    *at = Member::InValue;
                }
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key, at }) => {
                        *key = None;
                        *at = Member::Expected;
                    }
                    Some(Frame::Array { index, at }) => {
                        *index += 1;
                        *at = Member::Expected;
                    }
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                let close = string_end(text, i + 1);
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        at: Member::Expected,
                        ..
                    })
                );
                match (is_key, close) {
                    (true, Some(close)) => {
                        if let Some(Frame::Object { key, at }) = stack.last_mut() {
                            *key = text.get(i..=close).map(decode_key);
                            *at = Member::Key;
                        }
                    }
                    (true, None) => {
                        if let Some(Frame::Object { at, .. }) = stack.last_mut() {
                            *at = Member::InKey;
                        }
                    }
                    (false, Some(_)) => {
                        value_started(&mut stack);
                        value_done(&mut stack);
                    }
                    (false, None) => value_started(&mut stack),
                }
                i = close.map_or(text.len(), |close| close + 1);
            }
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ => {
                // A number, `true`, `false`, `null`, or a stray byte: a scalar that ends where
                // JSON punctuation or whitespace starts.
                let rest = text.get(i..).unwrap_or_default();
                let len = rest.iter().position(|b| b",:{}[]\" \t\n\r".contains(b));
                value_started(&mut stack);
                let done = match len {
                    Some(_) => true,
                    None => scalar_complete(rest, kind),
                };
                if done {
                    value_done(&mut stack);
                }
                i += len.unwrap_or(rest.len());
            }
        }
    }
    stack
}

/// Whether a scalar the error's position cut off had been read in full, so that the error is
/// about what follows it rather than about the scalar itself.
fn scalar_complete(scalar: &[u8], kind: Kind) -> bool {
    let offending = match kind {
        // serde_json consumed the scalar before the value was found wrong.
        Kind::Data { .. } => return true,
        Kind::Syntax { offending } => offending,
    };
    match scalar {
        b"true" | b"false" | b"null" => true,
        // A digit after a leading zero is the number's own error.
        b"0" | b"-0" => !offending.is_some_and(|b| b.is_ascii_digit()),
        // A fraction or exponent that goes nowhere (`1.` at the end of the text, `2e}`) is
        // the number's own error too.
        _ => is_number(scalar) && !offending.is_some_and(|b| matches!(b, b'.' | b'e' | b'E')),
    }
}

/// JSON's number grammar: `-? int frac? exp?`.
fn is_number(text: &[u8]) -> bool {
    let text = text.strip_prefix(b"-").unwrap_or(text);
    let digits = |t: &[u8]| t.iter().take_while(|b| b.is_ascii_digit()).count();
    let int = digits(text);
    if int == 0 || (int > 1 && text.first() == Some(&b'0')) {
        return false;
    }
    let mut rest = text.get(int..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = digits(frac);
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    if let Some(exp) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exp = exp
            .strip_prefix(b"+")
            .or_else(|| exp.strip_prefix(b"-"))
            .unwrap_or(exp);
        let n = digits(exp);
        if n == 0 {
            return false;
        }
        rest = exp.get(n..).unwrap_or_default();
    }
    rest.is_empty()
}

/// The index of the quote closing a string whose content starts at `from`.
fn string_end(text: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        match text.get(i)? {
            b'"' => return Some(i),
            // serde_json takes the four bytes after `\u` as the escape, whatever they are.
            b'\\' if text.get(i + 1) == Some(&b'u') => i += 6,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// A key as serde sees it, escapes decoded. A key that does not decode (a broken escape)
/// cannot be the one an error is about: serde_json would have stopped inside it.
fn decode_key(quoted: &[u8]) -> String {
    serde_json::from_slice(quoted).unwrap_or_default()
}

fn value_started(stack: &mut [Frame]) {
    if let Some(Frame::Array { at, .. } | Frame::Object { at, .. }) = stack.last_mut() {
        *at = Member::InValue;
    }
}

fn value_done(stack: &mut [Frame]) {
    if let Some(Frame::Array { at, .. } | Frame::Object { at, .. }) = stack.last_mut() {
        *at = Member::Done;
    }
}

fn render(stack: &[Frame], kind: Kind) -> String {
    let mut path = String::new();
    let last = stack.len().saturating_sub(1);
    for (depth, frame) in stack.iter().enumerate() {
        let (segment, at) = match frame {
            Frame::Object { key, at } => (key.as_deref().map(Segment::Key), *at),
            Frame::Array { index, at } => (Some(Segment::Index(*index)), *at),
        };
        if depth == last && !owns_error(frame, at, kind) {
            break;
        }
        match segment {
            Some(Segment::Key(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Some(Segment::Index(index)) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            None => break,
        }
    }
    path
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Whether the innermost container's current member is what the error is about, rather than
/// the container itself.
fn owns_error(frame: &Frame, at: Member, kind: Kind) -> bool {
    match (at, kind) {
        (Member::InValue, _) => true,
        (Member::Expected | Member::InKey, Kind::Data { .. }) => {
            matches!(frame, Frame::Array { .. })
        }
        (Member::Key, Kind::Data { object_owns }) => !object_owns,
        (Member::Done, Kind::Data { .. }) => true,
        // Between elements, a byte that cannot start a value is the element's own error,
        // while a closing bracket (a trailing comma) or the end of the text is the array's.
        (Member::Expected, Kind::Syntax { offending }) => {
            matches!(frame, Frame::Array { .. }) && !matches!(offending, None | Some(b']'))
        }
        (Member::InKey | Member::Key | Member::Done, Kind::Syntax { .. }) => false,
    }
}

#[cfg(test)]
mod tests;
