//! The generator's input: one short spec (YAML or JSON) describing what is mirrored, where to,
//! and where the filter runs. [`Spec::parse`] rejects unknown fields by path, checks every
//! name, and returns a model in which each placement carries exactly what it needs.

mod check;
mod raw;

use std::collections::BTreeMap;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};

use serde::Deserialize;

use super::plugin::{self, Plugin};
use raw::{RawMirror, RawPlacement, RawSpec, RawTlsMode, RawWorkload};

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

fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
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

impl RawSpec {
    fn validate(self, plugin_value: serde_json::Value) -> Result<Spec, SpecError> {
        let name = check::dns_label("name", &self.name)?;
        if name.len() > 40 {
            return Err(SpecError::new(
                "name",
                "must be at most 40 characters: generated resource names add suffixes to it",
            ));
        }
        let service = Service {
            host: check::host("service.host", &self.service.host)?,
            namespace: check::dns_label("service.namespace", &self.service.namespace)?,
            port: check::port("service.port", self.service.port)?,
        };
        let primary = match &self.primary {
            None => Destination {
                host: service.host.clone(),
                port: service.port,
                subset: None,
            },
            Some(p) => Destination {
                host: match &p.host {
                    Some(h) => check::host("primary.host", h)?,
                    None => service.host.clone(),
                },
                port: match p.port {
                    Some(port) => check::port("primary.port", port)?,
                    None => service.port,
                },
                subset: p
                    .subset
                    .as_deref()
                    .map(|s| check::dns_label("primary.subset", s))
                    .transpose()?,
            },
        };
        if self.mirrors.is_empty() {
            return Err(SpecError::new("mirrors", "must list at least one mirror"));
        }
        let mut seen = Vec::new();
        for (i, m) in self.mirrors.iter().enumerate() {
            if seen.contains(&&m.name) {
                return Err(SpecError::new(
                    format!("mirrors[{i}].name"),
                    "repeats the name of an earlier mirror",
                ));
            }
            seen.push(&m.name);
        }
        let placement = placement(&self, &service)?;
        let filter = filter(&self)?;
        let plugin = plugin::check(plugin_value, &placement)?;
        let source_ingress = workload(
            "sourceIngress",
            self.source_ingress.as_ref(),
            &[("istio", "ingressgateway")],
        )?;
        let routes = self
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if r.is_empty() {
                    Err(SpecError::new(format!("routes[{i}]"), "must not be empty"))
                } else {
                    Ok(r.clone())
                }
            })
            .collect::<Result<_, _>>()?;
        let mirror_count = self.mirrors.len();
        let envoy = EnvoySettings {
            listener: self.envoy.listener.unwrap_or(loopback(10000)),
            admin: self.envoy.admin.unwrap_or(loopback(9901)),
            primary: self.envoy.primary.unwrap_or(loopback(18080)),
            shadows: match self.envoy.shadows {
                Some(s) if s.len() == mirror_count => s,
                Some(_) => {
                    return Err(SpecError::new(
                        "envoy.shadows",
                        "must list one address per mirror, in the same order",
                    ))
                }
                None => (0..mirror_count)
                    .map(|i| loopback(18081u16.saturating_add(u16::try_from(i).unwrap_or(0))))
                    .collect(),
            },
            wasm_path: self
                .envoy
                .wasm_path
                .unwrap_or_else(|| DEFAULT_WASM_PATH.to_owned()),
        };
        Ok(Spec {
            name,
            service,
            primary,
            placement,
            filter,
            plugin,
            source_ingress,
            routes,
            envoy,
        })
    }
}

