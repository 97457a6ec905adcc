//! Copy-on-write output for the text rewriters: the input is copied over only once the first
//! change is made, and a rewriter that changes nothing hands its input back borrowed.

use std::borrow::Cow;

/// Output being built from `src` with some ranges replaced or cut. Ranges must be given in
/// increasing order; everything between them is copied verbatim.
#[derive(Debug)]
pub(crate) struct Splice<'a> {
    src: &'a str,
    out: String,
    /// `src` is in `out` up to here.
    copied: usize,
    changed: bool,
}

/// A position in the output that a later [`Splice::cut`] may roll back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    src: usize,
    out: usize,
}

impl<'a> Splice<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Self {
            src,
            out: String::new(),
            copied: 0,
            changed: false,
        }
    }

    /// Marks `at`, a char boundary of `src` at or after every change made so far.
    pub(crate) fn mark(&self, at: usize) -> Mark {
        Mark {
            src: at,
            out: self.out.len() + at.saturating_sub(self.copied),
        }
    }

    /// Replaces `src[start..end]`: whatever the caller writes into the returned string
    /// takes its place.
    pub(crate) fn replace(&mut self, start: usize, end: usize) -> &mut String {
        self.copy_to(start);
        self.copied = self.copied.max(end);
        self.changed = true;
        &mut self.out
    }

    /// Replaces `src[start..end]` with `with`.
    pub(crate) fn replace_with(&mut self, start: usize, end: usize, with: &str) {
        self.replace(start, end).push_str(with);
    }

    /// Removes everything from `from` to `end`, including output written since `from` was
    /// marked. Returns false (and changes nothing) if the mark cannot be honoured, which
    /// would be a bug in the caller; callers treat it like unparseable input.
    #[must_use]
    pub(crate) fn cut(&mut self, from: Mark, end: usize) -> bool {
        if self.copied <= from.src {
            self.copy_to(from.src);
        } else if from.out <= self.out.len() && self.out.is_char_boundary(from.out) {
            self.out.truncate(from.out);
        } else {
            return false;
        }
        self.copied = end;
        self.changed = true;
        true
    }

    pub(crate) fn finish(mut self) -> Cow<'a, str> {
        if !self.changed {
            return Cow::Borrowed(self.src);
        }
        self.copy_to(self.src.len());
        Cow::Owned(self.out)
    }

    fn copy_to(&mut self, to: usize) {
        if self.out.capacity() == 0 {
            self.out.reserve(self.src.len() + self.src.len() / 8);
        }
        if let Some(gap) = self.src.get(self.copied..to) {
            self.out.push_str(gap);
            self.copied = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_input_is_borrowed() {
        let s = Splice::new("abc");
        assert!(matches!(s.finish(), Cow::Borrowed("abc")));
    }

    #[test]
    fn replacements_and_cuts_compose() {
        let src = "0123456789";
        let mut s = Splice::new(src);
        let m = s.mark(2);
        s.replace_with(3, 4, "x");
        assert!(s.cut(m, 5));
        s.replace_with(7, 8, "yy");
        assert_eq!(s.finish(), "0156yy89");
    }

    #[test]
    fn cut_before_any_change() {
        let mut s = Splice::new("abcdef");
        let m = s.mark(1);
        assert!(s.cut(m, 3));
        assert_eq!(s.finish(), "adef");
    }
}
