//! EnvoyFilters: the upstream filter on the mirror subset's cluster (`upstream`), and the
//! ingress gateway patch that strips spoofed marker headers.

use serde_json::{json, Map, Value};

use super::{object, ENVOY_FILTER_VERSION};
use crate::generate::spec::{FilterUrl, Spec, UpstreamPlacement};
use crate::generate::wasm_filter::{protocol_options, Code, HTTP_PROTOCOL_OPTIONS};
use crate::generate::Error;

/// Patches the cluster of each mirror's dedicated subset, in the callers' sidecars, so the
/// filter runs on copies only. The patch replaces Istio's HTTP protocol options of that
/// cluster, which is why it states the upstream protocol itself.
pub(super) fn upstream(spec: &Spec, u: &UpstreamPlacement) -> Result<Value, Error> {
    let cluster;
    let module = match &spec.filter.url {
        FilterUrl::File { path } => Code::Local { filename: path },
        FilterUrl::Http { host, port } => {
            cluster = format!("outbound|{port}||{host}");
            Code::Remote {
                uri: &spec.filter.url_text,
                cluster: &cluster,
                sha256: spec.filter.sha256.as_deref().unwrap_or_default(),
            }
        }
        FilterUrl::Oci => {
            return Err(Error::Unsupported(
                "placement `upstream` loads the module through an EnvoyFilter, and only WasmPlugins can pull oci:// images; use file:///PATH (a module mounted into the sidecar) or http(s)://HOST/PATH served inside the mesh"
                    .to_owned(),
            ))
        }
    };
    let patches: Vec<Value> = u
        .mirrors
        .iter()
        .map(|m| {
            let mut options = Map::new();
            options.insert(
                HTTP_PROTOCOL_OPTIONS.to_owned(),
                protocol_options(&spec.plugin, module, u.protocol),
            );
            json!({
                "applyTo": "CLUSTER",
                "match": {
                    "context": "SIDECAR_OUTBOUND",
                    "cluster": {
                        "service": m.mirror.destination.host,
                        "portNumber": m.mirror.destination.port,
                        "subset": m.subset,
                    }
                },
                "patch": {
                    "operation": "MERGE",
                    "value": { "typed_extension_protocol_options": options },
                }
            })
        })
        .collect();
    let mut body = Map::new();
    if let Some(labels) = &u.workload_selector {
        body.insert("workloadSelector".into(), json!({ "labels": labels }));
    }
    body.insert("configPatches".into(), Value::Array(patches));
    Ok(object(
        spec,
        ENVOY_FILTER_VERSION,
        "EnvoyFilter",
        &format!("{}-upstream", spec.name),
        &u.namespace,
        Value::Object(body),
    ))
}

/// Removes the marker header from every request entering the mesh through the source
/// ingress gateway, whatever route it takes: outside callers cannot pass a request off as
/// a copy. (The baggage member needs no stripping: the filter replaces it on copies.)
pub(super) fn strip_markers(spec: &Spec) -> Value {
    object(
        spec,
        ENVOY_FILTER_VERSION,
        "EnvoyFilter",
        &format!("{}-strip-markers", spec.name),
        &spec.source_ingress.namespace,
        json!({
            "workloadSelector": { "labels": spec.source_ingress.labels },
            "configPatches": [{
                "applyTo": "ROUTE_CONFIGURATION",
                "match": { "context": "GATEWAY" },
                "patch": {
                    "operation": "MERGE",
                    "value": { "request_headers_to_remove": [spec.marker_header()] },
                }
            }],
        }),
    )
}
