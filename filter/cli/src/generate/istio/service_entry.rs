//! ServiceEntries for the `gateway` placement: the dedicated shadow host (which resolves to
//! the egress gateway) and the target cluster's ingress.

use serde_json::{json, Value};

use super::{object, Versions};
use crate::generate::spec::{GatewayMirror, GatewayPlacement, Spec};

/// The host the source sidecar mirrors to. It exists only in the mesh's registry and its
/// endpoint is the egress gateway's Service, so copies cannot leave any other way. The
/// gateway's identity is pinned, so a copy is never handed to another workload.
pub(super) fn shadow_host(
    spec: &Spec,
    v: Versions,
    g: &GatewayPlacement,
    m: &GatewayMirror,
) -> Value {
    let sans: Vec<String> = g
        .egress
        .principals
        .iter()
        .map(|p| format!("spiffe://{p}"))
        .collect();
    object(
        spec,
        v.networking,
        "ServiceEntry",
        &format!("{}-{}-shadow", spec.name, m.mirror.name),
        &spec.service.namespace,
        json!({
            "hosts": [m.shadow_host],
            "location": "MESH_INTERNAL",
            "resolution": "DNS",
            "ports": [{ "number": m.egress_port, "name": "http-mirrorguard", "protocol": "HTTP" }],
            "endpoints": [{ "address": g.egress.service }],
            "subjectAltNames": sans,
        }),
    )
}

/// The target cluster's ingress as seen from the egress gateway's namespace only.
pub(super) fn target_ingress(
    spec: &Spec,
    v: Versions,
    g: &GatewayPlacement,
    m: &GatewayMirror,
) -> Value {
    object(
        spec,
        v.networking,
        "ServiceEntry",
        &format!("{}-{}-ingress", spec.name, m.mirror.name),
        &g.egress.workload.namespace,
        json!({
            "hosts": [m.ingress_host],
            "exportTo": ["."],
            "location": "MESH_EXTERNAL",
            "resolution": "DNS",
            "ports": [{ "number": g.ingress_port, "name": "https", "protocol": "HTTPS" }],
        }),
    )
}
