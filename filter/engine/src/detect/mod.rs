//! Detectors: find sensitive values in text, and personal fields by key name.
//!
//! Every built-in detector validates what it finds (a checksum, an issuer table, numbering
//! rules, a decodable header) so that look-alikes survive: UUIDs, timestamps, versions,
//! digests, order codes and prices pass through unchanged. See `DETECTORS.md` in the crate
//! for the rules of each detector and how they compare with Presidio's recognizers.
//!
//! Scanning is built for throughput, because it runs over every mirrored request inside a
//! Wasm VM. Instead of one regex per detector over the whole text, a request is crossed
//! twice:
//!
//! * [`triggers`]: one Aho-Corasick automaton over the literal prefixes of secrets
//!   (`AKIA`, `ghp_`, `eyJ`, `://`, `Bearer `…), running a small scanner at each hit;
//! * [`scan`]: a byte-class walk that stops only at digits and a handful of punctuation
//!   bytes (`@ : + ( - .`) and runs hand-written scanners there.
//!
//! Custom patterns (`redaction.custom`) run as regexes; overlaps between all candidates are
//! then settled by [`resolve`].

mod bytes;
mod candidate;
mod card;
mod context;
mod custom;
mod email;
mod fields;
mod iban;
mod ip;
mod mac;
mod needs;
mod pairs;
mod phone;
mod resolve;
mod scan;
mod secrets;
mod ssn;
mod swar;
mod tokens;
mod triggers;
mod wallet;
mod window;

pub use candidate::EntitySet;
pub use custom::PATTERN_SIZE_LIMIT;
pub use fields::{FieldClass, FieldClassifier, KeyInfo};

use crate::config::{Operator, RedactionConfig};
use crate::entity::Entity;
use crate::error::ConfigError;
use candidate::{Candidate, Source};
use custom::CustomSet;
use needs::WalkNeeds;
use triggers::Triggers;

/// Index of a rule in [`Detectors::rules`].
pub type RuleId = usize;

/// One detected value: a byte range of the scanned text and the rule that found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub rule: RuleId,
}

/// A detector as the redactor sees it: what it is called and what to do with its findings.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `Some` for built-in detectors; custom detectors have only a name.
    pub entity: Option<Entity>,
    /// Metric name and, upper-cased, the default mask label.
    pub name: String,
    pub operator: Operator,
}

/// The length of the shortest finding a built-in detector can make in text of ASCII letters
/// alone (an AWS access key id: a four-capital prefix and sixteen capitals). Every other
/// built-in needs a digit, punctuation or a longer body (a Google API key has 39 bytes), so
/// shorter letters-only text (`desc`, `true`, `search`) needs no scan unless custom
/// patterns are configured.
pub const SHORTEST_LETTERS_ONLY_FINDING: usize = secrets::keys::AWS_LEN;

/// The entities found in text: all but the two field classes, which are found by key, not by
/// value, and which `Entity::ALL` lists last.
pub const TEXT_ENTITIES: &[Entity] = Entity::ALL.split_at(Entity::ALL.len() - 2).0;

/// What a built-in detector does unless configured otherwise: personal data keeps its
/// shape (so the shadow service still parses it), secrets become a label.
pub fn default_operator(entity: Entity) -> Operator {
    match entity {
        Entity::Email
        | Entity::Phone
        | Entity::CreditCard
        | Entity::UsSsn
        | Entity::Iban
        | Entity::IpAddress
        | Entity::MacAddress
        | Entity::BitcoinAddress
        | Entity::EthereumAddress
        | Entity::PersonalField => Operator::Pseudonymize,
        Entity::Jwt
        | Entity::AuthCredential
        | Entity::AwsAccessKey
        | Entity::GithubToken
        | Entity::StripeKey
        | Entity::SlackToken
        | Entity::GoogleApiKey
        | Entity::PrivateKey
        | Entity::UrlUserinfo
        | Entity::SecretField => Operator::Mask { label: None },
    }
}

