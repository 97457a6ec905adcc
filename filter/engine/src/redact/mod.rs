//! The redactor: runs the detectors over a value and applies each finding's operator.
//!
//! Every part of the request (path, query, headers, cookies, body formats) goes through the
//! three entry points here, so one policy decides what a value becomes wherever it appears.

pub mod operator;
pub mod pseudonym;

use std::borrow::Cow;

use crate::config::{BodyConfig, Operator, Parts, RedactionConfig};
use crate::detect::{Detectors, EntitySet, FieldClass, FieldClassifier, Finding, KeyInfo};
use crate::entity::Entity;
use crate::error::ConfigError;
use operator::{Applied, Replacement};
pub use pseudonym::Keyed;

/// Counts of what was redacted in one request; only numbers, so it can be logged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub values: u32,
}

impl Tally {
    fn add(&mut self) {
        self.values = self.values.saturating_add(1);
    }
}

/// What becomes of a value that sits under a key (JSON member, form field, query parameter,
/// cookie, header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAction {
    Keep,
    Replace(String),
    /// Drop the member, parameter, cookie or header.
    Remove,
}

/// Headers that carry protocol data, never personal data; scanning them would only risk
/// breaking the copy.
const PROTOCOL_HEADERS: [&str; 16] = [
    ":method",
    ":scheme",
    ":authority",
    ":path",
    "content-type",
    "content-length",
    "content-encoding",
    "transfer-encoding",
    "accept",
    "accept-encoding",
    "accept-language",
    "connection",
    "te",
    "x-request-id",
    "traceparent",
    "x-envoy-expected-rq-timeout-ms",
];

/// The detectors an all-digit identifier of this length is spared (see
/// [`Redactor::field_in`]).
fn id_lookalikes(value: &str) -> EntitySet {
    let spared = EntitySet::EMPTY.with(Entity::Phone).with(Entity::UsSsn);
    if matches!(value.trim().len(), 15 | 16) {
        spared
    } else {
        spared.with(Entity::CreditCard)
    }
}

/// A non-empty run of ASCII digits (surrounding whitespace allowed).
fn is_digits(value: &str) -> bool {
    // Most values start with an ASCII byte that is no digit and that `trim` keeps (it
    // strips Unicode white space: the ASCII kind, the vertical tab, and non-ASCII bytes),
    // so they are settled without trimming.
    if let Some(&first) = value.as_bytes().first() {
        let trimmed = !first.is_ascii() || first.is_ascii_whitespace() || first == 0x0B;
        if !trimmed && !first.is_ascii_digit() {
            return false;
        }
    }
    let v = value.trim();
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
}

/// Letters-only text shorter than this holds nothing a built-in detector finds: the
/// structural pass stops only at digits and punctuation, and no built-in finds fewer than
/// [`crate::detect::SHORTEST_LETTERS_ONLY_FINDING`] letters alone. Header values, path segments and
/// parameters are often such words (`desc`, `true`, `search`). Taken from the detectors'
/// own constant, so that a new detector with a shorter letters-only form shrinks it.
const PLAIN_WORD_MAX: usize = crate::detect::SHORTEST_LETTERS_ONLY_FINDING;

fn is_plain_word(text: &str) -> bool {
    text.len() < PLAIN_WORD_MAX && text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// What a key says about the values under it (see [`Redactor::key_meaning`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyMeaning {
    /// Personal or secret (and that class is on): the whole value is redacted.
    class: Option<FieldClass>,
    /// The key names an identifier: an all-digit value is not a phone number.
    identifier: bool,
}

#[derive(Debug, Clone)]
pub struct Redactor {
    detectors: Detectors,
    /// No custom pattern is configured, so [`is_plain_word`] text cannot match.
    builtin_only: bool,
    fields: FieldClassifier,
    fields_enabled: bool,
    personal_enabled: bool,
    secret_enabled: bool,
    personal_operator: Operator,
    secret_operator: Operator,
    keyed: Keyed,
    parts: Parts,
    skip_headers: Vec<String>,
    body: BodyConfig,
}

