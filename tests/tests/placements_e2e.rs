//! End-to-end: the `gateway` and `receiver` placements in real Envoys on loopback. (The
//! `upstream` placement is what every other end-to-end test runs: `envoy/demo.yaml`.)
//!
//! Each test renders an example spec with the generator, translates the generated Istio
//! resources into the Envoy configuration istiod would program for them (see `support`), runs
//! the generator's own Wasm filter definition with the built module, and checks what the
//! primary and the shadow workload receive. Each proxy of the mesh is its own Envoy process.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use mirrorguard::generate::spec::Placement;
use mirrorguard_harness::bootstrap::{bootstrap, http_listener, route_config, static_cluster};
use mirrorguard_harness::{Envoy, EnvoyConfig, Received, Request, Upstream};
use serde_json::Value;

use support::{envoy_route, example_spec, manifest, render, wasm_filter};

const WAIT: Duration = Duration::from_secs(10);
const KEY: (&str, &str) = ("MIRRORGUARD_KEY", "placement-test-key-0123456789");
const EMPLOYEE: &str = "EMP-123456";
const OTHER_EMPLOYEE: &str = "EMP-654321";

fn start(bootstrap: &Value) -> Envoy {
    let config = EnvoyConfig::from_bootstrap(bootstrap).process_env(KEY.0, KEY.1);
    Envoy::start(&config).unwrap_or_else(|e| panic!("{e}"))
}

fn only(upstream: &Upstream) -> Received {
    let got = upstream.wait_for(1, WAIT);
    assert_eq!(got.len(), 1, "{} received {}", upstream.name(), got.len());
    got.into_iter().next().unwrap()
}

