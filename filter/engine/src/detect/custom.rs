//! User-defined pattern detectors (`redaction.custom`).
//!
//! Names become mask labels and metric names, so they are restricted to `[a-z0-9_]{1,40}`
//! and may not reuse a built-in name. Patterns are compiled with a size limit so that a
//! configuration cannot make the VM build a huge automaton; errors name the entry by its
//! index, never echo the pattern (which may embed a secret the user wants to catch).
//!
//! Every value of a request is scanned, and a JSON body has hundreds of short values: running
//! fifty regexes over each one costs fifty searches' set-up for every value, almost all of
//! which find nothing. So a text runs only the patterns that [`prefilter`] says can match it.

mod prefilter;

use regex::{Regex, RegexBuilder};

use super::candidate::{Candidate, Source};
use super::{Rule, RuleId};
use crate::config::{CustomDetector, Operator};
use crate::entity::Entity;
use crate::error::ConfigError;
use prefilter::{Prefilter, PrefilterBuilder};

/// Limit on a compiled custom pattern (and on its lazy DFA cache).
pub const PATTERN_SIZE_LIMIT: usize = 1024 * 1024;

const NAME_MAX: usize = 40;

/// The compiled custom patterns and the rule each reports under.
#[derive(Debug, Clone, Default)]
pub(super) struct CustomSet {
    patterns: Vec<(RuleId, Regex)>,
    prefilter: Prefilter,
}

impl CustomSet {
    /// Validates and compiles `custom`, appending one rule per entry to `rules`.
    pub(super) fn compile(
        custom: &[CustomDetector],
        rules: &mut Vec<Rule>,
    ) -> Result<Self, ConfigError> {
        let mut patterns = Vec::with_capacity(custom.len());
        let mut prefilter = PrefilterBuilder::default();
        for (i, c) in custom.iter().enumerate() {
            check_name(&c.name, i, custom)?;
            let regex = RegexBuilder::new(&c.pattern)
                .size_limit(PATTERN_SIZE_LIMIT)
                .dfa_size_limit(PATTERN_SIZE_LIMIT)
                .build()
                .map_err(|e| {
                    ConfigError::new(format!("redaction.custom[{i}].pattern"), reason(&e))
                })?;
            prefilter.add(i, &c.pattern);
            patterns.push((rules.len(), regex));
            rules.push(Rule {
                entity: None,
                name: c.name.clone(),
                operator: c.operator.clone().unwrap_or(Operator::Mask { label: None }),
            });
        }
        Ok(Self {
            patterns,
            prefilter: prefilter.build(),
        })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Adds every non-empty match of every pattern to `out`, tagged with the pattern's index.
    pub(super) fn scan(&self, text: &str, out: &mut Vec<Candidate>) {
        for index in self.prefilter.candidates(text) {
            let Some((_, regex)) = self.patterns.get(index) else {
                continue;
            };
            for m in regex.find_iter(text) {
                if m.start() < m.end() {
                    out.push(Candidate {
                        start: m.start(),
                        end: m.end(),
                        source: Source::Custom(index),
                    });
                }
            }
        }
    }

    /// The rule of the pattern at `index`.
    pub(super) fn rule(&self, index: usize) -> Option<RuleId> {
        self.patterns.get(index).map(|(rule, _)| *rule)
    }
}

/// Why a pattern was refused, in words that never quote the pattern.
fn reason(e: &regex::Error) -> &'static str {
    match e {
        regex::Error::CompiledTooBig(_) => "pattern compiles to more than the 1 MiB limit",
        _ => {
            "not a valid regular expression (Rust regex syntax, no look-around or back-references)"
        }
    }
}

fn check_name(name: &str, i: usize, all: &[CustomDetector]) -> Result<(), ConfigError> {
    let field = || format!("redaction.custom[{i}].name");
    if name.is_empty() || name.len() > NAME_MAX {
        return Err(ConfigError::new(field(), "must be 1 to 40 characters long"));
    }
    if !name
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
    {
        return Err(ConfigError::new(
            field(),
            "may contain only lowercase letters, digits and `_`",
        ));
    }
    if Entity::ALL.iter().any(|e| e.metric_name() == name) {
        return Err(ConfigError::new(
            field(),
            "clashes with a built-in detector name",
        ));
    }
    if all.iter().take(i).any(|c| c.name == name) {
        return Err(ConfigError::new(
            field(),
            "is used by an earlier custom detector",
        ));
    }
    Ok(())
}
