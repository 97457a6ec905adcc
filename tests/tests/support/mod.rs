//! Plain-Envoy equivalents of what `mirrorguard generate istio` renders, so the placement
//! tests run the generated intent rather than a hand-written copy of it: a spec from
//! `examples/specs/` is rendered, and each generated VirtualService route and WasmPlugin is
//! translated into the Envoy route or filter that istiod would program. A generated field the
//! translation does not know fails the test, so the tests follow the generator.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mirrorguard::generate::istio::{self, Manifest, Options};
use mirrorguard::generate::wasm_filter::{wasm_http_filter, Code};
use mirrorguard::generate::Spec;
use mirrorguard_harness::bootstrap::{bootstrap, http_listener, route_config, static_cluster};
use mirrorguard_harness::{Envoy, EnvoyConfig, Upstream};
use serde_json::{json, Value};

/// The pseudonym key the example specs read from the proxy's environment.
const KEY: (&str, &str) = ("MIRRORGUARD_KEY", "placement-test-key-0123456789");

/// Starts an Envoy on a bootstrap built by a test, with the key in its environment.
pub fn start(bootstrap: &Value) -> Envoy {
    let config = EnvoyConfig::from_bootstrap(bootstrap).process_env(KEY.0, KEY.1);
    Envoy::start(&config).unwrap_or_else(|e| panic!("{e}"))
}

/// One example spec, what the generator renders for it, and the two workloads: the primary
/// service and the shadow workload.
#[derive(Debug)]
pub struct Scene {
    pub spec: Spec,
    pub manifests: Vec<Manifest>,
    pub marker: String,
    pub tag: String,
    pub primary: Upstream,
    pub shadow: Upstream,
}

impl Scene {
    pub fn new(file: &str) -> Self {
        let spec = example_spec(file);
        Self {
            manifests: istio::render(&spec, Options::default()).unwrap(),
            marker: spec.marker_header().to_owned(),
            tag: spec.plugin.config.tag.source.clone(),
            spec,
            primary: Upstream::start("primary").unwrap(),
            shadow: Upstream::start("shadow").unwrap(),
        }
    }

    /// The generated object of `kind` called `name`.
    pub fn manifest(&self, kind: &str, name: &str) -> &Value {
        manifest(&self.manifests, kind, name)
    }

    /// The caller's sidecar, programmed from the generated primary VirtualService: its route
    /// to the primary service, and its copies, sent to `mirror_host`, delivered to
    /// 127.0.0.1:`mirror_port`.
    pub fn caller_sidecar(&self, mirror_host: &str, mirror_port: u16) -> Envoy {
        let vs = self.manifest("VirtualService", &self.spec.name);
        let clusters = |host: &str| {
            if host == mirror_host {
                "mirror".to_owned()
            } else {
                assert_eq!(host, self.spec.primary.host);
                "primary".to_owned()
            }
        };
        let routes = envoy_routes(vs, None, &clusters);
        start(&bootstrap(
            vec![http_listener(
                "outbound",
                route_config("outbound", &["*"], routes),
                vec![],
            )],
            vec![
                static_cluster("primary", self.primary.port()),
                static_cluster("mirror", mirror_port),
            ],
        ))
    }
}

/// A custom detector, so the tests assert redaction whatever the built-in profile finds.
pub const EMPLOYEE_RULE: &str =
    r#"{"name":"employee_id","pattern":"EMP-\\d{6}","operator":{"type":"mask"}}"#;

/// `examples/specs/<file>` as users have it, with two test adjustments: every mirror copies
/// 100% of requests (so one request makes one copy), and the plugin config gains
/// [`EMPLOYEE_RULE`].
pub fn example_spec(file: &str) -> Spec {
    let path = mirrorguard_harness::repo_root()
        .join("examples/specs")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut doc: Value = serde_yaml_ng::from_str(&text).unwrap();
    for mirror in doc["mirrors"].as_array_mut().unwrap() {
        mirror["percentage"] = json!(100);
    }
    let plugin = doc
        .as_object_mut()
        .unwrap()
        .entry("pluginConfig")
        .or_insert_with(|| json!({}));
    let redaction = plugin
        .as_object_mut()
        .unwrap()
        .entry("redaction")
        .or_insert_with(|| json!({}));
    redaction["custom"] = json!([serde_json::from_str::<Value>(EMPLOYEE_RULE).unwrap()]);
    Spec::parse(&doc.to_string()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The generated object of `kind` whose name is `name`.
pub fn manifest<'a>(manifests: &'a [Manifest], kind: &str, name: &str) -> &'a Value {
    manifests
        .iter()
        .find(|m| m.kind() == kind && m.name() == name)
        .map(|m| &m.object)
        .unwrap_or_else(|| {
            let all: Vec<String> = manifests
                .iter()
                .map(|m| format!("{}/{}", m.kind(), m.name()))
                .collect();
            panic!("no {kind} `{name}` among the generated resources {all:?}")
        })
}

