//! The structural pass: one walk over the bytes that stops only where a detector could
//! start (a digit, `@`, `:`, `+`, `(`, `-`, `.`) and runs the scanners for that spot.
//!
//! The walk finds its stops sixty-four bytes at a time ([`window`]). At a digit that starts a number, every
//! numeric scanner is tried and the longest match is kept; then the walk jumps past the
//! word (or the match), so a run of digits is examined once, not once per digit. Tokens of
//! machine-written text whose every stop the walk would settle without a finding (ISO
//! timestamps, UUID tails, the rest of `4.3` or `2024-05`) are passed over at their first
//! stop ([`tokens`]).

use super::bytes::{at, before, before2, is_digit, is_hex, is_word, run_back, run_len};
use super::candidate::{Candidate, EntitySet};
use super::window;
use super::{card, email, iban, ip, mac, phone, ssn, tokens, wallet};
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
    walk(b, |pos| stop_at::<true>(b, pos, on, out));
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
        // Past the stop, so past `base`.
        let resume = visit(pos).max(pos + 1);
        let passed = resume - base;
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
/// start there; returns where to resume (`pos + 1` when nothing was found there).
///
/// Written as a chain of tests rather than a `match` on the byte class: a jump table's
/// indirect branch is mispredicted most of the time on mixed text, conditional branches
/// much less often. Most stops in log lines (the digits and separators inside dates, times
/// and UUIDs) are settled here by the bytes around them; the scanners and the number
/// shapes sit behind calls that are not inlined, so that this common path stays short.
///
/// With `TOKENS`, a timestamp, a UUID tail or the rest of a dotted or dashed number
/// ([`tokens`]) is passed over at its first stop; the tests turn that off to compare the
/// walk with and without it.
#[inline(always)]
fn stop_at<const TOKENS: bool>(
    b: &[u8],
    pos: usize,
    on: EntitySet,
    out: &mut Vec<Candidate>,
) -> usize {
    let next = pos + 1;
    let c = at(b, pos);
    let p = before(b, pos);
    if is_digit(c) {
        // The tests of `numeric_start`, made here once: a digit glued to a word, or the `05`
        // of `2024-05-01`, starts no number (and, with no capital before, no IBAN).
        if is_word(p) {
            // After a capital it may be an IBAN's check digits.
            if p.is_ascii_uppercase() && on.contains(Entity::Iban) {
                return after_capital(b, pos, on, out);
            }
        } else if !(matches!(p, b'.' | b'-' | b'/' | b':') && is_digit(before2(b, pos))) {
            return number::<TOKENS>(b, pos, on, out);
        }
        // The digit itself is part of the word.
        return next + run_len(b, next, is_word);
    }
    let n = at(b, next);
    if c == b':' {
        // An IPv6 or MAC colon follows a hex digit, or starts `::`; not the colons of a time.
        if (is_hex(p) || n == b':') && !joined_pair_before(b, pos) {
            return colon(b, pos, on, out).unwrap_or(next);
        }
        return next;
    }
    if c == b'-' || c == b'.' {
        // A MAC group is two (`-`) or four (`.`) hex digits not glued to a word, and the
        // next group ends with the same separator: the byte before the group rules out the
        // dashes of UUIDs, the byte after the next group those of dates, without a call.
        let group = if c == b'-' { 2 } else { 4 };
        let mac = is_hex(p)
            && is_hex(n)
            && !is_word(before(b, pos.saturating_sub(group)))
            && at(b, pos + group + 1) == c;
        if mac {
            return mac_separator(b, pos, group, on, out).unwrap_or(next);
        }
        if TOKENS && c == b'-' && at(b, pos + 5) == b'-' {
            return tokens::uuid_tail_end(b, pos).unwrap_or(next);
        }
        return next;
    }
    if c == b'@' {
        return at_sign(b, pos, on, out).unwrap_or(next);
    }
    if !is_digit(n) {
        return next;
    }
    let phone = if c == b'+' {
        phone::scan_plus(b, pos)
    } else {
        phone::scan_paren(b, pos)
    };
    found(out, on, Entity::Phone, pos, phone).unwrap_or(next)
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

/// A digit glued to the word before it, which may be an IBAN's check digits after its
/// country code; returns where to resume.
#[inline(never)]
fn after_capital(b: &[u8], i: usize, on: EntitySet, out: &mut Vec<Candidate>) -> usize {
    let word_end = i + run_len(b, i, is_word);
    // The test of the byte before spares the scanner after the `-`, `.` and `:` inside
    // dates, times and UUIDs.
    if on.contains(Entity::Iban)
        && before(b, i).is_ascii_uppercase()
        && i >= 2
        && iban::may_start(b, i - 2)
    {
        if let Some(end) = iban::scan(b, i - 2) {
            out.push(Candidate::builtin(i - 2, end, Entity::Iban));
            return end.max(word_end);
        }
    }
    word_end
}

/// A digit where a number may start: every number-shaped detector whose shape the digits
/// could start (`425-`, `4111 `, `10.`, 12+ digits); the longest match is kept.
///
/// Inlined: most of these are numbers no detector can start (`status=200 `), settled
/// without a call; the number-shape scanners are out of line.
#[inline(always)]
fn number<const TOKENS: bool>(
    b: &[u8],
    i: usize,
    on: EntitySet,
    out: &mut Vec<Candidate>,
) -> usize {
    // The digit at `i` is one.
    let digits = 1 + run_len(b, i + 1, is_digit);
    if let Some(resume) = no_detector_starts(b, i, digits) {
        return resume;
    }
    if TOKENS && digits == 4 && at(b, i + 4) == b'-' {
        if let Some(resume) = tokens::timestamp_end(b, i) {
            return resume;
        }
    }
    let shapes = shapes(b, i, digits).intersect(on);
    if shapes.is_empty() {
        let end = i + digits + run_len(b, i + digits, is_word);
        if TOKENS && end == i + digits {
            if let Some(resume) = tokens::continuation_end(b, end) {
                return resume;
            }
        }
        return end;
    }
    shaped_number(b, i, digits, shapes, out)
}

/// Where to resume after a number no detector's shape can start: fewer than nine digits
/// followed by a letter (the groups of a UUID; only a wallet address, starting `0x`, `1` or
/// `3`, continues so), by a byte that no grouped or dotted shape continues with (`[6]`,
/// `=200&`), or by a separator and then no digit (`status=404 duration`). `None` when
/// [`shaped_number`] must look.
#[inline(always)]
fn no_detector_starts(b: &[u8], i: usize, digits: usize) -> Option<usize> {
    if digits >= 9 {
        return None;
    }
    let after = at(b, i + digits);
    if is_word(after) {
        let wallet = matches!(at(b, i), b'0' | b'1' | b'3');
        return (!wallet).then(|| i + digits + run_len(b, i + digits, is_word));
    }
    if !matches!(after, b' ' | b'-' | b'.' | b'(' | b':') {
        return Some(i + digits);
    }
    // A separator not followed by a digit (`404 status`, `5 by`) continues only a MAC
    // address (`08-ab-…`, `0800.2b3c.…`) or a parenthesised area code.
    let next = at(b, i + digits + 1);
    let continued = after == b'('
        || is_digit(next)
        || next == b'('
        || (is_hex(next) && matches!(digits, 2 | 4));
    (!continued).then_some(i + digits)
}

/// The number-shaped detectors whose shape the `digits` digits at `i` may start, judged
/// from a few bytes each (`425-`, `4111 111`, `10.0.`, 12+ digits, `0x`); what
/// [`shaped_number`] runs. Inlined, so that a number none of them can start (the year of a
/// date, a rating such as `4.5`) costs no call.
#[inline(always)]
fn shapes(b: &[u8], i: usize, digits: usize) -> EntitySet {
    let first = at(b, i);
    let after = at(b, i + digits);
    let next = at(b, i + digits + 1);
    let separated = matches!(after, b' ' | b'-' | b'.');
    // A grouped card continues with a group of at least three digits (`4111 111…`).
    let card_group = || (5..8).all(|k| is_digit(at(b, i + k)));
    // Each test short-circuits on the count of digits first: most numbers fail them all.
    let mut set = EntitySet::EMPTY;
    let mut offer = |entity: Entity, may: bool| {
        if may {
            set = set.with(entity);
        }
    };
    offer(
        Entity::CreditCard,
        digits >= 12 || (digits == 4 && separated && card_group()),
    );
    offer(
        Entity::UsSsn,
        digits == 9 || (digits == 3 && ssn_may_start(b, i)),
    );
    offer(
        Entity::Phone,
        matches!(digits, 10 | 11)
            || (digits <= 5 && phone_group_may_start(first, digits, after, next)),
    );
    offer(
        Entity::IpAddress,
        digits <= 3 && ipv4_may_start(b, i + digits),
    );
    // A MAC address whose first groups are all digits (`08-00-27-12-34-AB`) also reads as a
    // dashed national phone number; offered here, the whole address outlasts the phone.
    offer(
        Entity::MacAddress,
        (digits == 2 && matches!(after, b':' | b'-')) || (digits == 4 && after == b'.'),
    );
    // Base58 has letters: past the digits, the word must go on (or the digits be many).
    offer(
        Entity::BitcoinAddress,
        matches!(first, b'1' | b'3') && (digits >= 26 || is_word(after)),
    );
    offer(Entity::EthereumAddress, first == b'0' && after == b'x');
    set
}

/// The scanners of the number-shaped detectors in `shapes` at a number start of `digits`
/// digits; the longest match is kept.
#[inline(never)]
fn shaped_number(
    b: &[u8],
    i: usize,
    digits: usize,
    shapes: EntitySet,
    out: &mut Vec<Candidate>,
) -> usize {
    let word_end = i + digits + run_len(b, i + digits, is_word);
    let mut best: Option<(usize, Entity)> = None;
    let mut consider = |entity: Entity, end: Option<usize>| {
        if let Some(end) = end {
            if best.is_none_or(|(e, _)| end > e) {
                best = Some((end, entity));
            }
        }
    };
    if shapes.contains(Entity::CreditCard) {
        consider(Entity::CreditCard, card::scan(b, i));
    }
    if shapes.contains(Entity::UsSsn) {
        consider(Entity::UsSsn, ssn::scan(b, i));
    }
    if shapes.contains(Entity::Phone) {
        consider(Entity::Phone, phone::scan_digits(b, i));
    }
    if shapes.contains(Entity::IpAddress) {
        consider(Entity::IpAddress, ip::scan_v4(b, i));
    }
    if shapes.contains(Entity::MacAddress) {
        consider(Entity::MacAddress, mac::scan(b, i));
    }
    if shapes.contains(Entity::BitcoinAddress) && (26..=35).contains(&(word_end - i)) {
        consider(Entity::BitcoinAddress, wallet::scan_base58(b, i, word_end));
    }
    if shapes.contains(Entity::EthereumAddress) {
        consider(Entity::EthereumAddress, wallet::scan_ethereum(b, i));
    }
    match best {
        Some((end, entity)) => {
            out.push(Candidate::builtin(i, end, entity));
            // The rest of the word (or the match) holds no other number start.
            end.max(word_end)
        }
        None => word_end,
    }
}

/// Whether an IPv4 address may go on at `dot` after its first octet: a dot, one to three
/// digits, a dot (`10.0.`). A shortcut of what [`ip::scan_v4`] checks first, so that a
/// decimal (`4.5 out of 5`) costs no call.
#[inline(always)]
fn ipv4_may_start(b: &[u8], dot: usize) -> bool {
    let octet = run_len(b, dot + 1, is_digit);
    at(b, dot) == b'.' && (1..=3).contains(&octet) && at(b, dot + 1 + octet) == b'.'
}

/// Whether a delimited SSN (`AAA-GG-SSSS`) may start at the three digits at `i`: the same
/// separator after the area and the group, a digit after the first. A shortcut of what
/// [`ssn::scan`] checks first, so that a three-digit number (`status=404 `) costs no call.
#[inline(always)]
fn ssn_may_start(b: &[u8], i: usize) -> bool {
    let sep = at(b, i + 3);
    matches!(sep, b' ' | b'-' | b'.') && at(b, i + 6) == sep && is_digit(at(b, i + 4))
}

/// Whether a grouped phone number may start with the run of `digits` digits (at most five)
/// starting with `first` and followed by `after` and `next`: a separator and a digit or
/// `(` (or a `(` right away), after a first group that opens a grouped number (`425`, `1`,
/// `020`, `0044`). A shortcut of what [`phone::scan_digits`] checks first.
#[inline(always)]
fn phone_group_may_start(first: u8, digits: usize, after: u8, next: u8) -> bool {
    let grouped =
        after == b'(' || (matches!(after, b' ' | b'-' | b'.') && (is_digit(next) || next == b'('));
    grouped && (digits == 3 || (digits == 1 && first == b'1') || (first == b'0' && digits >= 2))
}

#[inline(never)]
fn at_sign(b: &[u8], i: usize, on: EntitySet, out: &mut Vec<Candidate>) -> Option<usize> {
    if !on.contains(Entity::Email) {
        return None;
    }
    let (start, end) = email::scan(b, i)?;
    out.push(Candidate::builtin(start, end, Entity::Email));
    Some(end)
}

/// Whether the colon at `c` follows exactly two hex digits glued to a word or to an earlier
/// colon-joined group (`T08:`, `08:15:`): a start [`colon`] rejects, tested without a call.
#[inline(always)]
fn joined_pair_before(b: &[u8], c: usize) -> bool {
    let q = c.checked_sub(3).map_or(0, |j| at(b, j));
    is_hex(before(b, c))
        && is_hex(before2(b, c))
        && !is_hex(q)
        && (is_word(q) || (q == b':' && c.checked_sub(4).is_some_and(|j| is_hex(at(b, j)))))
}

/// A colon: the first colon of an IPv6 or colon-separated MAC address, whose start is the
/// (at most four) hex digits before it.
#[inline(never)]
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
#[inline(never)]
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

    use super::super::bytes::numeric_start;
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

    /// A digit as first handled, without the shortcuts of `stop_at`: a number where one may
    /// start, else a skip over the word (or an IBAN after a capital).
    fn digit(b: &[u8], i: usize, on: EntitySet, out: &mut Vec<Candidate>) -> Option<usize> {
        if !numeric_start(b, i) {
            return Some(after_capital(b, i, on, out));
        }
        let digits = run_len(b, i, is_digit);
        Some(shaped_number(
            b,
            i,
            digits,
            every_shape(b, i, digits).intersect(on),
            out,
        ))
    }

    /// The number-shaped detectors offered a number when only their rules on its count of
    /// digits and the bytes around it decide, without the shortcuts of `shapes` (the tests of
    /// the groups that follow, which only spare their scanners a call).
    fn every_shape(b: &[u8], i: usize, digits: usize) -> EntitySet {
        let (first, after) = (at(b, i), at(b, i + digits));
        let offered = [
            (
                Entity::CreditCard,
                digits >= 12 || (digits == 4 && matches!(after, b' ' | b'-' | b'.')),
            ),
            (Entity::UsSsn, digits == 9 || digits == 3),
            (Entity::Phone, matches!(digits, 10 | 11) || digits <= 5),
            (Entity::IpAddress, digits <= 3),
            (
                Entity::MacAddress,
                (digits == 2 && matches!(after, b':' | b'-')) || (digits == 4 && after == b'.'),
            ),
            (Entity::BitcoinAddress, matches!(first, b'1' | b'3')),
            (Entity::EthereumAddress, first == b'0' && after == b'x'),
        ];
        offered
            .iter()
            .filter(|(_, offered)| *offered)
            .fold(EntitySet::EMPTY, |set, &(entity, _)| set.with(entity))
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
                        && stop_at::<false>(b, i, EntitySet::EMPTY, &mut out) != i + 1
                })
                .collect()
        };
        assert_eq!(stops("x-y e.g. x:y ab::c"), Vec::<usize>::new());
        assert_eq!(stops(r#"{"id":12,"n":"ab1c"}"#), vec![6, 16]);
    }

    /// Text made of the shapes the shortcuts settle and the values they must not hide: dates,
    /// times, UUIDs (some all digits, so a card, an SSN or a phone sits in their groups),
    /// hex runs, IBANs, grouped and dotted numbers, glued by separators and letters.
    fn shaped_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[0-9]{1,12}",
            "[0-9a-fA-F]{1,8}",
            "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z",
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "[0-9]{8}-[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{12}",
            "[0-9]{3}-[0-9]{2}-[0-9]{4}",
            "4111[ -]1111[ -]1111[ -]1111",
            "\\(?[2-9][0-9]{2}\\)?[ .-][2-9][0-9]{2}[ .-][0-9]{4}",
            "0[0-9]{1,3}[ -][0-9]{3,4}[ -][0-9]{4}",
            "(GB82WEST12345698765432|DE89370400440532013000|[A-Z]{2}[0-9]{2})",
            "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
            "[0-9a-f]{2}([:-][0-9a-f]{2}){5}",
            "[0-9]{2}[:-][a-f][0-9a-f]([:-][0-9a-f]{2}){4}",
            "[0-9a-f]{4}(\\.[0-9a-f]{4}){2}",
            "[0-9a-f]{1,4}(::?[0-9a-f]{1,4}){1,7}|[0-2][0-9]:[0-5][0-9]",
            "0x[0-9a-f]{40}|[13][1-9A-HJ-NP-Za-km-z]{25,33}",
            // Timestamps and UUID tails as the token shortcuts take them, and near misses.
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{1,3}",
            "-([0-9a-fA-F]{4}-){3}[0-9]{0,11}[a-fA-F]{0,2}[0-9a-f]{0,4}",
            "[a-f]{3}-(0[0-9]{3}|[0-9]{4}|[0-9a-f]{4})(-([0-9]{4}|[0-9a-f]{4})){2}-[0-9a-f]{12}",
            "[ .:/@+(),=xX_\\[\\]-]{1,2}",
            "[a-zA-Z_]{1,3}",
        ];
        proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        // The shortcuts fail on a handful of shapes (an IPv4 address with a three-digit
        // octet, the colons of an IPv6 address): enough cases to meet them on every run.
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn a_number_no_detector_starts_is_one_every_detector_passes(text in shaped_text()) {
            let b = text.as_bytes();
            let on = EntitySet::of(&ENTITIES);
            for i in (0..b.len()).filter(|&i| is_digit(b[i]) && numeric_start(b, i)) {
                let digits = run_len(b, i, is_digit);
                if let Some(resume) = no_detector_starts(b, i, digits) {
                    let mut out = Vec::new();
                    let shapes = every_shape(b, i, digits).intersect(on);
                    prop_assert_eq!(shaped_number(b, i, digits, shapes, &mut out), resume);
                    prop_assert!(out.is_empty(), "{} at {}: {:?}", text, i, out);
                }
            }
        }

        #[test]
        fn the_shape_tests_pass_every_number_their_scanner_takes(text in shaped_text()) {
            let b = text.as_bytes();
            for i in (0..b.len()).filter(|&i| is_digit(b[i]) && numeric_start(b, i)) {
                let digits = run_len(b, i, is_digit);
                let (after, next) = (at(b, i + digits), at(b, i + digits + 1));
                if digits == 3 && ssn::scan(b, i).is_some() {
                    prop_assert!(ssn_may_start(b, i), "{} at {}", text, i);
                }
                if digits <= 5 && phone::scan_digits(b, i).is_some() {
                    prop_assert!(phone_group_may_start(b[i], digits, after, next), "{} at {}", text, i);
                }
                if ip::scan_v4(b, i).is_some() {
                    prop_assert!(ipv4_may_start(b, i + digits), "{} at {}", text, i);
                }
            }
        }

        #[test]
        fn a_stop_settled_by_its_neighbours_is_one_its_scanner_passes(text in shaped_text()) {
            let b = text.as_bytes();
            let on = EntitySet::of(&ENTITIES);
            for pos in (0..b.len()).filter(|&i| window::is_stop(b[i])) {
                let mut fast = Vec::new();
                let got = stop_at::<false>(b, pos, on, &mut fast);
                let mut full = Vec::new();
                let want = match b[pos] {
                    c if is_digit(c) => digit(b, pos, on, &mut full),
                    b'-' => mac_separator(b, pos, 2, on, &mut full),
                    b'.' => mac_separator(b, pos, 4, on, &mut full),
                    b':' => colon(b, pos, on, &mut full),
                    _ => continue,
                };
                prop_assert_eq!(got, want.unwrap_or(pos + 1), "{} at {}", &text, pos);
                prop_assert_eq!(fast, full, "{} at {}", &text, pos);
            }
        }

        #[test]
        fn a_token_passed_over_is_one_whose_stops_the_walk_settles(text in shaped_text()) {
            let b = text.as_bytes();
            let on = EntitySet::of(&ENTITIES);
            for pos in (0..b.len()).filter(|&i| window::is_stop(b[i])) {
                let mut out = Vec::new();
                let skip = stop_at::<true>(b, pos, on, &mut out);
                if skip == stop_at::<false>(b, pos, on, &mut Vec::new()) {
                    continue;
                }
                prop_assert!(out.is_empty());
                // The walk without the shortcut, from the same stop: no finding, and it
                // resumes where the shortcut resumes (or finds no stop before it).
                let mut resume = pos;
                while let Some(stop) = (resume..skip).find(|&i| window::is_stop(b[i])) {
                    resume = stop_at::<false>(b, stop, on, &mut out).max(stop + 1);
                    prop_assert!(out.is_empty(), "{} at {}: {:?}", &text, stop, out);
                    prop_assert!(resume <= skip, "{} at {}: {} past {}", &text, stop, resume, skip);
                }
            }
        }

        #[test]
        fn the_walk_finds_what_it_finds_without_the_token_shortcuts(text in shaped_text()) {
            let b = text.as_bytes();
            let on = EntitySet::of(&ENTITIES);
            let mut with = Vec::new();
            walk(b, |pos| stop_at::<true>(b, pos, on, &mut with));
            let mut without = Vec::new();
            walk(b, |pos| stop_at::<false>(b, pos, on, &mut without));
            prop_assert_eq!(with, without, "{}", &text);
        }
    }
}
