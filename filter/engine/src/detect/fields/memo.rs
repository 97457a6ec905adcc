//! What the classifier has worked out about key names, remembered for the life of the VM.
//!
//! JSON APIs repeat their schema on every request, and headers, query parameters, cookies
//! and form fields their names: a VM sees the same few hundred names over and over. What a
//! name means depends on the name alone, so it is worked out once and looked up afterwards.
//!
//! Names are chosen by whoever sends the request, so the memo stays small and cheap whatever
//! they send:
//!
//! * **bounded**: at most [`MAX_ENTRIES`] names of at most [`MAX_NAME`] bytes. When it is
//!   full it is cleared, and refills with the names that keep coming; names that come once
//!   (a map keyed by ids) cannot freeze it with stale entries.
//! * **keyed**: names are hashed with a multilinear hash, which is strongly universal, under
//!   keys drawn at random for each memo; no one can choose names that collide without them.
//! * **short probes**: a lookup reads at most [`PROBES`] slots, and an insert that finds no
//!   free one among them clears the table. Even colliding names then cost a bounded lookup
//!   and, at worst, the work the memo would have saved.
//! * **names only**: nothing of a request is kept but names that cannot hold a value the
//!   detectors look for (see [`rememberable`]), and nothing is ever logged.
//!
//! The table sits behind a [`Mutex`]: the compiled policy is shared by every stream of a
//! VM, and natively (CLI, tests, fuzzing) it must be `Sync`. The VM is single-threaded, so
//! the lock is never contended; it is never held while a name is worked out.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::Mutex;

/// Longest name remembered; longer names are worked out every time.
pub(super) const MAX_NAME: usize = 64;
/// Most names remembered at once.
pub(super) const MAX_ENTRIES: usize = 512;
/// Most slots of the table: twice [`MAX_ENTRIES`], so that probes stay short.
const SLOTS: usize = 2 * MAX_ENTRIES;
/// Slots of a new table, which grows (by doubling) as names come: most VMs see far fewer
/// than [`MAX_ENTRIES`], but a few dozen on their first request (headers, a JSON schema).
const FIRST_SLOTS: usize = 128;
/// Bytes of names a new table makes room for at once: [`FIRST_SLOTS`] names of a typical
/// length, stored without reallocating one by one.
const FIRST_NAME_BYTES: usize = FIRST_SLOTS * 12;
/// Most slots a lookup reads.
const PROBES: usize = 8;
/// Four-byte words in the longest name.
const WORDS: usize = MAX_NAME / 4;

/// Whether `name` may be kept: short, ASCII, and without the `@` of an e-mail address or the
/// four digits every numeric identifier the detectors look for has (phone, card, IBAN, SSN,
/// IP address). Schema names pass (`address_line_1`, `ean13`, `X-Request-Id`); ids used as
/// names (`u_18230`, hex digests) mostly do not, which also keeps them from filling the memo.
pub(super) fn rememberable(name: &str) -> bool {
    (1..=MAX_NAME).contains(&name.len())
        && name.is_ascii()
        && !name.contains('@')
        && name.bytes().filter(u8::is_ascii_digit).count() < 4
}

/// A bounded, keyed map from names to `V`, safe to share between the streams of a VM.
pub(super) struct Memo<V> {
    keys: Keys,
    table: Mutex<Table<V>>,
}

impl<V: Copy> Memo<V> {
    /// What was remembered for `name`.
    pub(super) fn get(&self, name: &str) -> Option<V> {
        // Only names that may be kept were inserted; any other is simply not found.
        if !(1..=MAX_NAME).contains(&name.len()) {
            return None;
        }
        let hash = self.keys.hash(name.as_bytes());
        self.table.lock().ok()?.get(hash, name.as_bytes())
    }

    /// Remembers `value` for `name` (replacing what was there), if the name may be kept.
    pub(super) fn insert(&self, name: &str, value: V) {
        if !rememberable(name) {
            return;
        }
        let hash = self.keys.hash(name.as_bytes());
        if let Ok(mut table) = self.table.lock() {
            table.insert(hash, name.as_bytes(), value);
        }
    }

    /// How many names are remembered.
    pub(super) fn len(&self) -> usize {
        self.table.lock().map_or(0, |t| t.len)
    }

    /// Bytes of names held.
    #[cfg(test)]
    pub(super) fn name_bytes(&self) -> usize {
        self.table.lock().map_or(0, |t| t.names.len())
    }
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Self {
            keys: Keys::random(),
            table: Mutex::new(Table::default()),
        }
    }
}

