//! Personal and secret fields recognised by their key: JSON member names, form fields,
//! query parameters, cookie names.
//!
//! Keys are normalised first (ASCII lower case; `_`, `-`, `.` and spaces dropped), so
//! `first_name`, `firstName`, `First-Name` and `first.name` are one key, `firstname`. Built-in
//! terms then match in one of three ways:
//!
//! * **contains**, for words distinctive enough to be safe inside longer keys
//!   (`password` in `newPasswordConfirm`, `firstname` in `billing_first_name`);
//! * **suffix**, for words that are safe only at the end (`token` in `access_token` but not
//!   `token_type`; `ssn` in `customerSsn`);
//! * **exact**, for short or ambiguous words (`name`, `pin`, `zip`, `dob`, `address`).
//!
//! Decisions worth knowing (all overridable with `redaction.fields`):
//!
//! * `name` alone is personal: in request bodies it most often is a person's name, and a
//!   pseudonymized product name costs little. `file_name`, `host_name`, `product_name` and
//!   other `*_name` keys are not personal; `user_name`, `display_name`, `nickname` are.
//! * `pin_code` is a secret (masked): it is a PIN at least as often as an Indian postal code,
//!   and masking is the safer mistake.
//! * `email`, `phone`, `ip_address`, `mac_address`, `email_address` are not fields: their
//!   values are found (and validated) by the detectors, wherever they appear.
//! * `token_type`, `expires_in`, `order_id` and pagination cursors (`next_page_token`) are
//!   not secrets: masking them would break the mirrored copy for nothing.
//!
//! `redaction.fields.personal`, `.secret` and `.ignore` list exact (normalised) keys; an
//! ignored key is never classified, a listed one always is, whatever the built-in terms say.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::RedactionConfig;
use crate::entity::Entity;
use crate::error::ConfigError;

/// Whether a key names personal data or a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldClass {
    /// Pseudonymized by default.
    Personal,
    /// Masked by default.
    Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Contains,
    Suffix,
    Exact,
}

use Anchor::{Contains, Exact, Suffix};
use FieldClass::{Personal, Secret};

