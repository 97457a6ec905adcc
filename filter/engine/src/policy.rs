//! The compiled policy: everything `on_configure` builds once per VM, and the two request
//! phases the filter calls.

use crate::body::{self, Plan};
use crate::config::{PluginConfig, Scope};
use crate::error::ConfigError;
use crate::headers::Headers;
use crate::parts;
use crate::redact::{Keyed, Redactor, Tally};
use crate::rules::{self, CompiledRules, EnvLookup};
use crate::tag::{Entropy, Tagger};
use crate::verdict::{BodyJob, DropReason, HeadersVerdict};

/// Something worth a log line at configure time. Never carries a configured value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// No pseudonym key configured: pseudonyms differ between VMs and restarts.
    EphemeralKey,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::EphemeralKey => f.write_str(
                "no redaction.key configured: using a random per-VM key, so pseudonyms differ \
                 between workers and restarts",
            ),
        }
    }
}

#[derive(Debug)]
pub struct Policy {
    scope: Scope,
    shadow_suffix: bool,
    marker_header: Option<String>,
    rules: CompiledRules,
    tagger: Option<Tagger>,
    redactor: Option<Redactor>,
    max_body_bytes: usize,
}

impl Policy {
    /// Parses and compiles a configuration document.
    ///
    /// `#[inline]` so that the configuration's serde code is compiled in the caller's crate
    /// (see [`PluginConfig::from_json`]).
    #[inline]
    pub fn from_json(
        bytes: &[u8],
        env: EnvLookup<'_>,
        entropy: &mut dyn Entropy,
    ) -> Result<(Self, Vec<Warning>), ConfigError> {
        Self::compile(&PluginConfig::from_json(bytes)?, env, entropy)
    }

    pub fn compile(
        cfg: &PluginConfig,
        env: EnvLookup<'_>,
        entropy: &mut dyn Entropy,
    ) -> Result<(Self, Vec<Warning>), ConfigError> {
        let mut warnings = Vec::new();
        let tagger = Tagger::compile(&cfg.tag)?;
        let marker_header = match (&cfg.recognize.marker_header, &tagger) {
            (Some(name), _) => Some(rules::header_name("recognize.markerHeader", name)?),
            (None, Some(t)) => Some(t.header().to_owned()),
            (None, None) => None,
        };
        let redactor = if cfg.redaction.enabled {
            let keyed = match &cfg.redaction.key {
                Some(source) => {
                    let secret = rules::resolve("redaction.key", source, env)?;
                    if secret.len() < 16 {
                        return Err(ConfigError::new(
                            "redaction.key",
                            "must be at least 16 characters",
                        ));
                    }
                    Keyed::from_secret(secret.as_bytes())
                }
                None => {
                    let mut random = [0u8; 32];
                    // A key the shadow side could guess would make every pseudonym and hash
                    // reversible for low-entropy values: refuse rather than fall back.
                    entropy.fill(&mut random).map_err(|_| {
                        ConfigError::new(
                            "redaction.key",
                            "is not set and the host has no random bytes for a per-VM key; \
                             set a key",
                        )
                    })?;
                    warnings.push(Warning::EphemeralKey);
                    Keyed::ephemeral(random)
                }
            };
            Some(Redactor::compile(&cfg.redaction, keyed)?)
        } else {
            None
        };
        Ok((
            Self {
                scope: cfg.scope,
                shadow_suffix: cfg.recognize.shadow_suffix,
                marker_header,
                rules: CompiledRules::compile(&cfg.headers, &cfg.authority, env)?,
                tagger,
                redactor,
                max_body_bytes: cfg.redaction.body.max_bytes,
            },
            warnings,
        ))
    }

    /// Largest body the filter buffers before dropping the copy.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// Whether this request is a copy the policy acts on.
    pub fn in_scope(&self, headers: &Headers) -> bool {
        match self.scope {
            Scope::All => true,
            Scope::Mirrored => {
                let by_suffix = self.shadow_suffix
                    && headers
                        .get(":authority")
                        .and_then(rules::shadow_authority)
                        .is_some();
                let by_marker = self
                    .marker_header
                    .as_deref()
                    .is_some_and(|m| headers.contains(m));
                by_suffix || by_marker
            }
        }
    }

