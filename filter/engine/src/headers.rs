//! The request's header list as the host hands it over, and the edits that turn the host's
//! list into the engine's.
//!
//! Envoy gives headers as an ordered list of (lowercase name, value) pairs, pseudo-headers
//! (`:authority`, `:path`, ...) included, with repeated names allowed. The engine works on
//! that list directly and the adapter writes back only what changed ([`Headers::edits`]), so
//! that headers the engine did not touch are never rewritten by the host.
//!
//! Every change goes through a method that first notes the values of the name it touches as
//! they were handed over: the edits then come from the few names that were touched, without
//! a copy of the whole list to compare against (the headers phase of every mirrored request
//! pays for that copy, in a VM where each allocation counts).

use crate::redact::FieldAction;

/// Headers a request gains in the filter, room for which is made up front.
const ADDED_ROOM: usize = 4;

/// An ordered multi-map of request headers. Names are kept lowercase.
#[derive(Debug, Clone, Default)]
pub struct Headers {
    pairs: Vec<(String, String)>,
    /// Each name changed since the list was built, with the values it had then: one entry
    /// per value (`None` for a name that had none), a name's entries side by side. Flat, so
    /// that noting a name takes no list of its own.
    original: Vec<(String, Option<String>)>,
}

/// Two lists are equal when they hold the same pairs in the same order, however they got there.
impl PartialEq for Headers {
    fn eq(&self, other: &Self) -> bool {
        self.pairs == other.pairs
    }
}

impl Eq for Headers {}

impl Headers {
    pub fn new() -> Self {
        Self::default()
    }

    /// The list as the host handed it over: nothing in it counts as changed.
    pub fn from_pairs<N: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        let pairs = pairs.into_iter();
        // Room for the headers a copy gains (its tag, a fresh trace): adding them then
        // moves no header.
        let mut all = Vec::with_capacity(pairs.size_hint().0 + ADDED_ROOM);
        all.extend(pairs.map(|(n, v)| {
            // Hosts already send lowercase names: lowering in place allocates nothing.
            let mut name = n.into();
            name.make_ascii_lowercase();
            (name, v.into())
        }));
        Self {
            pairs: all,
            original: Vec::new(),
        }
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Notes the values `name` has now, unless it was changed before: called before every
    /// change, so what is noted is what the host handed over.
    fn touch(&mut self, name: &str) {
        touch(&mut self.original, &self.pairs, name);
    }

