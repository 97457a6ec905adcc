use proptest::prelude::*;

use super::super::candidate::Candidate;
use super::super::{scan, Detectors};
use super::*;
use crate::config::{CustomDetector, RedactionConfig};

fn compile(cfg: &RedactionConfig) -> Detectors {
    Detectors::compile(cfg).unwrap()
}

/// A copy of `d` that walks every text, as before the table.
fn always_walking(d: &Detectors) -> Detectors {
    let mut full = d.clone();
    full.walk.needs = [ANY; LONGEST_MIN + 1];
    full
}

/// The configuration with a custom pattern on top of the built-ins.
fn with_custom() -> RedactionConfig {
    RedactionConfig {
        custom: vec![CustomDetector {
            name: "sku".into(),
            pattern: r"SKU-[A-Z]{3}".into(),
            operator: None,
        }],
        ..RedactionConfig::default()
    }
}

fn walks(text: &str) -> bool {
    compile(&RedactionConfig::default())
        .walk
        .may_find(text.as_bytes())
}

#[test]
fn short_values_of_an_order_page_skip_the_walk() {
    for text in [
        "",
        "5",
        "44837",
        "240262",
        "SKU-CDH",
        "svc-warehouse",
        "TRK-FNIOHMXV",
        "en-GB",
        "shipped",
        "ergonomic oak headphones",
        "Fatima Martin",
        "+33 (",
    ] {
        assert!(!walks(text), "{text}");
    }
}

#[test]
fn values_that_may_hold_a_finding_are_walked() {
    for text in [
        "2024-04-08T19:34:48.023Z",
        "ord_4cef5e3c73d92889",
        "1234567",
        "a@b",
        "x:",
        "It keeps drinks cold.",
        "aa-bb-cc-dd-ee",
        // Longer than a value: walked whatever it holds.
        &"word ".repeat(13),
    ] {
        assert!(walks(text), "{text}");
    }
}

/// The shortest text of each kind the table lets through is one a detector finds: the
/// lengths in [`shapes`] are not longer than they need to be.
#[test]
fn the_shortest_walked_texts_hold_findings() {
    let d = compile(&RedactionConfig::default());
    for text in ["1.2.3.4", "abcd.efab.cdef", "::1", "aa-bb-cc-dd-ee-ff"] {
        assert!(d.walk.may_find(text.as_bytes()), "{text}");
        let found = d.find(text);
        assert!(
            found.iter().any(|f| f.start == 0 && f.end == text.len()),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn every_entity_the_walk_finds_has_its_shapes() {
    for entity in scan::ENTITIES {
        assert!(shapes(entity).is_some(), "{entity:?}");
    }
}

#[test]
fn a_disabled_entity_no_longer_makes_texts_walked() {
    let mut cfg = RedactionConfig::default();
    for entity in [Entity::IpAddress, Entity::MacAddress] {
        cfg.detectors.insert(
            entity,
            crate::config::DetectorSetting {
                enabled: false,
                operator: None,
            },
        );
    }
    let d = compile(&cfg);
    assert!(!d.walk.may_find(b"::"));
    assert!(!d.walk.may_find(b"aa-bb-cc-dd-ee-ff"));
    assert!(d.walk.may_find(b"a@b"));
}

/// Short texts made of the bytes the walk stops at and of values just short of (or just
/// long enough for) a format: the texts the table settles, and their near misses.
fn near_misses() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[0-9]{1,9}",
        3 => "[0-9a-fA-F]{1,4}",
        3 => "[-.:@+( ]{1,2}",
        2 => "[a-zA-Z_]{1,5}",
        1 => "[0-9]{1,3}(\\.[0-9]{1,3}){3}",
        1 => "[0-9a-f]{2}([:-][0-9a-f]{2}){4,5}",
        1 => "[0-9a-f]{4}(\\.[0-9a-f]{4}){2}",
        1 => "[0-9a-f]{0,4}::?[0-9a-f]{0,4}",
        1 => "[a-z]{1,3}@[a-z]{1,3}(\\.[a-z]{2})?",
        1 => "\\+?[0-9]{2} ?[0-9]{3} ?[0-9]{3,4}",
        1 => "[0-9]{3}-[0-9]{2}-[0-9]{4}",
        1 => "[13][1-9A-HJ-NP-Za-km-z]{24,26}",
    ];
    // The shortest texts of each format, whole: where a length in the table that is one
    // too long would show.
    let shortest = prop_oneof![
        "[0-9]\\.[0-9]\\.[0-9]\\.[0-9]",
        "[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}",
        "[a-fA-F]{4}\\.[a-fA-F]{4}\\.[a-fA-F]{4}",
        "[0-9a-f]{2}([:-][0-9a-f]{2}){5}",
        "[a-fA-F]{2}([:-][a-fA-F]{2}){5}",
        "[0-9a-f]{0,2}::[0-9a-f]{0,2}",
        "[a-z]{1,2}@[a-z]{1,2}\\.[a-z]{2}",
        "\\+?[0-9]{8,10}",
    ];
    prop_oneof![
        proptest::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat()),
        shortest,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// The shortcut's whole claim: where it skips the walk, the walk finds nothing.
    #[test]
    fn the_walk_finds_nothing_where_it_is_skipped(text in near_misses()) {
        let d = compile(&RedactionConfig::default());
        if !d.walk.may_find(text.as_bytes()) {
            let mut found: Vec<Candidate> = Vec::new();
            scan::scan(text.as_bytes(), d.enabled(), &mut found);
            prop_assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn findings_are_those_of_the_full_walk(text in near_misses()) {
        for cfg in [RedactionConfig::default(), with_custom()] {
            let d = compile(&cfg);
            prop_assert_eq!(d.find(&text), always_walking(&d).find(&text), "{}", &text);
        }
    }

    #[test]
    fn findings_of_any_short_text_are_those_of_the_full_walk(text in "\\PC{0,20}") {
        let d = compile(&RedactionConfig::default());
        prop_assert_eq!(d.find(&text), always_walking(&d).find(&text));
    }
}
