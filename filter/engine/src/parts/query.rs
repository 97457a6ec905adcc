//! Query strings: `k=v&k=v`, each parameter redacted as a field under its key.
//!
//! Parameters keep their order, and a parameter redaction did not touch keeps its exact bytes
//! (including its own choice of `+` or `%20`), so the copy differs from the original only
//! where personal data was.

use std::borrow::Cow;

use super::percent::{self, Component, Plus};
use super::{split_once, Joined, Scan};
use crate::redact::{FieldAction, Tally};

/// The redacted query string (without the `?`), or `None` when nothing in it changed.
pub fn redact(scan: &impl Scan, raw: &str, tally: &mut Tally) -> Option<String> {
    // Built from the first parameter that changes: until then the output is `raw` itself.
    let mut out: Option<Joined> = None;
    let mut start = 0;
    for param in raw.split('&') {
        let rewrite = redact_param(scan, param, tally);
        let param_start = start;
        start += param.len() + 1;
        let out = match (&mut out, &rewrite) {
            (Some(out), _) => out,
            (None, FieldAction::Keep) => continue,
            (None, _) => out.insert(Joined::after_unchanged(raw, param_start, "&")),
        };
        match &rewrite {
            FieldAction::Keep => out.push(param),
            FieldAction::Replace(new) => out.push(new),
            FieldAction::Remove => {}
        }
    }
    out.map(|joined| joined.text)
}

/// One parameter. The value is judged under its key as sent; the key is scanned as text too,
/// because clients do put addresses in keys (`?jane@example.com=subscribed`). A parameter
/// without `=` is a bare value under an empty key.
fn redact_param(scan: &impl Scan, param: &str, tally: &mut Tally) -> FieldAction {
    if param.is_empty() {
        return FieldAction::Keep;
    }
    let Some((raw_key, raw_value)) = split_once(param, b'=') else {
        return match value_rewrite(scan, "", param, tally) {
            // Nothing left of a bare parameter: leave no empty `&&` behind.
            FieldAction::Replace(new) if new.is_empty() => FieldAction::Remove,
            FieldAction::Replace(new) => {
                FieldAction::Replace(percent::encode(&new, Component::QueryPart))
            }
            other => other,
        };
    };
    let key = percent::decode(raw_key, Plus::Space);
    let new_value = match value_rewrite(scan, &key, raw_value, tally) {
        FieldAction::Keep => None,
        FieldAction::Replace(new) => Some(new),
        FieldAction::Remove => return FieldAction::Remove,
    };
    let new_key = match scan.text(&key, tally) {
        Cow::Owned(new) if new != *key => Some(new),
        _ => None,
    };
    if new_key.is_none() && new_value.is_none() {
        return FieldAction::Keep;
    }
    // Room for what is written, and for a few escapes.
    let key_len = new_key.as_ref().map_or(raw_key.len(), String::len);
    let value_len = new_value.as_ref().map_or(raw_value.len(), String::len);
    let mut out = String::with_capacity(key_len + 1 + value_len + 16);
    match new_key {
        Some(new) => percent::encode_into(&mut out, &new, Component::QueryPart),
        None => out.push_str(raw_key),
    }
    out.push('=');
    match new_value {
        Some(new) => percent::encode_into(&mut out, &new, Component::QueryPart),
        None => out.push_str(raw_value),
    }
    FieldAction::Replace(out)
}

/// The decoded replacement of a raw value, if any.
fn value_rewrite(scan: &impl Scan, key: &str, raw_value: &str, tally: &mut Tally) -> FieldAction {
    let value = percent::decode(raw_value, Plus::Space);
    match scan.field(key, &value, tally) {
        FieldAction::Keep => FieldAction::Keep,
        FieldAction::Replace(new) if new == *value => FieldAction::Keep,
        FieldAction::Replace(new) => FieldAction::Replace(new),
        FieldAction::Remove => FieldAction::Remove,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::tests::{custom_redactor, Classifying, EMAIL};
    use proptest::prelude::*;
    use regex::Regex;

    fn run(op: &str, raw: &str) -> Option<String> {
        redact(&custom_redactor(op, ""), raw, &mut Tally::default())
    }

    #[test]
    fn parameters_are_redacted_in_place() {
        let mask = r#"{"type":"mask"}"#;
        let cases = [
            ("a=1&b=2", None),
            ("", None),
            ("a=1&&b=&=", None),
            ("e=jane@mail.com", Some("e=%5BMAIL%5D")),
            ("e=jane%40mail.com&x=a+b", Some("e=%5BMAIL%5D&x=a+b")),
            ("q=hi+jane@mail.com+bye", Some("q=hi%20%5BMAIL%5D%20bye")),
            ("jane@mail.com", Some("%5BMAIL%5D")),
            ("jane@mail.com=yes&x=1", Some("%5BMAIL%5D=yes&x=1")),
            ("to=a@b.com,jane@mail.com", Some("to=%5BMAIL%5D,%5BMAIL%5D")),
        ];
        for (raw, want) in cases {
            assert_eq!(run(mask, raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn a_removed_match_leaves_the_key_and_drops_a_bare_value() {
        let remove = r#"{"type":"remove"}"#;
        assert_eq!(
            run(remove, "z=1&e=jane@mail.com&a=2&jane@mail.com&m=3").as_deref(),
            Some("z=1&e=&a=2&m=3")
        );
    }

    #[test]
    fn removed_fields_drop_the_parameter_and_keep_the_order_of_the_rest() {
        let c = Classifying(custom_redactor(r#"{"type":"mask"}"#, ""));
        let run = |raw| redact(&c, raw, &mut Tally::default());
        assert_eq!(
            run("z=1&password=x&a=2&name=Jane+Doe&password&m=jane%40mail.com").as_deref(),
            Some("z=1&a=2&name=%5BNAME%5D&password&m=%5BMAIL%5D")
        );
        assert_eq!(run("password=x").as_deref(), Some(""));
    }

    proptest! {
        #[test]
        fn a_query_without_matches_is_unchanged(raw in "[a-z0-9%&=+.@ ]{0,60}") {
            prop_assume!(!Regex::new(EMAIL).unwrap().is_match(&percent::decode(&raw, Plus::Space)));
            prop_assert_eq!(run(r#"{"type":"mask"}"#, &raw), None);
        }

        #[test]
        fn no_match_survives_in_decoded_parameters(
            params in prop::collection::vec(("[a-z%+]{0,6}", "[a-z%+@. ]{0,12}", any::<bool>()), 0..6),
        ) {
            let raw = params
                .iter()
                .map(|(k, v, plant)| {
                    let v = if *plant { format!("{v}jane%40mail.com{v}") } else { v.clone() };
                    format!("{k}={v}")
                })
                .collect::<Vec<_>>()
                .join("&");
            let out = run(r#"{"type":"mask"}"#, &raw).unwrap_or(raw);
            let email = Regex::new(EMAIL).unwrap();
            for param in out.split('&') {
                prop_assert!(!email.is_match(&percent::decode(param, Plus::Space)), "{}", out);
            }
        }
    }
}