fn workload(
    path: &str,
    raw: Option<&RawWorkload>,
    default_labels: &[(&str, &str)],
) -> Result<Workload, SpecError> {
    let namespace = match raw.and_then(|r| r.namespace.as_deref()) {
        Some(ns) => check::dns_label(&format!("{path}.namespace"), ns)?,
        None => ISTIO_SYSTEM.to_owned(),
    };
    let labels = match raw.and_then(|r| r.selector.as_ref()) {
        Some(l) => check::labels(&format!("{path}.selector"), l)?,
        None => default_labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    Ok(Workload { namespace, labels })
}

/// The fields every placement needs from a mirror entry.
fn mirror(
    i: usize,
    m: &RawMirror,
    service: &Service,
    subset: Option<String>,
) -> Result<Mirror, SpecError> {
    let at = |field: &str| format!("mirrors[{i}].{field}");
    Ok(Mirror {
        name: check::dns_label(&at("name"), &m.name)?,
        destination: Destination {
            host: check::host(&at("host"), &m.host)?,
            port: check::port(&at("port"), m.port)?,
            subset,
        },
        namespace: match &m.namespace {
            Some(ns) => check::dns_label(&at("namespace"), ns)?,
            None => service.namespace.clone(),
        },
        percentage: Percentage::new(&at("percentage"), m.percentage)?,
    })
}

/// Rejects a mirror field that the chosen placement does not use, so that a spec never
/// silently carries settings that have no effect.
fn unused<T>(i: usize, field: &str, value: &Option<T>, placement: &str) -> Result<(), SpecError> {
    match value {
        Some(_) => Err(SpecError::new(
            format!("mirrors[{i}].{field}"),
            format!("is not used by placement `{placement}`"),
        )),
        None => Ok(()),
    }
}

fn placement(raw: &RawSpec, service: &Service) -> Result<Placement, SpecError> {
    match &raw.placement {
        RawPlacement::Gateway(g) => {
            let egress_ns = match &g.egress.namespace {
                Some(ns) => check::dns_label("placement.gateway.egress.namespace", ns)?,
                None => ISTIO_SYSTEM.to_owned(),
            };
            let gateway_name = g
                .egress
                .gateway_name
                .as_deref()
                .map(|n| check::dns_label("placement.gateway.egress.gatewayName", n))
                .transpose()?;
            let labels = match (&g.egress.selector, &gateway_name) {
                (Some(_), Some(_)) => {
                    return Err(SpecError::new(
                        "placement.gateway.egress.selector",
                        "give either `selector` or `gatewayName`, not both",
                    ))
                }
                (Some(l), None) => check::labels("placement.gateway.egress.selector", l)?,
                (None, Some(n)) => [(
                    "gateway.networking.k8s.io/gateway-name".to_owned(),
                    n.clone(),
                )]
                .into(),
                (None, None) => [("istio".to_owned(), "egressgateway".to_owned())].into(),
            };
            let service_host = match &g.egress.service {
                Some(h) => check::host("placement.gateway.egress.service", h)?,
                None => format!("istio-egressgateway.{egress_ns}.svc.cluster.local"),
            };
            let principals = match &g.egress.principals {
                Some(list) if list.is_empty() => {
                    return Err(SpecError::new(
                        "placement.gateway.egress.principals",
                        "must list at least one principal",
                    ))
                }
                Some(list) => list
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        check::principal(&format!("placement.gateway.egress.principals[{i}]"), p)
                    })
                    .collect::<Result<_, _>>()?,
                None => vec![format!(
                    "cluster.local/ns/{egress_ns}/sa/istio-egressgateway-service-account"
                )],
            };
            let base_port = check::port(
                "placement.gateway.egress.port",
                g.egress.port.unwrap_or(DEFAULT_EGRESS_PORT),
            )?;
            let ingress = Workload {
                namespace: match &g.ingress.namespace {
                    Some(ns) => check::dns_label("placement.gateway.ingress.namespace", ns)?,
                    None => ISTIO_SYSTEM.to_owned(),
                },
                labels: match &g.ingress.selector {
                    Some(l) => check::labels("placement.gateway.ingress.selector", l)?,
                    None => [("istio".to_owned(), "ingressgateway".to_owned())].into(),
                },
            };
            let ingress_port = check::port(
                "placement.gateway.ingress.port",
                g.ingress.port.unwrap_or(443),
            )?;
            let tls = match (g.tls.mode, &g.tls.client_credential, &g.tls.server_credential) {
                (RawTlsMode::IstioMutual, None, None) => CrossClusterTls::IstioMutual,
                (RawTlsMode::IstioMutual, _, _) => {
                    return Err(SpecError::new(
                        "placement.gateway.tls",
                        "credentials are only used with mode MUTUAL",
                    ))
                }
                (RawTlsMode::Mutual, Some(c), Some(s)) => CrossClusterTls::Mutual {
                    client_credential: check::host("placement.gateway.tls.clientCredential", c)?,
                    server_credential: check::host("placement.gateway.tls.serverCredential", s)?,
                },
                (RawTlsMode::Mutual, _, _) => {
                    return Err(SpecError::new(
                        "placement.gateway.tls",
                        "mode MUTUAL needs `clientCredential` (a secret in the egress gateway's namespace) and `serverCredential` (a secret in the target ingress gateway's namespace)",
                    ))
                }
            };
            let mut mirrors = Vec::new();
            for (i, m) in raw.mirrors.iter().enumerate() {
                unused(i, "subset", &m.subset, "gateway")?;
                unused(i, "subsetLabels", &m.subset_labels, "gateway")?;
                unused(i, "workloadSelector", &m.workload_selector, "gateway")?;
                unused(i, "targetPort", &m.target_port, "gateway")?;
                let mirror = mirror(i, m, service, None)?;
                let ingress_host = match &m.ingress_host {
                    Some(h) => check::host(&format!("mirrors[{i}].ingressHost"), h)?,
                    None => {
                        return Err(SpecError::new(
                            format!("mirrors[{i}].ingressHost"),
                            "is required by placement `gateway`: the host name under which the target cluster's ingress accepts this mirror's copies",
                        ))
                    }
                };
                let shadow_host = match &m.shadow_host {
                    Some(h) => check::host(&format!("mirrors[{i}].shadowHost"), h)?,
                    None => format!("{}.{}.mirrorguard.internal", mirror.name, raw.name),
                };
                let egress_port = u16::try_from(i)
                    .ok()
                    .and_then(|i| base_port.checked_add(i))
                    .ok_or_else(|| {
                        SpecError::new(
                            "placement.gateway.egress.port",
                            "leaves no room for one port per mirror",
                        )
                    })?;
                mirrors.push(GatewayMirror {
                    mirror,
                    shadow_host,
                    egress_port,
                    ingress_host,
                });
            }
            Ok(Placement::Gateway(GatewayPlacement {
                egress: EgressGateway {
                    workload: Workload {
                        namespace: egress_ns,
                        labels,
                    },
                    gateway_name,
                    service: service_host,
                    principals,
                },
                ingress,
                ingress_port,
                tls,
                mirrors,
            }))
        }
        RawPlacement::Upstream(u) => {
            let mut mirrors = Vec::new();
            for (i, m) in raw.mirrors.iter().enumerate() {
                unused(i, "workloadSelector", &m.workload_selector, "upstream")?;
                unused(i, "targetPort", &m.target_port, "upstream")?;
                unused(i, "ingressHost", &m.ingress_host, "upstream")?;
                unused(i, "shadowHost", &m.shadow_host, "upstream")?;
                let subset = match &m.subset {
                    Some(s) => check::dns_label(&format!("mirrors[{i}].subset"), s)?,
                    None => DEFAULT_MIRROR_SUBSET.to_owned(),
                };
                let subset_labels = match &m.subset_labels {
                    Some(l) => check::labels(&format!("mirrors[{i}].subsetLabels"), l)?,
                    None => BTreeMap::new(),
                };
                mirrors.push(SubsetMirror {
                    mirror: mirror(i, m, service, Some(subset.clone()))?,
                    subset,
                    subset_labels,
                });
            }
            Ok(Placement::Upstream(UpstreamPlacement {
                namespace: match &u.namespace {
                    Some(ns) => check::dns_label("placement.upstream.namespace", ns)?,
                    None => ISTIO_SYSTEM.to_owned(),
                },
                workload_selector: u
                    .workload_selector
                    .as_ref()
                    .map(|l| check::labels("placement.upstream.workloadSelector", l))
                    .transpose()?,
                protocol: u.protocol,
                mirrors,
            }))
        }
        RawPlacement::Receiver(_) => {
            let mut mirrors = Vec::new();
            for (i, m) in raw.mirrors.iter().enumerate() {
                unused(i, "subsetLabels", &m.subset_labels, "receiver")?;
                unused(i, "ingressHost", &m.ingress_host, "receiver")?;
                unused(i, "shadowHost", &m.shadow_host, "receiver")?;
                let subset = m
                    .subset
                    .as_deref()
                    .map(|s| check::dns_label(&format!("mirrors[{i}].subset"), s))
                    .transpose()?;
                let mirror = mirror(i, m, service, subset)?;
                let labels = match &m.workload_selector {
                    Some(l) => check::labels(&format!("mirrors[{i}].workloadSelector"), l)?,
                    None => {
                        return Err(SpecError::new(
                            format!("mirrors[{i}].workloadSelector"),
                            "is required by placement `receiver`: the labels of the shadow workload's pods, whose inbound sidecar runs the filter",
                        ))
                    }
                };
                let target_port = match m.target_port {
                    Some(p) => check::port(&format!("mirrors[{i}].targetPort"), p)?,
                    None => mirror.destination.port,
                };
                mirrors.push(ReceiverMirror {
                    workload: Workload {
                        namespace: mirror.namespace.clone(),
                        labels,
                    },
                    mirror,
                    target_port,
                });
            }
            Ok(Placement::Receiver(ReceiverPlacement { mirrors }))
        }
    }
}