const TERMS: &[(&str, FieldClass, Anchor)] = &[
    // Names.
    ("name", Personal, Exact),
    ("fname", Personal, Exact),
    ("lname", Personal, Exact),
    ("firstname", Personal, Contains),
    ("lastname", Personal, Contains),
    ("fullname", Personal, Contains),
    ("middlename", Personal, Contains),
    ("surname", Personal, Contains),
    ("givenname", Personal, Contains),
    ("familyname", Personal, Contains),
    ("maidenname", Personal, Contains),
    ("forename", Personal, Contains),
    ("nickname", Personal, Contains),
    ("displayname", Personal, Contains),
    ("username", Personal, Contains),
    ("legalname", Personal, Contains),
    ("realname", Personal, Contains),
    ("personname", Personal, Contains),
    ("customername", Personal, Contains),
    ("contactname", Personal, Contains),
    ("recipientname", Personal, Contains),
    ("sendername", Personal, Contains),
    ("patientname", Personal, Contains),
    ("cardholder", Personal, Contains),
    ("accountholder", Personal, Contains),
    ("holdername", Personal, Contains),
    // Dates and places of birth.
    ("birth", Personal, Contains),
    ("dob", Personal, Suffix),
    // Addresses.
    ("address", Personal, Exact),
    ("street", Personal, Exact),
    ("streetaddress", Personal, Contains),
    ("streetname", Personal, Contains),
    ("streetnumber", Personal, Contains),
    ("housenumber", Personal, Contains),
    ("addressline", Personal, Contains),
    ("homeaddress", Personal, Contains),
    ("billingaddress", Personal, Contains),
    ("shippingaddress", Personal, Contains),
    ("mailingaddress", Personal, Contains),
    ("postaladdress", Personal, Contains),
    ("residentialaddress", Personal, Contains),
    ("deliveryaddress", Personal, Contains),
    ("postalcode", Personal, Contains),
    ("postcode", Personal, Contains),
    ("zipcode", Personal, Contains),
    ("zip", Personal, Exact),
    ("zip4", Personal, Exact),
    ("billingzip", Personal, Exact),
    ("shippingzip", Personal, Exact),
    // National and official identifiers.
    ("ssn", Personal, Suffix),
    ("socialsecurity", Personal, Contains),
    ("passport", Personal, Contains),
    ("driverlicense", Personal, Contains),
    ("driverslicense", Personal, Contains),
    ("driverlicence", Personal, Contains),
    ("driverslicence", Personal, Contains),
    ("drivinglicense", Personal, Contains),
    ("drivinglicence", Personal, Contains),
    ("licensenumber", Personal, Contains),
    ("licencenumber", Personal, Contains),
    ("nationalid", Personal, Contains),
    ("nationalidentity", Personal, Contains),
    ("nationalinsurance", Personal, Contains),
    ("taxid", Personal, Contains),
    ("taxpayer", Personal, Contains),
    ("taxnumber", Personal, Contains),
    ("idnumber", Personal, Exact),
    ("idcard", Personal, Exact),
    ("idcardnumber", Personal, Exact),
    ("identitynumber", Personal, Contains),
    ("identitycard", Personal, Contains),
    ("nhsnumber", Personal, Contains),
    ("aadhaar", Personal, Contains),
    ("sin", Personal, Exact),
    ("nin", Personal, Exact),
    ("nino", Personal, Exact),
    ("tin", Personal, Exact),
    ("itin", Personal, Exact),
    ("pesel", Personal, Exact),
    ("cpf", Personal, Exact),
    ("nif", Personal, Exact),
    ("dni", Personal, Exact),
    ("bsn", Personal, Exact),
    // Passwords and secrets.
    ("password", Secret, Contains),
    ("passwd", Secret, Contains),
    ("passphrase", Secret, Contains),
    ("passcode", Secret, Contains),
    ("pwd", Secret, Exact),
    ("pass", Secret, Exact),
    ("secret", Secret, Contains),
    ("credential", Secret, Contains),
    ("securityanswer", Secret, Contains),
    // Tokens, keys, sessions.
    ("token", Secret, Suffix),
    ("apikey", Secret, Contains),
    ("apitoken", Secret, Contains),
    ("accesskey", Secret, Contains),
    ("privatekey", Secret, Contains),
    ("signingkey", Secret, Contains),
    ("encryptionkey", Secret, Contains),
    ("masterkey", Secret, Contains),
    ("sessionkey", Secret, Contains),
    ("accountkey", Secret, Contains),
    ("hmackey", Secret, Contains),
    ("authkey", Secret, Contains),
    ("auth", Secret, Exact),
    ("authorization", Secret, Exact),
    ("signature", Secret, Suffix),
    ("sig", Secret, Exact),
    ("session", Secret, Suffix),
    ("sessionid", Secret, Contains),
    ("sessid", Secret, Contains),
    ("sid", Secret, Exact),
    ("connectsid", Secret, Exact),
    ("otp", Secret, Suffix),
    // Card security data (card numbers themselves are found by the card detector).
    ("cvv", Secret, Contains),
    ("cvc", Secret, Contains),
    ("cvn", Secret, Exact),
    ("securitycode", Secret, Contains),
    ("cardverification", Secret, Contains),
    ("pin", Secret, Exact),
    ("pincode", Secret, Exact),
    ("pinnumber", Secret, Exact),
    ("cardpin", Secret, Exact),
    ("atmpin", Secret, Exact),
];

/// Keys a built-in term would match but which are not sensitive: pagination cursors.
const NOT_FIELDS: &[&str] = &[
    "pagetoken",
    "nextpagetoken",
    "prevpagetoken",
    "previouspagetoken",
    "nexttoken",
    "continuationtoken",
    "synctoken",
    "pagingtoken",
];

/// Longest key normalised on the stack; longer keys take one allocation.
const STACK_KEY: usize = 96;