/// A copy starts empty (under the same keys): what a memo holds is only ever a shortcut.
impl<V> Clone for Memo<V> {
    fn clone(&self) -> Self {
        Self {
            keys: self.keys.clone(),
            table: Mutex::new(Table::default()),
        }
    }
}

/// Only the count: names are request data.
impl<V: Copy> fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Memo").field("len", &self.len()).finish()
    }
}

/// The hash keys. No `Debug`: they are what keeps collisions unpredictable.
#[derive(Clone)]
struct Keys([u64; WORDS + 2]);

impl Keys {
    /// Keys from the standard library's randomly keyed SipHash, which draws its key from
    /// the system (WASI `random_get` in the VM) once per thread.
    fn random() -> Self {
        let state = RandomState::new();
        let mut keys = [0u64; WORDS + 2];
        for (i, key) in keys.iter_mut().enumerate() {
            *key = state.hash_one(i);
        }
        Self(keys)
    }

    /// Multilinear hash of a name of at most [`MAX_NAME`] bytes: the key-weighted sum of its
    /// length and its little-endian four-byte words (the last one zero-padded), of which
    /// the high half is strongly universal (Lemire and Kaser, "Strongly universal string
    /// hashing is fast", 2014).
    fn hash(&self, name: &[u8]) -> u32 {
        let [k0, k1, rest @ ..] = &self.0;
        let mut sum = k0.wrapping_add(k1.wrapping_mul(name.len() as u64));
        let mut words = name.chunks_exact(4);
        let mut keys = rest.iter();
        for (word, key) in (&mut words).zip(&mut keys) {
            let mut w = [0u8; 4];
            w.copy_from_slice(word);
            sum = sum.wrapping_add(key.wrapping_mul(u64::from(u32::from_le_bytes(w))));
        }
        let tail = words.remainder();
        if let (false, Some(key)) = (tail.is_empty(), keys.next()) {
            let mut w = [0u8; 4];
            if let Some(dst) = w.get_mut(..tail.len()) {
                dst.copy_from_slice(tail);
            }
            sum = sum.wrapping_add(key.wrapping_mul(u64::from(u32::from_le_bytes(w))));
        }
        (sum >> 32) as u32
    }
}

/// Open addressing with linear probing, names in one buffer.
struct Table<V> {
    /// Empty until the first insert, then a power of two from [`FIRST_SLOTS`] to [`SLOTS`],
    /// at least twice `len` until it is [`SLOTS`] long.
    slots: Vec<Option<Slot<V>>>,
    /// The names of the slots in use, one after the other.
    names: Vec<u8>,
    len: usize,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            names: Vec::new(),
            len: 0,
        }
    }
}

#[derive(Clone, Copy)]
struct Slot<V> {
    hash: u32,
    /// The name is `names[at..at + len]`.
    at: u32,
    len: u8,
    value: V,
}

impl<V: Copy> Table<V> {
    /// The slot holding `name`, or the first free one of its probe window (`Err`), or
    /// `Err(None)` when the window is full of other names.
    fn find(&self, hash: u32, name: &[u8]) -> Result<usize, Option<usize>> {
        let mask = self.slots.len().wrapping_sub(1);
        let start = hash as usize;
        for probe in 0..PROBES {
            let i = (start + probe) & mask;
            match self.slots.get(i) {
                Some(Some(slot)) => {
                    if slot.hash == hash && usize::from(slot.len) == name.len() {
                        let at = slot.at as usize;
                        if self.names.get(at..at + name.len()) == Some(name) {
                            return Ok(i);
                        }
                    }
                }
                Some(None) => return Err(Some(i)),
                None => return Err(None),
            }
        }
        Err(None)
    }

    fn get(&self, hash: u32, name: &[u8]) -> Option<V> {
        let i = self.find(hash, name).ok()?;
        Some(self.slots.get(i)?.as_ref()?.value)
    }

    fn insert(&mut self, hash: u32, name: &[u8], value: V) {
        if (self.len + 1) * 2 > self.slots.len() && self.slots.len() < SLOTS {
            self.grow();
        }
        let free = match self.find(hash, name) {
            Ok(i) => {
                if let Some(Some(slot)) = self.slots.get_mut(i) {
                    slot.value = value;
                }
                return;
            }
            Err(Some(free))
                if self.len < MAX_ENTRIES
                    && self.names.len() + name.len() <= MAX_ENTRIES * MAX_NAME =>
            {
                free
            }
            // Full (of entries, or of names, which entries dropped by `grow` leave behind),
            // or a probe window full of other names: start over.
            Err(_) => {
                self.clear();
                hash as usize & self.slots.len().wrapping_sub(1)
            }
        };
        let (Ok(at), Ok(len)) = (u32::try_from(self.names.len()), u8::try_from(name.len())) else {
            return;
        };
        if let Some(empty @ None) = self.slots.get_mut(free) {
            self.names.extend_from_slice(name);
            *empty = Some(Slot {
                hash,
                at,
                len,
                value,
            });
            self.len += 1;
        }
    }

