//! The redactor's own decisions, on a real default configuration: what a key and its
//! container say about a value, and what a second pass over redacted output counts.

use super::*;
use crate::body::json;

fn redactor() -> Redactor {
    Redactor::compile(
        &RedactionConfig::default(),
        Keyed::from_secret(b"redactor tests key material"),
    )
    .unwrap()
}

fn json(doc: &str) -> String {
    json::rewrite(&redactor(), doc, &mut Tally::default()).into_owned()
}

#[test]
fn digits_under_identifier_keys_are_not_phones() {
    // Valid NANP numbers as identifiers: left alone.
    for doc in [
        r#"{"id": 4155552671}"#,
        r#"{"order_id": "2094380889"}"#,
        r#"{"userIds": [4155552671, 2125550147]}"#,
        r#"{"gtin": "4006381333931"}"#,
    ] {
        assert_eq!(json(doc), doc);
    }
    // The same digits under any other key are phone numbers.
    let out = json(r#"{"contact": "4155552671"}"#);
    assert_ne!(out, r#"{"contact": "4155552671"}"#);
    // A card's usual length is still a card, identifier or not.
    let out = json(r#"{"ref": "4111111111111111"}"#);
    assert!(!out.contains("4111111111111111"), "{out}");
    // Identifier keys spare only all-digit values.
    let out = json(r#"{"id": "(415) 555-2671"}"#);
    assert!(!out.contains("555-2671"), "{out}");
}

#[test]
fn a_things_name_is_not_a_persons() {
    let doc =
        r#"{"items": [{"name": "Wireless Mouse", "qty": 1}], "library": {"name": "analytics.js"}}"#;
    assert_eq!(json(doc), doc);
    for doc in [
        r#"{"name": "Jane Roe"}"#,
        r#"{"customer": {"name": "Jane Roe"}}"#,
        r#"{"billing_details": {"name": "Jane Roe"}}"#,
        r#"{"name": {"first": "Jane", "last": "Roe"}}"#,
    ] {
        let out = json(doc);
        assert!(
            !out.contains("Jane") && !out.contains("Roe"),
            "{doc} -> {out}"
        );
    }
}

#[test]
fn a_things_name_in_xml() {
    let r = redactor();
    let doc = "<order><product name=\"Desk Lamp\"><name>Desk Lamp</name></product><customer><name>Jane Roe</name></customer></order>";
    let out = crate::body::xml::rewrite(&r, doc, &mut Tally::default());
    assert!(
        out.contains("<name>Desk Lamp</name>") && out.contains("name=\"Desk Lamp\""),
        "{out}"
    );
    assert!(!out.contains("Jane Roe"), "{out}");
}

#[test]
fn an_already_redacted_credential_is_neither_changed_nor_counted() {
    let r = redactor();
    let mut tally = Tally::default();
    let FieldAction::Replace(first) = r.header("authorization", "Bearer abc123DEF456", &mut tally)
    else {
        panic!("a bearer token is redacted");
    };
    assert_eq!(tally.values, 1);
    let mut again = Tally::default();
    assert_eq!(
        r.header("authorization", &first, &mut again),
        FieldAction::Keep
    );
    assert_eq!(again.values, 0);
}

mod field_entities {
    use super::*;
    use crate::config::PluginConfig;

    fn redactor(json: &str) -> Redactor {
        let cfg = PluginConfig::from_json(json.as_bytes()).unwrap();
        Redactor::compile(&cfg.redaction, Keyed::from_secret(b"redactor-tests-key")).unwrap()
    }

    #[test]
    fn field_entities_are_configured_like_any_detector() {
        let mut t = Tally::default();
        let default = redactor("{}");
        assert_eq!(
            default.field("password", "hunter2", &mut t),
            FieldAction::Replace("[SECRET_FIELD]".into())
        );

        let removed = redactor(
            r#"{"redaction":{"detectors":{"secretField":{"operator":{"type":"remove"}}}}}"#,
        );
        assert_eq!(
            removed.field("password", "hunter2", &mut t),
            FieldAction::Remove
        );

        let off = redactor(r#"{"redaction":{"detectors":{"personalField":{"enabled":false}}}}"#);
        assert_eq!(off.field("first_name", "Jane", &mut t), FieldAction::Keep);
        assert_ne!(off.field("password", "hunter2", &mut t), FieldAction::Keep);

        let both = redactor(
            r#"{"redaction":{"fields":{"secretOperator":{"type":"hash"}},"detectors":{"secretField":{"operator":{"type":"remove"}}}}}"#,
        );
        assert!(
            matches!(both.field("password", "hunter2", &mut t), FieldAction::Replace(h) if h.len() == 64)
        );
    }

    #[test]
    fn a_value_that_is_already_a_pseudonym_is_not_counted() {
        let r = redactor("{}");
        let mut t = Tally::default();
        let once = r.text("mail jane.doe@example.com", &mut t).into_owned();
        assert_eq!(t.values, 1);
        let mut again = Tally::default();
        assert_eq!(r.text(&once, &mut again), once);
        assert_eq!(again.values, 0);
    }
}

#[test]
fn a_value_that_is_only_an_ssn_is_one_unless_its_key_or_place_names_an_identifier() {
    for doc in [
        r#"{"q": "078051121"}"#,
        r#"{"note": " 536904399 "}"#,
        r#"{"value": 536904399}"#,
    ] {
        let out = json(doc);
        assert!(
            !out.contains("078051121") && !out.contains("536904399"),
            "{doc} -> {out}"
        );
    }
    for doc in [
        r#"{"id": "536904399"}"#,
        r#"{"order_number": 536904399}"#,
        r#"{"note": "order 536904399 shipped"}"#,
    ] {
        assert_eq!(json(doc), doc);
    }
    let r = redactor();
    let mut tally = Tally::default();
    assert_eq!(r.segment("536904399", &mut tally), "536904399");
    assert_ne!(r.text("536904399", &mut tally), "536904399");
    // A path segment is still scanned for what its digits can prove.
    assert_ne!(
        r.segment("4111111111111111", &mut tally),
        "4111111111111111"
    );
}

#[test]
fn an_address_without_its_checksum_is_found_where_its_place_names_it() {
    let lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    for doc in [
        format!(r#"{{"jsonrpc":"2.0","method":"eth_getBalance","params":["{lower}","latest"]}}"#),
        format!(r#"{{"to": "{lower}", "value": "0x1"}}"#),
        format!(r#"{{"memo": "refund to {lower}"}}"#),
    ] {
        let out = json(&doc);
        assert!(!out.contains(lower), "{doc} -> {out}");
    }
    // In running text with nothing naming it, it is any `0x` + 40-hex value.
    let doc = format!(r#"{{"memo": "digest {lower}"}}"#);
    assert_eq!(json(&doc), doc);
}

/// `is_digits` settles most values by their first byte; it must still agree with trimming
/// first, whatever white space surrounds the digits.
#[test]
fn digits_are_recognised_through_any_surrounding_white_space() {
    let cases: &[(&str, bool)] = &[
        ("123", true),
        (" 123 ", true),
        ("\t123\n", true),
        ("\u{b}123", true),
        ("\u{a0}123", true),
        ("\u{2003}123\u{85}", true),
        ("", false),
        ("   ", false),
        ("a123", false),
        ("12a", false),
        ("-12", false),
        ("\u{e9}12", false),
    ];
    for &(value, want) in cases {
        assert_eq!(is_digits(value), want, "{value:?}");
        let trimmed = value.trim();
        let reference = !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit());
        assert_eq!(want, reference, "{value:?}");
    }
}

proptest::proptest! {
    #[test]
    fn digits_agree_with_trimming_first(value in "[ \t\u{b}\u{a0}\u{85}\u{2003}0-9a-z.-]{0,12}") {
        let trimmed = value.trim();
        let reference = !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit());
        proptest::prop_assert_eq!(is_digits(&value), reference);
    }
}
