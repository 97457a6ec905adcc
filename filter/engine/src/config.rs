//! Plugin configuration, version 1: the JSON document given as Istio's `pluginConfig` or
//! Envoy's Wasm `configuration`.
//!
//! One casing convention (camelCase), unknown fields rejected everywhere, and a `version`
//! field so that later versions can change shape without guessing. This module only
//! describes the document; [`crate::policy::Policy::compile`] turns it into something that
//! can run, and is where cross-field rules are checked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::entity::Entity;
use crate::error::ConfigError;

mod error_path;
mod tagged;

/// The only configuration version this build understands.
pub const CONFIG_VERSION: u32 = 1;

/// Default name of the header that marks a mirrored copy.
pub const DEFAULT_MARKER_HEADER: &str = "x-mirrorguard-shadow";

/// Default body buffer limit: Envoy's own default per-route buffer limit, so a body Envoy
/// would still mirror is one the filter can inspect.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Default limit on a decompressed body: generous for real payloads, far below what a
/// decompression bomb expands to.
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PluginConfig {
    #[serde(default = "default_version")]
    pub version: u32,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub recognize: RecognizeConfig,
    #[serde(default)]
    pub headers: HeaderRules,
    #[serde(default)]
    pub authority: AuthorityRule,
    #[serde(default)]
    pub tag: TagConfig,
    #[serde(default)]
    pub redaction: RedactionConfig,
}

impl Default for PluginConfig {
    fn default() -> Self {
        Self {
            version: CONFIG_VERSION,
            scope: Scope::default(),
            recognize: RecognizeConfig::default(),
            headers: HeaderRules::default(),
            authority: AuthorityRule::default(),
            tag: TagConfig::default(),
            redaction: RedactionConfig::default(),
        }
    }
}

impl PluginConfig {
    /// Parses a configuration document. Empty input (or only whitespace) is the default
    /// configuration, because Envoy hands an absent `configuration` over as zero bytes.
    ///
    /// Errors name the offending field by its path and say why, without repeating any value
    /// from the document: the config may hold keys and tokens, and the error ends up in logs.
    ///
    /// `#[inline]` for the module's size, not for speed: the serde code this instantiates
    /// (the derived visitors and serde_json's generic deserializer) is then compiled in the
    /// calling crate, under that crate's opt-level. The engine can then be built for speed
    /// without this cold code growing with it (12 KB of module at opt-level "s"; see the
    /// release profile in the root Cargo.toml).
    #[inline]
    pub fn from_json(bytes: &[u8]) -> Result<Self, ConfigError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let parsed = Self::deserialize(&mut de)
            .map_err(|e| ConfigError::from_serde(error_path::field_at(bytes, &e), &e))?;
        de.end()
            .map_err(|e| ConfigError::from_serde(String::new(), &e))?;
        if parsed.version != CONFIG_VERSION {
            return Err(ConfigError::new(
                "version",
                format!("unsupported version; this build understands version {CONFIG_VERSION}"),
            ));
        }
        Ok(parsed)
    }
}

fn default_version() -> u32 {
    CONFIG_VERSION
}

fn yes() -> bool {
    true
}

/// Which requests the filter acts on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    /// Every request the filter sees. For placements where only mirrored copies pass through
    /// it: an upstream filter on the mirror cluster, or a dedicated shadow gateway.
    #[default]
    All,
    /// Only requests recognised as mirrored copies (see [`RecognizeConfig`]); everything else
    /// passes untouched. For the receiving side's inbound sidecar.
    Mirrored,
}

/// How a mirrored copy is recognised when `scope` is `mirrored`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecognizeConfig {
    /// Treat an `:authority` ending in Envoy's `-shadow` suffix as a mirrored copy.
    #[serde(default = "yes")]
    pub shadow_suffix: bool,
    /// Treat a request carrying this header as a mirrored copy. Defaults to the tag header.
    #[serde(default)]
    pub marker_header: Option<String>,
}

impl Default for RecognizeConfig {
    fn default() -> Self {
        Self {
            shadow_suffix: true,
            marker_header: None,
        }
    }
}

/// Header edits applied to the copy, in this order: remove, rename, set, append.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderRules {
    /// Headers to drop, e.g. `authorization` and `cookie` to strip credentials.
    #[serde(default)]
    pub remove: Vec<String>,
    /// `from -> to`: the header keeps its values under a new name.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Headers to set, replacing any value the copy carried.
    #[serde(default)]
    pub set: BTreeMap<String, ValueSource>,
    /// Headers to add alongside any value the copy carried.
    #[serde(default)]
    pub append: BTreeMap<String, ValueSource>,
}

/// A configured value: a literal, or one read from the VM's environment at configure time, so
/// that a staging credential never has to be written into the mesh configuration.
///
/// Read by hand (`tagged.rs`), written by serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ValueSource {
    Literal(String),
    Env(EnvValue),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvValue {
    /// Name of the environment variable (Istio `vmConfig.env`, Envoy
    /// `vm_config.environment_variables`).
    pub from_env: String,
    /// Text put before the variable's value, e.g. `"Bearer "`.
    #[serde(default)]
    pub prefix: String,
}

