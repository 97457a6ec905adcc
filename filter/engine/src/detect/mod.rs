//! Detectors: find sensitive values in text, and personal fields by key name.
//!
//! OWNER NOTE (skeleton): the detectors helper implements every built-in detector with
//! checksum/rule validation; until then only custom patterns are found.

use regex::Regex;

use crate::config::{Operator, RedactionConfig};
use crate::entity::Entity;
use crate::error::ConfigError;

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

/// The compiled set of enabled detectors.
#[derive(Debug, Clone)]
pub struct Detectors {
    rules: Vec<Rule>,
    custom: Vec<(RuleId, Regex)>,
}

impl Detectors {
    pub fn compile(cfg: &RedactionConfig) -> Result<Self, ConfigError> {
        let mut rules = Vec::new();
        let mut custom = Vec::new();
        for (i, c) in cfg.custom.iter().enumerate() {
            let re = Regex::new(&c.pattern).map_err(|_| {
                ConfigError::new(
                    format!("redaction.custom[{i}].pattern"),
                    "not a valid regex",
                )
            })?;
            custom.push((rules.len(), re));
            rules.push(Rule {
                entity: None,
                name: c.name.clone(),
                operator: c.operator.clone().unwrap_or(Operator::Mask { label: None }),
            });
        }
        Ok(Self { rules, custom })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: RuleId) -> Option<&Rule> {
        self.rules.get(id)
    }

    /// Every finding in `text`, sorted by start and not overlapping.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        for (rule, re) in &self.custom {
            for m in re.find_iter(text) {
                if !m.as_str().is_empty() {
                    out.push(Finding {
                        start: m.start(),
                        end: m.end(),
                        rule: *rule,
                    });
                }
            }
        }
        out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut last_end = 0;
        out.retain(|f| {
            let keep = f.start >= last_end;
            if keep {
                last_end = f.end;
            }
            keep
        });
        out
    }
}

/// Whether a key names personal data or a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    Personal,
    Secret,
}

#[derive(Debug, Clone, Default)]
pub struct FieldClassifier {}

impl FieldClassifier {
    pub fn compile(_cfg: &RedactionConfig) -> Result<Self, ConfigError> {
        Ok(Self {})
    }

    pub fn classify(&self, _key: &str) -> Option<FieldClass> {
        None
    }
}
