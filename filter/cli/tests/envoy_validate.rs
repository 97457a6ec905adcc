//! Every generated Envoy configuration passes `envoy --mode validate` (Envoy 1.40): the
//! plain bootstraps, the rendered files under `envoy/`, and the Envoy configuration inside
//! the generated EnvoyFilter patches.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod support;

use std::path::Path;
use std::process::Command;

use mirrorguard::generate::envoy;
use mirrorguard::generate::istio;
use mirrorguard::generate::output::yaml;
use mirrorguard::generate::spec::Placement;
use serde_json::{json, Value};

fn validate(config: &Value, dir: &Path, what: &str) {
    let file = dir.join(format!("{}.yaml", what.replace(['/', ' '], "_")));
    std::fs::write(&file, yaml(config)).unwrap();
    let out = Command::new(support::envoy_bin())
        .args(["--mode", "validate", "--log-level", "warn", "-c"])
        .arg(&file)
        .output()
        .expect("run envoy");
    assert!(
        out.status.success(),
        "{what}: envoy --mode validate failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Points every local module path at `module`, and returns the clusters named by remote
/// module fetches, which the test bootstrap must define.
fn localise(value: &mut Value, module: &str, clusters: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(local)) = map.get_mut("local") {
                if local.contains_key("filename") {
                    local.insert("filename".into(), json!(module));
                }
            }
            if let Some(cluster) = map
                .get("http_uri")
                .and_then(|u| u.get("cluster"))
                .and_then(Value::as_str)
            {
                clusters.push(cluster.to_owned());
            }
            map.values_mut().for_each(|v| localise(v, module, clusters));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| localise(v, module, clusters)),
        _ => {}
    }
}

fn cluster(name: &str) -> Value {
    json!({
        "name": name,
        "type": "STATIC",
        "connect_timeout": "1s",
        "load_assignment": {
            "cluster_name": name,
            "endpoints": [{ "lb_endpoints": [{ "endpoint": { "address": {
                "socket_address": { "address": "127.0.0.1", "port_value": 9 }
            } } }] }]
        }
    })
}

fn listener(route_config: Value) -> Value {
    json!({
        "name": "l",
        "address": { "socket_address": { "address": "127.0.0.1", "port_value": 10000 } },
        "filter_chains": [{ "filters": [{
            "name": "envoy.filters.network.http_connection_manager",
            "typed_config": {
                "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                "stat_prefix": "l",
                "route_config": route_config,
                "http_filters": [{ "name": "envoy.filters.http.router", "typed_config": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"
                } }]
            }
        }] }]
    })
}

#[test]
fn bootstraps_of_upstream_examples_validate() {
    let dir = tempfile::tempdir().unwrap();
    let module = support::test_module(dir.path());
    let mut count = 0;
    for (name, mut spec) in support::example_specs() {
        if !matches!(spec.placement, Placement::Upstream(_)) {
            assert!(
                envoy::bootstrap(&spec).is_err(),
                "{name}: only upstream renders for Envoy"
            );
            continue;
        }
        spec.envoy.wasm_path = module.to_string_lossy().into_owned();
        validate(&envoy::bootstrap(&spec).unwrap(), dir.path(), &name);
        count += 1;
    }
    assert!(count >= 1);
}

#[test]
fn rendered_files_under_envoy_validate() {
    let dir = tempfile::tempdir().unwrap();
    let module = support::test_module(dir.path());
    let root = support::repo_root().join("envoy");
    let mut count = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let mut config: Value =
            serde_yaml_ng::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        localise(&mut config, &module.to_string_lossy(), &mut Vec::new());
        validate(
            &config,
            dir.path(),
            &format!("file-{}", path.file_stem().unwrap().to_string_lossy()),
        );
        count += 1;
    }
    assert!(count >= 1, "no rendered bootstrap under envoy/");
}

/// The Envoy configuration inside each EnvoyFilter patch, applied to a bootstrap the way
/// Istio applies it (MERGE into the matched cluster or route configuration).
#[test]
fn envoy_filter_patches_validate() {
    let dir = tempfile::tempdir().unwrap();
    let module = support::test_module(dir.path());
    let mut count = 0;
    for (name, spec, options) in support::istio_renderings() {
        for m in istio::render(&spec, options).unwrap() {
            if m.kind() != "EnvoyFilter" {
                continue;
            }
            for (i, p) in m.object["spec"]["configPatches"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
            {
                let mut value = p["patch"]["value"].clone();
                let mut remote = Vec::new();
                localise(&mut value, &module.to_string_lossy(), &mut remote);
                let mut clusters: Vec<Value> = remote.iter().map(|c| cluster(c)).collect();
                let listeners = match p["applyTo"].as_str().unwrap() {
                    "CLUSTER" => {
                        let mut c = cluster("mirror");
                        c.as_object_mut()
                            .unwrap()
                            .extend(value.as_object().unwrap().clone());
                        clusters.push(c);
                        vec![]
                    }
                    "ROUTE_CONFIGURATION" => {
                        let mut rc = json!({ "name": "r", "virtual_hosts": [] });
                        rc.as_object_mut()
                            .unwrap()
                            .extend(value.as_object().unwrap().clone());
                        vec![listener(rc)]
                    }
                    other => panic!("{name}: untested applyTo {other}"),
                };
                let bootstrap =
                    json!({ "static_resources": { "clusters": clusters, "listeners": listeners } });
                validate(&bootstrap, dir.path(), &format!("{name}-{}-{i}", m.name()));
                count += 1;
            }
        }
    }
    assert!(count >= 4, "only {count} patches validated");
}
