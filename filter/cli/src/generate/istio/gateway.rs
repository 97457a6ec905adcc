//! Istio Gateways: the egress gateway's shadow ports (source) and the target ingress's
//! shadow hosts (target).

use serde_json::{json, Value};

use super::virtual_service::{egress_gateway_name, ingress_gateway_name};
use super::{object, Versions};
use crate::generate::spec::{CrossClusterTls, GatewayMirror, GatewayPlacement, Spec};

/// An HTTPS server for one mirror: TLS terminated by the gateway, HTTP routed after it.
fn server(m: &GatewayMirror, port: u16, host: String, tls: &Value) -> Value {
    json!({
        "port": {
            "number": port,
            "name": format!("https-{}", m.mirror.name),
            "protocol": "HTTPS",
        },
        "hosts": [host],
        "tls": tls,
    })
}

/// One server per mirror, each on its own port, terminating the sidecar's Istio mTLS.
pub(super) fn egress(spec: &Spec, v: Versions, g: &GatewayPlacement) -> Value {
    let tls = json!({ "mode": "ISTIO_MUTUAL" });
    let servers: Vec<Value> = g
        .mirrors
        .iter()
        .map(|m| server(m, m.egress_port, "*".to_owned(), &tls))
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
            let host = format!("{}/{}", m.mirror.namespace, m.ingress_host);
            server(m, g.ingress_port, host, &tls)
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
