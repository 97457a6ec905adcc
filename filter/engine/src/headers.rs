//! The request's header list as the host hands it over, and the edits that turn one list
//! into another.
//!
//! Envoy gives headers as an ordered list of (lowercase name, value) pairs, pseudo-headers
//! (`:authority`, `:path`, ...) included, with repeated names allowed. The engine works on
//! that list directly and the adapter writes back only what changed ([`diff`]), so that
//! headers the engine did not touch are never rewritten by the host.

/// An ordered multi-map of request headers. Names are kept lowercase.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers {
    pairs: Vec<(String, String)>,
}

impl Headers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_pairs<N: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        Self {
            pairs: pairs
                .into_iter()
                .map(|(n, v)| (n.into().to_ascii_lowercase(), v.into()))
                .collect(),
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

    /// Removes every value of `name`; returns whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.pairs.len();
        self.pairs.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        before != self.pairs.len()
    }

    /// Replaces every value of `name` with one value, keeping the position of the first.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self
            .pairs
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(first) => {
                let mut index = 0;
                self.pairs.retain(|(n, _)| {
                    let keep = index <= first || !n.eq_ignore_ascii_case(name);
                    index += 1;
                    keep
                });
                if let Some(slot) = self.pairs.get_mut(first) {
                    slot.1 = value;
                }
            }
            None => self.pairs.push((name.to_ascii_lowercase(), value)),
        }
    }

    pub fn append(&mut self, name: &str, value: impl Into<String>) {
        self.pairs.push((name.to_ascii_lowercase(), value.into()));
    }

    /// Moves every value of `from` to `to`; values already under `to` are kept.
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        let mut renamed = false;
        for (name, _) in &mut self.pairs {
            if name.eq_ignore_ascii_case(from) {
                *name = to.to_ascii_lowercase();
                renamed = true;
            }
        }
        renamed
    }

    /// Mutable access to every value, for redaction in place.
    pub fn values_mut(&mut self) -> impl Iterator<Item = (&str, &mut String)> {
        self.pairs.iter_mut().map(|(n, v)| (n.as_str(), v))
    }

    /// Keeps the pairs for which `keep` returns true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        self.pairs.retain(|(n, v)| keep(n, v));
    }
}

/// One change to apply to the host's header map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderEdit {
    /// Remove every value of the header.
    Remove(String),
    /// Add one value (after a `Remove` of the same name, this re-creates a multi-valued header).
    Add(String, String),
    /// Replace the header's single value: a `Remove` and an `Add` in one edit, because each
    /// edit is a call across the VM boundary and most rewrites change one value. [`diff`]
    /// emits it only for a header that had exactly one value.
    Set(String, String),
}

/// The smallest list of edits that turns `before` into `after`, name by name. Names whose
/// values are unchanged (same values, same order) produce no edit.
pub fn diff(before: &Headers, after: &Headers) -> Vec<HeaderEdit> {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in before.pairs.iter().chain(after.pairs.iter()) {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let mut edits = Vec::new();
    for name in names {
        let old: Vec<&str> = before.get_all(name).collect();
        let new: Vec<&str> = after.get_all(name).collect();
        if old == new {
            continue;
        }
        // One old value only: hosts differ in whether replacing touches the others.
        if let ([_], [value]) = (old.as_slice(), new.as_slice()) {
            edits.push(HeaderEdit::Set(name.to_owned(), (*value).to_owned()));
            continue;
        }
        if !old.is_empty() {
            edits.push(HeaderEdit::Remove(name.to_owned()));
        }
        for value in new {
            edits.push(HeaderEdit::Add(name.to_owned(), value.to_owned()));
        }
    }
    edits
}

/// Applies edits to a header list: what a host does with the output of [`diff`].
pub fn apply(headers: &mut Headers, edits: &[HeaderEdit]) {
    for edit in edits {
        match edit {
            HeaderEdit::Remove(name) => {
                headers.remove(name);
            }
            HeaderEdit::Add(name, value) => headers.append(name, value.clone()),
            HeaderEdit::Set(name, value) => {
                headers.remove(name);
                headers.append(name, value.clone());
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
    fn diff_of_equal_lists_is_empty() {
        let h = Headers::from_pairs([(":path", "/"), ("a", "1")]);
        assert!(diff(&h, &h).is_empty());
    }

    #[test]
    fn a_changed_single_value_is_one_set_and_a_multi_valued_header_is_rebuilt() {
        let before = Headers::from_pairs([("cookie", "a=1"), ("x", "1"), ("x", "2")]);
        let after = Headers::from_pairs([("cookie", "a=2"), ("x", "3")]);
        assert_eq!(
            diff(&before, &after),
            vec![
                HeaderEdit::Set("cookie".into(), "a=2".into()),
                HeaderEdit::Remove("x".into()),
                HeaderEdit::Add("x".into(), "3".into()),
            ]
        );
    }

    fn header_list() -> impl Strategy<Value = Headers> {
        prop::collection::vec(("[a-d]", "[0-9]{0,2}"), 0..8).prop_map(Headers::from_pairs)
    }

    proptest! {
        #[test]
        fn applying_the_diff_gives_the_same_values_per_name(a in header_list(), b in header_list()) {
            let mut patched = a.clone();
            apply(&mut patched, &diff(&a, &b));
            for name in ["a", "b", "c", "d"] {
                prop_assert_eq!(
                    patched.get_all(name).collect::<Vec<_>>(),
                    b.get_all(name).collect::<Vec<_>>()
                );
            }
        }
    }
}
