//! Istio Gateways: the egress gateway's shadow ports (source) and the target ingress's
//! shadow hosts (target).

use serde_json::{json, Value};

use super::virtual_service::{egress_gateway_name, ingress_gateway_name};
use super::{object, Versions};
use crate::generate::spec::{CrossClusterTls, GatewayPlacement, Spec};

/// One server per mirror, each on its own port, terminating the sidecar's Istio mTLS.
pub(super) fn egress(spec: &Spec, v: Versions, g: &GatewayPlacement) -> Value {
    let servers: Vec<Value> = g
        .mirrors
        .iter()
        .map(|m| {
            json!({
                "port": {
                    "number": m.egress_port,
                    "name": format!("https-{}", m.mirror.name),
                    "protocol": "HTTPS",
                },
                "hosts": ["*"],
                "tls": { "mode": "ISTIO_MUTUAL" },
            })
        })
        .collect();
    object(
        spec,
        v.networking,
        "Gateway",
        &egress_gateway_name(spec),
        &g.egress.workload.namespace,
        json!({ "selector": g.egress.workload.labels, "servers": servers }),
    )
}

/// One server per mirror's ingress host, accepting only mutually authenticated TLS.
pub(super) fn ingress(spec: &Spec, v: Versions, g: &GatewayPlacement) -> Value {
    let tls = match &g.tls {
        CrossClusterTls::IstioMutual => json!({ "mode": "ISTIO_MUTUAL" }),
        CrossClusterTls::Mutual {
            server_credential, ..
        } => json!({ "mode": "MUTUAL", "credentialName": server_credential }),
    };
    let servers: Vec<Value> = g
        .mirrors
        .iter()
        .map(|m| {
            json!({
                "port": {
                    "number": g.ingress_port,
                    "name": format!("https-{}", m.mirror.name),
                    "protocol": "HTTPS",
                },
                "hosts": [format!("{}/{}", m.mirror.namespace, m.ingress_host)],
                "tls": tls,
            })
        })
        .collect();
    object(
        spec,
        v.networking,
        "Gateway",
        &ingress_gateway_name(spec),
        &g.ingress.namespace,
        json!({ "selector": g.ingress.labels, "servers": servers }),
    )
}
