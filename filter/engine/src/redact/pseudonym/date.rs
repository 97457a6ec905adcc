//! Dates under personal fields (date of birth): a valid date in the same format and the same
//! decade.
//!
//! Formats: `YYYY-MM-DD` (also with `/` or `.`), `DD/MM/YYYY` and `MM/DD/YYYY` (also with `-`
//! or `.`), `YYYYMMDD`; each optionally followed by `T` or a space and `HH:MM[:SS]`, then a
//! fraction and a zone, which are kept.
//!
//! The pseudonym keeps the decade, which is what a shadow service's rough age checks need, and
//! replaces the rest with a keyed date and time *of that decade*: every date of a given decade
//! (and format) becomes the same pseudonym. That is deliberate. A date has so little entropy that
//! any keyed tag would let a large share of real dates pass as pseudonyms; with one image point
//! per decade the image point is what any date of its decade becomes anyway, so recognising it
//! leaks nothing but the decade. Still, a real date that *is* the image point comes out as it
//! went in, and one point per year would do that to one birth date in 365; per decade it is one
//! in about 3,650. Day and month are both at most 12 in the ambiguous `A/B/YYYY` formats, so
//! the result is valid whether the consumer reads it day-first or month-first.

use super::{Domain, Keyed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// `YYYY sep MM sep DD`
    YearFirst(char),
    /// `A sep B sep YYYY`, day-first or month-first.
    YearLast(char),
    /// `YYYYMMDD`
    Compact,
}

/// A parsed date: the parts a pseudonym keeps and the widths it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Date<'a> {
    order: Order,
    year: &'a str,
    /// Widths of the two non-year fields as written (1 or 2).
    widths: [usize; 2],
    time: Option<Time>,
    /// Fraction of a second and zone, kept verbatim.
    rest: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Time {
    separator: char,
    seconds: bool,
}

fn number(s: &str, widths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid(year: u32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)
}

pub(super) fn parse(value: &str) -> Option<Date<'_>> {
    let (date, time_part) = match value.find(['T', ' ']) {
        Some(i) => (
            value.get(..i)?,
            Some((value.get(i..i + 1)?, value.get(i + 1..)?)),
        ),
        None => (value, None),
    };
    let (order, year, widths) = parse_date(date)?;
    let (time, rest) = match time_part {
        None => (None, ""),
        Some((sep, text)) => {
            let (time, rest) = parse_time(text)?;
            let separator = sep.chars().next()?;
            (
                Some(Time {
                    separator,
                    seconds: time,
                }),
                rest,
            )
        }
    };
    Some(Date {
        order,
        year,
        widths,
        time,
        rest,
    })
}

fn parse_date(date: &str) -> Option<(Order, &str, [usize; 2])> {
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let year = number(date.get(..4)?, 4..=4)?;
        let month = number(date.get(4..6)?, 2..=2)?;
        let day = number(date.get(6..)?, 2..=2)?;
        return ((1000..=2999).contains(&year) && valid(year, month, day))
            .then(|| (Order::Compact, date.get(..4).unwrap_or(""), [2, 2]));
    }
    let sep = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let fields: Vec<&str> = date.split(sep).collect();
    let [a, b, c] = fields.as_slice() else {
        return None;
    };
    if let Some(year) = number(a, 4..=4) {
        let (month, day) = (number(b, 1..=2)?, number(c, 1..=2)?);
        return valid(year, month, day).then_some((Order::YearFirst(sep), *a, [b.len(), c.len()]));
    }
    let year = number(c, 4..=4)?;
    let (x, y) = (number(a, 1..=2)?, number(b, 1..=2)?);
    (valid(year, y, x) || valid(year, x, y)).then_some((
        Order::YearLast(sep),
        *c,
        [a.len(), b.len()],
    ))
}

/// `HH:MM[:SS]` then an optional fraction and zone; returns whether seconds were present and
/// the fraction-and-zone text.
fn parse_time(text: &str) -> Option<(bool, &str)> {
    let hour = number(text.get(..2)?, 2..=2)?;
    let minute = number(text.get(3..5)?, 2..=2)?;
    if text.get(2..3) != Some(":") || hour > 23 || minute > 59 {
        return None;
    }
    let (seconds, rest) = match text.get(5..6) {
        Some(":") => {
            let second = number(text.get(6..8)?, 2..=2)?;
            if second > 60 {
                return None;
            }
            (true, text.get(8..)?)
        }
        _ => (false, text.get(5..)?),
    };
    valid_rest(rest).then_some((seconds, rest))
}

/// `[.,]digits` then `Z`, `±HH`, `±HHMM` or `±HH:MM`, each optional.
fn valid_rest(rest: &str) -> bool {
    let mut rest = rest;
    if let Some(fraction) = rest.strip_prefix(['.', ',']) {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return false;
        }
        rest = fraction.get(end..).unwrap_or("");
    }
    if rest.is_empty() || rest == "Z" || rest == "z" {
        return true;
    }
    let Some(zone) = rest.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits = zone.replacen(':', "", 1);
    (digits.len() == 2 || digits.len() == 4)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (zone.len() != 5 || zone.get(2..3) == Some(":"))
}

