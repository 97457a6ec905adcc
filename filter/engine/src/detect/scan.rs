//! The structural pass: one walk over the bytes that stops only where a detector could
//! start (a digit, `@`, `:`, `+`, `(`, `-`, `.`) and runs the scanners for that spot.
//!
//! Between stops the walk is a table lookup per byte. At a digit that starts a number, every
//! numeric scanner is tried and the longest match is kept; then the walk jumps past the
//! word (or the match), so a run of digits is examined once, not once per digit.

use super::bytes::{at, before, is_digit, is_hex, is_word, numeric_start, run_back, run_len};
use super::candidate::{Candidate, EntitySet};
use super::{card, email, iban, ip, mac, phone, ssn, wallet};
use crate::entity::Entity;

const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const AT: u8 = 2;
const COLON: u8 = 4;
const PLUS: u8 = 8;
const PAREN: u8 = 16;
const DASH: u8 = 32;
const DOT: u8 = 64;

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
    while let Some(pos) = next_trigger(b, i) {
        i = stop_at(b, pos, on, out).unwrap_or(pos + 1).max(pos + 1);
    }
}

/// The first trigger byte at or after `i`. Eight bytes are classified per step with their
/// results or-ed, so stretches of plain text cost a few cycles per eight bytes; the position
/// inside a block with a trigger comes from a bit mask, not a loop, to spare a mispredicted
/// loop exit per stop.
#[inline]
fn next_trigger(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = i;
    for chunk in &mut chunks {
        if let &[c0, c1, c2, c3, c4, c5, c6, c7] = chunk {
            let k = [
                class(c0),
                class(c1),
                class(c2),
                class(c3),
                class(c4),
                class(c5),
                class(c6),
                class(c7),
            ];
            if (k[0] | k[1] | k[2] | k[3]) | (k[4] | k[5] | k[6] | k[7]) != OTHER {
                let mask = u32::from(k[0] != OTHER)
                    | u32::from(k[1] != OTHER) << 1
                    | u32::from(k[2] != OTHER) << 2
                    | u32::from(k[3] != OTHER) << 3
                    | u32::from(k[4] != OTHER) << 4
                    | u32::from(k[5] != OTHER) << 5
                    | u32::from(k[6] != OTHER) << 6
                    | u32::from(k[7] != OTHER) << 7;
                return Some(offset + mask.trailing_zeros() as usize);
            }
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| class(c) != OTHER)
        .map(|k| offset + k)
}

/// Looks at the trigger byte at `pos` and its neighbours and runs the scanners that could
/// start there; returns where to resume.
///
/// Written as a chain of tests rather than a `match` on the byte class: a jump table's
/// indirect branch is mispredicted most of the time on mixed text, conditional branches
/// much less often.
#[inline]
fn stop_at(b: &[u8], pos: usize, on: EntitySet, out: &mut Vec<Candidate>) -> Option<usize> {
    let c = at(b, pos);
    let p = before(b, pos);
    if is_digit(c) {
        // Inside a word (`a1b2`, `id42`) no number starts; after a capital it may be an
        // IBAN's check digits.
        if is_digit(p) || p.is_ascii_lowercase() || p == b'_' {
            return Some(pos + run_len(b, pos, is_word));
        }
        return digit(b, pos, on, out);
    }
    let n = at(b, pos + 1);
    if c == b':' {
        // An IPv6 or MAC colon follows a hex digit, or starts `::`.
        return if is_hex(p) || n == b':' {
            colon(b, pos, on, out)
        } else {
            None
        };
    }
    if c == b'-' || c == b'.' {
        return if is_hex(p) && is_hex(n) {
            mac_separator(b, pos, if c == b'-' { 2 } else { 4 }, on, out)
        } else {
            None
        };
    }
    if c == b'@' {
        return at_sign(b, pos, on, out);
    }
    if !is_digit(n) {
        return None;
    }
    let phone = if c == b'+' {
        phone::scan_plus(b, pos)
    } else {
        phone::scan_paren(b, pos)
    };
    found(out, on, Entity::Phone, pos, phone)
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

/// A digit after a non-word byte (or a capital): every number-shaped detector when a number
/// starts here, an IBAN when it is the check digits after a country code. Each scanner runs
/// only when the digit run has a shape it could start (`425-`, `4111 `, `10.`, 12+ digits).
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
    let digits = run_len(b, i, is_digit);
    let after = at(b, i + digits);
    let separated = matches!(after, b' ' | b'-' | b'.');
    let mut best: Option<(usize, Entity)> = None;
    let mut consider = |entity: Entity, end: Option<usize>| {
        if let Some(end) = end {
            if best.is_none_or(|(e, _)| end > e) {
                best = Some((end, entity));
            }
        }
    };
    // A grouped card continues with a group of at least three digits (`4111 111…`).
    let card_group = (5..8).all(|k| is_digit(at(b, i + k)));
    if on.contains(Entity::CreditCard) && (digits >= 12 || (digits == 4 && separated && card_group))
    {
        consider(Entity::CreditCard, card::scan(b, i));
    }
    if on.contains(Entity::UsSsn) && ((digits == 3 && separated) || digits == 9) {
        consider(Entity::UsSsn, ssn::scan(b, i));
    }
    if on.contains(Entity::Phone)
        && (matches!(digits, 10 | 11) || (digits <= 5 && (separated || after == b'(')))
    {
        consider(Entity::Phone, phone::scan_digits(b, i));
    }
    if on.contains(Entity::IpAddress) && digits <= 3 && after == b'.' {
        consider(Entity::IpAddress, ip::scan_v4(b, i));
    }
    // A MAC address whose first groups are all digits (`08-00-27-12-34-AB`) also reads as a
    // dashed national phone number; offered here, the whole address outlasts the phone.
    if on.contains(Entity::MacAddress)
        && ((digits == 2 && matches!(after, b':' | b'-')) || (digits == 4 && after == b'.'))
    {
        consider(Entity::MacAddress, mac::scan(b, i));
    }
    if on.contains(Entity::BitcoinAddress)
        && matches!(first, b'1' | b'3')
        && (26..=35).contains(&(word_end - i))
    {
        consider(Entity::BitcoinAddress, wallet::scan_base58(b, i, word_end));
    }
    if on.contains(Entity::EthereumAddress) && first == b'0' && after == b'x' {
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

    #[test]
    fn next_trigger_finds_the_first_trigger_in_any_lane() {
        for len in 0..40 {
            let mut text = vec![b'x'; len];
            assert_eq!(next_trigger(&text, 0), None);
            for pos in 0..len {
                text[pos] = b'7';
                assert_eq!(next_trigger(&text, 0), Some(pos));
                assert_eq!(next_trigger(&text, pos), Some(pos));
                assert_eq!(next_trigger(&text, pos + 1), None);
                text[pos] = b'x';
            }
        }
    }

    #[test]
    fn neighbours_decide_whether_a_trigger_byte_is_looked_at() {
        // A trigger byte is looked at when `stop_at` resumes anywhere but right after it.
        let stops = |text: &str| -> Vec<usize> {
            let b = text.as_bytes();
            let mut out = Vec::new();
            (0..b.len())
                .filter(|&i| {
                    class(b[i]) != OTHER
                        && stop_at(b, i, EntitySet::EMPTY, &mut out).is_some_and(|r| r != i + 1)
                })
                .collect()
        };
        assert_eq!(stops("x-y e.g. x:y ab::c"), Vec::<usize>::new());
        assert_eq!(stops(r#"{"id":12,"n":"ab1c"}"#), vec![6, 16]);
    }
}
