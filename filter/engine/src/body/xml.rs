//! XML bodies: element text and attribute values are redacted as values under the element's
//! (or attribute's) local name, so `<password>…</password>` is recognised by key name the
//! way a JSON member is; comments, CDATA sections, processing instructions and the document
//! type declaration (where entities can be defined) are scanned as free text.
//!
//! Like the JSON rewriter this copies the document as it came and touches only the values
//! it redacts; entity and character references are decoded before detection and the
//! replacement is escaped again. Namespace declarations are left alone. A document this
//! light scanner cannot follow (unbalanced tags, an unterminated comment, ...) is scanned as
//! free text instead.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::splice::Splice;
use super::{structured_or_text, FieldRedactor};
use crate::redact::{FieldAction, Tally};

/// Deepest element nesting followed; deeper documents are scanned as free text.
pub const MAX_DEPTH: usize = 512;

/// Redacts an XML document; borrowed when nothing changed.
pub fn rewrite<'a, R: FieldRedactor + ?Sized>(
    redactor: &R,
    xml: &'a str,
    tally: &mut Tally,
) -> Cow<'a, str> {
    structured_or_text(redactor, xml, tally, |counted| {
        Scanner::new(redactor, xml).run(counted)
    })
}

struct Scanner<'r, 'a, R: ?Sized> {
    redactor: &'r R,
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Local names of the open elements.
    open: Vec<&'a str>,
    out: Splice<'a>,
}

impl<'r, 'a, R: FieldRedactor + ?Sized> Scanner<'r, 'a, R> {
    fn new(redactor: &'r R, src: &'a str) -> Self {
        Self {
            redactor,
            src,
            bytes: src.as_bytes(),
            pos: 0,
            open: Vec::new(),
            out: Splice::new(src),
        }
    }

