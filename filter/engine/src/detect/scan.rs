//! The structural pass: one walk over the bytes that stops only where a detector could
//! start (a digit, `@`, `:`, `+`, `(`, `-`, `.`) and runs the scanners for that spot.
//!
//! Between stops the walk is a table lookup per byte. At a digit that starts a number, every
//! numeric scanner is tried and the longest match is kept; then the walk jumps past the
//! word (or the match), so a run of digits is examined once, not once per digit.

use super::bytes::{at, before, is_hex, is_word, numeric_start, run_back, run_len};
use super::candidate::{Candidate, EntitySet};
use super::{card, email, iban, ip, mac, phone, ssn, wallet};
use crate::entity::Entity;

const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const AT: u8 = 2;
const COLON: u8 = 3;
const PLUS: u8 = 4;
const PAREN: u8 = 5;
const DASH: u8 = 6;
const DOT: u8 = 7;

static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = DIGIT;
        c += 1;
    }
    t[b'@' as usize] = AT;
    t[b':' as usize] = COLON;
    t[b'+' as usize] = PLUS;
    t[b'(' as usize] = PAREN;
    t[b'-' as usize] = DASH;
    t[b'.' as usize] = DOT;
    t
};

fn class(c: u8) -> u8 {
    CLASS[usize::from(c)]
}

/// The entities this pass can find; when none of them is wanted the walk is skipped.
pub(super) const ENTITIES: [Entity; 9] = [
    Entity::Email,
    Entity::Phone,
    Entity::CreditCard,
    Entity::UsSsn,
    Entity::Iban,
    Entity::IpAddress,
    Entity::MacAddress,
    Entity::BitcoinAddress,
    Entity::EthereumAddress,
];

/// Adds every structural finding (of an entity in `on`) in `b` to `out`.
pub(super) fn scan(b: &[u8], on: EntitySet, out: &mut Vec<Candidate>) {
    if on.intersect(EntitySet::of(&ENTITIES)).is_empty() {
        return;
    }
    let mut i = 0;
    while let Some(skip) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| class(c) != OTHER))
    {
        i += skip;
        let next = match class(at(b, i)) {
            DIGIT => digit(b, i, on, out),
            AT => at_sign(b, i, on, out),
            COLON => colon(b, i, on, out),
            PLUS => found(out, on, Entity::Phone, i, phone::scan_plus(b, i)),
            PAREN => found(out, on, Entity::Phone, i, phone::scan_paren(b, i)),
            DASH => mac_separator(b, i, 2, on, out),
            DOT => mac_separator(b, i, 4, on, out),
            _ => None,
        };
        i = next.unwrap_or(i + 1).max(i + 1);
    }
}

/// Records a match `start..end` of `entity` (when wanted) and says where to resume.
fn found(
    out: &mut Vec<Candidate>,
    on: EntitySet,
    entity: Entity,
    start: usize,
    end: Option<usize>,
) -> Option<usize> {
    if !on.contains(entity) {
        return None;
    }
    let end = end?;
    out.push(Candidate::builtin(start, end, entity));
    Some(end)
}

/// A digit: every number-shaped detector when a number starts here, an IBAN when it is the
/// check digits after a country code.
fn digit(b: &[u8], i: usize, on: EntitySet, out: &mut Vec<Candidate>) -> Option<usize> {
    let word_end = i + run_len(b, i, is_word);
    if !numeric_start(b, i) {
        if on.contains(Entity::Iban) && i >= 2 && iban::may_start(b, i - 2) {
            if let Some(end) = iban::scan(b, i - 2) {
                out.push(Candidate::builtin(i - 2, end, Entity::Iban));
                return Some(end.max(word_end));
            }
        }
        return Some(word_end);
    }
    let first = at(b, i);
    let mut best: Option<(usize, Entity)> = None;
    let mut consider = |entity: Entity, end: Option<usize>| {
        if let Some(end) = end {
            if best.is_none_or(|(e, _)| end > e) {
                best = Some((end, entity));
            }
        }
    };
    if on.contains(Entity::CreditCard) {
        consider(Entity::CreditCard, card::scan(b, i));
    }
    if on.contains(Entity::UsSsn) {
        consider(Entity::UsSsn, ssn::scan(b, i));
    }
    if on.contains(Entity::Phone) {
        consider(Entity::Phone, phone::scan_digits(b, i));
    }
    if on.contains(Entity::IpAddress) {
        consider(Entity::IpAddress, ip::scan_v4(b, i));
    }
    // A MAC address whose first groups are all digits (`08-00-27-12-34-AB`) also reads as a
    // dashed national phone number; offered here, the whole address outlasts the phone.
    if on.contains(Entity::MacAddress)
        && (matches!(at(b, i + 2), b':' | b'-') || at(b, i + 4) == b'.')
    {
        consider(Entity::MacAddress, mac::scan(b, i));
    }
    if on.contains(Entity::BitcoinAddress) && matches!(first, b'1' | b'3') {
        consider(Entity::BitcoinAddress, wallet::scan_base58(b, i, word_end));
    }
    if on.contains(Entity::EthereumAddress) && first == b'0' && at(b, i + 1) == b'x' {
        consider(Entity::EthereumAddress, wallet::scan_ethereum(b, i));
    }
    match best {
        Some((end, entity)) => {
            out.push(Candidate::builtin(i, end, entity));
            // The rest of the word (or the match) holds no other number start.
            Some(end.max(word_end))
        }
        None => Some(word_end),
    }
}

fn at_sign(b: &[u8], i: usize, on: EntitySet, out: &mut Vec<Candidate>) -> Option<usize> {
    if !on.contains(Entity::Email) {
        return None;
    }
    let (start, end) = email::scan(b, i)?;
    out.push(Candidate::builtin(start, end, Entity::Email));
    Some(end)
}

/// A colon: the first colon of an IPv6 or colon-separated MAC address, whose start is the
/// (at most four) hex digits before it.
fn colon(b: &[u8], c: usize, on: EntitySet, out: &mut Vec<Candidate>) -> Option<usize> {
    let hex = run_back(b, c, 5, is_hex);
    if hex > 4 {
        return None;
    }
    let s = c - hex;
    if hex == 2 && on.contains(Entity::MacAddress) {
        if let Some(end) = mac::scan(b, s) {
            out.push(Candidate::builtin(s, end, Entity::MacAddress));
            return Some(end);
        }
    }
    if on.contains(Entity::IpAddress) && ip::v6_may_start(b, s) {
        if let Some(end) = ip::scan_v6(b, s) {
            out.push(Candidate::builtin(s, end, Entity::IpAddress));
            return Some(end);
        }
    }
    None
}

/// A `-` or `.` after exactly `group` hex digits: a MAC written `00-1A-…` or `001a.2b3c.…`.
fn mac_separator(
    b: &[u8],
    c: usize,
    group: usize,
    on: EntitySet,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    if !on.contains(Entity::MacAddress) || run_back(b, c, group + 1, is_hex) != group {
        return None;
    }
    let s = c - group;
    if is_word(before(b, s)) || !is_hex(at(b, c + 1)) {
        return None;
    }
    let end = mac::scan(b, s)?;
    out.push(Candidate::builtin(s, end, Entity::MacAddress));
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_trigger_bytes_stop_the_walk() {
        let stops: Vec<u8> = (0..=255u8).filter(|&c| class(c) != OTHER).collect();
        assert_eq!(stops, b"(+-.0123456789:@".to_vec());
    }
}
