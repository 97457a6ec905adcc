//! The spec as users write it: serde shapes with every unknown field rejected. Nothing here
//! is trusted yet; [`super::Spec::parse`] checks it and builds the validated model.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use mirrorguard_engine::PluginConfig;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawSpec {
    pub name: String,
    pub service: RawService,
    #[serde(default)]
    pub primary: Option<RawDestination>,
    pub mirrors: Vec<RawMirror>,
    pub placement: RawPlacement,
    pub filter: RawFilter,
    /// Parsed here only so that errors inside it carry their field path; the document as
    /// written is what the filter gets (see `plugin::check`).
    #[serde(default, rename = "pluginConfig")]
    pub _plugin_config: PluginConfig,
    #[serde(default)]
    pub source_ingress: Option<RawWorkload>,
    #[serde(default)]
    pub routes: Vec<String>,
    #[serde(default)]
    pub envoy: RawEnvoy,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawService {
    pub host: String,
    pub namespace: String,
    pub port: u16,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawDestination {
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub subset: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawMirror {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub percentage: f64,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub subset: Option<String>,
    #[serde(default)]
    pub subset_labels: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub workload_selector: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub target_port: Option<u16>,
    #[serde(default)]
    pub ingress_host: Option<String>,
    #[serde(default)]
    pub shadow_host: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) enum RawPlacement {
    Gateway(RawGateway),
    Upstream(RawUpstream),
    Receiver(RawReceiver),
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawGateway {
    #[serde(default)]
    pub egress: RawEgress,
    #[serde(default)]
    pub ingress: RawTargetIngress,
    #[serde(default)]
    pub tls: RawTls,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawEgress {
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub selector: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub gateway_name: Option<String>,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub principals: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawTargetIngress {
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub selector: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub port: Option<u16>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawTls {
    #[serde(default)]
    pub mode: RawTlsMode,
    #[serde(default)]
    pub client_credential: Option<String>,
    #[serde(default)]
    pub server_credential: Option<String>,
}

#[derive(Debug, Default, Clone, Copy, Deserialize)]
pub(super) enum RawTlsMode {
    #[default]
    #[serde(rename = "ISTIO_MUTUAL")]
    IstioMutual,
    #[serde(rename = "MUTUAL")]
    Mutual,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawUpstream {
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub workload_selector: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub protocol: super::UpstreamProtocol,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawReceiver {}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawFilter {
    pub url: String,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub image_pull_policy: Option<super::PullPolicy>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawWorkload {
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub selector: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawEnvoy {
    #[serde(default)]
    pub listener: Option<SocketAddr>,
    #[serde(default)]
    pub admin: Option<SocketAddr>,
    #[serde(default)]
    pub primary: Option<SocketAddr>,
    #[serde(default)]
    pub shadows: Option<Vec<SocketAddr>>,
    #[serde(default)]
    pub wasm_path: Option<String>,
}
