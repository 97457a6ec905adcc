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
use mirrorguard_harness::{Received, Request, Upstream};
use serde_json::json;

use support::{envoy_routes, start, wasm_filter, Scene};

const WAIT: Duration = Duration::from_secs(10);
const EMPLOYEE: &str = "EMP-123456";
const OTHER_EMPLOYEE: &str = "EMP-654321";

fn only(upstream: &Upstream) -> Received {
    let got = upstream.wait_for(1, WAIT);
    assert_eq!(got.len(), 1, "{} received {}", upstream.name(), got.len());
    got.into_iter().next().unwrap()
}

/// An order carrying employee numbers (found by the specs' custom detector, see `support`)
/// and credentials.
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
    let scene = Scene::new("gateway.yaml");
    let (spec, marker, tag) = (&scene.spec, &scene.marker, &scene.tag);
    let Placement::Gateway(g) = &spec.placement else {
        panic!("gateway.yaml uses another placement")
    };
    let m = &g.mirrors[0];

    // Target cluster: the ingress gateway with the shadow-admission VirtualService.
    let admission = scene.manifest(
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
    let target = start(&bootstrap(
        vec![http_listener(
            "ingress",
            route_config("ingress", &hosts, envoy_routes(admission, None, &to_shadow)),
            vec![],
        )],
        vec![static_cluster("shadow-workload", scene.shadow.port())],
    ));
    let ingress = target.listener_named("ingress");

    // Source cluster, egress gateway: the filter on the shadow port, then the egress route.
    let egress_name = format!("{}-egress", spec.name);
    let (filter, port) = wasm_filter(spec, scene.manifest("WasmPlugin", &egress_name), "CLIENT");
    assert_eq!(port, m.egress_port);
    let to_ingress = |host: &str| {
        assert_eq!(host, m.ingress_host);
        "target-ingress".to_owned()
    };
    let listener = format!("egress-{port}");
    let routes = envoy_routes(
        scene.manifest("VirtualService", &egress_name),
        Some(port),
        &to_ingress,
    );
    let egress = start(&bootstrap(
        vec![http_listener(
            &listener,
            route_config(&listener, &["*"], routes),
            vec![filter],
        )],
        vec![static_cluster("target-ingress", ingress.port())],
    ));

    // Source cluster, the caller's sidecar: copies go to the shadow host, i.e. the gateway.
    let source = scene.caller_sidecar(&m.shadow_host, egress.listener_named(&listener).port());

    // A caller's request, with a marker it has no business sending.
    let sent = order().header(marker, tag);
    let response = sent.send(source.listener()).unwrap();
    assert_eq!(response.status, 200);
    assert!(String::from_utf8_lossy(&response.body).contains("primary"));
    assert_primary_untouched(&sent, &only(&scene.primary), marker);

    let copy = only(&scene.shadow);
    assert_redacted(&copy);
    assert_eq!(copy.header("authorization"), None, "headers.remove");
    assert_eq!(copy.header("cookie"), None, "headers.remove");
    assert_eq!(copy.header(marker), Some(tag.as_str()));
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
    let wrong_tag = untagged.clone().header(marker, "someone-else");
    assert_eq!(wrong_tag.send(ingress).unwrap().status, 404);
    let other_host = Request::get("/orders")
        .authority(&spec.service.host)
        .header(marker, tag);
    assert_eq!(other_host.send(ingress).unwrap().status, 404);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        scene.shadow.count(),
        1,
        "the target admitted an untagged request"
    );
}

/// Stands for `istio/receiver/`: the source VirtualService mirrors to the shadow service; the
/// `WasmPlugin` runs the filter in the shadow workload's inbound sidecar (`mode: SERVER` on
/// the serving port) with `scope: mirrored`, so only recognised copies are rewritten and
/// ordinary requests to the shadow workload pass byte-identical.
#[test]
fn receiver_placement_redacts_copies_and_passes_ordinary_requests() {
    let scene = Scene::new("receiver.yaml");
    let (spec, marker, tag) = (&scene.spec, &scene.marker, &scene.tag);
    let Placement::Receiver(r) = &spec.placement else {
        panic!("receiver.yaml uses another placement")
    };
    let m = &r.mirrors[0];
    let (primary, shadow) = (&scene.primary, &scene.shadow);

    // The shadow workload's sidecar: inbound listener on the serving port, filter first.
    let plugin = scene.manifest("WasmPlugin", &format!("{}-{}", spec.name, m.mirror.name));
    let (filter, port) = wasm_filter(spec, plugin, "SERVER");
    assert_eq!(port, m.target_port);
    let listener = format!("inbound-{port}");
    let to_app = json!({ "match": { "prefix": "/" }, "route": { "cluster": "shadow-app" } });
    let sidecar = start(&bootstrap(
        vec![http_listener(
            &listener,
            route_config(&listener, &["*"], vec![to_app]),
            vec![filter],
        )],
        vec![static_cluster("shadow-app", shadow.port())],
    ));
    let inbound = sidecar.listener_named(&listener);

    // The caller's sidecar: copies go to the shadow service, i.e. its inbound listener.
    let source = scene.caller_sidecar(&m.mirror.destination.host, inbound.port());

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
        assert_primary_untouched(&sent, &primaries[i], marker);
        assert_eq!(primaries[i].header("host"), Some(authority.as_str()));
        let copies = shadow.wait_for(i + 1, WAIT);
        assert_eq!(copies.len(), i + 1, "copy via {authority} did not arrive");
        let copy = &copies[i];
        assert_eq!(
            copy.header(marker),
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
    let passed = only(shadow);
    assert_eq!(passed.path, ordinary.path);
    assert_eq!(passed.body, ordinary.body, "ordinary body changed");
    for (name, value) in &ordinary.headers {
        assert_eq!(passed.header(name), Some(value.as_str()), "{name} changed");
    }
    assert_eq!(passed.header(marker), None);
    assert_eq!(
        sidecar.wait_stat("mirrorguard.requests_passed_through", 1, WAIT),
        1
    );
    shadow.clear();

    // A request carrying the marker is treated as a copy (and re-tagged).
    let marked = order().header(marker, "somewhere-else");
    assert_eq!(marked.send(inbound).unwrap().status, 200);
    let copy = only(shadow);
    assert_redacted(&copy);
    assert_eq!(copy.header(marker), Some(tag.as_str()));

    assert_eq!(sidecar.stat("mirrorguard.requests_seen"), 4);
    assert_eq!(sidecar.stat("mirrorguard.copies_rewritten"), 3);
    assert_eq!(sidecar.stat("mirrorguard.requests_passed_through"), 1);
}
