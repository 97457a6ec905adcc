use super::*;

const UPSTREAM: &str = r#"
name: checkout
service: {host: checkout.shop.svc.cluster.local, namespace: shop, port: 8080}
mirrors:
  - {name: canary, host: checkout-canary.shop.svc.cluster.local, port: 8080, percentage: 5}
placement: {upstream: {}}
filter: {url: "file:///var/lib/wasm/m.wasm"}
"#;

fn with(extra: &str) -> String {
    format!("{UPSTREAM}{extra}")
}

fn err(text: &str) -> SpecError {
    Spec::parse(text).expect_err("spec should be rejected")
}

#[test]
fn minimal_upstream_spec_gets_its_defaults() {
    let spec = Spec::parse(UPSTREAM).unwrap();
    assert_eq!(spec.primary.host, "checkout.shop.svc.cluster.local");
    assert_eq!(spec.primary.port, 8080);
    let Placement::Upstream(u) = &spec.placement else {
        panic!("upstream expected")
    };
    assert_eq!(u.namespace, ISTIO_SYSTEM);
    assert_eq!(u.mirrors[0].subset, DEFAULT_MIRROR_SUBSET);
    assert_eq!(
        u.mirrors[0].mirror.destination.subset.as_deref(),
        Some(DEFAULT_MIRROR_SUBSET)
    );
    assert_eq!(spec.envoy.listener.to_string(), "127.0.0.1:10000");
    assert_eq!(spec.envoy.shadows.len(), 1);
    assert_eq!(spec.marker_header(), "x-mirrorguard-shadow");
}

#[test]
fn json_specs_are_accepted() {
    let json = r#"{"name":"c","service":{"host":"c.s.svc.cluster.local","namespace":"s","port":80},
      "mirrors":[{"name":"m","host":"m.s.svc.cluster.local","port":80,"percentage":1}],
      "placement":{"upstream":{}},"filter":{"url":"file:///m.wasm"}}"#;
    assert!(Spec::parse(json).is_ok());
}

#[test]
fn unknown_fields_are_named_by_path() {
    let cases = [
        (with("colour: blue\n"), "colour"),
        (
            UPSTREAM.replace("percentage: 5}", "percentage: 5, percentag: 5}"),
            "mirrors[0].percentag",
        ),
        (
            UPSTREAM.replace("{upstream: {}}", "{upstream: {namespce: x}}"),
            "placement.upstream.namespce",
        ),
        (
            with("pluginConfig: {headers: {remvoe: [cookie]}}\n"),
            "pluginConfig.headers.remvoe",
        ),
    ];
    for (text, path) in cases {
        let e = err(&text);
        assert_eq!(e.path(), path, "{e}");
        let field = path.rsplit(['.', ']']).next().unwrap();
        assert!(e.to_string().contains(field), "{e}");
    }
}

#[test]
fn unknown_placement_is_rejected_with_the_choices() {
    let e = err(&UPSTREAM.replace("{upstream: {}}", "{sidecar: {}}"));
    assert_eq!(e.path(), "placement");
    assert!(e.reason().contains("gateway"), "{e}");
}

#[test]
fn values_are_not_echoed_in_errors() {
    let e = err(&with(
        "pluginConfig: {redaction: {key: 12345678901234567890}}\n",
    ));
    assert!(e.path().starts_with("pluginConfig.redaction.key"), "{e}");
    assert!(!e.to_string().contains("12345678901234567890"), "{e}");
    let e = err(&with("pluginConfig: {tag: {enabled: \"hunter2\"}}\n"));
    assert!(!e.to_string().contains("hunter2"), "{e}");
}

#[test]
fn field_checks_name_the_field() {
    let cases = [
        (
            UPSTREAM.replace("percentage: 5", "percentage: 0"),
            "mirrors[0].percentage",
        ),
        (
            UPSTREAM.replace("percentage: 5", "percentage: 100.5"),
            "mirrors[0].percentage",
        ),
        (
            UPSTREAM.replace("name: canary", "name: Canary"),
            "mirrors[0].name",
        ),
        (
            UPSTREAM.replace("port: 8080}\nmirrors", "port: 0}\nmirrors"),
            "service.port",
        ),
        (
            UPSTREAM.replace(
                "checkout-canary.shop.svc.cluster.local",
                "\"*.shop.svc.cluster.local\"",
            ),
            "mirrors[0].host",
        ),
        (
            UPSTREAM.replace("file:///var/lib/wasm/m.wasm", "oci://r/m:1"),
            "filter.sha256",
        ),
        (
            UPSTREAM.replace("file:///var/lib/wasm/m.wasm", "ftp://x/m"),
            "filter.url",
        ),
        (
            UPSTREAM.replace(
                "percentage: 5}",
                "percentage: 5, ingressHost: a.example.com}",
            ),
            "mirrors[0].ingressHost",
        ),
        (with("envoy: {shadows: []}\n"), "envoy.shadows"),
        (
            UPSTREAM.replace("name: checkout\n", &format!("name: {}\n", "a".repeat(41))),
            "name",
        ),
    ];
    for (text, path) in cases {
        assert_eq!(err(&text).path(), path, "{text}");
    }
}

#[test]
fn mirror_names_must_be_unique() {
    let text = UPSTREAM.replace(
        "percentage: 5}",
        "percentage: 5}\n  - {name: canary, host: b.shop.svc.cluster.local, port: 80, percentage: 1}",
    );
    assert_eq!(err(&text).path(), "mirrors[1].name");
}

