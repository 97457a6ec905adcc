//! Pieces of a plain static Envoy bootstrap, for tests that assemble their own topology (one
//! Envoy per role of a mesh placement). Everything listens on 127.0.0.1 with port 0; start
//! it with [`crate::EnvoyConfig::from_bootstrap`] and find the listeners by name.

use serde_json::{json, Value};

fn loopback(port: u16) -> Value {
    json!({ "socket_address": { "address": "127.0.0.1", "port_value": port } })
}

/// A bootstrap with an admin on a free port.
pub fn bootstrap(listeners: Vec<Value>, clusters: Vec<Value>) -> Value {
    json!({
        "admin": { "address": loopback(0) },
        "static_resources": { "listeners": listeners, "clusters": clusters },
    })
}

/// An HTTP listener on a free port: the HTTP filters given, then the router.
pub fn http_listener(name: &str, route_config: Value, mut http_filters: Vec<Value>) -> Value {
    http_filters.push(json!({
        "name": "envoy.filters.http.router",
        "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"
        }
    }));
    json!({
        "name": name,
        "address": loopback(0),
        "filter_chains": [{
            "filters": [{
                "name": "envoy.filters.network.http_connection_manager",
                "typed_config": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                    "stat_prefix": name,
                    "route_config": route_config,
                    "http_filters": http_filters,
                }
            }]
        }]
    })
}

/// A route configuration with one virtual host.
pub fn route_config(name: &str, domains: &[&str], routes: Vec<Value>) -> Value {
    json!({
        "name": name,
        "virtual_hosts": [{ "name": name, "domains": domains, "routes": routes }],
    })
}

/// A cluster of one endpoint, 127.0.0.1:`port`.
pub fn static_cluster(name: &str, port: u16) -> Value {
    json!({
        "name": name,
        "type": "STATIC",
        "connect_timeout": "5s",
        "load_assignment": {
            "cluster_name": name,
            "endpoints": [{ "lb_endpoints": [{ "endpoint": { "address": loopback(port) } }] }],
        },
    })
}
