//! The generator's input: one short spec (YAML or JSON) describing what is mirrored, where to,
//! and where the filter runs. [`Spec::parse`] rejects unknown fields by path, checks every
//! name, and returns a model in which each placement carries exactly what it needs.

mod build;
mod check;
mod placement;
mod raw;

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;

use serde::Deserialize;

use super::plugin::{self, Plugin};
use raw::RawSpec;

/// A spec that cannot be used, naming the field (`mirrors[0].ingressHost`) and the reason.
/// Never repeats a value from the spec: the plugin config in it may hold keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    path: String,
    reason: String,
}

impl SpecError {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// The dotted path of the offending field; empty when the document as a whole is wrong.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid spec: {}", self.reason)
        } else {
            write!(f, "invalid spec at `{}`: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for SpecError {}

/// Default Istio root namespace and gateway namespace.
pub const ISTIO_SYSTEM: &str = "istio-system";
/// First egress gateway port used for shadow copies; mirror `i` uses this plus `i`.
pub const DEFAULT_EGRESS_PORT: u16 = 15480;
/// Subset that carries copies in the `upstream` placement.
pub const DEFAULT_MIRROR_SUBSET: &str = "mirrorguard";
/// Default local path of the built module, relative to the project root.
pub const DEFAULT_WASM_PATH: &str = "target/wasm32-wasip1/release/mirrorguard_filter.wasm";

#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Prefix of every generated resource name.
    pub name: String,
    pub service: Service,
    /// Where ordinary traffic goes.
    pub primary: Destination,
    pub placement: Placement,
    pub filter: Filter,
    pub plugin: Plugin,
    /// The source cluster's ingress gateway, where spoofed marker headers are stripped.
    pub source_ingress: Workload,
    /// Names of the VirtualService routes to patch; empty means every route to the primary.
    pub routes: Vec<String>,
    /// Addresses for the plain Envoy bootstrap; public so a test harness can move ports.
    pub envoy: EnvoySettings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub host: String,
    pub namespace: String,
    pub port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub host: String,
    pub port: u16,
    pub subset: Option<String>,
}

/// Share of requests mirrored, in percent: more than 0, at most 100.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Percentage(f64);

impl Percentage {
    pub fn new(path: &str, value: f64) -> Result<Self, SpecError> {
        if value.is_finite() && value > 0.0 && value <= 100.0 {
            Ok(Self(value))
        } else {
            Err(SpecError::new(
                path,
                "must be a percentage greater than 0 and at most 100",
            ))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }

    /// The percentage as parts per million, Envoy's finest fractional denominator.
    pub fn per_million(self) -> u32 {
        // In (0, 100] by construction, so the product is in (0, 1_000_000].
        (self.0 * 10_000.0).round().clamp(1.0, 1_000_000.0) as u32
    }
}

/// One mirror target: where copies go and which share of requests is copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Mirror {
    pub name: String,
    pub destination: Destination,
    /// Namespace of the shadow workload and of the resources generated for it.
    pub namespace: String,
    pub percentage: Percentage,
}

/// Pods picked by labels in a namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub namespace: String,
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    Gateway(GatewayPlacement),
    Upstream(UpstreamPlacement),
    Receiver(ReceiverPlacement),
}

impl Placement {
    pub fn name(&self) -> &'static str {
        match self {
            Placement::Gateway(_) => "gateway",
            Placement::Upstream(_) => "upstream",
            Placement::Receiver(_) => "receiver",
        }
    }
}