    /// Removes every value of `name`; returns whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        if !self.contains(name) {
            return false;
        }
        self.touch(name);
        self.pairs.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        true
    }

    /// Replaces every value of `name` with one value, keeping the position of the first.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        let same = |n: &String| n.eq_ignore_ascii_case(name);
        let Some(first) = self.pairs.iter().position(|(n, _)| same(n)) else {
            self.touch(name);
            self.pairs.push((name.to_ascii_lowercase(), value));
            return;
        };
        let repeated = self
            .pairs
            .get(first + 1..)
            .is_some_and(|rest| rest.iter().any(|(n, _)| same(n)));
        if !repeated && self.pairs.get(first).is_some_and(|(_, v)| *v == value) {
            return;
        }
        self.touch(name);
        if repeated {
            let mut index = 0;
            self.pairs.retain(|(n, _)| {
                let keep = index <= first || !same(n);
                index += 1;
                keep
            });
        }
        if let Some(slot) = self.pairs.get_mut(first) {
            slot.1 = value;
        }
    }

    pub fn append(&mut self, name: &str, value: impl Into<String>) {
        self.touch(name);
        self.pairs.push((name.to_ascii_lowercase(), value.into()));
    }

    /// Moves every value of `from` to `to`; values already under `to` are kept.
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        if from.eq_ignore_ascii_case(to) || !self.contains(from) {
            return false;
        }
        self.touch(from);
        self.touch(to);
        for (name, _) in &mut self.pairs {
            if name.eq_ignore_ascii_case(from) {
                *name = to.to_ascii_lowercase();
            }
        }
        true
    }

    /// Asks `action` what becomes of each value, in order, and applies it: kept, replaced
    /// in place, or removed (only that value: of a header sent twice, the other stays).
    /// Returns whether anything changed.
    pub fn rewrite(&mut self, mut action: impl FnMut(&str, &str) -> FieldAction) -> bool {
        let mut changed = false;
        let mut index = 0;
        while let Some((name, value)) = self.pairs.get(index) {
            match action(name, value) {
                FieldAction::Keep => index += 1,
                FieldAction::Replace(new) if new == *value => index += 1,
                FieldAction::Replace(new) => {
                    // A name's only value, replaced before any other change to it, is moved
                    // into the note instead of copied: the common case (one cookie, one
                    // authorization) then copies no value at all.
                    let sole = !self
                        .original
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(name))
                        && self
                            .pairs
                            .iter()
                            .enumerate()
                            .all(|(i, (n, _))| i == index || !n.eq_ignore_ascii_case(name));
                    let sole = sole.then(|| name.to_ascii_lowercase());
                    if sole.is_none() {
                        // The name is borrowed from the list itself: no copy just to note it.
                        touch(&mut self.original, &self.pairs, name);
                    }
                    if let Some(slot) = self.pairs.get_mut(index) {
                        let old = std::mem::replace(&mut slot.1, new);
                        if let Some(name) = sole {
                            self.original.reserve(8);
                            self.original.push((name, Some(old)));
                        }
                    }
                    changed = true;
                    index += 1;
                }
                FieldAction::Remove => {
                    touch(&mut self.original, &self.pairs, name);
                    self.pairs.remove(index);
                    changed = true;
                }
            }
        }
        changed
    }

    /// The smallest list of edits that turns the list as the host handed it over into this
    /// one, name by name. A name whose values end up as they were (same values, same order)
    /// produces no edit.
    pub fn edits(&self) -> Vec<HeaderEdit<'_>> {
        let mut edits = Vec::new();
        let mut rest = self.original.as_slice();
        while let Some((name, _)) = rest.first() {
            let noted = rest.iter().take_while(|(n, _)| n == name).count();
            let Some((group, after)) = rest.split_at_checked(noted) else {
                break;
            };
            rest = after;
            let old = group.iter().filter_map(|(_, value)| value.as_deref());
            if old.clone().eq(self.get_all(name)) {
                continue;
            }
            let mut new = self.get_all(name);
            let (first, second) = (new.next(), new.next());
            let old_count = old.count();
            // One old value only: hosts differ in whether replacing touches the others.
            if let (1, Some(value), None) = (old_count, first, second) {
                edits.push(HeaderEdit::Set(name, value));
                continue;
            }
            if old_count > 0 {
                edits.push(HeaderEdit::Remove(name));
            }
            edits.extend(self.get_all(name).map(|value| HeaderEdit::Add(name, value)));
        }
        edits
    }
}

/// [`Headers::touch`] on the two fields, so that a caller may pass a name borrowed from
/// `pairs`.
fn touch(original: &mut Vec<(String, Option<String>)>, pairs: &[(String, String)], name: &str) {
    if original.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return;
    }
    // A rewritten request touches a handful of names: one allocation for all of them.
    original.reserve(8);
    let before = original.len();
    original.extend(
        pairs
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| (name.to_ascii_lowercase(), Some(v.clone()))),
    );
    if original.len() == before {
        original.push((name.to_ascii_lowercase(), None));
    }
}

/// One change to apply to the host's header map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderEdit<'a> {
    /// Remove every value of the header.
    Remove(&'a str),
    /// Add one value (after a `Remove` of the same name, this re-creates a multi-valued header).
    Add(&'a str, &'a str),
    /// Replace the header's single value: a `Remove` and an `Add` in one edit, because each
    /// edit is a call across the VM boundary and most rewrites change one value.
    /// [`Headers::edits`] emits it only for a header that had exactly one value.
    Set(&'a str, &'a str),
}

