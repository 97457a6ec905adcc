//! The `:path` pseudo-header: path segments, query string and fragment, each redacted in its
//! own decoded form.
//!
//! Segments are redacted one by one, so a finding never spans a `/`, and the delimiters stay
//! where the client put them: the shadow service routes the copy exactly like the original.

use std::borrow::Cow;

use super::percent::{self, Component, Plus};
use super::{query, split_once, Joined, Scan};
use crate::config::Parts;
use crate::redact::Tally;

/// The redacted `:path`, or `None` when nothing in it changed.
pub fn redact(scan: &impl Scan, parts: Parts, raw: &str, tally: &mut Tally) -> Option<String> {
    let (before_fragment, fragment) = match split_once(raw, b'#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (raw, None),
    };
    let (path, query) = match split_once(before_fragment, b'?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_fragment, None),
    };

    let new_path = if parts.path {
        redact_segments(scan, path, tally)
    } else {
        None
    };
    // A fragment is the client's own business and Envoy normally strips it, but one that
    // reaches the filter is as likely as a query string to carry a token
    // (`#access_token=...`), so it follows the query switch.
    let (new_query, new_fragment) = if parts.query {
        (
            query.and_then(|q| query::redact(scan, q, tally)),
            fragment.and_then(|f| redact_component(scan, f, Component::Fragment, tally)),
        )
    } else {
        (None, None)
    };
    if new_path.is_none() && new_query.is_none() && new_fragment.is_none() {
        return None;
    }

    let path = new_path.as_deref().unwrap_or(path);
    let query = query.map(|q| new_query.as_deref().unwrap_or(q));
    let fragment = fragment.map(|f| new_fragment.as_deref().unwrap_or(f));
    // Sized exactly: a pseudonym can be longer than what it replaced.
    let len = |part: Option<&str>| part.map_or(0, |p| p.len() + 1);
    let mut out = String::with_capacity(path.len() + len(query) + len(fragment));
    out.push_str(path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// Redacts each `/`-separated segment; `None` when none changed.
fn redact_segments(scan: &impl Scan, path: &str, tally: &mut Tally) -> Option<String> {
    let mut out: Option<Joined> = None;
    let mut start = 0;
    for segment in path.split('/') {
        let segment_start = start;
        start += segment.len() + 1;
        let new = redact_component(scan, segment, Component::Segment, tally);
        let out = match (&mut out, &new) {
            (Some(out), _) => out,
            (None, None) => continue,
            (None, Some(_)) => out.insert(Joined::after_unchanged(path, segment_start, "/")),
        };
        out.push(new.as_deref().unwrap_or(segment));
    }
    out.map(|joined| joined.text)
}

/// Decodes one component, scans it as text and, if redaction changed it, encodes the result.
fn redact_component(
    scan: &impl Scan,
    raw: &str,
    component: Component,
    tally: &mut Tally,
) -> Option<String> {
    // No finding is empty, so an empty segment (the one before the leading `/`) stays.
    if raw.is_empty() {
        return None;
    }
    let decoded = percent::decode(raw, Plus::Literal);
    let redacted = match component {
        Component::Segment => scan.segment(&decoded, tally),
        _ => scan.text(&decoded, tally),
    };
    match redacted {
        Cow::Owned(new) if new != *decoded => Some(percent::encode(&new, component)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::tests::{custom_redactor, EMAIL};
    use crate::redact::Redactor;
    use proptest::prelude::*;
    use regex::Regex;

    fn run(redactor: &Redactor, raw: &str) -> Option<String> {
        redact(redactor, redactor.parts(), raw, &mut Tally::default())
    }

    #[test]
    fn redacts_segments_query_and_fragment() {
        let r = custom_redactor(r#"{"type":"mask"}"#, "");
        let cases = [
            ("/", None),
            ("/users/42/profile", None),
            ("/users/jane@mail.com", Some("/users/%5BMAIL%5D")),
            ("/users/jane%40mail.com/x", Some("/users/%5BMAIL%5D/x")),
            ("/a%zz/jane@mail.com?x=1", Some("/a%zz/%5BMAIL%5D?x=1")),
            (
                "/u?email=jane@mail.com&x=1",
                Some("/u?email=%5BMAIL%5D&x=1"),
            ),
            ("/u#jane@mail.com", Some("/u#%5BMAIL%5D")),
            ("/u?#", None),
            // A decoded segment containing `/` keeps it escaped.
            ("/jane%40mail.com%2Fx/y", Some("/%5BMAIL%5D%2Fx/y")),
            ("*", None),
        ];
        for (raw, want) in cases {
            assert_eq!(run(&r, raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn remove_operator_cuts_the_match_out_of_its_component() {
        let r = custom_redactor(r#"{"type":"remove"}"#, "");
        assert_eq!(
            run(&r, "/u/to-jane@mail.com/x?a=1&e=jane@mail.com&b=2").as_deref(),
            Some("/u/to-/x?a=1&e=&b=2")
        );
    }

    #[test]
    fn part_switches_are_respected() {
        let raw = "/u/jane@mail.com?e=jane@mail.com#jane@mail.com";
        let only_query = custom_redactor(r#"{"type":"mask"}"#, r#","parts":{"path":false}"#);
        assert_eq!(
            run(&only_query, raw).as_deref(),
            Some("/u/jane@mail.com?e=%5BMAIL%5D#%5BMAIL%5D")
        );
        let only_path = custom_redactor(r#"{"type":"mask"}"#, r#","parts":{"query":false}"#);
        assert_eq!(
            run(&only_path, raw).as_deref(),
            Some("/u/%5BMAIL%5D?e=jane@mail.com#jane@mail.com")
        );
    }

    #[test]
    fn invalid_utf8_in_a_clean_segment_is_kept_byte_for_byte() {
        let r = custom_redactor(r#"{"type":"mask"}"#, "");
        assert_eq!(run(&r, "/%FF%FE/x"), None);
        assert_eq!(
            run(&r, "/%FFjane@mail.com").as_deref(),
            Some("/%EF%BF%BD%5BMAIL%5D")
        );
    }

    fn path_chars() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9/%?#&=+.@:;~ -]{0,60}"
    }

    proptest! {
        #[test]
        fn a_path_without_matches_is_unchanged(raw in "[a-fA-F0-9/%?#&=+.@:;~ -]{0,60}") {
            // Escapes never span a delimiter, so a match in no decoded form of the whole path
            // is a match in no decoded component.
            let email = Regex::new(EMAIL).unwrap();
            prop_assume!(!email.is_match(&percent::decode(&raw, Plus::Literal)));
            prop_assume!(!email.is_match(&percent::decode(&raw, Plus::Space)));
            let r = custom_redactor(r#"{"type":"mask"}"#, "");
            prop_assert_eq!(run(&r, &raw), None);
        }

        #[test]
        fn no_match_survives_in_decoded_segments(
            prefix in path_chars(),
            user in "[a-z]{1,8}",
            suffix in path_chars(),
        ) {
            let r = custom_redactor(r#"{"type":"mask"}"#, "");
            let raw = format!("/{prefix}{user}%40mail.com/{suffix}");
            let out = run(&r, &raw).unwrap_or(raw);
            let email = Regex::new(EMAIL).unwrap();
            let (before_fragment, fragment) = out.split_once('#').unwrap_or((&out, ""));
            let (path, query) = before_fragment.split_once('?').unwrap_or((before_fragment, ""));
            for segment in path.split('/') {
                let decoded = percent::decode(segment, Plus::Literal);
                prop_assert!(!email.is_match(&decoded), "{}", out);
            }
            for param in query.split('&') {
                let decoded = percent::decode(param, Plus::Space);
                prop_assert!(!email.is_match(&decoded), "{}", out);
            }
            prop_assert!(!email.is_match(&percent::decode(fragment, Plus::Literal)), "{}", out);
        }

        #[test]
        fn never_panics(raw in "\\PC{0,80}", remove in any::<bool>()) {
            let op = if remove { r#"{"type":"remove"}"# } else { r#"{"type":"mask"}"# };
            let _ = run(&custom_redactor(op, ""), &raw);
        }
    }
}
