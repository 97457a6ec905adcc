//! What the rewriter has already worked out about the member names of one document.
//!
//! A JSON API body is mostly records of one shape: a page of fifty orders repeats the same
//! forty member names fifty times. What a name means (personal, secret, an identifier)
//! depends only on the name and the object it sits in, and whether the name itself holds
//! personal data only on the name; so each is worked out once per document, and every repeat
//! costs a hash and a comparison.

use crate::redact::KeyMeaning;

/// Most names remembered per table, so that a document of ever-new names cannot grow it
/// without bound (names past the limit are worked out every time).
const MAX_ENTRIES: usize = 1024;

/// Names are remembered while borrowed from the document; decoded (escaped) names are
/// worked out every time.
#[derive(Debug, Default)]
pub(super) struct Known<'k> {
    /// The meaning of a name under a parent.
    pub(super) meanings: Table<'k, KeyMeaning>,
    /// Names scanned as text that hold nothing.
    pub(super) clean_names: Table<'k, ()>,
}

/// A map from (parent, name) to `V`: open addressing, linear probing.
#[derive(Debug)]
pub(super) struct Table<'k, V> {
    /// Empty, or a power of two at least twice `len`.
    slots: Vec<Option<Entry<'k, V>>>,
    len: usize,
}

impl<V> Default for Table<'_, V> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            len: 0,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry<'k, V> {
    hash: u64,
    parent: &'k str,
    name: &'k str,
    value: V,
}

impl<'k, V: Copy> Table<'k, V> {
    pub(super) fn get(&self, parent: &str, name: &str) -> Option<V> {
        let mask = self.slots.len().checked_sub(1)?;
        let hash = hash(parent, name);
        let mut i = slot(hash, mask);
        loop {
            let e = self.slots.get(i)?.as_ref()?;
            if e.hash == hash && e.name == name && e.parent == parent {
                return Some(e.value);
            }
            i = (i + 1) & mask;
        }
    }

    pub(super) fn insert(&mut self, parent: &'k str, name: &'k str, value: V) {
        if self.len >= MAX_ENTRIES {
            return;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(Entry {
            hash: hash(parent, name),
            parent,
            name,
            value,
        });
    }

    fn place(&mut self, entry: Entry<'k, V>) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = slot(entry.hash, mask);
        // At most half full: the probe ends at an empty slot.
        while let Some(Some(_)) = self.slots.get(i) {
            i = (i + 1) & mask;
        }
        if let Some(empty @ None) = self.slots.get_mut(i) {
            *empty = Some(entry);
            self.len += 1;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let mut old = Vec::new();
        old.resize_with(size, || None);
        std::mem::swap(&mut self.slots, &mut old);
        self.len = 0;
        for e in old.into_iter().flatten() {
            self.place(e);
        }
    }
}

fn slot(hash: u64, mask: usize) -> usize {
    // The high bits are the best mixed.
    (hash >> 32) as usize & mask
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// A multiply-rotate hash of parent and name: not resistant to chosen collisions, which can
/// only lengthen probes in a table of bounded size.
fn hash(parent: &str, name: &str) -> u64 {
    mix(mix(0, parent.as_bytes()), name.as_bytes())
}

fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let tail = chunks.remainder();
    let mut w = [0u8; 8];
    if let Some(dst) = w.get_mut(..tail.len()) {
        dst.copy_from_slice(tail);
    }
    h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    // The length tells `ab` from `ab\0`, and where the parent ends and the name begins.
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_by_parent_and_name() {
        let mut t: Table<'_, u32> = Table::default();
        assert_eq!(t.get("", "a"), None);
        t.insert("items", "name", 1);
        t.insert("", "name", 2);
        t.insert("item", "sname", 3);
        assert_eq!(t.get("items", "name"), Some(1));
        assert_eq!(t.get("", "name"), Some(2));
        assert_eq!(t.get("item", "sname"), Some(3));
        assert_eq!(t.get("itemsn", "ame"), None);
        assert_eq!(t.get("items", "nam"), None);
    }

    #[test]
    fn grows_and_stops_at_its_limit() {
        let names: Vec<String> = (0..MAX_ENTRIES + 10).map(|i| format!("k{i}")).collect();
        let mut t: Table<'_, usize> = Table::default();
        for (i, n) in names.iter().enumerate() {
            t.insert("", n, i);
        }
        for (i, n) in names.iter().enumerate() {
            let expected = (i < MAX_ENTRIES).then_some(i);
            assert_eq!(t.get("", n), expected, "{n}");
        }
    }
}
