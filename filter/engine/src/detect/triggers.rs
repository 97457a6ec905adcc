//! The literal-prefix pass: one Aho-Corasick automaton over every prefix that announces a
//! secret (`AKIA`, `ghp_`, `eyJ`, `-----BEGIN `, `://`, `Bearer `…) or a SegWit address
//! (`bc1`). Text without any of them is crossed at memory speed (natively the automaton's
//! SIMD prefilters; in the Wasm module, which has no SIMD, a [`sieve`] of byte pairs); each
//! hit runs one small scanner at that spot.

mod sieve;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use sieve::{Hit, Sieve};

use super::bytes::at;
use super::candidate::{Candidate, EntitySet};
use super::secrets::pem::{self, EndMarkers};
use super::secrets::{credential, jwt, keys, userinfo};
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
    fn scan(self, b: &[u8], s: usize, e: usize, ends: &mut EndMarkers) -> Option<(usize, usize)> {
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
            Kind::Pem => pem::scan(b, s, ends),
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

/// How the prefixes are searched for; both report the same occurrences.
#[derive(Debug, Clone)]
enum Search {
    /// No detector with a prefix is enabled.
    Nothing,
    Automaton(AhoCorasick),
    Sieve(Sieve),
    /// Natively: the sieve on short haystacks (header values, JSON strings), where the
    /// automaton's SIMD prefilter costs more to start than the search itself, and the
    /// automaton on long ones.
    Split(AhoCorasick, Sieve),
}

/// Which search [`Triggers::compile_with`] builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The Wasm module: the automaton has no SIMD there and steps one byte at a time.
    Sieve,
    /// The automaton alone: the reference the other two are tested against.
    #[cfg_attr(not(test), allow(dead_code))]
    Automaton,
    Split,
}

/// Haystacks shorter than this go to the sieve in [`Search::Split`].
const SHORT_HAYSTACK: usize = 256;

impl Search {
    fn automaton_find(automaton: &AhoCorasick, b: &[u8], from: usize) -> Option<Hit> {
        automaton.find(Input::new(b).range(from..)).map(|m| Hit {
            pattern: m.pattern().as_usize(),
            start: m.start(),
            end: m.end(),
        })
    }

    /// The first occurrence (leftmost, then earliest listed) starting at or after `from`.
    #[inline]
    fn find(&self, b: &[u8], from: usize) -> Option<Hit> {
        match self {
            Search::Nothing => None,
            Search::Automaton(automaton) => Search::automaton_find(automaton, b, from),
            Search::Sieve(sieve) => sieve.find(b, from),
            Search::Split(_, sieve) if b.len() < SHORT_HAYSTACK => sieve.find(b, from),
            Search::Split(automaton, _) => Search::automaton_find(automaton, b, from),
        }
    }
}

/// The search over the prefixes of the enabled detectors.
#[derive(Debug, Clone)]
pub(super) struct Triggers {
    search: Search,
    kinds: Vec<Kind>,
}

impl Triggers {
    pub(super) fn compile(enabled: EntitySet) -> Result<Self, ConfigError> {
        let mode = if cfg!(target_family = "wasm") {
            Mode::Sieve
        } else {
            Mode::Split
        };
        Self::compile_with(enabled, mode)
    }

