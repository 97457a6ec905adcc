//! Tests of the detectors as the redactor uses them: through [`Detectors::find`].

use proptest::prelude::*;

use super::*;
use crate::config::{CustomDetector, DetectorSetting};

fn detectors() -> Detectors {
    Detectors::compile(&RedactionConfig::default()).unwrap()
}

/// `(entity or custom name, matched text)` for every finding in `text`.
fn findings(d: &Detectors, text: &str) -> Vec<(String, String)> {
    d.find(text)
        .into_iter()
        .map(|f| {
            let rule = d.rule(f.rule).unwrap();
            (rule.name.clone(), text[f.start..f.end].to_owned())
        })
        .collect()
}

fn one(text: &str) -> Vec<(String, String)> {
    findings(&detectors(), text)
}

fn pair(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

#[test]
fn each_detector_in_context() {
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    let cases: &[(&str, &str, &str)] = &[
        (
            "email",
            "contact: jane.doe@example.com.",
            "jane.doe@example.com",
        ),
        ("phone", "call (415) 555-0132 today", "(415) 555-0132"),
        ("phone", "whatsapp +44 20 7946 0958", "+44 20 7946 0958"),
        (
            "credit_card",
            "card=4111-1111-1111-1111&exp=12",
            "4111-1111-1111-1111",
        ),
        ("us_ssn", "SSN 536-90-4399", "536-90-4399"),
        (
            "iban",
            "iban: GB29 NWBK 6016 1331 9268 19",
            "GB29 NWBK 6016 1331 9268 19",
        ),
        ("ip_address", "from 203.0.113.7:443", "203.0.113.7"),
        ("ip_address", "client [2001:db8::1]:8080", "2001:db8::1"),
        (
            "mac_address",
            "hw 00:1A:2B:3C:4D:5E up",
            "00:1A:2B:3C:4D:5E",
        ),
        // Digits up front read as a dashed national phone number too; the MAC wins.
        (
            "mac_address",
            "vbox 08-00-27-12-34-AB up",
            "08-00-27-12-34-AB",
        ),
        ("mac_address", "nic 02:39:61:11:71:fb", "02:39:61:11:71:fb"),
        ("ip_address", "listen 10.1.2.3:80", "10.1.2.3"),
        ("jwt", jwt, jwt),
        (
            "auth_credential",
            "auth: Basic dXNlcjpwYXNz",
            "dXNlcjpwYXNz",
        ),
        (
            "aws_access_key",
            "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
            "AKIAIOSFODNN7EXAMPLE",
        ),
        (
            "github_token",
            "token ghp_1A2b3C4d5E6f7G8h9I0j1K2l3M4n5O6p7Q8r",
            "ghp_1A2b3C4d5E6f7G8h9I0j1K2l3M4n5O6p7Q8r",
        ),
        (
            "stripe_key",
            "\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        ),
        (
            "slack_token",
            "xoxp-123456789012-123456789012-abcdef",
            "xoxp-123456789012-123456789012-abcdef",
        ),
        (
            "google_api_key",
            "key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
            "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
        ),
        (
            "url_userinfo",
            "dsn=postgres://app:hunter2@db.internal/app",
            "app:hunter2",
        ),
        (
            "bitcoin_address",
            "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        ),
        (
            "bitcoin_address",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
        (
            "ethereum_address",
            "to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ),
    ];
    for (name, text, value) in cases {
        assert_eq!(one(text), vec![pair(name, value)], "{text}");
    }
    let key =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    assert_eq!(one(&format!("k={key}\n")), vec![pair("private_key", key)]);
}

#[test]
fn values_that_merely_look_similar_survive() {
    for text in [
        "550e8400-e29b-41d4-a716-446655440000",
        "id=f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "2024-05-01T12:30:00Z",
        "2024-05-01T12:30:00.123+02:00",
        "1714567890",
        "1714567890123",
        "ts=1714567890&ms=1714567890123",
        "1.2.3",
        "v10.0.19045",
        "version 4.18.2-rc.1",
        "d41d8cd98f00b204e9800998ecf8427e",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"",
        "W/\"0815\"",
        "ORD-2024-000123",
        "SKU-55-1234",
        "total 1234.56 EUR",
        "$1,234,567.89",
        "4111111111111112",
        "999.1.1.1",
        "2024-05-01",
        "05/01/2024",
        "01.05.2024",
        "12:30:45",
        "Mon, 01 May 2024 12:30:00 GMT",
        "the bearer of this note",
        "Basic auth is enabled",
        "std::vector<int> and MyClass::method",
        "Home :: Shop :: Cart",
        "f :: Int -> Int",
        "OID 1.3.6.1.4.1.311 and release 1.2.3.4.5",
        "ratio 16:9 and 4:3",
        "#ff00aa",
        "https://example.com/a/b?c=d#e",
        "git commit 1a2b3c4",
        "",
    ] {
        assert_eq!(one(text), vec![], "{text}");
    }
}

#[test]
fn a_card_inside_a_longer_digit_run_is_not_a_card() {
    assert_eq!(one("x=94111111111111111111"), vec![]);
    assert_eq!(
        one("x=4111111111111111"),
        vec![pair("credit_card", "4111111111111111")]
    );
}

#[test]
fn userinfo_wins_over_the_email_it_contains() {
    assert_eq!(
        one("https://admin:pa55word@example.com/"),
        vec![pair("url_userinfo", "admin:pa55word")]
    );
}

#[test]
fn a_jwt_after_bearer_is_reported_as_a_jwt() {
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    assert_eq!(one(&format!("Bearer {jwt}")), vec![pair("jwt", jwt)]);
    assert_eq!(
        one("Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA"),
        vec![pair("auth_credential", "2YotnFZFEjr1zCsicMWpAA")]
    );
}

#[test]
fn ipv4_mapped_ipv6_is_one_finding() {
    assert_eq!(
        one("[::ffff:192.168.1.1]:80"),
        vec![pair("ip_address", "::ffff:192.168.1.1")]
    );
}

#[test]
fn several_findings_come_back_sorted() {
    let text = "a@b.co 10.0.0.1 4111111111111111 bob@example.org";
    let got = one(text);
    assert_eq!(
        got,
        vec![
            pair("email", "a@b.co"),
            pair("ip_address", "10.0.0.1"),
            pair("credit_card", "4111111111111111"),
            pair("email", "bob@example.org"),
        ]
    );
}

#[test]
fn default_operators_pseudonymize_personal_data_and_mask_secrets() {
    let d = detectors();
    for rule in d.rules() {
        let entity = rule.entity.unwrap();
        let personal = matches!(
            entity,
            Entity::Email
                | Entity::Phone
                | Entity::CreditCard
                | Entity::UsSsn
                | Entity::Iban
                | Entity::IpAddress
                | Entity::MacAddress
                | Entity::BitcoinAddress
                | Entity::EthereumAddress
        );
        let expected = if personal {
            Operator::Pseudonymize
        } else {
            Operator::Mask { label: None }
        };
        assert_eq!(rule.operator, expected, "{entity:?}");
        assert_eq!(rule.name, entity.metric_name());
    }
    assert_eq!(d.rules().len(), TEXT_ENTITIES.len());
}

#[test]
fn config_disables_and_overrides_detectors() {
    let mut cfg = RedactionConfig::default();
    cfg.detectors.insert(
        Entity::Email,
        DetectorSetting {
            enabled: false,
            operator: None,
        },
    );
    cfg.detectors.insert(
        Entity::CreditCard,
        DetectorSetting {
            enabled: true,
            operator: Some(Operator::Partial { keep: 4 }),
        },
    );
    let d = Detectors::compile(&cfg).unwrap();
    assert!(d.rules().iter().all(|r| r.entity != Some(Entity::Email)));
    assert!(!d.enabled().contains(Entity::Email));
    let text = "jane@example.com 4111111111111111";
    let found = d.find(text);
    assert_eq!(found.len(), 1);
    let rule = d.rule(found[0].rule).unwrap();
    assert_eq!(rule.entity, Some(Entity::CreditCard));
    assert_eq!(rule.operator, Operator::Partial { keep: 4 });
}

#[test]
fn disabling_every_secret_disables_the_prefix_pass() {
    let mut cfg = RedactionConfig::default();
    for &e in TEXT_ENTITIES {
        cfg.detectors.insert(
            e,
            DetectorSetting {
                enabled: e == Entity::Phone,
                operator: None,
            },
        );
    }
    let d = Detectors::compile(&cfg).unwrap();
    let text = "AKIAIOSFODNN7EXAMPLE 415-555-0132 x@y.com";
    assert_eq!(findings(&d, text), vec![pair("phone", "415-555-0132")]);
}

fn custom(name: &str, pattern: &str) -> CustomDetector {
    CustomDetector {
        name: name.into(),
        pattern: pattern.into(),
        operator: None,
    }
}

#[test]
fn custom_patterns_report_under_their_name_and_mask_by_default() {
    let cfg = RedactionConfig {
        custom: vec![custom("employee_id", r"\bEMP-\d{6}\b")],
        ..RedactionConfig::default()
    };
    let d = Detectors::compile(&cfg).unwrap();
    assert_eq!(
        findings(&d, "by EMP-004211 at 10.0.0.1"),
        vec![
            pair("employee_id", "EMP-004211"),
            pair("ip_address", "10.0.0.1"),
        ]
    );
    let rule = d.rules().iter().find(|r| r.name == "employee_id").unwrap();
    assert_eq!(rule.entity, None);
    assert_eq!(rule.operator, Operator::Mask { label: None });
    // find_in runs built-ins only.
    assert_eq!(
        d.find_in("EMP-004211", EntitySet::of(TEXT_ENTITIES)),
        vec![]
    );
}

#[test]
fn custom_names_are_validated_without_echoing_values() {
    let long = "a".repeat(41);
    let bad_names = [
        ("Employee", "may contain only"),
        ("", "1 to 40"),
        (long.as_str(), "1 to 40"),
        ("email", "built-in"),
        ("credit_card", "built-in"),
        ("has space", "may contain only"),
    ];
    for (name, reason) in bad_names {
        let cfg = RedactionConfig {
            custom: vec![custom("ok", "x"), custom(name, "y")],
            ..RedactionConfig::default()
        };
        let err = Detectors::compile(&cfg).unwrap_err();
        assert_eq!(err.field(), "redaction.custom[1].name", "{name}");
        assert!(err.reason().contains(reason), "{name}: {err}");
    }
    let cfg = RedactionConfig {
        custom: vec![custom("dup", "x"), custom("dup", "y")],
        ..RedactionConfig::default()
    };
    assert_eq!(
        Detectors::compile(&cfg).unwrap_err().field(),
        "redaction.custom[1].name"
    );
}

#[test]
fn custom_pattern_errors_name_the_field_and_hide_the_pattern() {
    let cfg = RedactionConfig {
        custom: vec![
            custom("a", "ok"),
            custom("b", "fine"),
            custom("c", "hunter2(["),
        ],
        ..RedactionConfig::default()
    };
    let err = Detectors::compile(&cfg).unwrap_err();
    assert_eq!(err.field(), "redaction.custom[2].pattern");
    assert!(!err.to_string().contains("hunter2"), "{err}");

    let huge = RedactionConfig {
        custom: vec![custom("big", r"\w{1000}\w{1000}\w{1000}")],
        ..RedactionConfig::default()
    };
    let err = Detectors::compile(&huge).unwrap_err();
    assert_eq!(err.field(), "redaction.custom[0].pattern");
    assert!(err.reason().contains("1 MiB"), "{err}");
}

#[test]
fn is_entity_checks_a_whole_value() {
    let d = detectors();
    assert!(d.is_entity(Entity::CreditCard, "4111 1111 1111 1111"));
    assert!(!d.is_entity(Entity::CreditCard, "4111 1111 1111 1112"));
    assert!(!d.is_entity(Entity::CreditCard, "card 4111 1111 1111 1111"));
    assert!(d.is_entity(Entity::Iban, "DE89370400440532013000"));
    assert!(d.is_entity(Entity::Email, "a.b@example.com"));
    assert!(!d.is_entity(Entity::Phone, "a.b@example.com"));
}

/// Digits of a Luhn-valid number with `prefix` and `len` digits in all.
fn luhn_complete(prefix: &[u8], body: &[u8], len: usize) -> String {
    let mut d: Vec<u8> = prefix
        .iter()
        .chain(body.iter())
        .copied()
        .take(len - 1)
        .collect();
    while d.len() < len - 1 {
        d.push(0);
    }
    for check in 0..10 {
        let mut candidate = d.clone();
        candidate.push(check);
        if crate::luhn::is_valid(&candidate) {
            return candidate.iter().map(|x| char::from(b'0' + x)).collect();
        }
    }
    unreachable!("one check digit always works")
}

/// An IBAN for `country` with a BBAN of `bban` and the right check digits.
fn iban_with_check(country: &str, bban: &str) -> String {
    let rearranged = format!("{bban}{country}00");
    let mut r = 0u32;
    for c in rearranged.bytes() {
        r = if c.is_ascii_digit() {
            (r * 10 + u32::from(c - b'0')) % 97
        } else {
            (r * 100 + u32::from(c - b'A') + 10) % 97
        };
    }
    format!("{country}{:02}{bban}", 98 - r)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn find_never_panics_and_returns_clean_ranges(text in any::<String>()) {
        let d = detectors();
        let found = d.find(&text);
        let mut last = 0;
        for f in &found {
            prop_assert!(f.start < f.end && f.end <= text.len());
            prop_assert!(f.start >= last, "sorted and disjoint");
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(d.rule(f.rule).is_some());
            last = f.end;
        }
    }

    #[test]
    fn find_is_clean_on_detector_shaped_noise(
        text in "[0-9a-fA-F:.@+()\\- /xAKIbcey_=\n]{0,200}"
    ) {
        let d = detectors();
        let found = d.find(&text);
        let mut last = 0;
        for f in &found {
            prop_assert!(f.start < f.end && f.end <= text.len() && f.start >= last);
            last = f.end;
        }
    }

    #[test]
    fn generated_visa_and_mastercard_numbers_are_found(
        body in proptest::collection::vec(0u8..10, 15),
        mastercard in any::<bool>(),
        grouped in any::<bool>(),
    ) {
        let prefix: &[u8] = if mastercard { &[5, 3] } else { &[4] };
        let number = luhn_complete(prefix, &body, 16);
        let written = if grouped {
            number.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ")
        } else {
            number.clone()
        };
        let text = format!("pay with {written}.");
        prop_assert_eq!(one(&text), vec![pair("credit_card", &written)]);
    }

    #[test]
    fn digit_strings_failing_luhn_are_not_cards(body in proptest::collection::vec(0u8..10, 15)) {
        let valid = luhn_complete(&[4], &body, 16);
        let last = valid.as_bytes()[15] - b'0';
        let broken = format!("{}{}", &valid[..15], (last + 1) % 10);
        let found = one(&format!("n={broken}"));
        prop_assert!(found.iter().all(|(name, _)| name != "credit_card"), "{:?}", found);
    }

    #[test]
    fn generated_ibans_are_found(digits in "[0-9]{18}", spaced in any::<bool>()) {
        let iban = iban_with_check("DE", &digits);
        let written = if spaced {
            iban.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ")
        } else {
            iban.clone()
        };
        prop_assert_eq!(one(&format!("IBAN {written}")), vec![pair("iban", &written)]);
    }

    #[test]
    fn generated_ipv4_addresses_are_found(a in 0u8..=255, b in 0u8..=255, c in 0u8..=255, e in 0u8..=255) {
        let ip = format!("{a}.{b}.{c}.{e}");
        // Unspecified, loopback and broadcast addresses included.
        prop_assert_eq!(one(&format!("host {ip}, ok")), vec![pair("ip_address", &ip)]);
    }
}

#[test]
fn text_entities_are_every_entity_but_the_field_classes() {
    assert!(!TEXT_ENTITIES.contains(&Entity::PersonalField));
    assert!(!TEXT_ENTITIES.contains(&Entity::SecretField));
    assert_eq!(TEXT_ENTITIES.len(), Entity::ALL.len() - 2);
}

#[test]
fn the_shortest_letters_only_finding_is_an_aws_key_id() {
    let key = "AKIAQWERTYUIOPASDFGH";
    assert_eq!(key.len(), SHORTEST_LETTERS_ONLY_FINDING);
    assert_eq!(one(key), vec![pair("aws_access_key", key)]);
}

proptest! {
    #[test]
    fn shorter_letters_only_text_holds_no_finding(
        text in "(AKIA|ASIA|ABIA|ACCA|AIza|[A-Za-z]){0,19}",
    ) {
        let text: String = text.chars().take(SHORTEST_LETTERS_ONLY_FINDING - 1).collect();
        prop_assert_eq!(one(&text), vec![]);
    }
}
