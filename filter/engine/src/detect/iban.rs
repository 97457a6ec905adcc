//! International Bank Account Numbers.
//!
//! A candidate must have its country's exact length, match the country's BBAN layout (which
//! positions are letters, digits or either, as published in the SWIFT IBAN registry) and pass
//! the ISO 13616 mod-97 check. Written compact (`DE89370400440532013000`) or in groups of
//! four separated by single spaces (`DE89 3704 0044 0532 0130 00`), upper case.

use super::bytes::{at, is_digit, is_word};

/// Country, total length, BBAN layout: runs of `n` digits, `a` capital letters, `c` either.
const COUNTRIES: [(&[u8; 2], usize, &str); 88] = [
    (b"AD", 24, "8n12c"),
    (b"AE", 23, "3n16n"),
    (b"AL", 28, "8n16c"),
    (b"AT", 20, "16n"),
    (b"AZ", 28, "4a20c"),
    (b"BA", 20, "16n"),
    (b"BE", 16, "12n"),
    (b"BG", 22, "4a6n8c"),
    (b"BH", 22, "4a14c"),
    (b"BI", 27, "23n"),
    (b"BR", 29, "23n1a1c"),
    (b"BY", 28, "4c4n16c"),
    (b"CH", 21, "5n12c"),
    (b"CR", 22, "18n"),
    (b"CY", 28, "8n16c"),
    (b"CZ", 24, "20n"),
    (b"DE", 22, "18n"),
    (b"DJ", 27, "23n"),
    (b"DK", 18, "14n"),
    (b"DO", 28, "4c20n"),
    (b"EE", 20, "16n"),
    (b"EG", 29, "25n"),
    (b"ES", 24, "20n"),
    (b"FI", 18, "14n"),
    (b"FK", 18, "2a12n"),
    (b"FO", 18, "14n"),
    (b"FR", 27, "10n11c2n"),
    (b"GB", 22, "4a14n"),
    (b"GE", 22, "2a16n"),
    (b"GI", 23, "4a15c"),
    (b"GL", 18, "14n"),
    (b"GR", 27, "7n16c"),
    (b"GT", 28, "4c20c"),
    (b"HR", 21, "17n"),
    (b"HU", 28, "24n"),
    (b"IE", 22, "4a14n"),
    (b"IL", 23, "19n"),
    (b"IQ", 23, "4a15n"),
    (b"IS", 26, "22n"),
    (b"IT", 27, "1a10n12c"),
    (b"JO", 30, "4a4n18c"),
    (b"KW", 30, "4a22c"),
    (b"KZ", 20, "3n13c"),
    (b"LB", 28, "4n20c"),
    (b"LC", 32, "4a24c"),
    (b"LI", 21, "5n12c"),
    (b"LT", 20, "16n"),
    (b"LU", 20, "3n13c"),
    (b"LV", 21, "4a13c"),
    (b"LY", 25, "21n"),
    (b"MC", 27, "10n11c2n"),
    (b"MD", 24, "20c"),
    (b"ME", 22, "18n"),
    (b"MK", 19, "3n10c2n"),
    (b"MN", 20, "16n"),
    (b"MR", 27, "23n"),
    (b"MT", 31, "4a5n18c"),
    (b"MU", 30, "4a19n3a"),
    (b"NI", 28, "4a20n"),
    (b"NL", 18, "4a10n"),
    (b"NO", 15, "11n"),
    (b"OM", 23, "3n16c"),
    (b"PK", 24, "4a16c"),
    (b"PL", 28, "24n"),
    (b"PS", 29, "4a21c"),
    (b"PT", 25, "21n"),
    (b"QA", 29, "4a21c"),
    (b"RO", 24, "4a16c"),
    (b"RS", 22, "18n"),
    (b"RU", 33, "14n15c"),
    (b"SA", 24, "2n18c"),
    (b"SC", 31, "4a20n3a"),
    (b"SD", 18, "14n"),
    (b"SE", 24, "20n"),
    (b"SI", 19, "15n"),
    (b"SK", 24, "20n"),
    (b"SM", 27, "1a10n12c"),
    (b"SO", 23, "19n"),
    (b"ST", 25, "21n"),
    (b"SV", 28, "4a20n"),
    (b"TL", 23, "19n"),
    (b"TN", 24, "20n"),
    (b"TR", 26, "5n1n16c"),
    (b"UA", 29, "6n19c"),
    (b"VA", 22, "18n"),
    (b"VG", 24, "4a16n"),
    (b"XK", 20, "16n"),
    (b"YE", 30, "4a4n18c"),
];

const MAX_LEN: usize = 34;

fn is_upper_alnum(c: u8) -> bool {
    c.is_ascii_uppercase() || is_digit(c)
}

/// Whether an IBAN may start at `s`: two capitals then two digits, not glued to a word.
pub(super) fn may_start(b: &[u8], s: usize) -> bool {
    at(b, s).is_ascii_uppercase()
        && at(b, s + 1).is_ascii_uppercase()
        && is_digit(at(b, s + 2))
        && is_digit(at(b, s + 3))
        && s.checked_sub(1).is_none_or(|p| !is_word(at(b, p)))
}