    /// The prefixes searched for as `mode` says (the automaton wherever the sieve cannot
    /// take them).
    fn compile_with(enabled: EntitySet, mode: Mode) -> Result<Self, ConfigError> {
        let (patterns, kinds): (Vec<&'static str>, Vec<Kind>) = PREFIXES
            .iter()
            .filter(|(_, kind)| enabled.contains(kind.entity()))
            .copied()
            .unzip();
        if patterns.is_empty() {
            return Ok(Self {
                search: Search::Nothing,
                kinds,
            });
        }
        if mode == Mode::Sieve {
            if let Some(sieve) = Sieve::new(&patterns) {
                return Ok(Self {
                    search: Search::Sieve(sieve),
                    kinds,
                });
            }
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
        let search = match (mode, Sieve::new(&patterns)) {
            (Mode::Split, Some(sieve)) => Search::Split(automaton, sieve),
            _ => Search::Automaton(automaton),
        };
        Ok(Self { search, kinds })
    }

    /// Adds every secret (of an entity in `only`) found in `b` to `out`.
    pub(super) fn scan(&self, b: &[u8], only: EntitySet, out: &mut Vec<Candidate>) {
        if matches!(self.search, Search::Nothing) {
            return;
        }
        let mut ends = EndMarkers::default();
        let mut pos = 0;
        while pos < b.len() {
            let Some(m) = self.search.find(b, pos) else {
                break;
            };
            let Some(&kind) = self.kinds.get(m.pattern) else {
                break;
            };
            let entity = kind.entity();
            let found = if only.contains(entity) {
                kind.scan(b, m.start, m.end, &mut ends)
            } else {
                None
            };
            match found {
                Some((start, end)) if start < end => {
                    out.push(Candidate::builtin(start, end, entity));
                    // Inside a key block nothing else matters; elsewhere a more specific
                    // secret may start inside this one (the JWT after `Bearer `).
                    pos = if kind == Kind::Pem { end } else { m.end };
                }
                _ => pos = m.start + 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The entities that have a prefix.
    fn prefixed() -> Vec<Entity> {
        let mut entities: Vec<Entity> = PREFIXES.iter().map(|(_, k)| k.entity()).collect();
        entities.dedup();
        entities
    }

    #[test]
    fn every_prefix_is_long_enough_for_the_sieve() {
        for (prefix, _) in PREFIXES {
            assert!(prefix.len() >= sieve::MIN_LEN, "{prefix}");
        }
        let all = EntitySet::of(&prefixed());
        assert!(matches!(
            Triggers::compile_with(all, Mode::Sieve).unwrap().search,
            Search::Sieve(_)
        ));
    }

    #[test]
    fn the_wasm_module_uses_the_sieve_and_native_code_splits_by_length() {
        let all = EntitySet::of(&prefixed());
        let search = Triggers::compile(all).unwrap().search;
        if cfg!(target_family = "wasm") {
            assert!(matches!(search, Search::Sieve(_)));
        } else {
            assert!(matches!(search, Search::Split(..)));
        }
    }

    /// The secrets both searches lead to, for the detectors in `enabled`.
    fn both(b: &[u8], enabled: EntitySet, only: EntitySet) -> (Vec<Candidate>, Vec<Candidate>) {
        let mut automaton = Vec::new();
        Triggers::compile_with(enabled, Mode::Automaton)
            .unwrap()
            .scan(b, only, &mut automaton);
        let mut sieve = Vec::new();
        Triggers::compile_with(enabled, Mode::Sieve)
            .unwrap()
            .scan(b, only, &mut sieve);
        (automaton, sieve)
    }

    #[test]
    fn both_searches_find_these_secrets() {
        let text = "auth: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmVfeHh4 \
            key=AKIAIOSFODNN7EXAMPLE ghp_abcdefghijklmnopqrstuvwxyz0123456789 \
            url=https://user:hunter2@example.com/x bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
        let all = EntitySet::of(&prefixed());
        let (automaton, sieve) = both(text.as_bytes(), all, all);
        assert!(automaton.len() >= 5, "{automaton:?}");
        assert_eq!(sieve, automaton);
    }

    /// Text made of prefixes (as listed, upper- and lower-cased, cut short, with a B or b in
    /// front), secret-shaped tails and filler.
    fn seeded_text() -> impl Strategy<Value = Vec<u8>> {
        let prefix = || proptest::sample::select(PREFIXES).prop_map(|(p, _)| p);
        let piece = prop_oneof![
            3 => "[a-zA-Z0-9 ._:/@=+-]{0,8}".prop_map(String::into_bytes),
            3 => (prefix(), "[A-Za-z0-9_.=-]{0,44}")
                .prop_map(|(p, tail)| [p.as_bytes(), tail.as_bytes()].concat()),
            1 => (prefix(), "[Bbs]").prop_map(|(p, b)| [b.as_bytes(), p.as_bytes()].concat()),
            1 => prefix().prop_map(|p| p.to_ascii_uppercase().into_bytes()),
            1 => prefix().prop_map(|p| p.to_ascii_lowercase().into_bytes()),
            1 => (prefix(), 0usize..12).prop_map(|(p, n)| p.bytes().take(n).collect()),
        ];
        proptest::collection::vec(piece, 0..20).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn the_sieve_finds_what_the_automaton_finds(
            b in seeded_text(),
            enabled in proptest::sample::subsequence(prefixed(), 0..=10),
            only in proptest::sample::subsequence(prefixed(), 0..=10),
        ) {
            let (automaton, sieve) = both(&b, EntitySet::of(&enabled), EntitySet::of(&only));
            prop_assert_eq!(&sieve, &automaton);
            let mut split = Vec::new();
            Triggers::compile_with(EntitySet::of(&enabled), Mode::Split)
                .unwrap()
                .scan(&b, EntitySet::of(&only), &mut split);
            prop_assert_eq!(split, automaton);
        }

        #[test]
        fn each_occurrence_is_found_from_every_origin(b in seeded_text(), from in 0usize..400) {
            let patterns: Vec<&'static str> = PREFIXES.iter().map(|(p, _)| *p).collect();
            let all = EntitySet::of(&prefixed());
            let automaton = Triggers::compile_with(all, Mode::Automaton).unwrap().search;
            let sieve = Search::Sieve(Sieve::new(&patterns).unwrap());
            let from = from.min(b.len());
            prop_assert_eq!(sieve.find(&b, from), automaton.find(&b, from));
        }
    }
}
