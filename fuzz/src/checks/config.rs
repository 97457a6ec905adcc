//! The plugin configuration: any document is compiled or refused, never a panic; and a refusal
//! never repeats a value from the document, because configurations hold keys and tokens and
//! the error goes to Envoy's log.

use std::ops::Range;
use std::sync::OnceLock;

use mirrorguard_engine::http1::{self, Request};
use mirrorguard_engine::{ConfigError, PluginConfig, Policy};

use super::fixtures::{env, Counter, ENV_SECRET};
use super::request;

/// Values this long or shorter may appear in a message by chance (`false`, `mirrored`
/// aside, short words are everywhere), so only longer ones are looked for.
const SHORT_VALUE: usize = 6;

pub fn config(data: &[u8]) {
    let message = match compile(data) {
        Ok(policy) => {
            // Whatever compiles must also run.
            let _ = request::run(&policy, sample_request());
            return;
        }
        Err(error) => error.to_string(),
    };
    assert!(
        !message.contains(ENV_SECRET),
        "the error repeats a value read from the environment: {message}"
    );
    let leak = repeated_value(data, &message, &error_message);
    assert!(
        leak.is_none(),
        "the error repeats the configured value {leak:?}: {message}"
    );
}

fn error_message(data: &[u8]) -> Option<String> {
    compile(data).err().map(|e| e.to_string())
}

fn compile(data: &[u8]) -> Result<Policy, ConfigError> {
    let cfg = PluginConfig::from_json(data)?;
    let (policy, _warnings) = Policy::compile(&cfg, &env, &mut Counter::default())?;
    Ok(policy)
}

/// A request with something for every part of a policy to act on, and an authority that a
/// `mirrored` scope recognises.
fn sample_request() -> &'static Request {
    static CELL: OnceLock<Request> = OnceLock::new();
    CELL.get_or_init(|| {
        let body = r#"{"email":"jane.doe@example.com","pin_code":"1234","nickname":"jd","order":"ORD-123456"}"#;
        let raw = format!(
            "POST /users/jane.doe@example.com?ref=ORD-123456&token=tok_ABCDEFGH12 HTTP/1.1\r\n\
             Host: shop.example.com-shadow\r\n\
             Content-Type: application/json\r\n\
             Cookie: session=9f8e7d6c5b4a; email=jane%40example.com\r\n\
             Authorization: Bearer tok_ABCDEFGH12\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        http1::parse(raw.as_bytes()).expect("the sample request parses")
    })
}

/// A value of the document (longer than [`SHORT_VALUE`]) that the message repeats.
///
/// A value can be in a message by coincidence: it is also a word of the message's own text, or
/// also a key, which the field path names by design. So each value found in the message is
/// disguised (the case of its letters swapped, its digits rotated) everywhere it occurs as a
/// value, and the document compiled again: the value was copied from the document when the
/// new message holds the disguise instead. `refuse` gives the message for a document, if
/// it is refused.
fn repeated_value(
    data: &[u8],
    message: &str,
    refuse: &dyn Fn(&[u8]) -> Option<String>,
) -> Option<String> {
    let strings = json_strings(data);
    let values = strings.iter().filter(|s| !s.is_key).map(|s| &s.value);
    // The name of an environment variable (`"fromEnv": "NAME"`) is a name, not a value: the
    // message says which variable is missing, by design.
    let compact: Vec<u8> = data
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let env_name = |v: &str| {
        let needle = format!("\"fromEnv\":\"{v}\"");
        compact
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    };
    for value in values.filter(|v| !env_name(v)) {
        if value.chars().count() <= SHORT_VALUE || !message.contains(value.as_str()) {
            continue;
        }
        let disguise = disguise(value);
        let Some(again) = refuse(&replace_values(data, &strings, value, &disguise)) else {
            continue;
        };
        if again.contains(&disguise) && !again.contains(value.as_str()) {
            return Some(value.clone());
        }
    }
    None
}

/// The value with the case of its letters swapped and its digits rotated, which keeps most
/// of its meaning (a pattern stays a pattern); a value with neither becomes letters.
fn disguise(value: &str) -> String {
    let swapped: String = value
        .chars()
        .map(|c| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            'A'..='Z' => c.to_ascii_lowercase(),
            '9' => '0',
            '0'..='8' => char::from(c as u8 + 1),
            _ => c,
        })
        .collect();
    if swapped != value {
        return swapped;
    }
    value
        .chars()
        .enumerate()
        .map(|(i, _)| if i % 2 == 0 { 'Z' } else { 'q' })
        .collect()
}

/// A string literal of a (possibly broken) JSON document.
#[derive(Debug)]
struct JsonString {
    /// Bytes of the literal, quotes included.
    span: Range<usize>,
    value: String,
    /// In key position: first in an object or after a comma in one. serde reports an unknown
    /// key before it reads the colon, so a key is known by where it stands, not by a `:`.
    is_key: bool,
}

