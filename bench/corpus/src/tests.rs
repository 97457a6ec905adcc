//! The corpus is what the report says it is: deterministic, of the stated sizes, and its
//! personal values valid for the detectors that check them.

use super::*;

#[test]
fn generators_are_deterministic() {
    assert_eq!(engine_corpus(), engine_corpus());
    assert_eq!(
        text::dense_pii(9, 2 * KIB),
        text::dense_pii(9, 2 * KIB),
        "same seed, same text"
    );
    assert_ne!(text::dense_pii(9, 2 * KIB), text::dense_pii(10, 2 * KIB));
}

#[test]
fn samples_have_their_nominal_size() {
    for sample in engine_corpus() {
        let nominal = if sample.name.ends_with("64k") {
            64 * KIB
        } else {
            4 * KIB
        };
        let len = sample.body.len();
        assert!(
            len >= nominal * 90 / 100 && len <= nominal + 3 * KIB,
            "{}: {len} bytes for a nominal {nominal}",
            sample.name
        );
    }
}

#[test]
fn density_matches_the_description() {
    let corpus = engine_corpus();
    let per_4k = |name: &str| {
        let s = corpus.iter().find(|s| s.name == name).unwrap();
        s.pii as f64 * 4096.0 / s.body.len() as f64
    };
    for json in ["json-4k", "json-64k"] {
        let d = per_4k(json);
        assert!((7.0..=14.0).contains(&d), "{json}: {d:.1} values per 4 KiB");
    }
    assert!(per_4k("text-dense-pii-64k") > 40.0, "dense text is dense");
}

#[test]
fn json_bodies_are_json() {
    for s in [json_4k(), json_64k()] {
        let mut depth = 0i32;
        let mut in_string = false;
        let mut escaped = false;
        for b in s.body.bytes() {
            match (in_string, escaped, b) {
                (true, true, _) => escaped = false,
                (true, false, b'\\') => escaped = true,
                (true, false, b'"') => in_string = false,
                (false, _, b'"') => in_string = true,
                (false, _, b'{' | b'[') => depth += 1,
                (false, _, b'}' | b']') => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "{}: unbalanced", s.name);
        }
        assert_eq!(depth, 0, "{}: balanced", s.name);
        assert!(!in_string);
    }
}

#[test]
fn cards_pass_luhn_and_ibans_pass_mod97() {
    let mut rng = rng::Rng::new(42);
    for _ in 0..200 {
        let card = pii::card(&mut rng);
        assert!(pii::luhn_valid(&card), "{card}");
        let iban = pii::iban(&mut rng);
        assert!(pii::iban_valid(&iban), "{iban}");
    }
    // Known values from the standards' examples.
    assert!(pii::luhn_valid("4539 1488 0343 6467"));
    assert!(!pii::luhn_valid("4539 1488 0343 6468"));
    assert!(pii::iban_valid("DE89 3704 0044 0532 0130 00"));
    assert!(pii::iban_valid("GB82WEST12345698765432"));
    assert!(!pii::iban_valid("GB82WEST12345698765433"));
}

#[test]
fn ssns_avoid_never_issued_numbers() {
    let mut rng = rng::Rng::new(7);
    for _ in 0..500 {
        let ssn = pii::ssn(&mut rng);
        let parts: Vec<u32> = ssn.split('-').map(|p| p.parse().unwrap()).collect();
        assert!(parts[0] != 0 && parts[0] != 666 && parts[0] < 900, "{ssn}");
        assert!(parts[1] != 0 && parts[2] != 0, "{ssn}");
    }
}

#[test]
fn custom_profile_has_fifty_distinct_patterns() {
    let json = profile::custom_profile(50);
    let patterns: std::collections::BTreeSet<String> =
        (0..50).map(profile::custom_pattern).collect();
    assert_eq!(patterns.len(), 50);
    assert_eq!(json.matches("\"pattern\"").count(), 50);
}

#[test]
fn form_encoding_round_trips_reserved_bytes() {
    assert_eq!(form::encode("a b&c=d@e"), "a+b%26c%3Dd%40e");
    let s = form::support_form(5, 4 * KIB);
    assert!(s.body.split('&').all(|kv| kv.split('=').count() == 2));
}