/// Applies edits to a header list: what a host does with [`Headers::edits`].
pub fn apply(headers: &mut Headers, edits: &[HeaderEdit<'_>]) {
    for edit in edits {
        match *edit {
            HeaderEdit::Remove(name) => {
                headers.remove(name);
            }
            HeaderEdit::Add(name, value) => headers.append(name, value),
            HeaderEdit::Set(name, value) => {
                headers.remove(name);
                headers.append(name, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn set_replaces_all_values_in_place_of_the_first() {
        let mut h = Headers::from_pairs([("a", "1"), ("X", "2"), ("b", "3"), ("x", "4")]);
        h.set("x", "new");
        assert_eq!(
            h,
            Headers::from_pairs([("a", "1"), ("x", "new"), ("b", "3")])
        );
    }

    #[test]
    fn rename_keeps_values_and_lowercases() {
        let mut h = Headers::from_pairs([("x-old", "1"), ("x-old", "2")]);
        assert!(h.rename("X-Old", "X-New"));
        assert_eq!(h.get_all("x-new").collect::<Vec<_>>(), ["1", "2"]);
        assert!(!h.contains("x-old"));
    }

    #[test]
    fn a_list_changed_back_to_what_it_was_needs_no_edit() {
        let mut h = Headers::from_pairs([(":path", "/"), ("a", "1")]);
        assert!(h.edits().is_empty());
        h.set("a", "2");
        h.set("a", "1");
        h.append("b", "x");
        h.remove("b");
        h.set(":path", "/");
        assert!(h.edits().is_empty());
    }

    #[test]
    fn a_changed_single_value_is_one_set_and_a_multi_valued_header_is_rebuilt() {
        let mut h = Headers::from_pairs([("cookie", "a=1"), ("x", "1"), ("x", "2"), ("y", "1")]);
        h.rewrite(|name, value| match (name, value) {
            ("cookie", _) => FieldAction::Replace("a=2".into()),
            ("x", "1") => FieldAction::Replace("3".into()),
            ("x", _) => FieldAction::Remove,
            _ => FieldAction::Keep,
        });
        h.append("z", "new");
        assert_eq!(
            h.edits(),
            vec![
                HeaderEdit::Set("cookie", "a=2"),
                HeaderEdit::Remove("x"),
                HeaderEdit::Add("x", "3"),
                HeaderEdit::Add("z", "new"),
            ]
        );
    }

    #[test]
    fn rewrite_removes_only_the_value_that_must_go() {
        let mut h = Headers::from_pairs([("a", "1"), ("a", "2"), ("b", "2")]);
        assert!(h.rewrite(|_, v| if v == "2" {
            FieldAction::Remove
        } else {
            FieldAction::Keep
        }));
        assert_eq!(h, Headers::from_pairs([("a", "1")]));
        assert!(!h.rewrite(|_, v| FieldAction::Replace(v.to_owned())));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Set(String, String),
        Append(String, String),
        Remove(String),
        Rename(String, String),
        Replace(String, String),
        RemoveValue(String),
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-dA-D]"
    }

    fn value() -> impl Strategy<Value = String> {
        "[0-9]{0,2}"
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (name(), value()).prop_map(|(n, v)| Op::Set(n, v)),
            (name(), value()).prop_map(|(n, v)| Op::Append(n, v)),
            name().prop_map(Op::Remove),
            (name(), name()).prop_map(|(a, b)| Op::Rename(a, b)),
            (value(), value()).prop_map(|(a, b)| Op::Replace(a, b)),
            value().prop_map(Op::RemoveValue),
        ]
    }

    fn run(h: &mut Headers, op: &Op) {
        match op {
            Op::Set(n, v) => h.set(n, v.as_str()),
            Op::Append(n, v) => h.append(n, v.as_str()),
            Op::Remove(n) => {
                h.remove(n);
            }
            Op::Rename(a, b) => {
                h.rename(a, b);
            }
            Op::Replace(from, to) => {
                h.rewrite(|_, v| {
                    if v == from {
                        FieldAction::Replace(to.clone())
                    } else {
                        FieldAction::Keep
                    }
                });
            }
            Op::RemoveValue(gone) => {
                h.rewrite(|_, v| {
                    if v == gone {
                        FieldAction::Remove
                    } else {
                        FieldAction::Keep
                    }
                });
            }
        }
    }

    fn header_list() -> impl Strategy<Value = Headers> {
        prop::collection::vec((name(), value()), 0..8).prop_map(Headers::from_pairs)
    }

    proptest! {
        #[test]
        fn the_edits_turn_the_host_list_into_the_changed_one(
            original in header_list(),
            ops in prop::collection::vec(op(), 0..8),
        ) {
            let mut changed = original.clone();
            for op in &ops {
                run(&mut changed, op);
            }
            let edits = changed.edits();
            let mut patched = original.clone();
            apply(&mut patched, &edits);
            for name in ["a", "b", "c", "d"] {
                let want: Vec<_> = changed.get_all(name).collect();
                prop_assert_eq!(patched.get_all(name).collect::<Vec<_>>(), want.clone());
                let edited = edits.iter().any(|e| matches!(e,
                    HeaderEdit::Remove(n) | HeaderEdit::Add(n, _) | HeaderEdit::Set(n, _) if *n == name));
                // Only names whose values differ are edited.
                prop_assert_eq!(edited, original.get_all(name).collect::<Vec<_>>() != want);
            }
        }
    }
}