#[test]
fn plugin_config_is_compiled_as_the_filter_would() {
    // Parses, but the engine refuses it at compile time.
    let e = err(&with("pluginConfig: {redaction: {key: short}}\n"));
    assert_eq!(e.path(), "pluginConfig.redaction.key");
    let e = err(&with("pluginConfig: {version: 2}\n"));
    assert_eq!(e.path(), "pluginConfig.version");
    // Environment values exist only in the VM: any name is accepted and passed through.
    let spec = Spec::parse(&with(
        "pluginConfig: {redaction: {key: {fromEnv: MG_KEY}}, headers: {set: {authorization: {fromEnv: TOKEN, prefix: 'Bearer '}}}}\n",
    ))
    .unwrap();
    assert_eq!(
        spec.plugin.env.iter().collect::<Vec<_>>(),
        vec!["MG_KEY", "TOKEN"]
    );
}

#[test]
fn placement_rules_for_the_plugin_scope() {
    let e = err(&with("pluginConfig: {scope: mirrored}\n"));
    assert_eq!(e.path(), "pluginConfig.scope");
    let receiver = UPSTREAM
        .replace("{upstream: {}}", "{receiver: {}}")
        .replace(
            "percentage: 5}",
            "percentage: 5, workloadSelector: {app: canary}}",
        );
    assert_eq!(err(&receiver).path(), "pluginConfig.scope");
    let e = err(&format!(
        "{receiver}pluginConfig: {{scope: mirrored, recognize: {{shadowSuffix: false}}}}\n"
    ));
    assert_eq!(e.path(), "pluginConfig.recognize.shadowSuffix");
    assert!(Spec::parse(&format!("{receiver}pluginConfig: {{scope: mirrored}}\n")).is_ok());
}

#[test]
fn placements_demand_their_own_fields() {
    let receiver = UPSTREAM.replace("{upstream: {}}", "{receiver: {}}");
    assert_eq!(
        err(&format!("{receiver}pluginConfig: {{scope: mirrored}}\n")).path(),
        "mirrors[0].workloadSelector"
    );
    let gateway = UPSTREAM.replace("{upstream: {}}", "{gateway: {}}");
    assert_eq!(err(&gateway).path(), "mirrors[0].ingressHost");
    let tagged_off = gateway.replace(
        "percentage: 5}",
        "percentage: 5, ingressHost: c.staging.example.com}",
    );
    assert_eq!(
        err(&format!(
            "{tagged_off}pluginConfig: {{tag: {{enabled: false}}}}\n"
        ))
        .path(),
        "pluginConfig.tag.enabled"
    );
    let both = tagged_off.replace(
        "{gateway: {}}",
        "{gateway: {egress: {selector: {istio: egressgateway}, gatewayName: egress}}}",
    );
    assert_eq!(err(&both).path(), "placement.gateway.egress.selector");
    let mutual = tagged_off.replace("{gateway: {}}", "{gateway: {tls: {mode: MUTUAL}}}");
    assert_eq!(err(&mutual).path(), "placement.gateway.tls");
}

#[test]
fn gateway_mirrors_get_consecutive_ports_and_dedicated_hosts() {
    let text = r#"
name: orders
service: {host: orders.shop.svc.cluster.local, namespace: shop, port: 8080}
mirrors:
  - {name: a, host: o.a.svc.cluster.local, port: 80, percentage: 1, ingressHost: a.example.com}
  - {name: b, host: o.b.svc.cluster.local, port: 80, percentage: 2, ingressHost: b.example.com, shadowHost: b.internal}
placement: {gateway: {egress: {port: 20000}}}
filter: {url: "oci://r/m:1", sha256: "0000000000000000000000000000000000000000000000000000000000000000"}
"#;
    let spec = Spec::parse(text).unwrap();
    let Placement::Gateway(g) = &spec.placement else {
        panic!("gateway expected")
    };
    let ports: Vec<u16> = g.mirrors.iter().map(|m| m.egress_port).collect();
    assert_eq!(ports, vec![20000, 20001]);
    assert_eq!(g.mirrors[0].shadow_host, "a.orders.mirrorguard.internal");
    assert_eq!(g.mirrors[1].shadow_host, "b.internal");
    assert_eq!(
        g.egress.principals,
        vec!["cluster.local/ns/istio-system/sa/istio-egressgateway-service-account"]
    );
    assert_eq!(
        g.egress.service,
        "istio-egressgateway.istio-system.svc.cluster.local"
    );
}

#[test]
fn percentages_in_parts_per_million() {
    let p = |v: f64| Percentage::new("p", v).unwrap().per_million();
    assert_eq!(p(100.0), 1_000_000);
    assert_eq!(p(2.5), 25_000);
    assert_eq!(p(0.0001), 1);
    assert_eq!(p(0.00001), 1, "never rounds a positive share down to zero");
}

#[test]
fn plugin_config_can_be_swapped_and_is_checked_again() {
    let spec = Spec::parse(UPSTREAM).unwrap();
    let other = spec
        .with_plugin_config(serde_json::json!({"tag": {"source": "e2e"}}))
        .unwrap();
    assert_eq!(other.plugin.config.tag.source, "e2e");
    assert_eq!(other.placement, spec.placement);
    let e = spec
        .with_plugin_config(serde_json::json!({"scope": "mirrored"}))
        .unwrap_err();
    assert_eq!(e.path(), "pluginConfig.scope");
}
