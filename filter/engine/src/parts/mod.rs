//! Redaction of the request line and headers: path segments, query parameters, fragment,
//! cookies and header values.
//!
//! Each part is decoded the way the application will read it before it is scanned, and only
//! what redaction changed is written back, so an untouched part keeps the client's exact bytes.

pub mod cookie;
pub mod path;
pub mod percent;
pub mod query;

use std::borrow::Cow;

use crate::config::Parts;
use crate::headers::Headers;
use crate::redact::{FieldAction, Redactor, Tally};

/// What the part rewriters ask of the redactor. [`Redactor`] is the implementation the filter
/// uses; the trait exists so that every [`FieldAction`] a rewriter can receive is exercised
/// in tests, whatever the configured detectors happen to produce.
pub trait Scan {
    /// See [`Redactor::text`].
    fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str>;
    /// See [`Redactor::segment`].
    fn segment<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str>;
    /// See [`Redactor::field`].
    fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction;
    /// See [`Redactor::header`].
    fn header(&self, name: &str, value: &str, tally: &mut Tally) -> FieldAction;
}

impl Scan for Redactor {
    fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        Redactor::text(self, text, tally)
    }

    fn segment<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        Redactor::segment(self, text, tally)
    }

    fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        Redactor::field(self, key, value, tally)
    }

    fn header(&self, name: &str, value: &str, tally: &mut Tally) -> FieldAction {
        Redactor::header(self, name, value, tally)
    }
}

/// Redacts `:path` (segments, query, fragment), cookies and every other header value, as
/// `redactor.parts()` allows. Returns whether anything changed.
pub fn redact_headers(redactor: &Redactor, headers: &mut Headers, tally: &mut Tally) -> bool {
    redact_with(redactor, redactor.parts(), headers, tally)
}

/// [`redact_headers`] with any [`Scan`]. Header values are handled one by one: of a header
/// sent twice, only the value that must go is removed.
pub fn redact_with(
    scan: &impl Scan,
    parts: Parts,
    headers: &mut Headers,
    tally: &mut Tally,
) -> bool {
    headers.rewrite(|name, value| redact_value(scan, parts, name, value, tally))
}

