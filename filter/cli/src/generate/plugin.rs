//! The filter's plugin config inside a spec. It is parsed by the filter's own code
//! ([`PluginConfig::from_json`]) and compiled by [`Policy::compile`], so a generated
//! configuration is never one the filter would reject; then it is checked against the
//! placement, because some valid configs are unsafe in some places.

use std::collections::BTreeSet;

use mirrorguard_engine::config::{Scope, ValueSource};
use mirrorguard_engine::{Entropy, NoEntropy, PluginConfig, Policy};

use super::spec::{Placement, SpecError};

/// The checked plugin config, in the three forms the generator emits.
#[derive(Debug, Clone, PartialEq)]
pub struct Plugin {
    pub config: PluginConfig,
    /// The document as the user wrote it: what WasmPlugin `pluginConfig` carries.
    pub value: serde_json::Value,
    /// Environment variables the config reads, to be passed into the VM.
    pub env: BTreeSet<String>,
}

impl Plugin {
    /// The document as one JSON string: Envoy's `configuration` value.
    pub fn json(&self) -> String {
        self.value.to_string()
    }
}

/// Environment variables only exist inside the VM, so at generation time every name counts
/// as set, with a value long enough for every length rule.
fn any_env(_: &str) -> Option<String> {
    Some("x".repeat(32))
}

/// Randomness is only drawn for an ephemeral key, whose value does not matter here.
struct Zeros;

impl Entropy for Zeros {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy> {
        buf.fill(0);
        Ok(())
    }
}

pub(super) fn check(value: serde_json::Value, placement: &Placement) -> Result<Plugin, SpecError> {
    let at = |field: &str| {
        if field.is_empty() {
            "pluginConfig".to_owned()
        } else {
            format!("pluginConfig.{field}")
        }
    };
    let bytes = serde_json::to_vec(&value)
        .map_err(|_| SpecError::new("pluginConfig", "cannot be written as JSON"))?;
    let config =
        PluginConfig::from_json(&bytes).map_err(|e| SpecError::new(at(e.field()), e.reason()))?;
    Policy::compile(&config, &any_env, &mut Zeros)
        .map_err(|e| SpecError::new(at(e.field()), e.reason()))?;
    fits_placement(&config, placement)?;
    let env = env_names(&config);
    Ok(Plugin { config, value, env })
}

/// Placement rules: where only copies pass, every request must be treated as one; where
/// ordinary traffic passes too, copies must be recognisable.
fn fits_placement(config: &PluginConfig, placement: &Placement) -> Result<(), SpecError> {
    match (placement, config.scope) {
        (Placement::Receiver(_), Scope::All) => Err(SpecError::new(
            "pluginConfig.scope",
            "must be `mirrored` in placement `receiver`: the shadow workload's sidecar also sees requests that are not copies",
        )),
        (Placement::Receiver(_), Scope::Mirrored) if !config.recognize.shadow_suffix => Err(SpecError::new(
            "pluginConfig.recognize.shadowSuffix",
            "must stay true in placement `receiver`: nothing but Envoy's `-shadow` authority suffix marks a copy before it reaches the shadow workload",
        )),
        (Placement::Gateway(_) | Placement::Upstream(_), Scope::Mirrored) => Err(SpecError::new(
            "pluginConfig.scope",
            format!(
                "must be `all` in placement `{}`: only copies pass the filter there, and with `mirrored` a copy whose authority lacks the `-shadow` suffix would pass unredacted",
                placement.name()
            ),
        )),
        (Placement::Gateway(_), _) if !config.tag.enabled => Err(SpecError::new(
            "pluginConfig.tag.enabled",
            "must be true in placement `gateway`: the target cluster admits only tagged copies",
        )),
        _ => Ok(()),
    }
}

fn env_names(config: &PluginConfig) -> BTreeSet<String> {
    let sources = config
        .headers
        .set
        .values()
        .chain(config.headers.append.values())
        .chain(config.redaction.key.iter());
    sources
        .filter_map(|source| match source {
            ValueSource::Env(var) => Some(var.from_env.clone()),
            ValueSource::Literal(_) => None,
        })
        .collect()
}