    /// The headers phase: redacts the request line and headers, applies the header rules and
    /// tags the copy, and decides what happens to the body.
    ///
    /// `end_of_stream` is true when the request has no body.
    pub fn on_request_headers(
        &self,
        headers: &mut Headers,
        end_of_stream: bool,
        entropy: &mut dyn Entropy,
    ) -> HeadersVerdict {
        if !self.in_scope(headers) {
            return HeadersVerdict::PassThrough;
        }
        let mut tally = Tally::default();
        // Body plan first: a copy that will be dropped needs no further work.
        let body = match (&self.redactor, end_of_stream) {
            (Some(redactor), false) if redactor.parts().body => {
                match body::plan(
                    redactor.body_config(),
                    headers.get("content-type"),
                    headers.get("content-encoding"),
                ) {
                    Ok(Plan::Pass) => BodyJob::Unchanged,
                    Ok(Plan::Rewrite(plan)) => {
                        if let Some(len) = headers
                            .get("content-length")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                        {
                            if len > self.max_body_bytes {
                                return HeadersVerdict::Drop(DropReason::BodyTooLarge);
                            }
                        }
                        BodyJob::Redact(plan)
                    }
                    Err(reason) => return HeadersVerdict::Drop(reason),
                }
            }
            _ => BodyJob::Unchanged,
        };
        // Redaction sees the request as it arrived; the configured rules and tags run after,
        // so that a staging credential set by the rules is not itself redacted.
        if let Some(redactor) = &self.redactor {
            parts::redact_headers(redactor, headers, &mut tally);
        }
        self.rules.apply(headers);
        if let Some(tagger) = &self.tagger {
            tagger.apply(headers, entropy);
        }
        if let BodyJob::Redact(plan) = &body {
            // The body changes length, so the length must go now: after this callback the
            // headers have left the filter. The copy then travels chunked.
            headers.remove("content-length");
            if !plan.reencode && plan.encoding != body::Encoding::Identity {
                headers.remove("content-encoding");
            }
        }
        HeadersVerdict::Forward {
            body,
            redacted: tally.values,
        }
    }

    /// Redacts one free-text value as any part of a copy is redacted: the preview behind
    /// `mirrorguard redact --text`. Unchanged when redaction is disabled.
    pub fn redact_text(&self, text: &str) -> String {
        match &self.redactor {
            Some(redactor) => redactor.text(text, &mut Tally::default()).into_owned(),
            None => text.to_owned(),
        }
    }

    /// The body phase, on the whole buffered body.
    pub fn on_request_body(
        &self,
        plan: &body::BodyPlan,
        body: &[u8],
        tally: &mut Tally,
    ) -> Result<Vec<u8>, DropReason> {
        if body.len() > self.max_body_bytes {
            return Err(DropReason::BodyTooLarge);
        }
        match &self.redactor {
            Some(redactor) => body::redact(redactor, plan, body, tally),
            None => Ok(body.to_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::tests::{Counter, Exhausted};

    #[test]
    fn without_a_key_or_random_bytes_the_config_is_refused_at_the_key() {
        let err = Policy::from_json(b"{}", &|_| None, &mut Exhausted).unwrap_err();
        assert_eq!(err.field(), "redaction.key");
    }

    #[test]
    fn a_configured_key_needs_no_random_bytes() {
        let config = br#"{"redaction":{"key":"0123456789abcdef0123"}}"#;
        let (_, warnings) = Policy::from_json(config, &|_| None, &mut Exhausted).unwrap();
        assert!(warnings.is_empty());
    }

    #[test]
    fn without_a_key_a_random_one_is_drawn_with_a_warning() {
        let (_, warnings) = Policy::from_json(b"{}", &|_| None, &mut Counter(0)).unwrap();
        assert!(matches!(warnings.as_slice(), [Warning::EphemeralKey]));
    }
}