    fn run(mut self, tally: &mut Tally) -> Option<Cow<'a, str>> {
        while self.pos < self.bytes.len() {
            let rest = self.bytes.get(self.pos..)?;
            let lt = memchr(b'<', rest).map_or(self.bytes.len(), |i| self.pos + i);
            self.chars(self.pos, lt, tally);
            self.pos = lt;
            if lt == self.bytes.len() {
                break;
            }
            let markup = self.src.get(lt..)?;
            if markup.starts_with("<!--") {
                self.scan_section(lt + 4, "-->", tally)?;
            } else if markup.starts_with("<![CDATA[") {
                self.cdata(lt + 9, tally)?;
            } else if markup.starts_with("<?") {
                self.scan_section(lt + 2, "?>", tally)?;
            } else if markup.starts_with("<!") {
                self.doctype(lt + 2, tally)?;
            } else if markup.starts_with("</") {
                self.end_tag(lt + 2)?;
            } else {
                self.start_tag(lt + 1, tally)?;
            }
        }
        self.open.is_empty().then(|| self.out.finish())
    }

    /// Character data between `start` and `end`, under the innermost element.
    fn chars(&mut self, start: usize, end: usize, tally: &mut Tally) {
        let Some(raw) = self.src.get(start..end) else {
            return;
        };
        if raw.bytes().all(|b| b.is_ascii_whitespace()) {
            return;
        }
        let key = self.open.last().copied().unwrap_or("");
        let value = unescape(raw);
        match self.redactor.field_in(self.parent(), key, &value, tally) {
            FieldAction::Keep => {}
            FieldAction::Replace(new) if new == *value => {}
            FieldAction::Replace(new) => escape_into(self.out.replace(start, end), &new, None),
            FieldAction::Remove => self.out.replace_with(start, end, ""),
        }
    }

    /// A comment, processing instruction: scanned as text up to `terminator`.
    fn scan_section(&mut self, start: usize, terminator: &str, tally: &mut Tally) -> Option<()> {
        let end = start + memmem::find(self.bytes.get(start..)?, terminator.as_bytes())?;
        let inner = self.src.get(start..end)?;
        if let Cow::Owned(new) = self.redactor.text(inner, tally) {
            self.out.replace_with(start, end, &new);
        }
        self.pos = end + terminator.len();
        Some(())
    }

    /// A CDATA section: raw text under the innermost element.
    fn cdata(&mut self, start: usize, tally: &mut Tally) -> Option<()> {
        let end = start + memmem::find(self.bytes.get(start..)?, b"]]>")?;
        let inner = self.src.get(start..end)?;
        let key = self.open.last().copied().unwrap_or("");
        match self.redactor.field_in(self.parent(), key, inner, tally) {
            FieldAction::Keep => {}
            FieldAction::Replace(new) if new == inner => {}
            // `]]>` would end the section early.
            FieldAction::Replace(new) => {
                self.out
                    .replace_with(start, end, &new.replace("]]>", "]]&gt;"));
            }
            FieldAction::Remove => self.out.replace_with(start, end, ""),
        }
        self.pos = end + 3;
        Some(())
    }

    /// `<!DOCTYPE ...>`, possibly with an internal subset in brackets; scanned as text.
    fn doctype(&mut self, start: usize, tally: &mut Tally) -> Option<()> {
        let mut depth = 0usize;
        let mut end = start;
        loop {
            match self.bytes.get(end)? {
                b'[' => depth += 1,
                b']' => depth = depth.checked_sub(1)?,
                b'>' if depth == 0 => break,
                _ => {}
            }
            end += 1;
        }
        let inner = self.src.get(start..end)?;
        if let Cow::Owned(new) = self.redactor.text(inner, tally) {
            self.out.replace_with(start, end, &new);
        }
        self.pos = end + 1;
        Some(())
    }

    fn end_tag(&mut self, start: usize) -> Option<()> {
        let (name, after) = self.name(start)?;
        self.pos = self.skip_ws(after);
        if self.bytes.get(self.pos) != Some(&b'>') || self.open.pop()? != local(name) {
            return None;
        }
        self.pos += 1;
        Some(())
    }

    fn start_tag(&mut self, start: usize, tally: &mut Tally) -> Option<()> {
        let (name, mut pos) = self.name(start)?;
        loop {
            let after_ws = self.skip_ws(pos);
            match self.bytes.get(after_ws)? {
                b'>' => {
                    if self.open.len() >= MAX_DEPTH {
                        return None;
                    }
                    self.open.push(local(name));
                    self.pos = after_ws + 1;
                    return Some(());
                }
                b'/' if self.bytes.get(after_ws + 1) == Some(&b'>') => {
                    self.pos = after_ws + 2;
                    return Some(());
                }
                // Attributes must be separated from the name and from each other.
                _ if after_ws == pos => return None,
                _ => pos = self.attribute(local(name), after_ws, tally)?,
            }
        }
    }

    /// The element that holds the innermost open one.
    fn parent(&self) -> &'a str {
        let n = self.open.len();
        n.checked_sub(2)
            .and_then(|i| self.open.get(i))
            .copied()
            .unwrap_or("")
    }

    /// `name = "value"` at `start`, an attribute of `element`; returns where it ends.
    fn attribute(&mut self, element: &str, start: usize, tally: &mut Tally) -> Option<usize> {
        let (name, after) = self.name(start)?;
        let eq = self.skip_ws(after);
        if self.bytes.get(eq) != Some(&b'=') {
            return None;
        }
        let open = self.skip_ws(eq + 1);
        let quote = *self.bytes.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
        let value_start = open + 1;
        let value_end = value_start + memchr(quote, self.bytes.get(value_start..)?)?;
        let raw = self.src.get(value_start..value_end)?;
        if raw.contains('<') {
            return None;
        }
        if name == "xmlns" || name.starts_with("xmlns:") {
            return Some(value_end + 1);
        }
        let value = unescape(raw);
        match self.redactor.field_in(element, local(name), &value, tally) {
            FieldAction::Keep => {}
            FieldAction::Replace(new) if new == *value => {}
            FieldAction::Replace(new) => escape_into(
                self.out.replace(value_start, value_end),
                &new,
                Some(char::from(quote)),
            ),
            FieldAction::Remove => self.out.replace_with(value_start, value_end, ""),
        }
        Some(value_end + 1)
    }

    /// A name at `start`: up to whitespace, `/`, `>` or `=`. Returns it and where it ends.
    fn name(&self, start: usize) -> Option<(&'a str, usize)> {
        let mut end = start;
        while let Some(&b) = self.bytes.get(end) {
            if b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=' | b'<' | b'"' | b'\'') {
                break;
            }
            end += 1;
        }
        let name = self.src.get(start..end)?;
        (!name.is_empty()).then_some((name, end))
    }

    fn skip_ws(&self, mut pos: usize) -> usize {
        while self.bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        pos
    }
}

/// The name without its namespace prefix: key-name detection looks at `password`, not at
/// `ns:password`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Decodes the predefined entities and character references. Anything else (an entity
/// defined in the document type, a stray `&`) stays as written.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp..).unwrap_or("");
        let decoded = after.find(';').and_then(|semi| {
            let entity = after.get(1..semi)?;
            let c = match entity {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = match entity.strip_prefix("#x") {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => entity.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Escapes `&`, `<`, `>` and, inside an attribute, its quote.
fn escape_into(out: &mut String, text: &str, quote: Option<char>) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quote == Some('"') => out.push_str("&quot;"),
            '\'' if quote == Some('\'') => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