/// `text` split around the first `byte` (ASCII): [`str::split_once`] without the general
/// character search, whose setup costs more than the scan on values this short.
fn split_once(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Pieces (path segments, parameters, cookies) joined with a separator: a rewritten part is
/// built in one buffer, from the first piece that changes.
#[derive(Debug)]
struct Joined {
    text: String,
    /// Whether a piece was pushed (a piece may be empty).
    any: bool,
    separator: &'static str,
}

impl Joined {
    /// Starts after the pieces of `raw` that come before byte `end`, unchanged: `end` is the
    /// start of a piece, so when it is not 0 a separator of one byte precedes it.
    fn after_unchanged(raw: &str, end: usize, separator: &'static str) -> Self {
        let mut text = String::with_capacity(raw.len() + 16);
        text.push_str(raw.get(..end.saturating_sub(1)).unwrap_or(""));
        Self {
            text,
            any: end > 0,
            separator,
        }
    }

    /// Starts empty, with room for `capacity` bytes.
    fn with_capacity(capacity: usize, separator: &'static str) -> Self {
        Self {
            text: String::with_capacity(capacity),
            any: false,
            separator,
        }
    }

    fn push(&mut self, piece: &str) {
        if self.any {
            self.text.push_str(self.separator);
        }
        self.text.push_str(piece);
        self.any = true;
    }
}

fn redact_value(
    scan: &impl Scan,
    parts: Parts,
    name: &str,
    value: &str,
    tally: &mut Tally,
) -> FieldAction {
    match name {
        ":path" => match path::redact(scan, parts, value, tally) {
            Some(new) => FieldAction::Replace(new),
            None => FieldAction::Keep,
        },
        // `:authority`, `:method`, `:scheme`: routing data that the rules, not redaction, own.
        _ if name.starts_with(':') => FieldAction::Keep,
        "cookie" if parts.cookies => cookie::redact(scan, value, tally),
        "cookie" => FieldAction::Keep,
        _ if parts.headers => scan.header(name, value, tally),
        _ => FieldAction::Keep,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::RedactionConfig;
    use crate::redact::Keyed;

    /// The custom detector every parts test redacts with.
    pub(crate) const EMAIL: &str = "[a-z]+@[a-z]+\\.com";

    /// A redactor whose only detector is [`EMAIL`] (named `mail`) with `operator`: every
    /// built-in detector and the key-name classifier are off. `extra` is spliced into the
    /// `redaction` object (e.g. `,"parts":{"path":false}`).
    pub(crate) fn custom_redactor(operator: &str, extra: &str) -> Redactor {
        let builtins: Vec<String> = crate::Entity::ALL
            .iter()
            .map(|e| {
                format!(
                    "{}:{{\"enabled\":false}}",
                    serde_json::to_string(e).unwrap()
                )
            })
            .collect();
        let json = format!(
            r#"{{"detectors":{{{}}},"fields":{{"enabled":false}},"custom":[{{"name":"mail","pattern":"{}","operator":{operator}}}]{extra}}}"#,
            builtins.join(","),
            EMAIL.replace('\\', "\\\\")
        );
        let cfg: RedactionConfig = serde_json::from_str(&json).unwrap();
        Redactor::compile(&cfg, Keyed::from_secret(b"parts-test-key-0123456789")).unwrap()
    }

    /// A redactor with a fixed field classification on top: `password` is removed and `name`
    /// masked, whatever their values, as a configured field classifier would.
    pub(crate) struct Classifying(pub Redactor);

    impl Scan for Classifying {
        fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
            self.0.text(text, tally)
        }

        fn segment<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
            self.0.segment(text, tally)
        }

        fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
            match key {
                "password" => FieldAction::Remove,
                "name" => FieldAction::Replace("[NAME]".to_owned()),
                _ => self.0.field(key, value, tally),
            }
        }

        fn header(&self, name: &str, value: &str, tally: &mut Tally) -> FieldAction {
            self.field(name, value, tally)
        }
    }

    fn headers(pairs: &[(&str, &str)]) -> Headers {
        Headers::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn every_part_is_redacted_and_the_rest_left_alone() {
        let r = custom_redactor(r#"{"type":"mask"}"#, "");
        let mut h = headers(&[
            (":authority", "jane@mail.com"),
            (":method", "GET"),
            (":path", "/u/jane@mail.com?e=jane@mail.com"),
            ("cookie", "a=1; u=jane@mail.com"),
            ("x-user", "jane@mail.com"),
            ("content-type", "jane@mail.com"),
            ("authorization", "Bearer abc"),
            ("x-other", "nothing"),
        ]);
        let mut tally = Tally::default();
        assert!(redact_headers(&r, &mut h, &mut tally));
        assert_eq!(
            h,
            headers(&[
                (":authority", "jane@mail.com"),
                (":method", "GET"),
                (":path", "/u/%5BMAIL%5D?e=%5BMAIL%5D"),
                ("cookie", "a=1; u=[MAIL]"),
                ("x-user", "[MAIL]"),
                ("content-type", "jane@mail.com"),
                ("authorization", "Bearer [AUTH_CREDENTIAL]"),
                ("x-other", "nothing"),
            ])
        );
        assert_eq!(tally.values, 5);
    }

    #[test]
    fn forwarded_for_is_scanned_as_text() {
        let cfg: RedactionConfig = serde_json::from_str(
            r#"{"custom":[{"name":"ip","pattern":"\\b\\d{1,3}(\\.\\d{1,3}){3}\\b"}]}"#,
        )
        .unwrap();
        let r = Redactor::compile(&cfg, Keyed::from_secret(b"parts-test-key-0123456789")).unwrap();
        let mut h = headers(&[("x-forwarded-for", "203.0.113.7, 10.0.0.1")]);
        assert!(redact_headers(&r, &mut h, &mut Tally::default()));
        assert_eq!(h.get("x-forwarded-for"), Some("[IP], [IP]"));
    }

    #[test]
    fn part_switches_are_respected() {
        let original = headers(&[
            (":path", "/jane@mail.com?e=jane@mail.com"),
            ("cookie", "u=jane@mail.com"),
            ("x-user", "jane@mail.com"),
        ]);
        let off = r#","parts":{"path":false,"query":false,"headers":false,"cookies":false}"#;
        let mut h = original.clone();
        let r = custom_redactor(r#"{"type":"mask"}"#, off);
        assert!(!redact_headers(&r, &mut h, &mut Tally::default()));
        assert_eq!(h, original);

        let only_cookies = r#","parts":{"path":false,"query":false,"headers":false}"#;
        let r = custom_redactor(r#"{"type":"mask"}"#, only_cookies);
        assert!(redact_headers(&r, &mut h, &mut Tally::default()));
        assert_eq!(h.get("cookie"), Some("u=[MAIL]"));
        assert_eq!(h.get("x-user"), Some("jane@mail.com"));
    }

    #[test]
    fn only_the_emptied_cookie_header_is_removed() {
        let c = Classifying(custom_redactor(r#"{"type":"mask"}"#, ""));
        let mut h = headers(&[
            ("cookie", "password=x"),
            ("x-a", "1"),
            ("cookie", "theme=dark; password=y"),
            ("password", "hunter2"),
            ("password", "hunter3"),
        ]);
        let parts = Parts::default();
        assert!(redact_with(&c, parts, &mut h, &mut Tally::default()));
        assert_eq!(h, headers(&[("x-a", "1"), ("cookie", "theme=dark")]));
    }

    proptest::proptest! {
        /// `Redactor::text` leaves short letters-only words unscanned when no custom pattern
        /// is configured: no built-in detector may ever find anything in one.
        #[test]
        fn no_builtin_detector_finds_anything_in_a_short_word(
            word in "[a-zA-Z]{0,15}",
            prefix in proptest::sample::select(vec!["", "AKIA", "ASIA", "AIza", "eyJ", "xox", "bc", "ghp", "IBAN", "DE"]),
        ) {
            let word: String = format!("{prefix}{word}").chars().take(15).collect();
            let detectors = crate::detect::Detectors::compile(&RedactionConfig::default()).unwrap();
            proptest::prop_assert!(detectors.find(&word).is_empty(), "{}", word);
        }
    }

    #[test]
    fn a_short_word_is_still_redacted_by_its_key_or_a_custom_pattern() {
        let c = Classifying(custom_redactor(r#"{"type":"mask"}"#, ""));
        let mut h = headers(&[(":path", "/x?name=Jane&q=desc"), ("name", "Jane")]);
        assert!(redact_with(
            &c,
            Parts::default(),
            &mut h,
            &mut Tally::default()
        ));
        assert_eq!(h.get(":path"), Some("/x?name=%5BNAME%5D&q=desc"));
        assert_eq!(h.get("name"), Some("[NAME]"));

        let cfg: RedactionConfig =
            serde_json::from_str(r#"{"custom":[{"name":"word","pattern":"dark"}]}"#).unwrap();
        let r = Redactor::compile(&cfg, Keyed::from_secret(b"parts-test-key-0123456789")).unwrap();
        let mut h = headers(&[("x-theme", "dark")]);
        assert!(redact_headers(&r, &mut h, &mut Tally::default()));
        assert_eq!(h.get("x-theme"), Some("[WORD]"));
    }
}