impl Redactor {
    pub fn compile(cfg: &RedactionConfig, keyed: Keyed) -> Result<Self, ConfigError> {
        let skip_headers = cfg
            .skip_headers
            .iter()
            .enumerate()
            .map(|(i, n)| crate::rules::header_name(&format!("redaction.skipHeaders[{i}]"), n))
            .collect::<Result<_, _>>()?;
        if cfg.body.max_bytes == 0 {
            return Err(ConfigError::new(
                "redaction.body.maxBytes",
                "must be greater than 0",
            ));
        }
        if cfg.body.max_decompressed_bytes < cfg.body.max_bytes {
            return Err(ConfigError::new(
                "redaction.body.maxDecompressedBytes",
                "must be at least redaction.body.maxBytes",
            ));
        }
        // Values found by key name are the `personalField` and `secretField` entities: their
        // `redaction.detectors` entries switch them off or set their operator, like any other
        // detector's; `fields.personalOperator` / `fields.secretOperator` say the same and win.
        let class = |entity: Entity, specific: &Option<Operator>, default: Operator| {
            let setting = cfg.detectors.get(&entity);
            let enabled = setting.is_none_or(|s| s.enabled);
            let operator = specific
                .clone()
                .or_else(|| setting.and_then(|s| s.operator.clone()))
                .unwrap_or(default);
            (enabled, operator)
        };
        let (personal_enabled, personal_operator) = class(
            Entity::PersonalField,
            &cfg.fields.personal_operator,
            Operator::Pseudonymize,
        );
        let (secret_enabled, secret_operator) = class(
            Entity::SecretField,
            &cfg.fields.secret_operator,
            Operator::Mask { label: None },
        );
        let detectors = Detectors::compile(cfg)?;
        Ok(Self {
            builtin_only: detectors.rules().iter().all(|rule| rule.entity.is_some()),
            detectors,
            fields: FieldClassifier::compile(cfg)?,
            fields_enabled: cfg.fields.enabled,
            personal_enabled,
            secret_enabled,
            personal_operator,
            secret_operator,
            keyed,
            parts: cfg.parts,
            skip_headers,
            body: cfg.body.clone(),
        })
    }

    pub fn parts(&self) -> Parts {
        self.parts
    }

    pub fn body_config(&self) -> &BodyConfig {
        &self.body
    }

    pub fn keyed(&self) -> &Keyed {
        &self.keyed
    }