/// The end of an IBAN starting at `s` (where [`may_start`] holds).
pub(super) fn scan(b: &[u8], s: usize) -> Option<usize> {
    let country = [at(b, s), at(b, s + 1)];
    let &(_, len, layout) = COUNTRIES.iter().find(|(c, _, _)| **c == country)?;
    let mut chars = [0u8; MAX_LEN];
    let mut n = 0;
    let mut take = |c: u8, n: &mut usize| -> Option<()> {
        *chars.get_mut(*n)? = c;
        *n += 1;
        Some(())
    };
    for k in 0..4 {
        take(at(b, s + k), &mut n)?;
    }
    let mut i = s + 4;
    if at(b, i) == b' ' {
        // Groups of four; only the last may be shorter, and it must end the IBAN exactly.
        while n < len {
            if at(b, i) != b' ' {
                return None;
            }
            i += 1;
            let group_start = i;
            while is_upper_alnum(at(b, i)) && i - group_start < 4 {
                take(at(b, i), &mut n)?;
                i += 1;
            }
            let group = i - group_start;
            if group == 0 || (group < 4 && n < len) || n > len {
                return None;
            }
        }
    } else {
        while is_upper_alnum(at(b, i)) {
            take(at(b, i), &mut n)?;
            i += 1;
        }
    }
    if n != len || is_word(at(b, i)) {
        return None;
    }
    let iban = chars.get(..len)?;
    (layout_ok(iban.get(4..)?, layout) && mod97(iban) == 1).then_some(i)
}

/// Whether `bban` follows a registry layout such as `4a14n`.
fn layout_ok(bban: &[u8], layout: &str) -> bool {
    let mut pos = 0usize;
    let mut count = 0usize;
    for c in layout.bytes() {
        if c.is_ascii_digit() {
            count = count * 10 + usize::from(c - b'0');
            continue;
        }
        let Some(part) = bban.get(pos..pos + count) else {
            return false;
        };
        let ok = match c {
            b'n' => part.iter().all(u8::is_ascii_digit),
            b'a' => part.iter().all(u8::is_ascii_uppercase),
            _ => part.iter().all(|&x| is_upper_alnum(x)),
        };
        if !ok {
            return false;
        }
        pos += count;
        count = 0;
    }
    pos == bban.len()
}

/// ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. The
/// number is reduced only when it nears 2^50 (about every thirteen digits).
fn mod97(iban: &[u8]) -> u32 {
    let (head, tail) = iban.split_at(4.min(iban.len()));
    let mut r = 0u64;
    for &c in tail.iter().chain(head) {
        r = if c.is_ascii_digit() {
            r * 10 + u64::from(c - b'0')
        } else {
            r * 100 + u64::from(c.wrapping_sub(b'A')) + 10
        };
        if r >= 1 << 50 {
            r %= 97;
        }
    }
    (r % 97) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        let b = text.as_bytes();
        (0..b.len())
            .filter(|&i| may_start(b, i))
            .find_map(|i| scan(b, i).map(|e| &text[i..e]))
    }

    #[test]
    fn layouts_add_up_to_their_lengths() {
        for (country, len, layout) in COUNTRIES {
            let total: usize = layout
                .split(|c: char| c.is_ascii_alphabetic())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<usize>().unwrap())
                .sum();
            assert_eq!(total + 4, len, "{}", String::from_utf8_lossy(country));
        }
        let mut names: Vec<_> = COUNTRIES.iter().map(|c| c.0).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), COUNTRIES.len());
    }

    #[test]
    fn ibans() {
        for (text, iban) in [
            ("DE89370400440532013000", "DE89370400440532013000"),
            (
                "IBAN: DE89 3704 0044 0532 0130 00.",
                "DE89 3704 0044 0532 0130 00",
            ),
            ("GB29NWBK60161331926819", "GB29NWBK60161331926819"),
            ("NO9386011117947", "NO9386011117947"),
            (
                "MT84MALT011000012345MTLCAST001S",
                "MT84MALT011000012345MTLCAST001S",
            ),
            (
                "VG96 VPVG 0000 0123 4567 8901 X",
                "VG96 VPVG 0000 0123 4567 8901",
            ),
        ] {
            assert_eq!(found(text), Some(iban), "{text}");
        }
    }

    #[test]
    fn not_ibans() {
        for text in [
            "DE89370400440532013001",       // checksum
            "DE8937040044053201300",        // short
            "DE893704004405320130000",      // long
            "GB29 1WBK 6016 1331 9268 19",  // letter position holds a digit
            "GI75 aWBK 0000 0000 7099 453", // lower case
            "EE38 2200 2210  014 5686",     // double space
            "AM47212110090000000235698740", // no IBAN in Armenia
            "xDE89370400440532013000",      // glued
            "IL15 0120 6900 0000 3111 0120 6900 0000 3111 141",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }
}
