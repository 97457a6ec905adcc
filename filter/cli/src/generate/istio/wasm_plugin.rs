//! WasmPlugins: the filter on the egress gateway's shadow ports (`gateway`) and on the
//! shadow workload's inbound sidecar (`receiver`).

use serde_json::{json, Map, Value};

use super::{object, WASM_PLUGIN_VERSION};
use crate::generate::spec::{GatewayPlacement, ReceiverMirror, Spec};
use crate::generate::wasm_filter::PLUGIN_NAME;

/// Fields every mirrorguard WasmPlugin shares. `FAIL_CLOSE`: if the module cannot be
/// fetched or its VM fails, Istio puts a deny-all filter in its place, so no copy passes
/// unredacted.
fn common(spec: &Spec, matches: Value) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("url".into(), json!(spec.filter.url_text));
    if let Some(sha) = &spec.filter.sha256 {
        out.insert("sha256".into(), json!(sha));
    }
    if let Some(policy) = spec.filter.image_pull_policy {
        out.insert("imagePullPolicy".into(), json!(policy.as_str()));
    }
    out.insert("pluginName".into(), json!(PLUGIN_NAME));
    out.insert("failStrategy".into(), json!("FAIL_CLOSE"));
    out.insert("match".into(), matches);
    out.insert("pluginConfig".into(), spec.plugin.value.clone());
    if !spec.plugin.env.is_empty() {
        let env: Vec<Value> = spec
            .plugin
            .env
            .iter()
            .map(|name| json!({ "name": name, "valueFrom": "HOST" }))
            .collect();
        out.insert("vmConfig".into(), json!({ "env": env }));
    }
    out
}

/// On the egress gateway, limited to the shadow ports: other egress traffic never meets
/// the filter, and a filter failure never blocks it.
pub(super) fn egress(spec: &Spec, g: &GatewayPlacement) -> Value {
    let ports: Vec<Value> = g
        .mirrors
        .iter()
        .map(|m| json!({ "number": m.egress_port }))
        .collect();
    let mut body = common(spec, json!([{ "mode": "CLIENT", "ports": ports }]));
    match &g.egress.gateway_name {
        Some(name) => {
            body.insert(
                "targetRefs".into(),
                json!([{ "kind": "Gateway", "group": "gateway.networking.k8s.io", "name": name }]),
            );
        }
        None => {
            body.insert(
                "selector".into(),
                json!({ "matchLabels": g.egress.workload.labels }),
            );
        }
    }
    object(
        spec,
        WASM_PLUGIN_VERSION,
        "WasmPlugin",
        &format!("{}-egress", spec.name),
        &g.egress.workload.namespace,
        Value::Object(body),
    )
}

/// On the shadow workload's inbound sidecar, for its serving port only.
pub(super) fn receiver(spec: &Spec, m: &ReceiverMirror) -> Value {
    let mut body = common(
        spec,
        json!([{ "mode": "SERVER", "ports": [{ "number": m.target_port }] }]),
    );
    body.insert(
        "selector".into(),
        json!({ "matchLabels": m.workload.labels }),
    );
    object(
        spec,
        WASM_PLUGIN_VERSION,
        "WasmPlugin",
        &format!("{}-{}", spec.name, m.mirror.name),
        &m.workload.namespace,
        Value::Object(body),
    )
}