fn render(date: &Date<'_>, year: &str, fields: [u32; 2], time: [u32; 3]) -> String {
    let field = |i: usize| {
        let v = fields.get(i).copied().unwrap_or(1);
        if date.widths.get(i) == Some(&2) {
            format!("{v:02}")
        } else {
            v.to_string()
        }
    };
    let mut out = match date.order {
        Order::YearFirst(sep) => format!("{year}{sep}{}{sep}{}", field(0), field(1)),
        Order::YearLast(sep) => format!("{}{sep}{}{sep}{year}", field(0), field(1)),
        Order::Compact => format!("{year}{}{}", field(0), field(1)),
    };
    if let Some(t) = date.time {
        let [h, m, s] = time;
        out.push(t.separator);
        out.push_str(&format!("{h:02}:{m:02}"));
        if t.seconds {
            out.push_str(&format!(":{s:02}"));
        }
        out.push_str(date.rest);
    }
    out
}

fn image(keyed: &Keyed, date: &Date<'_>) -> String {
    // The seed is everything the pseudonym keeps (the decade and the format: field order,
    // separators, which time fields are written, fraction and zone), nothing it replaces.
    // Not the widths of day and month: a one-digit field may get a two-digit value.
    let decade = date.year.get(..3).unwrap_or("");
    let (order, separator) = match date.order {
        Order::YearFirst(sep) => (b'y', sep),
        Order::YearLast(sep) => (b'l', sep),
        Order::Compact => (b'c', '\0'),
    };
    let time = match date.time {
        None => [0, 0],
        Some(t) => [
            u8::try_from(t.separator).unwrap_or(1),
            1 + u8::from(t.seconds),
        ],
    };
    let mut stream = keyed
        .seed(Domain::Date)
        .bytes(decade.as_bytes())
        .bytes(&[order, u8::try_from(separator).unwrap_or(0)])
        .bytes(&time)
        .bytes(date.rest.as_bytes())
        .stream();
    let year = format!("{decade}{}", stream.within(0..=9));
    let month = stream.within(1..=12);
    let fields = match date.order {
        // Read day-first or month-first, both fields are valid.
        Order::YearLast(_) => [month, stream.within(1..=12)],
        Order::YearFirst(_) | Order::Compact => [month, stream.within(1..=28)],
    };
    let time = [
        stream.within(0..=23),
        stream.within(0..=59),
        stream.within(0..=59),
    ];
    render(date, &year, fields, time)
}

pub(super) fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
    parse(value).map(|date| image(keyed, &date))
}

pub(super) fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
    parse(value).map(|date| image(keyed, &date) == value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::{classes, keyed};

    #[test]
    fn table() {
        let k = keyed();
        for input in [
            "1990-05-17",
            "1990/05/17",
            "17/05/1990",
            "05/17/1990",
            "17.05.1990",
            "19900517",
            "1990-05-17T14:22:31Z",
            "1990-05-17 14:22",
            "1990-05-17T14:22:31.123+02:00",
            "2000-02-29",
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert_eq!(classes(&out), classes(input), "{input} -> {out}");
            assert!(out.contains(if input.contains("2000") { "200" } else { "199" }));
            let date = parse(&out).unwrap();
            assert_eq!(date.order, parse(input).unwrap().order);
            assert_eq!(recognises(&k, &out), Some(true));
        }
    }

    #[test]
    fn ambiguous_formats_are_valid_either_way() {
        let k = keyed();
        let out = pseudonymize(&k, "31/12/1985").unwrap();
        let fields: Vec<u32> = out.split('/').map(|f| f.parse().unwrap()).collect();
        assert!(fields[0] <= 12 && fields[1] <= 12, "{out}");
    }

    #[test]
    fn one_image_per_decade() {
        let k = keyed();
        let a = pseudonymize(&k, "1990-01-01").unwrap();
        let b = pseudonymize(&k, "1999-12-31").unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("199"), "{a}");
        assert_ne!(a, pseudonymize(&k, "1989-01-01").unwrap()[..]);
        assert_ne!(
            a,
            pseudonymize(&Keyed::from_secret(b"another date key"), "1990-01-01").unwrap()
        );
    }

    #[test]
    fn not_a_date() {
        for v in [
            "",
            "1990-13-01",
            "1990-02-30",
            "31/31/1990",
            "12345678",
            "1990-05",
            "1990-05-17T25:00",
            "1990-05-17T10:00 PM",
            "1990-05-17 garbage",
            "1990-05/17",
        ] {
            assert_eq!(parse(v), None, "{v}");
        }
    }
}
