//! Istio resources for each placement. Every function here is pure: spec in, manifests out.
//! Resources are built as JSON values in Istio's field names; the CRD schema tests check
//! each one against the official schema of its kind and version.

mod authorization_policy;
mod destination_rule;
mod envoy_filter;
mod gateway;
mod service_entry;
pub(crate) mod virtual_service;
mod wasm_plugin;

use serde_json::{json, Map, Value};

use super::spec::{Destination, Placement, Spec};
use super::Error;

/// Which cluster a resource is applied to. Only the `gateway` placement spans two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cluster {
    /// Where the primary service and its callers run.
    Source,
    /// Where the shadow workload runs, behind its ingress gateway.
    Target,
}

impl Cluster {
    pub fn dir(self) -> &'static str {
        match self {
            Cluster::Source => "source",
            Cluster::Target => "target",
        }
    }
}

/// One Kubernetes object and the cluster it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub cluster: Cluster,
    pub object: Value,
}

impl Manifest {
    fn field(&self, pointer: &str) -> &str {
        self.object
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    pub fn kind(&self) -> &str {
        self.field("/kind")
    }

    pub fn api_version(&self) -> &str {
        self.field("/apiVersion")
    }

    pub fn name(&self) -> &str {
        self.field("/metadata/name")
    }

    pub fn namespace(&self) -> &str {
        self.field("/metadata/namespace")
    }
}

/// Options of `generate istio`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// For Istio releases before `mirrors` existed (before 1.22): one `mirror` with
    /// `mirrorPercentage`, and the `v1beta1` API versions those releases serve.
    pub legacy_mirror: bool,
}

/// API versions to write, by group.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Versions {
    networking: &'static str,
    security: &'static str,
}

impl Versions {
    pub(crate) fn new(options: Options) -> Self {
        if options.legacy_mirror {
            Self {
                networking: "networking.istio.io/v1beta1",
                security: "security.istio.io/v1beta1",
            }
        } else {
            Self {
                networking: "networking.istio.io/v1",
                security: "security.istio.io/v1",
            }
        }
    }
}

const ENVOY_FILTER_VERSION: &str = "networking.istio.io/v1alpha3";
const WASM_PLUGIN_VERSION: &str = "extensions.istio.io/v1alpha1";

/// A complete object with mirrorguard's labels, so everything one spec generated can be
/// listed or deleted together (`-l mirrorguard.io/spec=NAME`).
fn object(
    spec: &Spec,
    api_version: &str,
    kind: &str,
    name: &str,
    namespace: &str,
    body: Value,
) -> Value {
    json!({
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {
            "name": name,
            "namespace": namespace,
            "labels": {
                "app.kubernetes.io/managed-by": "mirrorguard",
                "mirrorguard.io/spec": spec.name,
            }
        },
        "spec": body,
    })
}

/// An Istio `Destination`.
fn destination(d: &Destination) -> Value {
    let mut out = Map::new();
    out.insert("host".into(), json!(d.host));
    out.insert("port".into(), json!({ "number": d.port }));
    if let Some(subset) = &d.subset {
        out.insert("subset".into(), json!(subset));
    }
    Value::Object(out)
}

/// Renders every resource the spec's placement needs, source cluster first.
pub fn render(spec: &Spec, options: Options) -> Result<Vec<Manifest>, Error> {
    let mut out = vec![primary(spec, options)?];
    out.extend(supporting(spec, options)?);
    Ok(out)
}

/// The VirtualService of the primary service, which makes the copies. Patch mode adds its
/// mirror fields to an existing VirtualService instead.
pub fn primary(spec: &Spec, options: Options) -> Result<Manifest, Error> {
    let mirrors = virtual_service::mirror_destinations(spec);
    Ok(Manifest {
        cluster: Cluster::Source,
        object: virtual_service::primary(spec, Versions::new(options), &mirrors, options)?,
    })
}

/// Everything but the primary VirtualService.
pub fn supporting(spec: &Spec, options: Options) -> Result<Vec<Manifest>, Error> {
    let v = Versions::new(options);
    let mut out = Vec::new();
    let source = |object| Manifest {
        cluster: Cluster::Source,
        object,
    };
    let target = |object| Manifest {
        cluster: Cluster::Target,
        object,
    };
    match &spec.placement {
        Placement::Gateway(g) => {
            for m in &g.mirrors {
                out.push(source(service_entry::shadow_host(spec, v, g, m)));
                out.push(source(destination_rule::shadow_host(spec, v, m)));
            }
            out.push(source(gateway::egress(spec, v, g)));
            out.push(source(virtual_service::egress(spec, v, g)));
            for m in &g.mirrors {
                out.push(source(service_entry::target_ingress(spec, v, g, m)));
                out.push(source(destination_rule::target_ingress(spec, v, g, m)));
            }
            out.push(source(wasm_plugin::egress(spec, g)));
            out.push(target(gateway::ingress(spec, v, g)));
            for m in &g.mirrors {
                out.push(target(virtual_service::shadow_admission(spec, v, g, m)));
            }
            out.push(target(authorization_policy::shadow_senders(spec, v, g)));
        }
        Placement::Upstream(u) => {
            for m in &u.mirrors {
                out.push(source(destination_rule::mirror_subset(spec, v, m)));
            }
            out.push(source(envoy_filter::upstream(spec, u)?));
        }
        Placement::Receiver(r) => {
            for m in &r.mirrors {
                out.push(source(wasm_plugin::receiver(spec, m)));
            }
        }
    }
    out.push(source(envoy_filter::strip_markers(spec)));
    Ok(out)
}