    /// Free text: every finding is replaced; a `remove` operator cuts the value out.
    pub fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        if self.builtin_only && is_plain_word(text) {
            return Cow::Borrowed(text);
        }
        self.replace_findings(text, self.detectors.find(text), tally)
    }

    /// A path segment: text, except that one made only of digits is the id of a resource
    /// (`/orders/123456789`), not a bare SSN. Phone numbers and cards are still found in it:
    /// unlike a member name, the path does not say what the digits are.
    pub fn segment<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        if is_digits(text) {
            let spared = EntitySet::EMPTY.with(Entity::UsSsn);
            self.replace_findings(text, self.detectors.find_except(text, spared), tally)
        } else {
            self.text(text, tally)
        }
    }

    fn replace_findings<'a>(
        &self,
        text: &'a str,
        findings: Vec<Finding>,
        tally: &mut Tally,
    ) -> Cow<'a, str> {
        if findings.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for f in findings {
            let (Some(rule), Some(before), Some(value)) = (
                self.detectors.rule(f.rule),
                text.get(copied..f.start),
                text.get(f.start..f.end),
            ) else {
                continue;
            };
            out.push_str(before);
            let applied = operator::apply_into(
                &rule.operator,
                rule.entity,
                &rule.name,
                value,
                &self.keyed,
                &mut out,
            );
            // A value that is already this key's pseudonym maps to itself: nothing was
            // redacted, so nothing is counted (and redacting twice changes nothing).
            if applied != Applied::Unchanged {
                tally.add();
            }
            copied = f.end;
        }
        out.push_str(text.get(copied..).unwrap_or(""));
        Cow::Owned(out)
    }

    /// A value under a key: a key naming personal data or a secret decides for the whole
    /// value; otherwise the value is scanned as text.
    pub fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        self.field_in("", key, value, tally)
    }

    /// [`Redactor::field`] for a member of an object held under `parent` (see
    /// [`FieldClassifier::classify_in`]).
    ///
    /// An all-digit value under a key that names an identifier (`id`, `order_id`, `gtin`...)
    /// is an identifier: it is not taken for a phone number (about half of all 10-digit
    /// numbers pass the numbering plan's rules) or a bare SSN (nine digits on their own are
    /// one elsewhere, and nine in ten of them pass the SSA's rules), nor for a card unless it
    /// has a card's usual 15 or 16 digits (one EAN-13 barcode or 19-digit snowflake id in ten
    /// passes Luhn under some issuer's prefix). Custom patterns still apply.
    pub fn field_in(&self, parent: &str, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        match self.classify_in(parent, key) {
            Some(class) => self.classified(class, value, tally),
            None => self.unclassified(value, || self.fields.names_identifier(key), tally),
        }
    }

    /// What `key` under `parent` means for the values under it: a body rewriter whose keys
    /// repeat works it out once per key, then calls [`Redactor::field_as`].
    pub fn key_meaning(&self, parent: &str, key: &str) -> KeyMeaning {
        self.meaning_of(parent, self.fields.info(key))
    }

    fn meaning_of(&self, parent: &str, info: KeyInfo) -> KeyMeaning {
        let class = self
            .fields
            .class_in(parent, info)
            .filter(|&class| self.class_enabled(class));
        KeyMeaning {
            class,
            identifier: class.is_none() && info.identifier(),
        }
    }

    /// A key scanned as free text (a JSON member's or form field's name, which can be
    /// personal data itself). Names seen clean before are not scanned again: the field
    /// classifier remembers them for the life of the VM.
    pub fn key_text<'a>(&self, key: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        self.member("", key, tally).0
    }

    /// [`Redactor::key_text`] and [`Redactor::key_meaning`] of a member name at once.
    pub fn member<'a>(
        &self,
        parent: &str,
        key: &'a str,
        tally: &mut Tally,
    ) -> (Cow<'a, str>, KeyMeaning) {
        // A new name is remembered once, with what the scan found.
        let known = self.fields.known(key);
        let info = known.unwrap_or_else(|| self.fields.unremembered(key));
        let scanned = if info.clean() {
            Cow::Borrowed(key)
        } else {
            let scanned = self.text(key, tally);
            let clean = matches!(scanned, Cow::Borrowed(_));
            if clean || known.is_none() {
                self.fields.remember(key, info, clean);
            }
            scanned
        };
        (scanned, self.meaning_of(parent, info))
    }

    /// [`Redactor::field_in`] for a key whose meaning is known.
    pub fn field_as(&self, meaning: KeyMeaning, value: &str, tally: &mut Tally) -> FieldAction {
        match meaning.class {
            Some(class) => self.classified(class, value, tally),
            None => self.unclassified(value, || meaning.identifier, tally),
        }
    }

    fn classified(&self, class: FieldClass, value: &str, tally: &mut Tally) -> FieldAction {
        if value.is_empty() {
            return FieldAction::Keep;
        }
        let (op, entity) = self.class_operator(class);
        let replacement =
            operator::apply(op, Some(entity), entity.metric_name(), value, &self.keyed);
        match replacement {
            // Already this key's pseudonym: nothing to redact, nothing to count.
            Replacement::Text(t) if t == value => FieldAction::Keep,
            Replacement::Text(t) => {
                tally.add();
                FieldAction::Replace(t)
            }
            Replacement::Remove => {
                tally.add();
                FieldAction::Remove
            }
        }
    }

    fn unclassified(
        &self,
        value: &str,
        identifier: impl FnOnce() -> bool,
        tally: &mut Tally,
    ) -> FieldAction {
        let redacted = if is_digits(value) && identifier() {
            self.replace_findings(
                value,
                self.detectors.find_except(value, id_lookalikes(value)),
                tally,
            )
        } else {
            self.text(value, tally)
        };
        match redacted {
            Cow::Borrowed(_) => FieldAction::Keep,
            Cow::Owned(t) => FieldAction::Replace(t),
        }
    }

    /// Whether a key names personal data or a secret (and field detection is on).
    pub fn classify(&self, key: &str) -> Option<FieldClass> {
        self.classify_in("", key)
    }

    /// [`Redactor::classify`] for a member of an object held under `parent`.
    pub fn classify_in(&self, parent: &str, key: &str) -> Option<FieldClass> {
        if !self.fields_enabled {
            return None;
        }
        self.fields
            .classify_in(parent, key)
            .filter(|&class| self.class_enabled(class))
    }

    fn class_enabled(&self, class: FieldClass) -> bool {
        self.fields_enabled
            && match class {
                FieldClass::Personal => self.personal_enabled,
                FieldClass::Secret => self.secret_enabled,
            }
    }

    fn class_operator(&self, class: FieldClass) -> (&Operator, Entity) {
        match class {
            FieldClass::Personal => (&self.personal_operator, Entity::PersonalField),
            FieldClass::Secret => (&self.secret_operator, Entity::SecretField),
        }
    }

    /// A header value. Protocol headers and `skipHeaders` are left alone; for
    /// `authorization`-style headers the scheme is kept and the credential replaced.
    pub fn header(&self, name: &str, value: &str, tally: &mut Tally) -> FieldAction {
        if PROTOCOL_HEADERS.contains(&name) || self.skip_headers.iter().any(|s| s == name) {
            return FieldAction::Keep;
        }
        if name == "authorization" || name == "proxy-authorization" {
            return self.credential(value, tally);
        }
        self.field(name, value, tally)
    }

    fn credential(&self, value: &str, tally: &mut Tally) -> FieldAction {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return FieldAction::Keep;
        }
        let (scheme, secret) = match trimmed.split_once(' ') {
            Some((scheme, secret)) if !secret.trim().is_empty() => (Some(scheme), secret.trim()),
            _ => (None, trimmed),
        };
        let (op, entity) = self.class_operator(FieldClass::Secret);
        let entity = if scheme.is_some() {
            Entity::AuthCredential
        } else {
            entity
        };
        // The scheme and the replacement go straight into the new value.
        let mut out = String::with_capacity(trimmed.len());
        if let Some(scheme) = scheme {
            out.push_str(scheme);
            out.push(' ');
        }
        let start = out.len();
        match operator::apply_into(
            op,
            Some(entity),
            entity.metric_name(),
            secret,
            &self.keyed,
            &mut out,
        ) {
            // Already redacted (a mask label, our own pseudonym): nothing to do or count, so
            // that a second pass over a copy changes nothing.
            Applied::Unchanged => FieldAction::Keep,
            Applied::Replaced if out.get(start..) == Some(secret) => FieldAction::Keep,
            Applied::Replaced => {
                tally.add();
                FieldAction::Replace(out)
            }
            Applied::Removed => {
                tally.add();
                FieldAction::Remove
            }
        }
    }
}

#[cfg(test)]
mod tests;
