//! `application/x-www-form-urlencoded` bodies (the WHATWG URL standard's format).
//!
//! Pairs are split on `&` and `=`, decoded (`+` is a space, `%XX` a byte), and each value
//! goes to [`FieldRedactor::field`] under its decoded name; names are scanned as free text.
//! Only a pair that changes is encoded again: every other pair, and every `&`, stays
//! byte-identical. [`FieldAction::Remove`] drops the pair.
//!
//! Malformed percent-encoding is read the way the URL standard reads it, literally (`100%`
//! is `100%`), and bytes that are not UTF-8 are read as U+FFFD: the detectors always see the
//! decoded text, so nothing in a pair reaches the copy without having been scanned.

use std::borrow::Cow;

use super::FieldRedactor;
use crate::redact::{FieldAction, Tally};

/// Redacts a form body; borrowed when nothing changed.
pub fn rewrite<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    form: &'a str,
    tally: &mut Tally,
) -> Cow<'a, str> {
    // Built only from the first changed pair on; `emitted` says whether it holds a pair yet.
    let mut out: Option<String> = None;
    let mut emitted = false;
    let mut start = 0;
    for pair in form.split('&') {
        let pair_start = start;
        start += pair.len() + 1;
        let action = redact_pair(redactor, pair, tally);
        if out.is_none() {
            if matches!(action, PairAction::Keep) {
                continue;
            }
            // Everything before this pair is unchanged, `&` separators included.
            let mut fresh = String::with_capacity(form.len());
            fresh.push_str(form.get(..pair_start.saturating_sub(1)).unwrap_or(""));
            emitted = pair_start > 0;
            out = Some(fresh);
        }
        let Some(out) = out.as_mut() else {
            continue;
        };
        let text = match &action {
            PairAction::Keep => pair,
            PairAction::Replace(new) => new,
            PairAction::Remove => continue,
        };
        if emitted {
            out.push('&');
        }
        out.push_str(text);
        emitted = true;
    }
    match out {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(form),
    }
}

enum PairAction {
    Keep,
    Replace(String),
    Remove,
}

fn redact_pair<R: FieldRedactor + ?Sized>(
    redactor: &R,
    pair: &str,
    tally: &mut Tally,
) -> PairAction {
    if pair.is_empty() {
        return PairAction::Keep;
    }
    let (raw_name, raw_value) = match pair.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (pair, None),
    };
    let name = decode(raw_name);
    let new_name = match redactor.key_text(&name, tally) {
        Cow::Owned(new) => Some(new),
        Cow::Borrowed(_) => None,
    };
    let new_value = match raw_value {
        None => None,
        Some(raw) => {
            let value = decode(raw);
            match redactor.field(&name, &value, tally) {
                FieldAction::Keep => None,
                FieldAction::Replace(new) if new == *value => None,
                FieldAction::Replace(new) => Some(new),
                FieldAction::Remove => return PairAction::Remove,
            }
        }
    };
    if new_name.is_none() && new_value.is_none() {
        return PairAction::Keep;
    }
    let mut out = String::with_capacity(pair.len() + 16);
    match &new_name {
        Some(name) => encode_into(&mut out, name),
        None => out.push_str(raw_name),
    }
    if let Some(raw) = raw_value {
        out.push('=');
        match &new_value {
            Some(value) => encode_into(&mut out, value),
            None => out.push_str(raw),
        }
    }
    PairAction::Replace(out)
}

/// Percent- and `+`-decodes a name or value. A `%` not followed by two hex digits is kept
/// as it is.
pub fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'%' || b == b'+') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes();
    // Runs up to the next `%` are copied at once, `+` turned into a space afterwards: a long
    // free-text value has a `+` in every gap between words.
    loop {
        let run = memchr::memchr(b'%', rest).unwrap_or(rest.len());
        let (plain, after) = rest.split_at(run);
        let from = out.len();
        out.extend_from_slice(plain);
        for b in out.get_mut(from..).unwrap_or(&mut []) {
            if *b == b'+' {
                *b = b' ';
            }
        }
        let Some(escape) = after.get(1..) else {
            break;
        };
        let hex = |at: usize| escape.get(at).and_then(|&h| char::from(h).to_digit(16));
        match (hex(0), hex(1)) {
            (Some(high), Some(low)) => {
                // Two hex digits: at most 0xff.
                out.push((high * 16 + low) as u8);
                rest = escape.get(2..).unwrap_or(&[]);
            }
            _ => {
                out.push(b'%');
                rest = escape;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(text) => Cow::Owned(text),
        Err(err) => Cow::Owned(String::from_utf8_lossy(err.as_bytes()).into_owned()),
    }
}

/// The URL standard's `application/x-www-form-urlencoded` byte serializer.
///
/// A long free-text value is encoded whole whenever anything in it is redacted, so runs of
/// bytes written as they are (spaces included, turned into `+` afterwards) are copied at
/// once; the output is ASCII and checked as UTF-8 once at the end.
pub fn encode_into(out: &mut String, text: &str) {
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.reserve(text.len() + text.len() / 4);
    let mut rest = text.as_bytes();
    while !rest.is_empty() {
        let run = rest
            .iter()
            .position(|&b| !COPIED[usize::from(b)])
            .unwrap_or(rest.len());
        let (plain, after) = rest.split_at(run);
        let from = bytes.len();
        bytes.extend_from_slice(plain);
        for b in bytes.get_mut(from..).unwrap_or(&mut []) {
            if *b == b' ' {
                *b = b'+';
            }
        }
        let Some((&b, after)) = after.split_first() else {
            break;
        };
        bytes.extend_from_slice(&percent(b));
        rest = after;
    }
    *out = match String::from_utf8(bytes) {
        Ok(encoded) => encoded,
        // Not reached: a `String` followed by ASCII is UTF-8.
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    };
}

/// Bytes [`encode_into`] copies in runs: those written as they are, and the space.
const COPIED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b as u8 == b' ' || is_unreserved(b as u8);
        b += 1;
    }
    table
};

/// Bytes the serializer writes as they are.
const fn is_unreserved(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_')
}

/// `%XX`, upper-case as the URL standard writes it.
pub(crate) fn push_percent(out: &mut String, b: u8) {
    for c in percent(b) {
        out.push(char::from(c));
    }
}

fn percent(b: u8) -> [u8; 3] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]
}

#[cfg(test)]
mod tests;