#[derive(Debug, Clone, Default)]
pub struct FieldClassifier {
    automaton: Option<AhoCorasick>,
    /// Exact keys with a fixed answer: `None` for never, `Some` for always this class.
    exact: BTreeMap<Vec<u8>, Option<FieldClass>>,
    personal: bool,
    secret: bool,
}

impl FieldClassifier {
    pub fn compile(cfg: &RedactionConfig) -> Result<Self, ConfigError> {
        let enabled = |e: Entity| cfg.detectors.get(&e).is_none_or(|s| s.enabled);
        let mut exact: BTreeMap<Vec<u8>, Option<FieldClass>> = NOT_FIELDS
            .iter()
            .map(|k| (k.as_bytes().to_vec(), None))
            .collect();
        let lists = [
            ("personal", &cfg.fields.personal, Some(Personal)),
            ("secret", &cfg.fields.secret, Some(Secret)),
            ("ignore", &cfg.fields.ignore, None),
        ];
        for (list, keys, class) in lists {
            for (i, key) in keys.iter().enumerate() {
                let normalized = normalize_owned(key);
                if normalized.is_empty() {
                    return Err(ConfigError::new(
                        format!("redaction.fields.{list}[{i}]"),
                        "empty once `_`, `-`, `.` and spaces are dropped",
                    ));
                }
                exact.insert(normalized, class);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(TERMS.iter().map(|(t, _, _)| t))
            .map_err(|_| ConfigError::new("redaction.fields", "could not build the key matcher"))?;
        Ok(Self {
            automaton: Some(automaton),
            exact,
            personal: enabled(Entity::PersonalField),
            secret: enabled(Entity::SecretField),
        })
    }

    /// The class of `key`, or `None` when the key names nothing sensitive.
    pub fn classify(&self, key: &str) -> Option<FieldClass> {
        let mut stack = [0u8; STACK_KEY];
        let heap;
        let normalized: &[u8] = if key.len() <= STACK_KEY {
            let n = normalize_into(key, &mut stack);
            stack.get(..n).unwrap_or(&[])
        } else {
            heap = normalize_owned(key);
            &heap
        };
        if normalized.is_empty() {
            return None;
        }
        let class = match self.exact.get(normalized) {
            Some(fixed) => *fixed,
            None => self.builtin(normalized),
        }?;
        let on = match class {
            Personal => self.personal,
            Secret => self.secret,
        };
        on.then_some(class)
    }

    /// The strongest built-in term matching `key` (a secret outranks personal data).
    fn builtin(&self, key: &[u8]) -> Option<FieldClass> {
        let automaton = self.automaton.as_ref()?;
        automaton
            .find_overlapping_iter(key)
            .filter_map(|m| {
                let &(_, class, anchor) = TERMS.get(m.pattern().as_usize())?;
                let fits = match anchor {
                    Contains => true,
                    Suffix => m.end() == key.len(),
                    Exact => m.start() == 0 && m.end() == key.len(),
                };
                fits.then_some(class)
            })
            .max()
    }
}

fn keep(c: u8) -> bool {
    !matches!(c, b'_' | b'-' | b'.' | b' ')
}

fn normalize_into(key: &str, buf: &mut [u8]) -> usize {
    let mut n = 0;
    for c in key.bytes().filter(|&c| keep(c)) {
        if let Some(slot) = buf.get_mut(n) {
            *slot = c.to_ascii_lowercase();
            n += 1;
        }
    }
    n
}

fn normalize_owned(key: &str) -> Vec<u8> {
    key.bytes()
        .filter(|&c| keep(c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DetectorSetting, FieldsConfig};

    fn classifier() -> FieldClassifier {
        FieldClassifier::compile(&RedactionConfig::default()).unwrap()
    }

    #[test]
    fn personal_keys_in_every_casing() {
        let c = classifier();
        for key in [
            "first_name",
            "firstName",
            "First-Name",
            "first.name",
            "FIRST NAME",
            "billing_first_name",
            "lastName",
            "surname",
            "given_name",
            "full_name",
            "name",
            "username",
            "displayName",
            "date_of_birth",
            "birthDate",
            "dob",
            "patient_dob",
            "street_address",
            "address",
            "address_line_1",
            "shippingAddress",
            "postal_code",
            "zip",
            "zipCode",
            "passport_number",
            "driver_license",
            "drivers_licence_no",
            "tax_id",
            "national_insurance_number",
            "ssn",
            "customerSsn",
            "cardholder_name",
        ] {
            assert_eq!(c.classify(key), Some(Personal), "{key}");
        }
    }

    #[test]
    fn secret_keys() {
        let c = classifier();
        for key in [
            "password",
            "newPasswordConfirm",
            "passwd",
            "client_secret",
            "api_key",
            "X-API-Key",
            "access_token",
            "refresh_token",
            "id_token",
            "csrfToken",
            "token",
            "authorization",
            "private_key",
            "aws_secret_access_key",
            "cvv",
            "cvc2",
            "card_security_code",
            "pin",
            "pin_code",
            "session_id",
            "JSESSIONID",
            "PHPSESSID",
            "connect.sid",
            "X-Hub-Signature",
            "totp",
            "credentials",
        ] {
            assert_eq!(c.classify(key), Some(Secret), "{key}");
        }
    }

    #[test]
    fn look_alike_keys_are_not_fields() {
        let c = classifier();
        for key in [
            "ip_address",
            "mac_address",
            "email_address",
            "email",
            "phone",
            "phone_number",
            "order_id",
            "file_name",
            "filename",
            "host_name",
            "hostname",
            "product_name",
            "token_type",
            "expires_in",
            "max_tokens",
            "next_page_token",
            "pageToken",
            "spin",
            "pinned",
            "footprint",
            "gzip",
            "valid_card_types",
            "classname",
            "business",
            "",
            "___",
        ] {
            assert_eq!(c.classify(key), None, "{key}");
        }
    }

    #[test]
    fn config_lists_extend_and_override() {
        let cfg = RedactionConfig {
            fields: FieldsConfig {
                personal: vec!["loyalty_number".into(), "ip_address".into()],
                secret: vec!["x-internal-auth".into()],
                ignore: vec!["name".into(), "Pin".into()],
                ..FieldsConfig::default()
            },
            ..RedactionConfig::default()
        };
        let c = FieldClassifier::compile(&cfg).unwrap();
        assert_eq!(c.classify("loyaltyNumber"), Some(Personal));
        assert_eq!(c.classify("ip_address"), Some(Personal));
        assert_eq!(c.classify("X-Internal-Auth"), Some(Secret));
        assert_eq!(c.classify("name"), None);
        assert_eq!(c.classify("PIN"), None);
        assert_eq!(c.classify("first_name"), Some(Personal));
    }

    #[test]
    fn a_disabled_class_is_never_reported() {
        let mut cfg = RedactionConfig::default();
        cfg.detectors.insert(
            Entity::SecretField,
            DetectorSetting {
                enabled: false,
                operator: None,
            },
        );
        let c = FieldClassifier::compile(&cfg).unwrap();
        assert_eq!(c.classify("password"), None);
        assert_eq!(c.classify("surname"), Some(Personal));
    }

    #[test]
    fn empty_config_key_is_an_error_naming_the_entry() {
        let cfg = RedactionConfig {
            fields: FieldsConfig {
                secret: vec!["ok".into(), "_-. ".into()],
                ..FieldsConfig::default()
            },
            ..RedactionConfig::default()
        };
        let err = FieldClassifier::compile(&cfg).unwrap_err();
        assert_eq!(err.field(), "redaction.fields.secret[1]");
    }

    #[test]
    fn long_keys_are_classified_too() {
        let c = classifier();
        let key = format!("{}_password", "x".repeat(200));
        assert_eq!(c.classify(&key), Some(Secret));
    }
}
