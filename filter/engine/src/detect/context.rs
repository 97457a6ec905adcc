//! Evidence around a candidate whose own digits cannot prove what it is: a bare nine-digit
//! SSN, an Ethereum address without its EIP-55 checksum. Such a value counts when it is the
//! whole value (a form field, a JSON string, a search term: the place says what it is), or
//! when a keyword that names it comes shortly before it in running text.

/// How far before a value its keyword may start (`Social Security Number (SSN): `).
pub(super) const KEYWORD_WINDOW: usize = 40;

/// A word that names what follows it; `whole` asks for word boundaries on both sides (`ssn`,
/// not `lessn`), otherwise the phrase may sit inside a longer word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Keyword {
    pub text: &'static [u8],
    pub whole: bool,
}

impl Keyword {
    pub(super) const fn word(text: &'static [u8]) -> Self {
        Keyword { text, whole: true }
    }

    pub(super) const fn phrase(text: &'static [u8]) -> Self {
        Keyword { text, whole: false }
    }
}

/// Whether `start..end` is all of `b` but surrounding white space.
pub(super) fn whole_value(b: &[u8], start: usize, end: usize) -> bool {
    let blank = |s: Option<&[u8]>| s.is_some_and(|s| s.iter().all(u8::is_ascii_whitespace));
    blank(b.get(..start)) && blank(b.get(end..))
}

/// Whether one of `keywords` occurs, in any case, in the [`KEYWORD_WINDOW`] bytes before
/// `start`.
pub(super) fn keyword_before(b: &[u8], start: usize, keywords: &[Keyword]) -> bool {
    let Some(window) = b.get(start.saturating_sub(KEYWORD_WINDOW)..start) else {
        return false;
    };
    let word = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
    keywords.iter().any(|k| {
        window.windows(k.text.len()).enumerate().any(|(i, w)| {
            w.eq_ignore_ascii_case(k.text)
                && !(k.whole
                    && (word(i.checked_sub(1).and_then(|j| window.get(j)))
                        || word(window.get(i + k.text.len()))))
        })
    })
}

/// Whether the value at `start` is the value of a `key=value` or `key: value` pair in running
/// text (`wallet=0x…`, `to: "0x…"`): blanks and one quote may come between.
pub(super) fn after_pair(b: &[u8], start: usize) -> bool {
    let mut i = start;
    let mut quoted = false;
    while let Some(&c) = i.checked_sub(1).and_then(|j| b.get(j)) {
        match c {
            b' ' | b'\t' => {}
            b'"' | b'\'' if !quoted => quoted = true,
            b'=' | b':' => return true,
            _ => return false,
        }
        i -= 1;
    }
    false
}

/// Either of the two: the value stands alone, or a keyword names it.
pub(super) fn names(b: &[u8], start: usize, end: usize, keywords: &[Keyword]) -> bool {
    whole_value(b, start, end) || keyword_before(b, start, keywords)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[Keyword] = &[Keyword::word(b"ssn"), Keyword::phrase(b"social security")];

    fn named(text: &str) -> bool {
        let start = text.rfind(' ').map_or(0, |i| i + 1);
        names(text.as_bytes(), start, text.len(), KEYS)
    }

    #[test]
    fn a_value_is_named_by_standing_alone_or_by_a_keyword() {
        for text in [
            "x",
            " x",
            "SSN: x",
            "my Social Security number is x",
            "(ssn) x",
        ] {
            assert!(named(text), "{text}");
        }
        for text in [
            "order x",
            "lessn x",
            "ssnx x",
            &format!("ssn {} x", "a".repeat(40)),
        ] {
            assert!(!named(text), "{text}");
        }
        assert!(whole_value(b"\t x \r\n", 2, 3));
        for (text, start) in [("a=x", 2), ("to: \"x", 5), ("k :'x", 4)] {
            assert!(after_pair(text.as_bytes(), start), "{text}");
        }
        for (text, start) in [("x", 0), ("a x", 2), ("a=\"\"x", 4), ("a=b x", 4)] {
            assert!(!after_pair(text.as_bytes(), start), "{text}");
        }
        assert!(!whole_value(b"x.", 0, 1));
    }
}
