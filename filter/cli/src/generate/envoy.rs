//! A complete static Envoy bootstrap for the `upstream` placement, without Istio: a listener
//! that routes to the primary and mirrors to one cluster per mirror target, with the filter
//! as an upstream HTTP filter on each mirror cluster.
//!
//! Addresses and the module path come from [`Spec::envoy`]; a test harness changes them
//! there and calls [`bootstrap`] again rather than editing the YAML.

use std::net::SocketAddr;

use serde_json::{json, Map, Value};

use super::spec::{Percentage, Placement, Spec};
use super::wasm_filter::{protocol_options, Code, HTTP_PROTOCOL_OPTIONS};
use super::Error;

/// Name of the cluster that receives ordinary traffic.
pub const PRIMARY_CLUSTER: &str = "primary";

/// Name of the cluster that receives one mirror's copies.
pub fn shadow_cluster(mirror: &str) -> String {
    format!("shadow-{mirror}")
}

fn address(addr: SocketAddr) -> Value {
    json!({ "socket_address": { "address": addr.ip().to_string(), "port_value": addr.port() } })
}

fn static_cluster(name: &str, addr: SocketAddr) -> Map<String, Value> {
    let mut c = Map::new();
    c.insert("name".into(), json!(name));
    c.insert("type".into(), json!("STATIC"));
    c.insert("connect_timeout".into(), json!("5s"));
    c.insert(
        "load_assignment".into(),
        json!({
            "cluster_name": name,
            "endpoints": [{ "lb_endpoints": [{ "endpoint": { "address": address(addr) } }] }],
        }),
    );
    c
}

/// Envoy's fraction: whole percentages stay readable, others use parts per million.
fn fraction(p: Percentage) -> Value {
    let ppm = p.per_million();
    if ppm % 10_000 == 0 {
        json!({ "numerator": ppm / 10_000, "denominator": "HUNDRED" })
    } else {
        json!({ "numerator": ppm, "denominator": "MILLION" })
    }
}

pub fn bootstrap(spec: &Spec) -> Result<Value, Error> {
    let Placement::Upstream(upstream) = &spec.placement else {
        return Err(Error::Unsupported(format!(
            "`generate envoy` renders the upstream placement (the filter on the mirror cluster); this spec uses placement `{}`",
            spec.placement.name()
        )));
    };
    let env = &spec.envoy;
    let module = Code::Local {
        filename: &env.wasm_path,
    };
    let mirrors = spec.mirrors();
    let policies: Vec<Value> = mirrors
        .iter()
        .map(|m| {
            json!({
                "cluster": shadow_cluster(&m.name),
                "runtime_fraction": {
                    "default_value": fraction(m.percentage),
                    "runtime_key": format!("mirrorguard.{}.percentage", m.name),
                },
            })
        })
        .collect();
    let mut clusters = vec![Value::Object(static_cluster(PRIMARY_CLUSTER, env.primary))];
    for (m, addr) in mirrors.iter().zip(&env.shadows) {
        let mut c = static_cluster(&shadow_cluster(&m.name), *addr);
        let mut options = Map::new();
        options.insert(
            HTTP_PROTOCOL_OPTIONS.to_owned(),
            protocol_options(&spec.plugin, module, upstream.protocol),
        );
        c.insert(
            "typed_extension_protocol_options".into(),
            Value::Object(options),
        );
        clusters.push(Value::Object(c));
    }
    Ok(json!({
        "admin": { "address": address(env.admin) },
        "static_resources": {
            "listeners": [{
                "name": "mirrorguard",
                "address": address(env.listener),
                "filter_chains": [{
                    "filters": [{
                        "name": "envoy.filters.network.http_connection_manager",
                        "typed_config": {
                            "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                            "stat_prefix": "mirrorguard",
                            "route_config": {
                                "name": "mirrorguard",
                                // Callers cannot pass a request off as a copy.
                                "request_headers_to_remove": [spec.marker_header()],
                                "virtual_hosts": [{
                                    "name": spec.name,
                                    "domains": ["*"],
                                    "routes": [{
                                        "match": { "prefix": "/" },
                                        "route": {
                                            "cluster": PRIMARY_CLUSTER,
                                            "request_mirror_policies": policies,
                                        }
                                    }]
                                }]
                            },
                            "http_filters": [{
                                "name": "envoy.filters.http.router",
                                "typed_config": {
                                    "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"
                                }
                            }]
                        }
                    }]
                }]
            }],
            "clusters": clusters,
        }
    }))
}