/// What happens to the copy's `:authority`.
///
/// Read by hand (`tagged.rs`), written by serde: `{"mode": "literal", "host": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum AuthorityRule {
    /// Leave it as Envoy made it (`host-shadow` unless the suffix is disabled).
    #[default]
    Keep,
    /// Remove Envoy's `-shadow` suffix so the shadow service sees the original host.
    StripShadowSuffix,
    /// Replace it with a fixed staging host.
    Literal { host: String },
}

/// Marks put on the copy so that the receiving side can recognise, route and authorise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TagConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Header set on the copy; its value is `source`.
    #[serde(default = "default_marker_header")]
    pub header: String,
    /// Where the copy comes from: a cluster or zone name.
    #[serde(default = "default_source")]
    pub source: String,
    /// Add a W3C `baggage` member (`mirrorguard-shadow=<source>`) so services that propagate
    /// baggage carry the mark to their own outbound calls.
    #[serde(default = "yes")]
    pub baggage: bool,
    /// Give the copy a new trace context so shadow spans do not join the primary's trace.
    #[serde(default)]
    pub fresh_trace: bool,
}

impl Default for TagConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            header: default_marker_header(),
            source: default_source(),
            baggage: true,
            fresh_trace: false,
        }
    }
}

fn default_marker_header() -> String {
    DEFAULT_MARKER_HEADER.to_owned()
}

fn default_source() -> String {
    "mirrorguard".to_owned()
}

/// Redaction of personal data and secrets in every part of the copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RedactionConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Key for `hash` and `pseudonymize`. Without one, each VM draws a random key (and logs a
    /// warning): pseudonyms are then stable only within that VM's life.
    #[serde(default)]
    pub key: Option<ValueSource>,
    /// Per-detector overrides; detectors not named keep their defaults.
    #[serde(default)]
    pub detectors: BTreeMap<Entity, DetectorSetting>,
    /// Detection of personal fields by key name (JSON keys, form fields, query parameters,
    /// cookie names).
    #[serde(default)]
    pub fields: FieldsConfig,
    /// User-defined pattern detectors.
    #[serde(default)]
    pub custom: Vec<CustomDetector>,
    /// Which parts of the request are redacted.
    #[serde(default)]
    pub parts: Parts,
    /// Header names whose values are never scanned (in addition to the built-in list of
    /// protocol headers such as `content-type`).
    #[serde(default)]
    pub skip_headers: Vec<String>,
    #[serde(default)]
    pub body: BodyConfig,
}

impl Default for RedactionConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            key: None,
            detectors: BTreeMap::new(),
            fields: FieldsConfig::default(),
            custom: Vec::new(),
            parts: Parts::default(),
            skip_headers: Vec::new(),
            body: BodyConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DetectorSetting {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Replaces the detector's default operator.
    #[serde(default)]
    pub operator: Option<Operator>,
}

/// What a detected value becomes.
///
/// Read by hand (`tagged.rs`), written by serde: `{"type": "partial", "keep": 4}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Operator {
    /// A fixed label, `[EMAIL]` by default.
    Mask {
        #[serde(default)]
        label: Option<String>,
    },
    /// Keep the last `keep` characters, mask the rest with `*`.
    Partial {
        #[serde(default = "default_keep")]
        keep: usize,
    },
    /// Drop the field, parameter, cookie or header; inside free text, the value is cut out.
    Remove,
    /// Keyed HMAC-SHA-256, hex.
    Hash,
    /// Deterministic, keyed and format-preserving: the result passes the same validation.
    Pseudonymize,
}

fn default_keep() -> usize {
    4
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldsConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Extra key names treated as personal data (pseudonymized by default).
    #[serde(default)]
    pub personal: Vec<String>,
    /// Extra key names treated as secrets (masked by default).
    #[serde(default)]
    pub secret: Vec<String>,
    /// Key names never treated as personal, even when a built-in name matches.
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub personal_operator: Option<Operator>,
    #[serde(default)]
    pub secret_operator: Option<Operator>,
}

