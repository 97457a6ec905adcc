use proptest::prelude::*;

use super::*;
use crate::body::tests::{keys, redactor};

fn run<R: FieldRedactor>(r: &R, input: &str) -> String {
    rewrite(r, input, &mut Tally::default()).into_owned()
}

#[test]
fn values_and_names_are_redacted_and_other_pairs_kept_byte_for_byte() {
    let r = redactor();
    let table = [
        ("a=1&b=%7e+x", "a=1&b=%7e+x"),
        ("to=a%40b.com&x=%7e", "to=%5BEMAIL%5D&x=%7e"),
        ("to=a@b.com", "to=%5BEMAIL%5D"),
        ("q=mail+a%40b.com+now", "q=mail+%5BEMAIL%5D+now"),
        ("a%40b.com=1&z", "%5BEMAIL%5D=1&z"),
        ("a@b.com", "%5BEMAIL%5D"),
        ("x=1&&to=a@b.com&", "x=1&&to=%5BEMAIL%5D&"),
        // A `%` without two hex digits is literal; the address around it is still found.
        ("v=100%&to=a@b.com%zz", "v=100%&to=%5BEMAIL%5D%25zz"),
        // Bytes that are not UTF-8 are read as U+FFFD.
        ("to=%FFa@b.com&k=%FF", "to=%EF%BF%BD%5BEMAIL%5D&k=%FF"),
        ("", ""),
    ];
    for (input, want) in table {
        assert_eq!(run(&r, input), want, "{input}");
    }
}

#[test]
fn key_decisions_apply_to_decoded_names() {
    let k = keys();
    let table = [
        ("password=hunter2&x=1", "password=%5BSECRET%5D&x=1"),
        ("pass%77ord=x", "pass%77ord=%5BSECRET%5D"),
        ("password", "password"),
        ("drop=1&a=2", "a=2"),
        ("a=2&drop=1", "a=2"),
        ("a=1&drop=x&b=2", "a=1&b=2"),
        ("drop=1&drop=2", ""),
        ("a=1&&drop=2&b=3", "a=1&&b=3"),
        ("&drop=1&b", "&b"),
        ("ctl=x", "ctl=q%22b%5Cs%0A%09%01%7F%C3%A9%3C%26%3E"),
    ];
    for (input, want) in table {
        assert_eq!(run(&k, input), want, "{input}");
    }
}

#[test]
fn counts_each_redacted_value() {
    let mut tally = Tally::default();
    let _ = rewrite(&redactor(), "a=a@b.com&b@c.com=c@d.com", &mut tally);
    assert_eq!(tally.values, 3);
}

#[test]
fn decoding_and_encoding() {
    assert_eq!(decode("a+b%20c%2Bd%"), "a b c+d%");
    assert_eq!(decode("%e2%82%ac"), "€");
    assert_eq!(decode("%4"), "%4");
    let mut out = String::new();
    encode_into(&mut out, "a b*-._~€");
    assert_eq!(out, "a+b*-._%7E%E2%82%AC");
}

proptest! {
    #[test]
    fn forms_without_matches_are_returned_as_they_are(
        form in "([a-z0-9%+.=~-]{0,8}&?){0,8}"
    ) {
        let out = rewrite(&redactor(), &form, &mut Tally::default());
        prop_assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn no_address_survives_decoding(
        pairs in prop::collection::vec(
            ("[a-z@.%+ ]{0,10}", "([a-z]{1,4}@[a-z]{1,4}\\.com|[a-z %+]{0,6}|%[0-9A-F]{2}){0,3}"),
            0..6,
        )
    ) {
        let mut form = String::new();
        for (i, (name, value)) in pairs.iter().enumerate() {
            if i > 0 {
                form.push('&');
            }
            encode_into(&mut form, name);
            form.push('=');
            form.push_str(value);
        }
        let out = run(&redactor(), &form);
        let detector = regex::Regex::new("[a-z]+@[a-z]+\\.com").unwrap();
        for pair in out.split('&') {
            for part in pair.split('=') {
                let decoded = decode(part);
                prop_assert!(!detector.is_match(&decoded), "{:?} -> {:?}", form, out);
            }
        }
    }
}

proptest! {
    #[test]
    fn redaction_is_idempotent(form in "([a-z@.%0-9A-F+]{0,10}=?[a-z@.%0-9A-F+ ]{0,12}&?){0,6}") {
        let r = redactor();
        let once = run(&r, &form);
        let mut tally = Tally::default();
        let twice = rewrite(&r, &once, &mut tally);
        prop_assert_eq!(&twice, &once);
        prop_assert_eq!(tally.values, 0);
    }
}

/// The serializer and the decoder, byte by byte as the URL standard writes them.
fn encode_bytewise(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode_bytewise(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            (b, _, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

proptest! {
    #[test]
    fn encoding_and_decoding_match_the_standard_byte_by_byte(
        text in "[a-zA-Z0-9 *._~+%&=é€\u{1f600}\u{0}-\u{1f}-]{0,30}",
    ) {
        let mut out = String::new();
        encode_into(&mut out, &text);
        prop_assert_eq!(&out, &encode_bytewise(&text));
        prop_assert_eq!(decode(&out), text.as_str());
        prop_assert_eq!(decode(&text), decode_bytewise(&text));
    }
}
