//! Properties every pseudonym shares, whatever its format: determinism, key sensitivity,
//! idempotence, and no panic on any input.

use proptest::prelude::*;

use super::Keyed;
use crate::entity::Entity;

const SECRET: &[u8] = b"a configured pseudonym key, 32+ bytes";

/// One realistic value per entity.
fn samples() -> Vec<(Option<Entity>, &'static str)> {
    vec![
        (Some(Entity::Email), "alice.smith@example.com"),
        (Some(Entity::Phone), "+1 (415) 555-2671"),
        (Some(Entity::Phone), "+44 7911 123456"),
        (Some(Entity::CreditCard), "4111-1111-1111-1111"),
        (Some(Entity::UsSsn), "123-45-6789"),
        (Some(Entity::Iban), "GB82 WEST 1234 5698 7654 32"),
        (Some(Entity::IpAddress), "10.1.2.3"),
        (Some(Entity::IpAddress), "2a00:1450:4001:81c::200e"),
        (Some(Entity::MacAddress), "00:1A:2B:3C:4D:5E"),
        (Some(Entity::Jwt), "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz"),
        (Some(Entity::AuthCredential), "Bearer abc123DEF456ghi789"),
        (Some(Entity::AwsAccessKey), "AKIAIOSFODNN7EXAMPLE"),
        (Some(Entity::GithubToken), "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
        (Some(Entity::StripeKey), "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
        (Some(Entity::SlackToken), "xoxb-123456789012-1234567890123-AbCdEfGhIjKl"),
        (Some(Entity::GoogleApiKey), "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"),
        (
            Some(Entity::PrivateKey),
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
        ),
        (Some(Entity::UrlUserinfo), "admin:hunter2@"),
        (Some(Entity::BitcoinAddress), "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        (Some(Entity::BitcoinAddress), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        (Some(Entity::EthereumAddress), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        (Some(Entity::PersonalField), "Ada Lovelace"),
        (Some(Entity::PersonalField), "1815-12-10"),
        (Some(Entity::SecretField), "correct horse battery staple"),
        (None, "ORDER-2024-000123"),
    ]
}

fn entities() -> impl Strategy<Value = Option<Entity>> {
    prop::option::of(prop::sample::select(Entity::ALL.to_vec()))
}

#[test]
fn every_entity_has_a_sample() {
    for entity in Entity::ALL {
        assert!(
            samples().iter().any(|(e, _)| *e == Some(entity)),
            "{entity:?}"
        );
    }
}

#[test]
fn deterministic_across_instances_and_sensitive_to_the_key() {
    let a = Keyed::from_secret(SECRET);
    let b = Keyed::from_secret(SECRET);
    let other = Keyed::from_secret(b"a different key of the same length!!!");
    for (entity, value) in samples() {
        let out = a.pseudonymize(entity, value);
        assert_ne!(out, value, "{entity:?}");
        assert_eq!(out, b.pseudonymize(entity, value), "{entity:?}");
        assert_ne!(out, other.pseudonymize(entity, value), "{entity:?}");
        assert!(b.is_pseudonym(entity, &out), "{entity:?}: {out}");
        assert!(!a.is_pseudonym(entity, value), "{entity:?}: {value}");
    }
}

#[test]
fn redacting_a_pseudonym_changes_nothing() {
    let k = Keyed::from_secret(SECRET);
    for (entity, value) in samples() {
        let once = k.pseudonymize(entity, value);
        assert_eq!(k.pseudonymize(entity, &once), once, "{entity:?}");
    }
}

#[test]
fn ephemeral_keys_work_and_differ() {
    let a = Keyed::ephemeral([1; 32]);
    let b = Keyed::ephemeral([2; 32]);
    assert!(!a.is_configured());
    assert!(Keyed::from_secret(SECRET).is_configured());
    let out = a.pseudonymize(Some(Entity::Email), "bob@example.net");
    assert!(a.is_pseudonym(Some(Entity::Email), &out));
    assert!(!b.is_pseudonym(Some(Entity::Email), &out));
}

#[test]
fn debug_never_shows_the_key() {
    let k = Keyed::from_secret(b"super secret key material here");
    let shown = format!("{k:?}");
    assert_eq!(shown, "Keyed { configured: true, .. }");
}

#[test]
fn malformed_values_fall_back_to_the_generic_mapping() {
    let k = Keyed::from_secret(SECRET);
    for entity in Entity::ALL {
        let out = k.pseudonymize(Some(entity), "abc");
        assert_eq!(out.len(), 3, "{entity:?}");
        assert!(
            out.bytes().all(|b| b.is_ascii_lowercase()),
            "{entity:?}: {out}"
        );
        assert!(k.is_pseudonym(Some(entity), &out));
    }
    assert_eq!(k.pseudonymize(Some(Entity::CreditCard), ""), "");
}

#[test]
fn surrounding_whitespace_is_kept() {
    let k = Keyed::from_secret(SECRET);
    let out = k.pseudonymize(Some(Entity::Email), "  alice@example.com\n");
    assert!(
        out.starts_with("  ") && out.ends_with(".example\n"),
        "{out:?}"
    );
    assert!(k.is_pseudonym(Some(Entity::Email), &out));
}

#[test]
fn hash_is_keyed_hex_and_domain_separated() {
    let k = Keyed::from_secret(SECRET);
    let h = k.hash_hex("alice@example.com");
    assert_eq!(h.len(), 64);
    assert!(h
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(h, Keyed::from_secret(SECRET).hash_hex("alice@example.com"));
    assert_ne!(
        h,
        Keyed::from_secret(b"another key entirely").hash_hex("alice@example.com")
    );
    let raw: String = k
        .mac("pseudonym/email", b"alice@example.com")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_ne!(h, raw);
}

proptest! {
    #[test]
    fn any_text_under_any_entity_is_idempotent(entity in entities(), value in "\\PC{0,48}") {
        let k = Keyed::from_secret(SECRET);
        let out = k.pseudonymize(entity, &value);
        prop_assert!(k.is_pseudonym(entity, &out), "{:?}: {:?} -> {:?}", entity, value, out);
        prop_assert_eq!(&k.pseudonymize(entity, &out), &out);
    }

    #[test]
    fn format_like_text_is_idempotent(
        entity in entities(),
        value in prop_oneof![
            "[0-9 +().-]{0,24}",
            "[0-9a-fA-F:.-]{0,40}",
            "[A-Za-z0-9._%+-]{1,12}@[A-Za-z0-9-]{1,10}\\.[a-z]{2,4}",
            "[A-Z]{2}[0-9]{2}[A-Z0-9 ]{11,30}",
            "[12][0-9]{3}[-/.][01]?[0-9][-/.][0-3]?[0-9]( [0-2][0-9]:[0-5][0-9])?",
            "[A-Za-z0-9_-]{2,20}\\.[A-Za-z0-9_-]{2,30}\\.[A-Za-z0-9_-]{0,30}",
            "(bc|tb|BC)1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,60}",
            "[1-9A-HJ-NP-Za-km-z]{25,35}",
            "0x[0-9a-fA-F]{40}",
            "[+-]?[0-9٣]{1,5}(\\.[0-9]{1,3})?([eEfFé][+-]?[0-9]{1,3})?",
            "[A-Za-zÄé]{2,8}[ ]{1,2}[A-Za-z0-9._~+/=-]{0,40}",
            "[A-Za-zİ]{2,6}[_-][A-Za-z0-9_-]{0,30}",
            "([a-z]{1,6}://)?[a-zé]{0,8}:[^@ ]{0,10}@[a-z.]{0,10}",
            "-----BEGIN [A-Z ]{3,12}-----\n[A-Za-z0-9+/=\n]{0,60}\n-----END [A-Z ]{3,12}-----",
        ],
    ) {
        let k = Keyed::from_secret(SECRET);
        let out = k.pseudonymize(entity, &value);
        prop_assert!(k.is_pseudonym(entity, &out), "{:?}: {:?} -> {:?}", entity, value, out);
        prop_assert_eq!(&k.pseudonymize(entity, &out), &out);
    }
}