/// Copies leave through an egress gateway that runs the filter, then cross to the target
/// cluster's ingress over TLS.
#[derive(Debug, Clone, PartialEq)]
pub struct GatewayPlacement {
    pub egress: EgressGateway,
    /// The target cluster's ingress gateway.
    pub ingress: Workload,
    pub ingress_port: u16,
    pub tls: CrossClusterTls,
    pub mirrors: Vec<GatewayMirror>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EgressGateway {
    pub workload: Workload,
    /// Set when the egress gateway is a Gateway API `Gateway`: the WasmPlugin then attaches
    /// with `targetRefs` instead of a label selector.
    pub gateway_name: Option<String>,
    /// The gateway's Service host, which the shadow host resolves to.
    pub service: String,
    /// Identities of the egress gateway, admitted by the target side.
    pub principals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GatewayMirror {
    pub mirror: Mirror,
    /// Dedicated host the source sidecar mirrors to; it resolves to the egress gateway.
    pub shadow_host: String,
    /// Egress gateway port reserved for this mirror's copies; the filter runs only there.
    pub egress_port: u16,
    /// Name of the target cluster's ingress, used for SNI and routing there.
    pub ingress_host: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossClusterTls {
    /// Istio mTLS across clusters sharing a root of trust: principals are verifiable.
    IstioMutual,
    /// Mutual TLS with certificates from Kubernetes secrets.
    Mutual {
        client_credential: String,
        server_credential: String,
    },
}

/// The filter as an upstream HTTP filter on the mirror cluster inside the source sidecars.
#[derive(Debug, Clone, PartialEq)]
pub struct UpstreamPlacement {
    /// Namespace of the EnvoyFilter: the root namespace reaches every sidecar.
    pub namespace: String,
    pub workload_selector: Option<BTreeMap<String, String>>,
    pub protocol: UpstreamProtocol,
    /// Each mirror's destination names its dedicated subset.
    pub mirrors: Vec<SubsetMirror>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubsetMirror {
    pub mirror: Mirror,
    pub subset: String,
    pub subset_labels: BTreeMap<String, String>,
}

/// HTTP version spoken to the shadow workload from the upstream filter chain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UpstreamProtocol {
    #[default]
    Http1,
    Http2,
}

/// The filter on the shadow workload's inbound sidecar.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiverPlacement {
    pub mirrors: Vec<ReceiverMirror>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReceiverMirror {
    pub mirror: Mirror,
    pub workload: Workload,
    /// The shadow container's port, which the inbound listener uses.
    pub target_port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub url: FilterUrl,
    pub url_text: String,
    /// For `oci://`: the image manifest digest; otherwise the module's digest.
    pub sha256: Option<String>,
    pub image_pull_policy: Option<PullPolicy>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterUrl {
    Oci,
    Http { host: String, port: u16 },
    File { path: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum PullPolicy {
    IfNotPresent,
    Always,
}

impl PullPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            PullPolicy::IfNotPresent => "IfNotPresent",
            PullPolicy::Always => "Always",
        }
    }
}

/// Addresses of the plain Envoy bootstrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvoySettings {
    pub listener: SocketAddr,
    pub admin: SocketAddr,
    pub primary: SocketAddr,
    /// One per mirror, in order.
    pub shadows: Vec<SocketAddr>,
    pub wasm_path: String,
}

impl Spec {
    /// Parses and checks a spec. YAML and JSON are both accepted (JSON is YAML).
    pub fn parse(text: &str) -> Result<Self, SpecError> {
        let doc: serde_json::Value =
            serde_yaml_ng::from_str(text).map_err(|e| SpecError::new("", scrub(&e.to_string())))?;
        // The plugin config is kept as written (that is what the filter will be given) and
        // also parsed into its type here, so that errors carry the field path.
        let plugin_value = match doc.get("pluginConfig") {
            None | Some(serde_json::Value::Null) => serde_json::Value::Object(Default::default()),
            Some(v) => v.clone(),
        };
        let raw: RawSpec = serde_path_to_error::deserialize(doc)
            .map_err(|e| SpecError::new(e.path().to_string(), scrub(&e.inner().to_string())))?;
        raw.validate(plugin_value)
    }

    /// The same spec with another plugin config, checked exactly as [`Spec::parse`] checks
    /// one. For harnesses that run one spec with several configs.
    pub fn with_plugin_config(&self, value: serde_json::Value) -> Result<Self, SpecError> {
        let plugin = plugin::check(value, &self.placement)?;
        Ok(Self {
            plugin,
            ..self.clone()
        })
    }

    /// Every mirror of the placement, in spec order.
    pub fn mirrors(&self) -> Vec<&Mirror> {
        match &self.placement {
            Placement::Gateway(g) => g.mirrors.iter().map(|m| &m.mirror).collect(),
            Placement::Upstream(u) => u.mirrors.iter().map(|m| &m.mirror).collect(),
            Placement::Receiver(r) => r.mirrors.iter().map(|m| &m.mirror).collect(),
        }
    }

    /// The header the filter marks copies with.
    pub fn marker_header(&self) -> &str {
        &self.plugin.config.tag.header
    }
}

/// Cuts quoted values out of a serde message (`invalid type: string "s3cr3t"`); field and
/// variant names in backticks stay, since users need them and they are never secret.
fn scrub(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('"') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 1..).unwrap_or_default();
        out.push_str("<value>");
        rest = after
            .find('"')
            .and_then(|end| after.get(end + 1..))
            .unwrap_or_default();
    }
    out.push_str(rest);
    if let Some(pos) = out.find("unknown variant `") {
        let head = pos + "unknown variant ".len();
        if let Some(len) = out.get(head + 1..).and_then(|t| t.find('`')) {
            out.replace_range(head..head + len + 2, "<value>");
        }
    }
    out
}

#[cfg(test)]
mod tests;
