//! DestinationRules: mTLS to the egress gateway and TLS origination to the target cluster
//! (`gateway`), and the dedicated mirror subset (`upstream`).

use serde_json::{json, Map, Value};

use super::{object, Versions};
use crate::generate::spec::{CrossClusterTls, GatewayMirror, GatewayPlacement, Spec, SubsetMirror};

/// The source sidecar reaches the egress gateway with Istio mTLS; the SNI names the
/// dedicated shadow host.
pub(super) fn shadow_host(spec: &Spec, v: Versions, m: &GatewayMirror) -> Value {
    object(
        spec,
        v.networking,
        "DestinationRule",
        &format!("{}-{}-shadow", spec.name, m.mirror.name),
        &spec.service.namespace,
        json!({
            "host": m.shadow_host,
            "trafficPolicy": { "tls": { "mode": "ISTIO_MUTUAL", "sni": m.shadow_host } },
        }),
    )
}

/// The egress gateway originates TLS to the target cluster's ingress, with the ingress host
/// as SNI. Exported only to the gateway's namespace: nothing else should reach it this way.
pub(super) fn target_ingress(
    spec: &Spec,
    v: Versions,
    g: &GatewayPlacement,
    m: &GatewayMirror,
) -> Value {
    let tls = match &g.tls {
        CrossClusterTls::IstioMutual => json!({ "mode": "ISTIO_MUTUAL", "sni": m.ingress_host }),
        CrossClusterTls::Mutual {
            client_credential, ..
        } => {
            json!({ "mode": "MUTUAL", "credentialName": client_credential, "sni": m.ingress_host })
        }
    };
    object(
        spec,
        v.networking,
        "DestinationRule",
        &format!("{}-{}-ingress", spec.name, m.mirror.name),
        &g.egress.workload.namespace,
        json!({
            "host": m.ingress_host,
            "exportTo": ["."],
            "trafficPolicy": {
                "portLevelSettings": [{ "port": { "number": g.ingress_port }, "tls": tls }]
            },
        }),
    )
}

/// A subset used only as the mirror destination, so that the upstream filter patched onto
/// its cluster never sees ordinary traffic to the same service.
pub(super) fn mirror_subset(spec: &Spec, v: Versions, m: &SubsetMirror) -> Value {
    let mut subset = Map::new();
    subset.insert("name".into(), json!(m.subset));
    if !m.subset_labels.is_empty() {
        subset.insert("labels".into(), json!(m.subset_labels));
    }
    object(
        spec,
        v.networking,
        "DestinationRule",
        &format!("{}-{}", spec.name, m.mirror.name),
        &m.mirror.namespace,
        json!({
            "host": m.mirror.destination.host,
            "subsets": [Value::Object(subset)],
        }),
    )
}
