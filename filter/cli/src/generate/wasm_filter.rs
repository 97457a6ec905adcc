//! The Envoy filter chain that runs mirrorguard on the mirror cluster, in Envoy's own JSON
//! form. Shared by the Istio `upstream` placement (inside an EnvoyFilter patch) and the plain
//! Envoy bootstrap, so both run the filter the same way.

use serde_json::{json, Value};

use super::plugin::Plugin;
use super::spec::UpstreamProtocol;

/// Name of the plugin, its root context and its VM.
pub const PLUGIN_NAME: &str = "mirrorguard";

/// Where Envoy reads the module from.
#[derive(Debug, Clone, Copy)]
pub enum Code<'a> {
    /// A file on the proxy's disk.
    Local { filename: &'a str },
    /// Fetched by Envoy over HTTP through `cluster`, checked against `sha256`.
    Remote {
        uri: &'a str,
        cluster: &'a str,
        sha256: &'a str,
    },
}

fn code(code: Code<'_>) -> Value {
    match code {
        Code::Local { filename } => json!({ "local": { "filename": filename } }),
        Code::Remote {
            uri,
            cluster,
            sha256,
        } => json!({
            "remote": {
                "http_uri": { "uri": uri, "cluster": cluster, "timeout": "10s" },
                "sha256": sha256,
                "retry_policy": { "num_retries": 3 }
            }
        }),
    }
}

/// The `envoy.filters.http.wasm` filter.
///
/// `FAIL_RELOAD` keeps the filter failing closed (a request that meets a dead VM is not
/// forwarded) while recreating the VM, so one bad request does not stop every later copy.
pub fn wasm_http_filter(plugin: &Plugin, module: Code<'_>) -> Value {
    let mut vm_config = json!({
        "vm_id": PLUGIN_NAME,
        "runtime": "envoy.wasm.runtime.v8",
        "code": code(module),
    });
    if !plugin.env.is_empty() {
        vm_config["environment_variables"] = json!({ "host_env_keys": plugin.env });
    }
    json!({
        "name": "envoy.filters.http.wasm",
        "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
            "config": {
                "name": PLUGIN_NAME,
                "root_id": PLUGIN_NAME,
                "vm_config": vm_config,
                "configuration": {
                    "@type": "type.googleapis.com/google.protobuf.StringValue",
                    "value": plugin.json(),
                },
                "failure_policy": "FAIL_RELOAD",
            }
        }
    })
}

/// Key under which the protocol options sit in a cluster's `typed_extension_protocol_options`.
pub const HTTP_PROTOCOL_OPTIONS: &str = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/// The mirror cluster's HTTP protocol options: upstream HTTP filters run on the copy only,
/// after the router made it, and must end with the upstream codec.
pub fn protocol_options(plugin: &Plugin, module: Code<'_>, protocol: UpstreamProtocol) -> Value {
    let explicit = match protocol {
        UpstreamProtocol::Http1 => json!({ "http_protocol_options": {} }),
        UpstreamProtocol::Http2 => json!({ "http2_protocol_options": {} }),
    };
    json!({
        "@type": format!("type.googleapis.com/{HTTP_PROTOCOL_OPTIONS}"),
        "explicit_http_config": explicit,
        "http_filters": [
            wasm_http_filter(plugin, module),
            {
                "name": "envoy.filters.http.upstream_codec",
                "typed_config": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec"
                }
            }
        ]
    })
}
