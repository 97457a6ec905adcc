//! What a short text must hold for the structural walk ([`super::scan`]) to find anything in
//! it, so that most short values (a quantity, `SKU-CDH`, `en-GB`, a product title) skip the
//! walk and its set-up, which cost more than the walk itself on a few bytes.
//!
//! The walk only ever stops at the bytes [`window::is_stop`] names, and each built-in format
//! it finds has bytes it cannot do without and a shortest length: a phone number has at least
//! eight digits, a MAC address a separator and fourteen bytes, an e-mail address an `@`. A
//! text too short for every format whose bytes it holds has nothing to find. The table is
//! written per entity (one without a row is always walked) and every stop byte it does not
//! know of counts as one that always needs the walk.
//!
//! Only the walk is skipped: the secret prefixes and the custom patterns run as before.

use super::candidate::EntitySet;
use super::window;
use crate::entity::Entity;

/// Classes of the stop bytes, one bit each.
const DIGIT: u8 = 1;
const AT: u8 = 1 << 1;
const COLON: u8 = 1 << 2;
/// `-` and `.`.
const SEPARATOR: u8 = 1 << 3;
/// `+` and `(`, which the walk follows only into a phone number, and so only with digits.
const SIGN: u8 = 1 << 4;
/// A stop byte this table does not know: always walked.
const OTHER: u8 = 1 << 5;
const ANY: u8 = u8::MAX;

/// Texts longer than this are always walked: the table is for short values, and the walk's
/// set-up is small beside a long text.
const SHORT: usize = 64;

/// Minimum lengths past this one are taken as this one (needed sooner than necessary).
const LONGEST_MIN: usize = 15;

/// The class of `c`: none when the walk does not stop there.
fn class_of(c: u8) -> u8 {
    if !window::is_stop(c) {
        return 0;
    }
    match c {
        b'0'..=b'9' => DIGIT,
        b'@' => AT,
        b':' => COLON,
        b'-' | b'.' => SEPARATOR,
        b'+' | b'(' => SIGN,
        _ => OTHER,
    }
}

/// For an entity the walk finds: the ways a text can hold one, each as the classes of which
/// it holds at least one byte and the text's shortest length. `None` for the entities the
/// walk does not find (if it ever did, they would always be walked).
fn shapes(entity: Entity) -> Option<&'static [(u8, usize)]> {
    Some(match entity {
        // The `@` joins a local part and a domain: its length is left unbounded.
        Entity::Email => &[(AT, 0)],
        // E.164 numbers have at least eight digits; NANP ten, national ones nine.
        Entity::Phone => &[(DIGIT, 8)],
        // Twelve to nineteen digits.
        Entity::CreditCard => &[(DIGIT, 12)],
        Entity::UsSsn => &[(DIGIT, 9)],
        // Norway's are the shortest: fifteen characters, with two check digits.
        Entity::Iban => &[(DIGIT, 15)],
        // `1.2.3.4`; IPv6 always has a colon, of any length (`::1`).
        Entity::IpAddress => &[(DIGIT, 7), (COLON, 0)],
        // `001a.2b3c.4d5e` is the shortest form; every form has separators, not always digits.
        Entity::MacAddress => &[(COLON | SEPARATOR, 14)],
        // Base58 addresses start with `1` or `3` and have 26 to 35 characters (Bech32 ones are
        // found by their `bc1` prefix, not by the walk).
        Entity::BitcoinAddress => &[(DIGIT, 26)],
        // `0x` and forty hex digits.
        Entity::EthereumAddress => &[(DIGIT, 42)],
        // Secrets are found by their prefixes and fields by their names, not by the walk. An
        // entity the walk learns to find lands here until it has a row, and is then always
        // walked: never skipped wrongly, only sooner than necessary (a test asks for a row).
        _ => return None,
    })
}

/// Which short texts the structural walk can find something in, for a set of enabled
/// entities.
#[derive(Debug, Clone)]
pub(super) struct WalkNeeds {
    /// The class of each byte.
    class: [u8; 256],
    /// By length (up to [`LONGEST_MIN`]): the classes of which a text that long must hold a
    /// byte for the walk to find anything.
    needs: [u8; LONGEST_MIN + 1],
}

impl WalkNeeds {
    pub(super) fn compile(enabled: EntitySet) -> Self {
        let mut class = [0u8; 256];
        for (slot, c) in class.iter_mut().zip(0..=u8::MAX) {
            *slot = class_of(c);
        }
        let mut needs = [OTHER; LONGEST_MIN + 1];
        let walked = super::scan::ENTITIES
            .iter()
            .filter(|&&e| enabled.contains(e));
        for &entity in walked {
            for &(classes, min) in shapes(entity).unwrap_or(&[(ANY, 0)]) {
                for slot in needs.iter_mut().skip(min.min(LONGEST_MIN)) {
                    *slot |= classes;
                }
            }
        }
        Self { class, needs }
    }

    /// Whether the walk may find something in `b`; `false` only when it cannot.
    #[inline]
    pub(super) fn may_find(&self, b: &[u8]) -> bool {
        if b.len() > SHORT {
            return true;
        }
        let need = self
            .needs
            .get(b.len().min(LONGEST_MIN))
            .copied()
            .unwrap_or(ANY);
        // The classes of eight bytes gathered before one test: most texts that need the walk
        // show it in their first eight bytes, and the others are read through in any case.
        let mut seen = 0;
        let mut chunks = b.chunks_exact(8);
        for chunk in &mut chunks {
            for &c in chunk {
                seen |= self.class[usize::from(c)];
            }
            if seen & need != 0 {
                return true;
            }
        }
        for &c in chunks.remainder() {
            seen |= self.class[usize::from(c)];
        }
        seen & need != 0
    }
}

#[cfg(test)]
mod tests;