/// The string literals of a document, in order. Lenient, because serde reports errors about
/// values before it reaches a syntax error further on; a literal that does not decode is
/// skipped.
fn json_strings(data: &[u8]) -> Vec<JsonString> {
    let mut out = Vec::new();
    // Open containers, and the last byte outside a string that is not whitespace.
    let mut open: Vec<u8> = Vec::new();
    let mut previous = 0u8;
    let mut at = 0;
    while let Some(&b) = data.get(at) {
        match b {
            b'"' => {
                let mut end = at + 1;
                while let Some(&c) = data.get(end) {
                    match c {
                        b'"' => break,
                        b'\\' => end += 2,
                        _ => end += 1,
                    }
                }
                if end >= data.len() {
                    break;
                }
                let span = at..end + 1;
                at = span.end;
                let is_key = open.last() == Some(&b'{') && matches!(previous, b'{' | b',');
                previous = b'"';
                if let Some(Ok(value)) = data.get(span.clone()).map(serde_json::from_slice) {
                    out.push(JsonString {
                        span,
                        value,
                        is_key,
                    });
                }
                continue;
            }
            b'{' | b'[' => open.push(b),
            b'}' | b']' => {
                open.pop();
            }
            _ => {}
        }
        if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            previous = b;
        }
        at += 1;
    }
    out
}

/// The document with every value literal equal to `value` replaced by `with`.
fn replace_values(data: &[u8], strings: &[JsonString], value: &str, with: &str) -> Vec<u8> {
    let literal = serde_json::to_vec(with).unwrap_or_default();
    let mut out = Vec::with_capacity(data.len() + 16);
    let mut copied = 0;
    for s in strings.iter().filter(|s| !s.is_key && s.value == value) {
        out.extend_from_slice(data.get(copied..s.span.start).unwrap_or_default());
        out.extend_from_slice(&literal);
        copied = s.span.end;
    }
    out.extend_from_slice(data.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_not_keys() {
        let doc = br#"{"a\"b": "x\u0041y", "k" :"v","bad":"\x", "l": ["p", "q"], "u" } "w""#;
        let found: Vec<_> = json_strings(doc)
            .into_iter()
            .map(|s| (s.value, s.is_key))
            .collect();
        assert_eq!(
            found,
            [
                ("a\"b".to_owned(), true),
                ("xAy".to_owned(), false),
                ("k".to_owned(), true),
                ("v".to_owned(), false),
                ("bad".to_owned(), true),
                ("l".to_owned(), true),
                ("p".to_owned(), false),
                ("q".to_owned(), false),
                ("u".to_owned(), true),
                ("w".to_owned(), false),
            ]
        );
        let replaced = replace_values(doc, &json_strings(doc), "xAy", "Q");
        assert_eq!(
            replaced,
            br#"{"a\"b": "Q", "k" :"v","bad":"\x", "l": ["p", "q"], "u" } "w""#
        );
    }

    /// A stand-in compiler whose message quotes the `name` member and adds fixed text.
    fn quoting(data: &[u8]) -> Option<String> {
        let doc: serde_json::Value = serde_json::from_slice(data).ok()?;
        let name = doc.get("name")?.as_str()?;
        Some(format!("invalid plugin config: `{name}` is not set"))
    }

    #[test]
    fn a_copied_value_is_told_from_message_text() {
        let leak = br#"{"name":"UNSET_PASSWORD","other":"UNSET_PASSWORD"}"#;
        let message = quoting(leak).unwrap();
        assert_eq!(
            repeated_value(leak, &message, &quoting).as_deref(),
            Some("UNSET_PASSWORD")
        );
        // In the message, but as its own text, and as a key the path would name.
        let text = br#"{"name":"x","scope":"plugin config","is not set":"is not set"}"#;
        let message = quoting(text).unwrap();
        assert!(message.contains("plugin config"));
        assert_eq!(repeated_value(text, &message, &quoting), None);
        // Nothing to swap or rotate: replaced by letters, and told apart the same way.
        let symbols = br#"{"name":"-------"}"#;
        let message = quoting(symbols).unwrap();
        assert_eq!(
            repeated_value(symbols, &message, &quoting).as_deref(),
            Some("-------")
        );
        // Whitespace that is also part of a key the path names (a broken document, as the
        // fuzzer writes them, where serde names the key before it finds the error).
        let spaces = br#"{"author            " "            "}"#;
        let names_the_key = |_: &[u8]| Some("unknown field `author            `".to_owned());
        let message = names_the_key(spaces).unwrap();
        assert_eq!(repeated_value(spaces, &message, &names_the_key), None);
    }

    #[test]
    fn the_real_compiler_is_not_fooled_by_message_text() {
        let doc = br#"{"scope":"invalid plugin config"}"#;
        let message = error_message(doc).unwrap();
        assert!(message.contains("invalid plugin config"), "{message}");
        assert_eq!(repeated_value(doc, &message, &error_message), None);
    }
}
