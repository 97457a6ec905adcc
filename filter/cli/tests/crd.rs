//! Every generated Istio manifest validates against the official CRD schema of its kind and
//! apiVersion (`../shared/istio/customresourcedefinitions.gen.yaml`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod support;

use mirrorguard::generate::istio::{self, Options};
use mirrorguard::generate::patch;
use serde_json::{json, Value};
use support::crd::Schemas;

#[test]
fn every_generated_manifest_matches_its_crd_schema() {
    let schemas = Schemas::load();
    let mut checked = 0;
    for (name, spec, options) in support::istio_renderings() {
        for m in istio::render(&spec, options).unwrap() {
            let problems = schemas.problems(&m.object);
            assert!(
                problems.is_empty(),
                "{name}: {} {} ({}):\n{}",
                m.kind(),
                m.name(),
                m.api_version(),
                problems.join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} manifests checked");
}

#[test]
fn every_kind_and_version_is_exercised() {
    let mut seen = std::collections::BTreeSet::new();
    for (_, spec, options) in support::istio_renderings() {
        for m in istio::render(&spec, options).unwrap() {
            seen.insert(format!("{} {}", m.api_version(), m.kind()));
        }
    }
    for expected in [
        "networking.istio.io/v1 VirtualService",
        "networking.istio.io/v1beta1 VirtualService",
        "networking.istio.io/v1 DestinationRule",
        "networking.istio.io/v1 ServiceEntry",
        "networking.istio.io/v1 Gateway",
        "networking.istio.io/v1alpha3 EnvoyFilter",
        "extensions.istio.io/v1alpha1 WasmPlugin",
        "security.istio.io/v1 AuthorizationPolicy",
    ] {
        assert!(
            seen.contains(expected),
            "no example renders {expected}: {seen:?}"
        );
    }
}

#[test]
fn patched_virtual_service_matches_its_crd_schema() {
    let schemas = Schemas::load();
    let root = support::repo_root();
    let existing =
        std::fs::read_to_string(root.join("examples/patch/orders-virtualservice.yaml")).unwrap();
    for (name, spec) in support::example_specs() {
        if spec.service.host != "orders.shop.svc.cluster.local" {
            continue;
        }
        let patched = patch::patch(&existing, &spec, Options::default()).unwrap();
        for doc in serde_yaml_ng::Deserializer::from_str(&patched.text) {
            let value: Value = serde::Deserialize::deserialize(doc).unwrap();
            let problems = schemas.problems(&value);
            assert!(problems.is_empty(), "{name}: {}", problems.join("\n"));
        }
    }
}

/// The check itself must be able to fail: each broken manifest is reported.
#[test]
fn the_schema_check_rejects_broken_manifests() {
    let schemas = Schemas::load();
    let (_, spec) = support::example_specs().into_iter().next().unwrap();
    let vs = istio::primary(&spec, Options::default()).unwrap().object;
    type Breaks = fn(&mut Value);
    let broken: [(&str, Breaks); 5] = [
        ("undeclared field", |v| {
            v["spec"]["http"][0]["mirrorz"] = json!([])
        }),
        ("wrong type", |v| v["spec"]["hosts"] = json!("one-host")),
        ("wrong enum", |v| {
            v["kind"] = json!("WasmPlugin");
            v["apiVersion"] = json!("extensions.istio.io/v1alpha1");
            v["spec"] = json!({ "url": "oci://r/m", "failStrategy": "FAIL_SOMETIMES" });
        }),
        ("unserved version", |v| {
            v["apiVersion"] = json!("networking.istio.io/v2")
        }),
        ("missing required", |v| {
            v["spec"]["http"][0]["route"][0]["destination"] = json!({ "port": { "number": 80 } })
        }),
    ];
    assert!(schemas.problems(&vs).is_empty());
    for (what, breaks) in broken {
        let mut bad = vs.clone();
        breaks(&mut bad);
        assert!(
            !schemas.problems(&bad).is_empty(),
            "{what} was not reported"
        );
    }
}

/// Spec variants the examples do not cover, rendered and checked the same way.
#[test]
fn spec_variants_match_their_crd_schemas() {
    let schemas = Schemas::load();
    let root = support::repo_root().join("examples/specs");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
    let variants = [
        // A Gateway API egress gateway (WasmPlugin targetRefs) and certificate-based mTLS.
        (read("gateway.yaml")
            .replace(
                "      selector:\n        istio: egressgateway\n",
                "      gatewayName: egress\n",
            )
            .replace(
                "placement:\n  gateway:\n",
                "placement:\n  gateway:\n    tls: {mode: MUTUAL, clientCredential: shadow-client, serverCredential: shadow-server}\n",
            ), "\"credentialName\":\"shadow-client\""),
        // Environment-sourced values become vmConfig.env; a subset as mirror destination.
        (read("receiver.yaml").replace(
            "pluginConfig:\n",
            "pluginConfig:\n  headers: {set: {authorization: {fromEnv: STAGING_TOKEN, prefix: 'Bearer '}}}\n",
        ), "{\"name\":\"STAGING_TOKEN\",\"valueFrom\":\"HOST\"}"),
        // Only some callers' sidecars carry the upstream filter.
        (read("upstream.yaml").replace(
            "  upstream: {}",
            "  upstream: {namespace: shop, workloadSelector: {app: frontend}}",
        ), "\"workloadSelector\":{\"labels\":{\"app\":\"frontend\"}}"),
    ];
    for (text, expected) in variants {
        let spec = mirrorguard::generate::Spec::parse(&text).unwrap();
        let manifests = istio::render(&spec, Options::default()).unwrap();
        let rendered: String = manifests.iter().map(|m| m.object.to_string()).collect();
        for m in &manifests {
            let problems = schemas.problems(&m.object);
            assert!(
                problems.is_empty(),
                "{} {}:\n{}",
                m.kind(),
                m.name(),
                problems.join("\n")
            );
        }
        assert!(
            rendered.contains(expected),
            "variant not applied: {expected}"
        );
    }
}
