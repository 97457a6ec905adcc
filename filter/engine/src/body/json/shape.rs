//! The member names of the last object read in an array, in order: the elements of an array
//! of records (orders, line items, events) mostly repeat the names of the one before, so a
//! name found at the same place is compared with it instead of being looked up again.
//!
//! What the redactor says about a member name depends on the name and on the name its
//! object is held under, which is the array's for every element of the array. A name spelt
//! exactly as before (no escapes) therefore means what it meant then. Only names the
//! redactor left unchanged are kept: a name it rewrote is asked about again, so that every
//! redaction is counted.

use crate::redact::KeyMeaning;

/// A member name: where its text (quotes excluded) is in the document, and what the
/// redactor said it means.
#[derive(Debug, Clone, Copy)]
struct Known {
    start: usize,
    end: usize,
    meaning: Option<KeyMeaning>,
}

/// The members of one object, in order; `None` for a member whose name is not reused.
#[derive(Debug, Default)]
pub(super) struct Shape(Vec<Option<Known>>);

/// Members an object is expected to have: room for them from the start spares a record its
/// reallocations.
const TYPICAL_MEMBERS: usize = 16;

impl Shape {
    /// An empty shape with room for a typical record.
    pub(super) fn for_record() -> Self {
        Self(Vec::with_capacity(TYPICAL_MEMBERS))
    }

    /// What the member at `index` meant, if it was named `raw` (the text of an unescaped
    /// name in `src`).
    pub(super) fn meaning(&self, src: &str, index: usize, raw: &str) -> Option<Option<KeyMeaning>> {
        let known = self.0.get(index)?.as_ref()?;
        // Bytes, not text: the span is a name's, whose ends are char boundaries already.
        let before = src.as_bytes().get(known.start..known.end)?;
        (before == raw.as_bytes()).then_some(known.meaning)
    }

    /// Records the next member: `Some((start, end, meaning))` for a name that may be reused.
    pub(super) fn push(&mut self, name: Option<(usize, usize, Option<KeyMeaning>)>) {
        self.0.push(name.map(|(start, end, meaning)| Known {
            start,
            end,
            meaning,
        }));
    }

    /// Whether it holds an allocation worth keeping for another object.
    pub(super) fn has_allocation(&self) -> bool {
        self.0.capacity() > 0
    }

    /// Empties it, keeping its allocation for the next object.
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }
}
