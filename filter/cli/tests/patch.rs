//! Patch mode adds the mirror to the right routes and leaves every other byte alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod support;

use mirrorguard::generate::istio::Options;
use mirrorguard::generate::patch::patch;
use mirrorguard::generate::{Error, Spec};
use serde_json::{json, Value};

fn gateway_spec() -> Spec {
    support::example_specs()
        .into_iter()
        .find(|(n, _)| n == "gateway")
        .unwrap()
        .1
}

fn example() -> String {
    std::fs::read_to_string(support::repo_root().join("examples/patch/orders-virtualservice.yaml"))
        .unwrap()
}

fn docs(text: &str) -> Vec<Value> {
    serde_yaml_ng::Deserializer::from_str(text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect()
}

/// Every original line survives, in order: the patch only inserts.
fn only_inserts(original: &str, patched: &str) -> bool {
    let mut remaining = patched.lines();
    original.lines().all(|line| remaining.any(|p| p == line))
}

#[test]
fn mirrors_every_route_to_the_primary_and_nothing_else() {
    let original = example();
    let out = patch(&original, &gateway_spec(), Options::default()).unwrap();
    assert_eq!(out.routes, vec![1, 2], "health has no route to orders");
    assert_eq!(
        (out.name.as_str(), out.namespace.as_str()),
        ("orders", "shop")
    );
    assert!(only_inserts(&original, &out.text), "{}", out.text);
    assert!(out
        .text
        .contains("# Ordinary traffic, with a retry budget tuned in incident 4711."));
    assert!(out.text.contains("x-team: orders   # kept verbatim"));

    let before = docs(&original);
    let after = docs(&out.text);
    assert_eq!(after.len(), 2);
    assert_eq!(after[1], before[1], "other documents are untouched");
    assert_eq!(after[0]["spec"]["http"][0], before[0]["spec"]["http"][0]);
    for i in [1, 2] {
        let route = &after[0]["spec"]["http"][i];
        assert_eq!(
            route["mirrors"],
            json!([{
                "destination": { "host": "staging.orders-shadow.mirrorguard.internal", "port": { "number": 15480 } },
                "percentage": { "value": 10.0 }
            }])
        );
        let removed = route["headers"]["request"]["remove"].as_array().unwrap();
        assert!(removed.contains(&json!("x-mirrorguard-shadow")));
    }
    // Existing header rules are extended, not replaced.
    assert_eq!(
        after[0]["spec"]["http"][1]["headers"]["request"]["set"]["x-team"],
        "orders"
    );
}

#[test]
fn legacy_mirror_fields_for_older_istio() {
    let out = patch(
        &example(),
        &gateway_spec(),
        Options {
            legacy_mirror: true,
        },
    )
    .unwrap();
    let route = &docs(&out.text)[0]["spec"]["http"][1];
    assert_eq!(
        route["mirror"]["host"],
        "staging.orders-shadow.mirrorguard.internal"
    );
    assert_eq!(route["mirrorPercentage"]["value"], 10.0);
    assert!(route.get("mirrors").is_none());
}

#[test]
fn named_routes_only() {
    let mut spec = gateway_spec();
    spec.routes = vec!["default".into()];
    let out = patch(&example(), &spec, Options::default()).unwrap();
    assert_eq!(out.routes, vec![2]);
    let after = docs(&out.text);
    assert!(after[0]["spec"]["http"][1].get("mirrors").is_none());

    spec.routes = vec!["nope".into()];
    let Err(Error::Patch(msg)) = patch(&example(), &spec, Options::default()) else {
        panic!("unknown route name must fail")
    };
    assert!(msg.contains("routes[0]"), "{msg}");
}

#[test]
fn appends_to_an_existing_remove_list_once() {
    let text = "\
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: orders, namespace: shop}
spec:
  hosts: [orders.shop.svc.cluster.local]
  http:
    - headers:
        request:
          remove:
            - x-debug # debugging only
      route:
        - destination: {host: orders.shop.svc.cluster.local}
";
    let out = patch(text, &gateway_spec(), Options::default()).unwrap();
    assert!(only_inserts(text, &out.text), "{}", out.text);
    let after = &docs(&out.text)[0]["spec"]["http"][0];
    assert_eq!(
        after["headers"]["request"]["remove"],
        json!(["x-debug", "x-mirrorguard-shadow"])
    );

    // A second patch is refused rather than doubling the mirror.
    let Err(Error::Patch(msg)) = patch(&out.text, &gateway_spec(), Options::default()) else {
        panic!("second patch must fail")
    };
    assert!(msg.contains("already has `mirrors`"), "{msg}");
}

#[test]
fn refuses_what_it_cannot_edit_in_place() {
    let flow = "\
kind: VirtualService
metadata: {name: orders, namespace: shop}
spec:
  hosts: [orders.shop.svc.cluster.local]
  http: [{route: [{destination: {host: orders.shop.svc.cluster.local}}]}]
";
    let Err(Error::Patch(msg)) = patch(flow, &gateway_spec(), Options::default()) else {
        panic!("flow style must be refused")
    };
    assert!(msg.contains("block style"), "{msg}");

    let other_host = example().replace(
        "orders.shop.svc.cluster.local",
        "billing.shop.svc.cluster.local",
    );
    assert!(matches!(
        patch(&other_host, &gateway_spec(), Options::default()),
        Err(Error::Patch(_))
    ));
}
