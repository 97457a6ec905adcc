//! Payment card numbers (PANs).
//!
//! A card is 12 to 19 digits, written whole or in groups separated by single spaces or
//! dashes (the same separator throughout, first group of four as every scheme prints it). A
//! candidate must pass the Luhn check *and* start with a prefix a scheme issues at that
//! length, which together reject about 97% of random digit strings of card length.

use super::bytes::{at, is_digit, numeric_end};

const MAX_DIGITS: usize = 19;
const MAX_GROUPS: usize = 8;

/// The end of a card number starting at `start` (a digit at a number boundary), if there is
/// one. When the grouped digits run on (a card followed by ` 2024`), shorter readings that end
/// at a space are tried too.
pub(super) fn scan(b: &[u8], start: usize) -> Option<usize> {
    let mut digits = [0u8; MAX_DIGITS];
    let mut count = 0usize;
    // Per group: its byte end, the digit count so far, and its own length.
    let mut groups = [(0usize, 0usize, 0usize); MAX_GROUPS];
    let mut n_groups = 0usize;
    let mut sep = 0u8;
    let mut i = start;
    let mut complete = true;
    'groups: while n_groups < MAX_GROUPS {
        let group_start = i;
        while is_digit(at(b, i)) {
            let Some(slot) = digits.get_mut(count) else {
                if n_groups == 0 {
                    // One run longer than any card: a longer number, not a card in it.
                    return None;
                }
                complete = false;
                break 'groups;
            };
            *slot = at(b, i) - b'0';
            count += 1;
            i += 1;
        }
        if let Some(g) = groups.get_mut(n_groups) {
            *g = (i, count, i - group_start);
        }
        n_groups += 1;
        let c = at(b, i);
        if (c == b' ' || c == b'-') && (sep == 0 || sep == c) && is_digit(at(b, i + 1)) {
            sep = c;
            i += 1;
        } else {
            break;
        }
    }
    if n_groups == MAX_GROUPS && is_digit(at(b, i)) {
        complete = false;
    }
    for k in (0..n_groups).rev() {
        let last = k + 1 == n_groups && complete;
        // A shorter reading may only stop where a space separates it from the rest.
        if !last && sep != b' ' {
            continue;
        }
        let Some(&(end, len, _)) = groups.get(k) else {
            continue;
        };
        if last && !numeric_end(b, end) {
            continue;
        }
        if !grouping_ok(groups.get(..=k).unwrap_or(&[])) {
            continue;
        }
        if let Some(d) = digits.get(..len) {
            if is_card(d) {
                return Some(end);
            }
        }
    }
    None
}

/// Whole, or a first group of four followed by groups of three to six, the last of any size.
fn grouping_ok(groups: &[(usize, usize, usize)]) -> bool {
    match groups {
        [] => false,
        [_] => true,
        [(_, _, first), middle @ .., (_, _, last)] => {
            *first == 4 && middle.iter().all(|g| (3..=6).contains(&g.2)) && (1..=6).contains(last)
        }
    }
}

/// Luhn plus an issuer prefix valid for this length. `d` holds digit values, not ASCII.
pub(super) fn is_card(d: &[u8]) -> bool {
    (12..=MAX_DIGITS).contains(&d.len()) && issuer_accepts(d) && crate::luhn::is_valid(d)
}

/// The issuer identification ranges of the schemes in use, with the lengths each issues.
fn issuer_accepts(d: &[u8]) -> bool {
    let prefix = |k: usize| -> u32 {
        d.iter()
            .take(k)
            .fold(0u32, |acc, &x| acc * 10 + u32::from(x))
    };
    let len = d.len();
    let (p2, p3, p4) = (prefix(2), prefix(3), prefix(4));
    let long = (16..=19).contains(&len);
    match d.first() {
        // UATP (AirPlus and other airline cards).
        Some(1) => len == 15,
        // Mastercard 2-series, Mir.
        Some(2) => {
            ((2221..=2720).contains(&p4) && len == 16) || ((2200..=2204).contains(&p4) && long)
        }
        Some(3) => {
            // American Express.
            (matches!(p2, 34 | 37) && len == 15)
                // JCB.
                || ((3528..=3589).contains(&p4) && long)
                // Diners Club.
                || (((300..=305).contains(&p3) || p4 == 3095 || matches!(p2, 36 | 38 | 39))
                    && (14..=19).contains(&len))
        }
        // Visa.
        Some(4) => matches!(len, 13 | 16 | 19),
        // Mastercard; Maestro and Dankort in 50 and 56-58.
        Some(5) => {
            ((51..=55).contains(&p2) && len == 16)
                || ((p2 == 50 || (56..=58).contains(&p2)) && (13..=19).contains(&len))
        }
        // Discover, UnionPay, Maestro, RuPay, InstaPayment all live under 6.
        Some(6) => (13..=19).contains(&len),
        // UnionPay and RuPay 8-series.
        Some(8) => matches!(p2, 81 | 82) && len == 16,
        // Troy.
        Some(9) => p4 == 9792 && len == 16,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        let b = text.as_bytes();
        (0..b.len())
            .filter(|&i| is_digit(b[i]) && super::super::bytes::numeric_start(b, i))
            .find_map(|i| scan(b, i).map(|e| &text[i..e]))
    }

    #[test]
    fn valid_cards_in_every_layout() {
        for (text, card) in [
            ("4012888888881881", "4012888888881881"),
            ("pay 4012-8888-8888-1881 now", "4012-8888-8888-1881"),
            ("4012 8888 8888 1881", "4012 8888 8888 1881"),
            ("amex 3714 496353 98431.", "3714 496353 98431"),
            ("371449635398431", "371449635398431"),
            ("diners 3056 930902 5904", "3056 930902 5904"),
            ("5555555555554444", "5555555555554444"),
            ("2223003122003222", "2223003122003222"),
            ("6011000400000000", "6011000400000000"),
            ("3528000700000000", "3528000700000000"),
            ("122000000000003", "122000000000003"),
            ("4222222222222", "4222222222222"),
            ("card 4111 1111 1111 1111 2024", "4111 1111 1111 1111"),
            ("4111111111111111,4012888888881881", "4111111111111111"),
        ] {
            assert_eq!(found(text), Some(card), "{text}");
        }
    }

    #[test]
    fn look_alikes_are_not_cards() {
        for text in [
            "4111111111111112",        // Luhn fails
            "4012-8888-8888-1882",     // Luhn fails
            "41111111111111110",       // 17 digits: no Visa length
            "94111111111111111111",    // 20 digits: too long
            "x4111111111111111",       // glued to a word
            "4111111111111111x",       // glued to a word
            "74111111111111111",       // no issuer starts with 7
            "4111-1111 1111-1111",     // mixed separators
            "41 11 11 11 11 11 11 11", // not a card grouping
            "1714567890123",           // epoch milliseconds
            "0000000000000000",        // no issuer
            "4111111111111111.5",      // part of a decimal
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }

    #[test]
    fn luhn_known_values() {
        let digits = |s: &str| s.bytes().map(|c| c - b'0').collect::<Vec<_>>();
        assert!(crate::luhn::is_valid(&digits("79927398713")));
        assert!(!crate::luhn::is_valid(&digits("79927398710")));
        assert!(!crate::luhn::is_valid(&digits("36168002586008")));
    }
}