fn order() -> Request {
    Request::post(
        &format!("/orders?employee={EMPLOYEE}&item=book"),
        "application/json",
        format!(r#"{{"approver":"{OTHER_EMPLOYEE}","item":"book"}}"#),
    )
    .header("authorization", "Bearer production-token")
    .header("cookie", "session=abc")
}

/// The primary arrives exactly as sent, minus a marker header the route strips.
fn assert_primary_untouched(sent: &Request, primary: &Received, marker: &str) {
    assert_eq!(primary.path, sent.path);
    assert_eq!(primary.body, sent.body);
    for (name, value) in sent.headers.iter().filter(|(n, _)| n != marker) {
        assert_eq!(primary.header(name), Some(value.as_str()), "primary {name}");
    }
    assert_eq!(
        primary.header(marker),
        None,
        "a caller's marker reached the primary"
    );
}

/// The copy carries neither employee number, and everything else of the order.
fn assert_redacted(copy: &Received) {
    let body = copy.body_text();
    assert!(!copy.path.contains(EMPLOYEE), "{}", copy.path);
    assert!(copy.path.contains("item=book"), "{}", copy.path);
    assert!(!body.contains(OTHER_EMPLOYEE), "{body}");
    assert!(body.contains(r#""item":"book""#), "{body}");
}

/// Stands for `istio/gateway/`: the source VirtualService mirrors to the dedicated shadow
/// host (`ServiceEntry` → egress gateway); the egress `WasmPlugin` runs the filter as an
/// ordinary downstream filter (`scope: all`) on the shadow port only; the egress
/// VirtualService rewrites the authority to the target's ingress host; the target
/// VirtualService admits only requests with the filter's mark. Mutual TLS between the
/// clusters and the `AuthorizationPolicy` on principals are not modelled (no identities on
/// loopback).
#[test]
fn gateway_placement_redacts_on_the_egress_gateway_and_the_target_admits_only_tagged_copies() {
    let spec = example_spec("gateway.yaml");
    let Placement::Gateway(g) = &spec.placement else {
        panic!("gateway.yaml uses another placement")
    };
    let m = &g.mirrors[0];
    let manifests = render(&spec);
    let marker = spec.marker_header().to_owned();
    let tag = spec.plugin.config.tag.source.clone();

    let primary = Upstream::start("primary").unwrap();
    let shadow = Upstream::start("shadow").unwrap();

    // Target cluster: the ingress gateway and the shadow-admission VirtualService.
    let admission = manifest(
        &manifests,
        "VirtualService",
        &format!("{}-{}", spec.name, m.mirror.name),
    );
    let hosts: Vec<&str> = admission["spec"]["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let to_shadow = |host: &str| {
        assert_eq!(host, m.mirror.destination.host);
        "shadow-workload".to_owned()
    };
    let routes = admission["spec"]["http"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| envoy_route(h, &to_shadow))
        .collect();
    let target = start(&bootstrap(
        vec![http_listener(
            "ingress",
            route_config("ingress", &hosts, routes),
            vec![],
        )],
        vec![static_cluster("shadow-workload", shadow.port())],
    ));
    let ingress = target.listener_named("ingress");

    // Source cluster, egress gateway: the filter on the shadow port, then the egress route.
    let (filter, port) = wasm_filter(
        &spec,
        manifest(&manifests, "WasmPlugin", &format!("{}-egress", spec.name)),
        "CLIENT",
    );
    assert_eq!(port, m.egress_port);
    let egress_vs = manifest(
        &manifests,
        "VirtualService",
        &format!("{}-egress", spec.name),
    );
    let to_ingress = |host: &str| {
        assert_eq!(host, m.ingress_host);
        "target-ingress".to_owned()
    };
    let egress_routes = egress_vs["spec"]["http"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["match"][0]["port"] == port)
        .map(|h| envoy_route(h, &to_ingress))
        .collect();
    let egress_name = format!("egress-{port}");
    let egress = start(&bootstrap(
        vec![http_listener(
            &egress_name,
            route_config(&egress_name, &["*"], egress_routes),
            vec![filter],
        )],
        vec![static_cluster("target-ingress", ingress.port())],
    ));

    // Source cluster, the caller's sidecar: the primary VirtualService.
    let primary_vs = manifest(&manifests, "VirtualService", &spec.name);
    let source_clusters = |host: &str| {
        if host == m.shadow_host {
            "egress-gateway".to_owned()
        } else {
            assert_eq!(host, spec.primary.host);
            "primary".to_owned()
        }
    };
    let routes = vec![envoy_route(
        &primary_vs["spec"]["http"][0],
        &source_clusters,
    )];
    let source = start(&bootstrap(
        vec![http_listener(
            "outbound",
            route_config("outbound", &["*"], routes),
            vec![],
        )],
        vec![
            static_cluster("primary", primary.port()),
            static_cluster("egress-gateway", egress.listener_named(&egress_name).port()),
        ],
    ));

    // A caller's request, with a marker it has no business sending.
    let sent = order().header(&marker, &tag);
    let response = sent.send(source.listener()).unwrap();
    assert_eq!(response.status, 200);
    assert!(String::from_utf8_lossy(&response.body).contains("primary"));
    assert_primary_untouched(&sent, &only(&primary), &marker);

    let copy = only(&shadow);
    assert_redacted(&copy);
    assert_eq!(copy.header("authorization"), None, "headers.remove");
    assert_eq!(copy.header("cookie"), None, "headers.remove");
    assert_eq!(copy.header(&marker), Some(tag.as_str()));
    assert_eq!(
        copy.header("baggage"),
        Some(format!("mirrorguard-shadow={tag}").as_str())
    );
    assert_eq!(
        copy.header("host"),
        Some(m.mirror.destination.host.as_str())
    );
    assert_eq!(egress.wait_stat("mirrorguard.copies_rewritten", 1, WAIT), 1);
    assert_eq!(egress.stat("mirrorguard.requests_seen"), 1);

    // The target side admits tagged copies only: anything else finds no route.
    let untagged = Request::get("/orders").authority(&m.ingress_host);
    assert_eq!(untagged.send(ingress).unwrap().status, 404);
    let wrong_tag = untagged.clone().header(&marker, "someone-else");
    assert_eq!(wrong_tag.send(ingress).unwrap().status, 404);
    let other_host = Request::get("/orders")
        .authority("orders.shop.svc.cluster.local")
        .header(&marker, &tag);
    assert_eq!(other_host.send(ingress).unwrap().status, 404);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(shadow.count(), 1, "the target admitted an untagged request");
}

/// Stands for `istio/receiver/`: the source VirtualService mirrors to the shadow service; the
/// `WasmPlugin` runs the filter in the shadow workload's inbound sidecar (`mode: SERVER` on
/// the serving port) with `scope: mirrored`, so only recognised copies are rewritten and
/// ordinary requests to the shadow workload pass byte-identical.
#[test]
fn receiver_placement_redacts_copies_and_passes_ordinary_requests() {
    let spec = example_spec("receiver.yaml");
    let Placement::Receiver(r) = &spec.placement else {
        panic!("receiver.yaml uses another placement")
    };
    let m = &r.mirrors[0];
    let manifests = render(&spec);
    let marker = spec.marker_header().to_owned();
    let tag = spec.plugin.config.tag.source.clone();

    let primary = Upstream::start("primary").unwrap();
    let shadow = Upstream::start("shadow").unwrap();

    // The shadow workload's sidecar: inbound listener on the serving port, filter first.
    let (filter, port) = wasm_filter(
        &spec,
        manifest(
            &manifests,
            "WasmPlugin",
            &format!("{}-{}", spec.name, m.mirror.name),
        ),
        "SERVER",
    );
    assert_eq!(port, m.target_port);
    let inbound_name = format!("inbound-{port}");
    let inbound_route = serde_json::json!({
        "match": { "prefix": "/" },
        "route": { "cluster": "shadow-app" },
    });
    let sidecar = start(&bootstrap(
        vec![http_listener(
            &inbound_name,
            route_config(&inbound_name, &["*"], vec![inbound_route]),
            vec![filter],
        )],
        vec![static_cluster("shadow-app", shadow.port())],
    ));
    let inbound = sidecar.listener_named(&inbound_name);

    // The caller's sidecar: the primary VirtualService.
    let primary_vs = manifest(&manifests, "VirtualService", &spec.name);
    let clusters = |host: &str| {
        if host == m.mirror.destination.host {
            "shadow-service".to_owned()
        } else {
            assert_eq!(host, spec.primary.host);
            "primary".to_owned()
        }
    };
    let routes = vec![envoy_route(&primary_vs["spec"]["http"][0], &clusters)];
    let source = start(&bootstrap(
        vec![http_listener(
            "outbound",
            route_config("outbound", &["*"], routes),
            vec![],
        )],
        vec![
            static_cluster("primary", primary.port()),
            static_cluster("shadow-service", inbound.port()),
        ],
    ));

    // Callers name the service with and without its port; Envoy puts `-shadow` on the host
    // of the copy either way, and the receiving filter must recognise both.
    let service = &spec.service;
    let authorities = [
        service.host.clone(),
        format!("{}:{}", service.host, service.port),
    ];
    for (i, authority) in authorities.iter().enumerate() {
        let sent = order().authority(authority);
        assert_eq!(sent.send(source.listener()).unwrap().status, 200);
        let primaries = primary.wait_for(i + 1, WAIT);
        assert_primary_untouched(&sent, &primaries[i], &marker);
        assert_eq!(primaries[i].header("host"), Some(authority.as_str()));
        let copies = shadow.wait_for(i + 1, WAIT);
        assert_eq!(copies.len(), i + 1, "copy via {authority} did not arrive");
        let copy = &copies[i];
        assert!(
            copy.header("host").is_some_and(|h| h.contains("-shadow")),
            "{:?}",
            copy.header("host")
        );
        assert_eq!(
            copy.header(&marker),
            Some(tag.as_str()),
            "copy via {authority} arrived as {:?} and was not recognised",
            copy.header("host")
        );
        assert_redacted(copy);
    }
    shadow.clear();

    // An ordinary request to the shadow workload is none of the filter's business.
    let ordinary = order().authority(&format!(
        "{}:{}",
        m.mirror.destination.host, m.mirror.destination.port
    ));
    assert_eq!(ordinary.send(inbound).unwrap().status, 200);
    let passed = only(&shadow);
    assert_eq!(passed.path, ordinary.path);
    assert_eq!(passed.body, ordinary.body, "ordinary body changed");
    for (name, value) in &ordinary.headers {
        assert_eq!(passed.header(name), Some(value.as_str()), "{name} changed");
    }
    assert_eq!(passed.header(&marker), None);
    assert_eq!(
        sidecar.wait_stat("mirrorguard.requests_passed_through", 1, WAIT),
        1
    );
    shadow.clear();

    // A request carrying the marker is treated as a copy (and re-tagged).
    let marked = order().header(&marker, "somewhere-else");
    assert_eq!(marked.send(inbound).unwrap().status, 200);
    let copy = only(&shadow);
    assert_redacted(&copy);
    assert_eq!(copy.header(&marker), Some(tag.as_str()));

    assert_eq!(sidecar.stat("mirrorguard.requests_seen"), 4);
    assert_eq!(sidecar.stat("mirrorguard.copies_rewritten"), 3);
    assert_eq!(sidecar.stat("mirrorguard.requests_passed_through"), 1);
}