    /// Doubles the slots (or makes the first ones), placing each entry again; one whose new
    /// probe window is full is dropped, as a memo may.
    fn grow(&mut self) {
        if self.slots.is_empty() {
            self.names.reserve(FIRST_NAME_BYTES);
        }
        let size = (self.slots.len() * 2).clamp(FIRST_SLOTS, SLOTS);
        let mut old = Vec::new();
        old.resize_with(size, || None);
        std::mem::swap(&mut self.slots, &mut old);
        self.len = 0;
        let mask = size - 1;
        for slot in old.into_iter().flatten() {
            let start = slot.hash as usize;
            let free = (0..PROBES)
                .map(|probe| (start + probe) & mask)
                .find(|&i| matches!(self.slots.get(i), Some(None)));
            if let Some(Some(empty)) = free.map(|i| self.slots.get_mut(i)) {
                *empty = Some(slot);
                self.len += 1;
            }
        }
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|slot| *slot = None);
        self.names.clear();
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_what_it_was_told() {
        let memo: Memo<u32> = Memo::default();
        assert_eq!(memo.get("email"), None);
        memo.insert("email", 1);
        memo.insert("first_name", 2);
        memo.insert("email", 3);
        assert_eq!(memo.get("email"), Some(3));
        assert_eq!(memo.get("first_name"), Some(2));
        assert_eq!(memo.get("emai"), None);
        assert_eq!(memo.get("email "), None);
        assert_eq!(memo.len(), 2);
    }

    #[test]
    fn keeps_only_names_that_cannot_hold_a_detected_value() {
        let memo: Memo<u32> = Memo::default();
        let long = "n".repeat(MAX_NAME + 1);
        for name in [
            "jane@example.com",
            "+1 555 0100",
            "4111111111111111",
            "10.0.0.1",
            "",
            "café",
            long.as_str(),
        ] {
            memo.insert(name, 1);
            assert_eq!(memo.get(name), None, "{name}");
        }
        assert_eq!(memo.len(), 0);
        for name in [
            "address_line_1",
            "ean13",
            "X-Request-Id",
            "n".repeat(MAX_NAME).as_str(),
        ] {
            memo.insert(name, 1);
            assert_eq!(memo.get(name), Some(1), "{name}");
        }
    }

    #[test]
    fn stays_bounded_under_endless_new_names() {
        let memo: Memo<usize> = Memo::default();
        for i in 0..20 * MAX_ENTRIES {
            // Three digits at most: every one of them may be kept.
            let name = format!("{}_{}", "k".repeat(1 + i % 40), i % 997);
            memo.insert(&name, i);
            assert!(memo.len() <= MAX_ENTRIES);
            assert!(memo.name_bytes() <= MAX_ENTRIES * MAX_NAME);
            // Whatever was just inserted is there, with its value.
            assert_eq!(memo.get(&name), Some(i), "{name}");
        }
        assert!(memo.len() > 0);
    }

    #[test]
    fn a_copy_starts_empty() {
        let memo: Memo<u32> = Memo::default();
        memo.insert("email", 1);
        let copy = memo.clone();
        assert_eq!(copy.get("email"), None);
        assert_eq!(memo.get("email"), Some(1));
    }

    #[test]
    fn hashes_tell_lengths_and_tails_apart() {
        let keys = Keys::random();
        let names: [&[u8]; 6] = [b"", b"a", b"a\0", b"abcd", b"abcd\0", b"abcde"];
        let hashes: Vec<u32> = names.iter().map(|n| keys.hash(n)).collect();
        for (i, a) in hashes.iter().enumerate() {
            for b in hashes.iter().skip(i + 1) {
                // A collision has a chance of 2^-32 under random keys.
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn debug_shows_no_name() {
        let memo: Memo<u32> = Memo::default();
        memo.insert("secret_name", 1);
        let shown = format!("{memo:?}");
        assert!(!shown.contains("secret_name"), "{shown}");
        assert!(shown.contains("len: 1"), "{shown}");
    }
}
