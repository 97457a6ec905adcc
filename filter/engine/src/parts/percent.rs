//! Percent-decoding and -encoding of URL components and cookie values.
//!
//! Detection runs on decoded text, so that `jane%40example.com` is seen as the e-mail address
//! it is; only a component that redaction changed is encoded again, so everything else keeps
//! the exact bytes the client sent (a proxy that re-encodes untouched parts breaks signatures
//! and cache keys).

use std::borrow::Cow;

/// How `+` is read while decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plus {
    /// `+` is a literal plus sign (path segments, cookies).
    Literal,
    /// `+` stands for a space (`application/x-www-form-urlencoded`, i.e. query strings).
    Space,
}

/// Decodes `%XX` escapes (and `+` when asked). An escape that is not two hex digits is kept
/// as written. Decoded bytes that are not UTF-8 become U+FFFD: detection needs text, and a
/// component that is then rewritten no longer needs those bytes.
pub fn decode(raw: &str, plus: Plus) -> Cow<'_, str> {
    let needs_work = raw
        .bytes()
        .any(|b| b == b'%' || (b == b'+' && plus == Plus::Space));
    if !needs_work {
        return Cow::Borrowed(raw);
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let escaped = match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(&hi), Some(&lo)) => hex_value(hi).zip(hex_value(lo)),
                    _ => None,
                };
                match escaped {
                    Some((hi, lo)) => {
                        out.push(hi << 4 | lo);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' if plus == Plus::Space => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(text) => Cow::Owned(text),
        Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Which bytes a component may carry unescaped. Everything else, `%` included, is encoded, so
/// that decoding the output gives back exactly the text that was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// RFC 3986 `pchar`: unreserved, sub-delims, `:` and `@`.
    Segment,
    /// A query key or value: `pchar` plus `/` and `?`, minus the delimiters of
    /// `k=v&k=v` and `+` (which the decoder reads as a space).
    QueryPart,
    /// A fragment: `pchar`, `/` and `?`.
    Fragment,
    /// RFC 6265 `cookie-octet`: visible ASCII except `"`, `,`, `;` and `\`.
    Cookie,
}

impl Component {
    const fn allows(self, b: u8) -> bool {
        let unreserved = b.is_ascii_alphanumeric() || among(b"-._~", b);
        let sub_delim = among(b"!$&'()*+,;=", b);
        match self {
            Component::Segment => unreserved || sub_delim || b == b':' || b == b'@',
            Component::QueryPart => unreserved || among(b"!$'()*,;:@/?", b),
            Component::Fragment => unreserved || sub_delim || among(b":@/?", b),
            Component::Cookie => matches!(b, 0x21..=0x7e) && !among(b"\",;\\%", b),
        }
    }

    /// The ASCII bytes it allows, as a bit set: encoding tests each byte with one shift.
    const fn allowed(self) -> u128 {
        let mut set = 0u128;
        let mut b = 0u8;
        while b < 128 {
            if self.allows(b) {
                set |= 1 << b;
            }
            b += 1;
        }
        set
    }
}

const fn among(set: &[u8], b: u8) -> bool {
    let mut i = 0;
    while i < set.len() {
        if set[i] == b {
            return true;
        }
        i += 1;
    }
    false
}

/// [`Component::allowed`] of each component, worked out at compile time.
const SEGMENT: u128 = Component::Segment.allowed();
const QUERY_PART: u128 = Component::QueryPart.allowed();
const FRAGMENT: u128 = Component::Fragment.allowed();
const COOKIE: u128 = Component::Cookie.allowed();

/// Percent-encodes `text` for `component` (upper-case hex, as RFC 3986 recommends).
pub fn encode(text: &str, component: Component) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text, component);
    out
}

/// [`encode`], appending to `out`: a rewritten part is built in one buffer. Runs of allowed
/// bytes are copied whole.
pub fn encode_into(out: &mut String, text: &str, component: Component) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let allowed = match component {
        Component::Segment => SEGMENT,
        Component::QueryPart => QUERY_PART,
        Component::Fragment => FRAGMENT,
        Component::Cookie => COOKIE,
    };
    out.reserve(text.len());
    // Start of the run of allowed bytes not copied yet: always an ASCII byte (or the end),
    // so a char boundary.
    let mut run = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b < 128 && (allowed >> b) & 1 == 1 {
            continue;
        }
        out.push_str(text.get(run..i).unwrap_or(""));
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
        run = i + 1;
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decodes_escapes_and_keeps_invalid_ones_literally() {
        let cases = [
            ("plain", Plus::Literal, "plain"),
            ("a%40b", Plus::Literal, "a@b"),
            ("a%4", Plus::Literal, "a%4"),
            ("%zz%41", Plus::Literal, "%zzA"),
            ("100%", Plus::Literal, "100%"),
            ("a+b", Plus::Literal, "a+b"),
            ("a+b%2B", Plus::Space, "a b+"),
            ("%C3%A9", Plus::Literal, "é"),
            ("%FF", Plus::Literal, "\u{FFFD}"),
        ];
        for (raw, plus, want) in cases {
            assert_eq!(decode(raw, plus), want, "{raw}");
        }
    }

    #[test]
    fn untouched_input_is_borrowed() {
        assert!(matches!(decode("a+b", Plus::Literal), Cow::Borrowed(_)));
        assert!(matches!(decode("a+b", Plus::Space), Cow::Owned(_)));
    }

    #[test]
    fn encodes_what_the_component_does_not_allow() {
        assert_eq!(
            encode("[MAIL] a/b%", Component::Segment),
            "%5BMAIL%5D%20a%2Fb%25"
        );
        assert_eq!(encode("a&b=c+d/e", Component::QueryPart), "a%26b%3Dc%2Bd/e");
        assert_eq!(encode("x y;\"z\"", Component::Cookie), "x%20y%3B%22z%22");
        assert_eq!(encode("é", Component::Fragment), "%C3%A9");
    }

    proptest! {
        #[test]
        fn encoding_then_decoding_gives_the_text_back(text in "\\PC{0,40}") {
            for component in [Component::Segment, Component::Fragment, Component::Cookie] {
                let encoded = encode(&text, component);
                prop_assert_eq!(decode(&encoded, Plus::Literal), text.as_str());
            }
            let encoded = encode(&text, Component::QueryPart);
            prop_assert_eq!(decode(&encoded, Plus::Space), text.as_str());
        }

        #[test]
        fn decoding_never_panics(raw in "[%+a-fA-F0-9\\x00-\\x7f\u{e9}]{0,40}") {
            let _ = decode(&raw, Plus::Space);
            let _ = decode(&raw, Plus::Literal);
        }
    }
}