fn filter(raw: &RawSpec) -> Result<Filter, SpecError> {
    let text = raw.filter.url.trim();
    let (scheme, rest) = text.split_once("://").ok_or_else(|| {
        SpecError::new(
            "filter.url",
            "must start with oci://, https://, http:// or file://",
        )
    })?;
    let url =
        match scheme {
            "oci" if !rest.is_empty() => FilterUrl::Oci,
            "http" | "https" => {
                let authority = rest.split('/').next().unwrap_or_default();
                let (host, port) = match authority.rsplit_once(':') {
                    Some((h, p)) => (
                        h,
                        p.parse::<u16>()
                            .map_err(|_| SpecError::new("filter.url", "has an invalid port"))?,
                    ),
                    None => (authority, if scheme == "https" { 443 } else { 80 }),
                };
                FilterUrl::Http {
                    host: check::host("filter.url", host)?,
                    port: check::port("filter.url", port)?,
                }
            }
            "file" if rest.starts_with('/') => FilterUrl::File {
                path: rest.to_owned(),
            },
            _ => return Err(SpecError::new(
                "filter.url",
                "must be oci://IMAGE, https://HOST/PATH, http://HOST/PATH or file:///ABSOLUTE/PATH",
            )),
        };
    let sha256 = raw
        .filter
        .sha256
        .as_deref()
        .map(|s| check::sha256("filter.sha256", s))
        .transpose()?;
    if sha256.is_none() && !matches!(url, FilterUrl::File { .. }) {
        return Err(SpecError::new(
            "filter.sha256",
            "is required for oci:// and http(s):// modules: without it a changed module would load unnoticed (`mirrorguard package` prints the value)",
        ));
    }
    Ok(Filter {
        url,
        url_text: text.to_owned(),
        sha256,
        image_pull_policy: raw.filter.image_pull_policy,
    })
}

#[cfg(test)]
mod tests;