/// The compiled set of enabled detectors. Built once per VM; scanning allocates only the
/// returned findings.
#[derive(Debug, Clone)]
pub struct Detectors {
    rules: Vec<Rule>,
    /// Rule of each built-in entity, indexed by `Entity as usize`; `None` when disabled.
    builtin: [Option<RuleId>; Entity::ALL.len()],
    enabled: EntitySet,
    /// Which short texts the structural walk can find nothing in.
    walk: WalkNeeds,
    triggers: Triggers,
    custom: CustomSet,
}

impl Detectors {
    pub fn compile(cfg: &RedactionConfig) -> Result<Self, ConfigError> {
        let mut rules = Vec::new();
        let mut builtin = [None; Entity::ALL.len()];
        let mut enabled = EntitySet::EMPTY;
        for &entity in TEXT_ENTITIES {
            let setting = cfg.detectors.get(&entity);
            if setting.is_some_and(|s| !s.enabled) {
                continue;
            }
            let operator = setting
                .and_then(|s| s.operator.clone())
                .unwrap_or_else(|| default_operator(entity));
            if let Some(slot) = builtin.get_mut(entity as usize) {
                *slot = Some(rules.len());
            }
            rules.push(Rule {
                entity: Some(entity),
                name: entity.metric_name().to_owned(),
                operator,
            });
            enabled = enabled.with(entity);
        }
        let custom = CustomSet::compile(&cfg.custom, &mut rules)?;
        let triggers = Triggers::compile(enabled)?;
        Ok(Self {
            rules,
            builtin,
            enabled,
            walk: WalkNeeds::compile(enabled),
            triggers,
            custom,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: RuleId) -> Option<&Rule> {
        self.rules.get(id)
    }

    /// The built-in entities that are enabled.
    pub fn enabled(&self) -> EntitySet {
        self.enabled
    }

    /// Every finding in `text`, sorted by start and not overlapping.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        self.find_where(text, self.enabled, true)
    }

    /// Every finding in `text` except those of the built-in entities in `off` (custom
    /// patterns still run), sorted by start and not overlapping.
    pub fn find_except(&self, text: &str, off: EntitySet) -> Vec<Finding> {
        let on = Entity::ALL
            .iter()
            .filter(|&&e| off.contains(e))
            .fold(self.enabled, |set, &e| set.without(e));
        self.find_where(text, on, true)
    }

    /// Findings of the given built-in entities only (custom patterns are not run). Overlaps
    /// are settled among these entities alone.
    pub fn find_in(&self, text: &str, entities: EntitySet) -> Vec<Finding> {
        self.find_where(text, self.enabled.intersect(entities), false)
    }

    /// Whether the whole of `value` is one `entity` (when that detector is enabled): e.g. to
    /// check that a pseudonym still passes the detector's validation.
    pub fn is_entity(&self, entity: Entity, value: &str) -> bool {
        matches!(
            self.find_in(value, EntitySet::EMPTY.with(entity)).as_slice(),
            [f] if f.start == 0 && f.end == value.len()
        )
    }

    fn find_where(&self, text: &str, on: EntitySet, custom: bool) -> Vec<Finding> {
        let bytes = text.as_bytes();
        let mut candidates: Vec<Candidate> = Vec::new();
        if !on.is_empty() {
            if self.walk.may_find(bytes) {
                scan::scan(bytes, on, &mut candidates);
            }
            self.triggers.scan(bytes, on, &mut candidates);
        }
        if custom && !self.custom.is_empty() {
            self.custom.scan(text, &mut candidates);
        }
        if candidates.is_empty() {
            return Vec::new();
        }
        resolve::resolve(candidates)
            .into_iter()
            .filter_map(|c| {
                let rule = match c.source {
                    Source::Builtin(entity) => self.builtin.get(entity as usize).copied()??,
                    Source::Custom(index) => self.custom.rule(index)?,
                };
                Some(Finding {
                    start: c.start,
                    end: c.end,
                    rule,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