fn keys_known(value: &Value, known: &[&str], what: &str) {
    for key in value.as_object().unwrap().keys() {
        assert!(
            known.contains(&key.as_str()),
            "{what} has field `{key}`, which this translation does not know: extend it"
        );
    }
}

/// Envoy's fraction for an Istio mirror percentage.
fn fraction(percentage: &Value) -> Value {
    let value = percentage["value"].as_f64().unwrap();
    json!({ "numerator": (value * 10_000.0).round() as u64, "denominator": "MILLION" })
}

/// The Envoy route for one generated VirtualService `http` entry, as istiod programs it:
/// `match.headers` exact matchers, `rewrite.authority`, `headers.request.remove`, the route
/// destination and `mirrors`. `cluster` names the test's cluster for an Istio destination
/// host. `match.port` selects a gateway listener, which the caller models with a listener
/// per port.
pub fn envoy_route(http: &Value, cluster: &dyn Fn(&str) -> String) -> Value {
    keys_known(
        http,
        &["name", "match", "rewrite", "headers", "route", "mirrors"],
        "VirtualService http route",
    );
    let mut headers = Vec::new();
    if let Some(matches) = http.get("match") {
        let matches = matches.as_array().unwrap();
        assert_eq!(matches.len(), 1, "one match block per route is translated");
        keys_known(&matches[0], &["headers", "port"], "VirtualService match");
        if let Some(h) = matches[0].get("headers") {
            for (name, condition) in h.as_object().unwrap() {
                keys_known(condition, &["exact"], "VirtualService header match");
                headers.push(json!({
                    "name": name,
                    "string_match": { "exact": condition["exact"] },
                }));
            }
        }
    }
    let destinations = http["route"].as_array().unwrap();
    assert_eq!(destinations.len(), 1, "one destination per route");
    let mut action =
        json!({ "cluster": cluster(destinations[0]["destination"]["host"].as_str().unwrap()) });
    if let Some(rewrite) = http.get("rewrite") {
        keys_known(rewrite, &["authority"], "VirtualService rewrite");
        action["host_rewrite_literal"] = rewrite["authority"].clone();
    }
    if let Some(mirrors) = http.get("mirrors") {
        let policies: Vec<Value> = mirrors
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                json!({
                    "cluster": cluster(m["destination"]["host"].as_str().unwrap()),
                    "runtime_fraction": { "default_value": fraction(&m["percentage"]) },
                })
            })
            .collect();
        action["request_mirror_policies"] = Value::Array(policies);
    }
    let mut route = json!({
        "match": { "prefix": "/", "headers": headers },
        "route": action,
    });
    if let Some(h) = http.get("headers") {
        keys_known(h, &["request"], "VirtualService headers");
        keys_known(&h["request"], &["remove"], "VirtualService request headers");
        route["request_headers_to_remove"] = h["request"]["remove"].clone();
    }
    route
}

/// The Envoy routes of a generated VirtualService for the listener on `port` (a gateway has
/// a listener per port; `None` for a sidecar, which takes every route).
pub fn envoy_routes(vs: &Value, port: Option<u16>, cluster: &dyn Fn(&str) -> String) -> Vec<Value> {
    vs["spec"]["http"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|http| match (port, http["match"][0].get("port")) {
            (Some(port), Some(p)) => *p == port,
            _ => true,
        })
        .map(|http| envoy_route(http, cluster))
        .collect()
}

/// The Envoy HTTP filter for a generated WasmPlugin: checks that the plugin carries the spec's
/// plugin config and environment, fails closed, and matches `mode` on `port`; then builds the
/// filter with the generator's own filter definition, the built module as a local file.
pub fn wasm_filter(spec: &Spec, plugin: &Value, mode: &str) -> (Value, u16) {
    let body = &plugin["spec"];
    assert_eq!(body["pluginConfig"], spec.plugin.value);
    assert_eq!(body["failStrategy"], "FAIL_CLOSE");
    let env: Vec<&str> = body["vmConfig"]["env"]
        .as_array()
        .map(|e| e.iter().map(|v| v["name"].as_str().unwrap()).collect())
        .unwrap_or_default();
    assert_eq!(
        env,
        spec.plugin
            .env
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let matches = body["match"].as_array().unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0]["mode"], mode);
    let port = u16::try_from(matches[0]["ports"][0]["number"].as_u64().unwrap()).unwrap();
    let module = mirrorguard_harness::wasm_module().display().to_string();
    let filter = wasm_http_filter(&spec.plugin, Code::Local { filename: &module });
    (filter, port)
}
