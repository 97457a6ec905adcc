//! The literal-prefix pass: one Aho-Corasick automaton over every prefix that announces a
//! secret (`AKIA`, `ghp_`, `eyJ`, `-----BEGIN `, `://`, `Bearer `…) or a SegWit address
//! (`bc1`). Text without any of them is crossed at memory speed (the automaton uses SIMD
//! prefilters where the target has them); each hit runs one small scanner at that spot.

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::bytes::at;
use super::candidate::{Candidate, EntitySet};
use super::secrets::{credential, jwt, keys, pem, userinfo};
use super::wallet;
use crate::entity::Entity;
use crate::error::ConfigError;

/// Which scanner a prefix starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Aws,
    Github,
    GithubPat,
    Stripe,
    Slack,
    SlackApp,
    SlackWebhook,
    Google,
    Pem,
    Jwt,
    Userinfo,
    Bearer,
    Basic,
    Bech32,
}

impl Kind {
    fn entity(self) -> Entity {
        match self {
            Kind::Aws => Entity::AwsAccessKey,
            Kind::Github | Kind::GithubPat => Entity::GithubToken,
            Kind::Stripe => Entity::StripeKey,
            Kind::Slack | Kind::SlackApp | Kind::SlackWebhook => Entity::SlackToken,
            Kind::Google => Entity::GoogleApiKey,
            Kind::Pem => Entity::PrivateKey,
            Kind::Jwt => Entity::Jwt,
            Kind::Userinfo => Entity::UrlUserinfo,
            Kind::Bearer | Kind::Basic => Entity::AuthCredential,
            Kind::Bech32 => Entity::BitcoinAddress,
        }
    }

    /// Runs this kind's scanner for a prefix found at `s..e`. Some prefixes are shared by
    /// several spellings (`k_live_` for `sk_live_` and `rk_live_`, `earer ` for `Bearer ` and
    /// `bearer `) to keep the automaton small; their first byte is checked here.
    fn scan(self, b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
        let preceded_by =
            |options: &[u8]| s.checked_sub(1).filter(|&p| options.contains(&at(b, p)));
        match self {
            Kind::Aws => keys::aws(b, s, e),
            Kind::Github => keys::github(b, s, e),
            Kind::GithubPat => keys::github_pat(b, s, e),
            Kind::Stripe => keys::stripe(b, preceded_by(b"sr")?, e),
            Kind::Slack => {
                let typed = matches!(at(b, e), b'b' | b'p' | b'a' | b'r' | b's' | b'e');
                if !typed || at(b, e + 1) != b'-' {
                    return None;
                }
                keys::slack(b, s, e + 2)
            }
            Kind::SlackApp => keys::slack(b, s, e),
            Kind::SlackWebhook => keys::slack_webhook(b, s, e),
            Kind::Google => keys::google(b, s, e),
            Kind::Pem => pem::scan(b, s),
            Kind::Jwt => jwt::scan(b, s),
            Kind::Userinfo => userinfo::scan(b, s, e),
            Kind::Bearer => credential::bearer(b, preceded_by(b"Bb")?, e),
            Kind::Basic => credential::basic(b, preceded_by(b"Bb")?, e),
            Kind::Bech32 => wallet::scan_bech32(b, s).map(|end| (s, end)),
        }
    }
}

/// Kept under 32 patterns so that the automaton's SIMD prefilter uses its fastest form.
const PREFIXES: &[(&str, Kind)] = &[
    ("AKIA", Kind::Aws),
    ("ASIA", Kind::Aws),
    ("ABIA", Kind::Aws),
    ("ACCA", Kind::Aws),
    ("ghp_", Kind::Github),
    ("gho_", Kind::Github),
    ("ghu_", Kind::Github),
    ("ghs_", Kind::Github),
    ("ghr_", Kind::Github),
    ("github_pat_", Kind::GithubPat),
    ("k_live_", Kind::Stripe),
    ("k_test_", Kind::Stripe),
    ("xox", Kind::Slack),
    ("xapp-", Kind::SlackApp),
    ("hooks.slack.com/services/", Kind::SlackWebhook),
    ("AIza", Kind::Google),
    ("-----BEGIN ", Kind::Pem),
    ("eyJ", Kind::Jwt),
    ("://", Kind::Userinfo),
    ("earer ", Kind::Bearer),
    ("asic ", Kind::Basic),
    ("bc1", Kind::Bech32),
    ("BC1", Kind::Bech32),
];

/// The automaton over the prefixes of the enabled detectors.
#[derive(Debug, Clone)]
pub(super) struct Triggers {
    automaton: Option<AhoCorasick>,
    kinds: Vec<Kind>,
}

impl Triggers {
    pub(super) fn compile(enabled: EntitySet) -> Result<Self, ConfigError> {
        let (patterns, kinds): (Vec<&str>, Vec<Kind>) = PREFIXES
            .iter()
            .filter(|(_, kind)| enabled.contains(kind.entity()))
            .copied()
            .unzip();
        if patterns.is_empty() {
            return Ok(Self {
                automaton: None,
                kinds,
            });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .map_err(|_| {
                ConfigError::new(
                    "redaction.detectors",
                    "could not build the detector prefilter",
                )
            })?;
        Ok(Self {
            automaton: Some(automaton),
            kinds,
        })
    }

    /// Adds every secret (of an entity in `only`) found in `b` to `out`.
    pub(super) fn scan(&self, b: &[u8], only: EntitySet, out: &mut Vec<Candidate>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let mut pos = 0;
        while pos < b.len() {
            let Some(m) = automaton.find(Input::new(b).range(pos..)) else {
                break;
            };
            let Some(&kind) = self.kinds.get(m.pattern().as_usize()) else {
                break;
            };
            let entity = kind.entity();
            let found = if only.contains(entity) {
                kind.scan(b, m.start(), m.end())
            } else {
                None
            };
            match found {
                Some((start, end)) if start < end => {
                    out.push(Candidate::builtin(start, end, entity));
                    // Inside a key block nothing else matters; elsewhere a more specific
                    // secret may start inside this one (the JWT after `Bearer `).
                    pos = if kind == Kind::Pem { end } else { m.end() };
                }
                _ => pos = m.start() + 1,
            }
        }
    }
}