impl Default for FieldsConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            personal: Vec::new(),
            secret: Vec::new(),
            ignore: Vec::new(),
            personal_operator: None,
            secret_operator: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomDetector {
    /// Used in mask labels (`[NAME]`) and metrics; lowercase letters, digits and `_`.
    pub name: String,
    /// A regular expression (Rust `regex` syntax; no look-around or back-references, so
    /// matching stays linear in the input).
    pub pattern: String,
    #[serde(default)]
    pub operator: Option<Operator>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parts {
    #[serde(default = "yes")]
    pub path: bool,
    #[serde(default = "yes")]
    pub query: bool,
    #[serde(default = "yes")]
    pub headers: bool,
    #[serde(default = "yes")]
    pub cookies: bool,
    #[serde(default = "yes")]
    pub body: bool,
}

impl Default for Parts {
    fn default() -> Self {
        Self {
            path: true,
            query: true,
            headers: true,
            cookies: true,
            body: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BodyConfig {
    /// Largest body buffered and inspected; a larger copy is dropped.
    #[serde(default = "default_max_body")]
    pub max_bytes: usize,
    /// Largest body after decompression; beyond it the copy is dropped as a bomb.
    #[serde(default = "default_max_decompressed")]
    pub max_decompressed_bytes: usize,
    /// What to do with a gzip/deflate body once redacted.
    #[serde(default)]
    pub compressed: CompressedBody,
    /// What to do with file parts of a multipart body.
    #[serde(default)]
    pub multipart_files: MultipartFiles,
    /// Content types forwarded without inspection (e.g. `application/grpc`). Matched on the
    /// media type, case-insensitively. Everything not inspectable and not listed is dropped.
    #[serde(default)]
    pub pass_content_types: Vec<String>,
}

impl Default for BodyConfig {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BODY_BYTES,
            max_decompressed_bytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
            compressed: CompressedBody::default(),
            multipart_files: MultipartFiles::default(),
            pass_content_types: Vec::new(),
        }
    }
}

fn default_max_body() -> usize {
    DEFAULT_MAX_BODY_BYTES
}

fn default_max_decompressed() -> usize {
    DEFAULT_MAX_DECOMPRESSED_BYTES
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CompressedBody {
    /// Forward the redacted body uncompressed and drop `content-encoding`.
    #[default]
    Decode,
    /// Compress the redacted body again with the original encoding.
    Reencode,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MultipartFiles {
    /// Keep the part and its headers, with empty content.
    #[default]
    Empty,
    /// Drop file parts altogether.
    Remove,
    /// Scan file parts like text parts when they are text; binary file parts are emptied.
    Scan,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_empty_object_are_the_default() {
        assert_eq!(
            PluginConfig::from_json(b"").unwrap(),
            PluginConfig::default()
        );
        assert_eq!(
            PluginConfig::from_json(b"  \n").unwrap(),
            PluginConfig::default()
        );
        assert_eq!(
            PluginConfig::from_json(b"{}").unwrap(),
            PluginConfig::default()
        );
    }

    #[test]
    fn unknown_field_is_named_with_its_path() {
        let err = PluginConfig::from_json(br#"{"headers":{"remvoe":["cookie"]}}"#).unwrap_err();
        assert_eq!(err.field(), "headers.remvoe");
        assert!(err.to_string().contains("remvoe"), "{err}");
    }

    #[test]
    fn wrong_type_error_does_not_repeat_the_value() {
        let err = PluginConfig::from_json(br#"{"tag":{"source":"s3cr3t","enabled":"s3cr3t"}}"#)
            .unwrap_err();
        assert_eq!(err.field(), "tag.enabled");
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }

    #[test]
    fn unknown_variant_error_does_not_repeat_the_value() {
        let err = PluginConfig::from_json(br#"{"scope":"s3cr3t"}"#).unwrap_err();
        assert_eq!(err.field(), "scope");
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
        assert!(err.to_string().contains("mirrored"), "{err}");
    }

    #[test]
    fn unsupported_version_is_rejected() {
        let err = PluginConfig::from_json(br#"{"version":2}"#).unwrap_err();
        assert_eq!(err.field(), "version");
    }

    #[test]
    fn env_value_source_parses() {
        let cfg = PluginConfig::from_json(
            br#"{"headers":{"set":{"authorization":{"fromEnv":"TOKEN","prefix":"Bearer "},"x-env":"staging"}}}"#,
        )
        .unwrap();
        assert_eq!(
            cfg.headers.set.get("authorization"),
            Some(&ValueSource::Env(EnvValue {
                from_env: "TOKEN".into(),
                prefix: "Bearer ".into()
            }))
        );
        assert_eq!(
            cfg.headers.set.get("x-env"),
            Some(&ValueSource::Literal("staging".into()))
        );
    }

    #[test]
    fn operators_are_internally_tagged() {
        let cfg = PluginConfig::from_json(
            br#"{"redaction":{"detectors":{"creditCard":{"operator":{"type":"partial","keep":4}},"email":{"enabled":false}}}}"#,
        )
        .unwrap();
        let card = cfg.redaction.detectors.get(&Entity::CreditCard).unwrap();
        assert_eq!(card.operator, Some(Operator::Partial { keep: 4 }));
        assert!(!cfg.redaction.detectors.get(&Entity::Email).unwrap().enabled);
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        assert!(PluginConfig::from_json(b"{} x").is_err());
    }

    #[test]
    fn default_round_trips_through_json() {
        let json = serde_json::to_vec(&PluginConfig::default()).unwrap();
        assert_eq!(
            PluginConfig::from_json(&json).unwrap(),
            PluginConfig::default()
        );
    }
}
