//! Just enough understanding of block-style YAML text to find a key's value or a sequence's
//! items by line, so that patch mode can insert lines and leave every other byte (comments,
//! order, quoting) as it was. Anything it does not recognise yields `None`; the caller then
//! refuses, and every edit is verified by parsing the result.

use std::ops::Range;

/// One document's text as lines, each keeping its line ending.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    lines: Vec<&'a str>,
}

/// A `key:` line and the lines of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub line: usize,
    pub indent: usize,
    /// Text after `key:` on the key's own line (an inline value), trimmed, without comment.
    pub inline: String,
    /// Lines after the key line that belong to its value.
    pub body: Range<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            lines: text.split_inclusive('\n').collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Indentation of a line that holds content; `None` for blank and comment-only lines.
    pub fn indent(&self, i: usize) -> Option<usize> {
        let line = self.lines.get(i)?;
        let trimmed = line.trim_start_matches(' ');
        let content = trimmed.trim_end();
        if content.is_empty() || content.starts_with('#') {
            None
        } else {
            Some(line.len() - trimmed.len())
        }
    }

    fn content(&self, i: usize) -> &'a str {
        self.lines.get(i).map_or("", |l| l.trim())
    }

    /// Where the value of a key at `indent` on `line` ends: at the first content line that
    /// is less indented, or equally indented and not a sequence item (YAML lets a sequence
    /// value sit at its key's indentation).
    fn value_end(&self, line: usize, indent: usize) -> usize {
        let mut end = line + 1;
        let mut i = line + 1;
        while i < self.len() {
            match self.indent(i) {
                None => {}
                Some(n) if n > indent || (n == indent && self.content(i).starts_with('-')) => {
                    end = i + 1
                }
                Some(_) => break,
            }
            i += 1;
        }
        end
    }

    /// Finds `key:` among the lines of `range` that sit exactly at `indent`.
    pub fn key(&self, range: Range<usize>, indent: usize, key: &str) -> Option<Entry> {
        for i in range {
            if self.indent(i) != Some(indent) {
                continue;
            }
            let content = self.content(i);
            let Some(rest) = content.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
                continue;
            };
            if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
                continue;
            }
            let inline = match rest.find(" #") {
                Some(pos) => rest.get(..pos).unwrap_or_default(),
                None => rest,
            };
            return Some(Entry {
                line: i,
                indent,
                inline: inline.trim().to_owned(),
                body: i + 1..self.value_end(i, indent),
            });
        }
        None
    }

    /// Indentation of the first content line in `range`: a block's child indentation.
    pub fn child_indent(&self, range: Range<usize>) -> Option<usize> {
        range.into_iter().find_map(|i| self.indent(i))
    }

    /// The items of a block sequence whose lines are `range`: each item's line range and the
    /// column where its mapping content starts (after `- `).
    pub fn items(&self, range: Range<usize>) -> Option<Vec<(Range<usize>, usize)>> {
        let dash = self.child_indent(range.clone())?;
        let mut starts = Vec::new();
        for i in range.clone() {
            if self.indent(i) == Some(dash) {
                let content = self.content(i);
                if !(content == "-" || content.starts_with("- ")) {
                    return None;
                }
                starts.push(i);
            }
        }
        let mut out = Vec::new();
        for (n, start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(range.end);
            let line = self.lines.get(*start)?;
            let after_dash = line.get(dash + 1..)?;
            let column = if after_dash.trim().is_empty() {
                self.child_indent(start + 1..end)?
            } else {
                dash + 1 + (after_dash.len() - after_dash.trim_start_matches(' ').len())
            };
            out.push((*start..end, column));
        }
        Some(out)
    }

    /// The mapping keys of an item: the item's own line counts as a line at `column`.
    pub fn item_key(&self, item: Range<usize>, column: usize, key: &str) -> Option<Entry> {
        if let Some(found) = self.key(item.clone(), column, key) {
            return Some(found);
        }
        // The first key shares the line with the dash: `- name: x`.
        let first = self.lines.get(item.start)?;
        let rest = first.get(column..)?.trim();
        let rest = rest.strip_prefix(key)?.strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        Some(Entry {
            line: item.start,
            indent: column,
            inline: rest
                .split(" #")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned(),
            body: item.start + 1..self.value_end(item.start, column).min(item.end),
        })
    }

    /// The line after the last content line of `range`: where appended lines go, so that
    /// comments and blank lines that follow stay with what follows.
    pub fn after_last_content(&self, range: Range<usize>) -> usize {
        range
            .clone()
            .rev()
            .find(|i| self.indent(*i).is_some())
            .map_or(range.start, |i| i + 1)
    }

    /// The text with `insertions` (line index, text) applied; several at one index keep
    /// their order.
    pub fn with_insertions(&self, mut insertions: Vec<(usize, String)>) -> String {
        insertions.sort_by_key(|(at, _)| *at);
        let mut out = String::new();
        let mut pending = insertions.into_iter().peekable();
        for (i, line) in self.lines.iter().enumerate() {
            while let Some((_, text)) = pending.next_if(|(at, _)| *at == i) {
                out.push_str(&text);
            }
            out.push_str(line);
        }
        // Text appended at the very end may follow a last line without a newline.
        for (_, text) in pending {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&text);
        }
        out
    }
}

/// Indents every line of a YAML fragment by `by` spaces.
pub(crate) fn indented(fragment: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    fragment.lines().map(|l| format!("{pad}{l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
apiVersion: v1 # a comment
spec:
  hosts:
  - a
  http:
  # first route
  - name: one
    route:
    - destination: {host: a}
  -
    name: two
    headers:
      request:
        remove: [x]
other: 1
";

    #[test]
    fn finds_keys_and_their_value_lines() {
        let l = Lines::new(DOC);
        let spec = l.key(0..l.len(), 0, "spec").unwrap();
        assert_eq!(spec.line, 1);
        assert_eq!(spec.body, 2..14);
        let http = l.key(spec.body.clone(), 2, "http").unwrap();
        assert_eq!(http.body, 5..14);
        assert_eq!(l.key(0..l.len(), 0, "apiVersion").unwrap().inline, "v1");
        assert!(l.key(0..l.len(), 0, "missing").is_none());
    }

    #[test]
    fn splits_sequence_items_with_their_content_column() {
        let l = Lines::new(DOC);
        let items = l.items(5..14).unwrap();
        assert_eq!(items, vec![(6..9, 4), (9..14, 4)]);
        let name = l.item_key(6..9, 4, "name").unwrap();
        assert_eq!(name.inline, "one");
        let headers = l.item_key(9..14, 4, "headers").unwrap();
        let request = l.key(headers.body.clone(), 6, "request").unwrap();
        let remove = l.key(request.body, 8, "remove").unwrap();
        assert_eq!(remove.inline, "[x]");
    }

    #[test]
    fn inserts_lines_before_the_given_index() {
        let l = Lines::new("a: 1\nb: 2");
        assert_eq!(
            l.with_insertions(vec![(1, "x: 0\n".into()), (2, "c: 3\n".into())]),
            "a: 1\nx: 0\nb: 2\nc: 3\n"
        );
    }
}
