//! The structural pass: one walk over the bytes that stops only where a detector could
//! start (a digit, `@`, `:`, `+`, `(`, `-`, `.`) and runs the scanners for that spot.
//!
//! The walk finds its stops sixty-four bytes at a time ([`window`]). At a digit that starts a number, every
//! numeric scanner is tried and the longest match is kept; then the walk jumps past the
//! word (or the match), so a run of digits is examined once, not once per digit.

use super::bytes::{
    at, before, before2, is_digit, is_hex, is_word, numeric_start, run_back, run_len,
};
use super::candidate::{Candidate, EntitySet};
use super::window;
use super::{card, email, iban, ip, mac, phone, ssn, wallet};
use crate::entity::Entity;

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
    walk(b, |pos| {
        stop_at(b, pos, on, out).unwrap_or(pos + 1).max(pos + 1)
    });
}

/// Calls `visit` at each stop byte in order, skipping those before the position it returns
/// (which must lie past the stop).
#[inline(always)]
fn walk(b: &[u8], mut visit: impl FnMut(usize) -> usize) {
    // The stops of `base..base + window::LEN` not yet passed, one bit each.
    let mut base = 0;
    let mut stops = window::stops(b, base);
    loop {
        if stops == 0 {
            base += window::LEN;
            if base >= b.len() {
                return;
            }
            stops = window::stops(b, base);
            continue;
        }
        let pos = base + stops.trailing_zeros() as usize;
        let resume = visit(pos);
        let passed = resume.saturating_sub(base);
        if passed < window::LEN {
            stops &= u64::MAX << passed;
        } else {
            if resume >= b.len() {
                return;
            }
            base = resume;
            stops = window::stops(b, base);
        }
    }
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
    let digits = run_len(b, i, is_digit);
    let word_end = i + digits + run_len(b, i + digits, is_word);
    if !numeric_start(b, i) {
        // Check digits follow two capitals; the test of the byte before spares the call
        // after the `-`, `.` and `:` inside dates, times and UUIDs.
        if on.contains(Entity::Iban)
            && before(b, i).is_ascii_uppercase()
            && i >= 2
            && iban::may_start(b, i - 2)
        {
            if let Some(end) = iban::scan(b, i - 2) {
                out.push(Candidate::builtin(i - 2, end, Entity::Iban));
                return Some(end.max(word_end));
            }
        }
        return Some(word_end);
    }
    let first = at(b, i);
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
    let card_group = || (5..8).all(|k| is_digit(at(b, i + k)));
    if on.contains(Entity::CreditCard)
        && (digits >= 12 || (digits == 4 && separated && card_group()))
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
    // Both readings want a start that is not glued to a word or to a colon-joined group
    // before it (the `22` of `08:22:16`); testing that once spares both scanners.
    let p = before(b, s);
    if is_word(p) || (p == b':' && is_hex(before2(b, s))) {
        return None;
    }
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
    if !on.contains(Entity::MacAddress) {
        return None;
    }
    // Exactly `group` hex digits, not glued to a word (which a longer hex run would be):
    // the byte before the group rules out most UUID and date dashes at once.
    let s = c.checked_sub(group)?;
    if is_word(before(b, s))
        || !b.get(s..c).is_some_and(|g| g.iter().all(|&h| is_hex(h)))
        || !is_hex(at(b, c + 1))
    {
        return None;
    }
    let end = mac::scan(b, s)?;
    out.push(Candidate::builtin(s, end, Entity::MacAddress));
    Some(end)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn only_the_trigger_bytes_stop_the_walk() {
        let stops: Vec<u8> = (0..=255u8).filter(|&c| window::is_stop(c)).collect();
        assert_eq!(stops, b"(+-.0123456789:@".to_vec());
    }

    /// The stops `walk` visits, given where to resume after each.
    fn visited(b: &[u8], skips: &[usize]) -> Vec<usize> {
        let mut seen = Vec::new();
        walk(b, |pos| {
            seen.push(pos);
            pos + 1 + skips.get(seen.len() % skips.len().max(1)).unwrap_or(&0)
        });
        seen
    }

    /// The same, one byte at a time.
    fn visited_bytewise(b: &[u8], skips: &[usize]) -> Vec<usize> {
        let mut seen = Vec::new();
        let mut i = 0;
        while let Some(k) = b
            .get(i..)
            .and_then(|r| r.iter().position(|&c| window::is_stop(c)))
        {
            let pos = i + k;
            seen.push(pos);
            i = pos + 1 + skips.get(seen.len() % skips.len().max(1)).unwrap_or(&0);
        }
        seen
    }

    #[test]
    fn the_walk_finds_a_stop_in_any_position() {
        for len in 0..140 {
            let mut text = vec![b'x'; len];
            assert!(visited(&text, &[]).is_empty());
            for pos in 0..len {
                text[pos] = b'7';
                assert_eq!(visited(&text, &[]), vec![pos]);
                text[pos] = b'x';
            }
        }
    }

    proptest! {
        #[test]
        fn the_walk_visits_what_a_bytewise_walk_visits(
            text in "[0-9a-z:.@+( /-]{0,300}",
            skips in proptest::collection::vec(
                prop_oneof![0usize..4, 0usize..200],
                0..20,
            ),
        ) {
            let b = text.as_bytes();
            prop_assert_eq!(visited(b, &skips), visited_bytewise(b, &skips));
        }
    }

    /// `mac_separator` as first written: the hex run measured backwards, then the scanner.
    fn mac_separator_reference(b: &[u8], c: usize, group: usize) -> Option<usize> {
        if run_back(b, c, group + 1, is_hex) != group {
            return None;
        }
        let s = c - group;
        if is_word(before(b, s)) || !is_hex(at(b, c + 1)) {
            return None;
        }
        mac::scan(b, s)
    }

    /// `colon` as first written, without the shared test of the byte before the start.
    fn colon_reference(b: &[u8], c: usize) -> Option<usize> {
        let hex = run_back(b, c, 5, is_hex);
        if hex > 4 {
            return None;
        }
        let s = c - hex;
        if hex == 2 {
            if let Some(end) = mac::scan(b, s) {
                return Some(end);
            }
        }
        if ip::v6_may_start(b, s) {
            return ip::scan_v6(b, s);
        }
        None
    }

    proptest! {
        #[test]
        fn early_rejection_agrees_with_the_scanners(
            text in "([0-9a-fA-FxT_ ]|[:.-]|0[0-9]:|[0-9a-f]{2}[:-]|[0-9a-f]{4}\\.){0,30}",
        ) {
            let b = text.as_bytes();
            let on = EntitySet::of(&ENTITIES);
            for c in 0..b.len() {
                let mut out = Vec::new();
                match b[c] {
                    b':' => prop_assert_eq!(colon(b, c, on, &mut out), colon_reference(b, c)),
                    b'-' => prop_assert_eq!(
                        mac_separator(b, c, 2, on, &mut out),
                        mac_separator_reference(b, c, 2)
                    ),
                    b'.' => prop_assert_eq!(
                        mac_separator(b, c, 4, on, &mut out),
                        mac_separator_reference(b, c, 4)
                    ),
                    _ => {}
                }
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
                    window::is_stop(b[i])
                        && stop_at(b, i, EntitySet::EMPTY, &mut out).is_some_and(|r| r != i + 1)
                })
                .collect()
        };
        assert_eq!(stops("x-y e.g. x:y ab::c"), Vec::<usize>::new());
        assert_eq!(stops(r#"{"id":12,"n":"ab1c"}"#), vec![6, 16]);
    }
}
