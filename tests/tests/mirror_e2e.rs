//! End-to-end: the built filter in a real Envoy, as an upstream filter on the mirror cluster.
//! Each test says which promise it guards.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use mirrorguard_harness::{Envoy, EnvoyConfig, Mirror, Received, Request};

const WAIT: Duration = Duration::from_secs(10);

/// Headers Envoy itself adds to every request it forwards; anything else on the primary that
/// the client did not send would be a change made by the filter.
const ENVOY_ADDED: [&str; 3] = [
    "x-forwarded-proto",
    "x-request-id",
    "x-envoy-expected-rq-timeout-ms",
];

fn only(upstream: &mirrorguard_harness::Upstream) -> Received {
    let got = upstream.wait_for(1, WAIT);
    assert_eq!(
        got.len(),
        1,
        "{} received {} requests",
        upstream.name(),
        got.len()
    );
    got.into_iter().next().unwrap()
}

/// The primary must arrive exactly as the client sent it: same path, same headers and values
/// (plus only Envoy's own additions), byte-identical body.
fn assert_untouched(sent: &Request, primary: &Received) {
    assert_eq!(primary.method, sent.method);
    assert_eq!(primary.path, sent.path);
    assert_eq!(primary.body, sent.body, "primary body changed");
    for (name, value) in &sent.headers {
        assert_eq!(
            primary.header(name),
            Some(value.as_str()),
            "primary header {name} changed"
        );
    }
    for (name, _) in &primary.headers {
        let sent_it = sent.headers.iter().any(|(n, _)| n == name);
        let standard = ["host", "content-length", "transfer-encoding"].contains(&name.as_str());
        assert!(
            sent_it || standard || ENVOY_ADDED.contains(&name.as_str()),
            "primary carries a header the client did not send: {name}"
        );
    }
    assert_eq!(primary.header("host"), Some("api.example.com"));
}

#[test]
fn copy_is_rewritten_and_tagged_while_the_primary_is_untouched() {
    let mirror = Mirror::start(
        r#"{"redaction":{"enabled":false},
            "headers":{"remove":["cookie"],"rename":{"x-user":"x-original-user"},"set":{"x-env":"staging"}},
            "authority":{"mode":"stripShadowSuffix"},
            "tag":{"source":"eu-west-1"}}"#,
    );
    let sent = Request::post("/orders?id=7", "application/json", r#"{"item":"book"}"#)
        .header("cookie", "session=abc")
        .header("x-user", "alice")
        .header("x-env", "prod")
        .header("baggage", "tenant=acme");
    let response = mirror.send(&sent);
    assert_eq!(response.status, 200);
    assert!(String::from_utf8_lossy(&response.body).contains("primary"));

    assert_untouched(&sent, &only(&mirror.primary));
    let copy = only(&mirror.shadow);
    assert_eq!(copy.path, "/orders?id=7");
    assert_eq!(copy.body, sent.body);
    assert_eq!(
        copy.header("host"),
        Some("api.example.com"),
        "-shadow suffix not stripped"
    );
    assert_eq!(copy.header("cookie"), None);
    assert_eq!(copy.header("x-original-user"), Some("alice"));
    assert_eq!(copy.header("x-user"), None);
    assert_eq!(copy.header("x-env"), Some("staging"));
    assert_eq!(copy.header("x-mirrorguard-shadow"), Some("eu-west-1"));
    assert_eq!(
        copy.header("baggage"),
        Some("tenant=acme,mirrorguard-shadow=eu-west-1")
    );

    assert_eq!(
        mirror
            .envoy
            .wait_stat("mirrorguard.copies_rewritten", 1, WAIT),
        1
    );
    assert_eq!(mirror.envoy.stat("mirrorguard.requests_seen"), 1);
    assert_eq!(mirror.envoy.stat("mirrorguard.copies_dropped"), 0);
}

#[test]
fn empty_config_tags_every_copy_and_keeps_envoys_shadow_host() {
    let mirror = Mirror::start("");
    let sent = Request::get("/health").header("x-mirrorguard-shadow", "spoofed-by-client");
    assert_eq!(mirror.send(&sent).status, 200);
    let primary = only(&mirror.primary);
    // The ingress route strips marker headers from outside, so the primary never carries one.
    assert_eq!(primary.header("x-mirrorguard-shadow"), None);
    let copy = only(&mirror.shadow);
    assert_eq!(copy.header("host"), Some("api.example.com-shadow"));
    assert_eq!(copy.header("x-mirrorguard-shadow"), Some("mirrorguard"));
    assert_eq!(
        copy.header("baggage"),
        Some("mirrorguard-shadow=mirrorguard")
    );
}

#[test]
fn staging_credential_comes_from_the_vm_environment() {
    let config = EnvoyConfig::upstream_placement()
        .plugin_config(
            r#"{"redaction":{"enabled":false},"headers":{"set":{"authorization":{"fromEnv":"STAGING_TOKEN","prefix":"Bearer "}}}}"#,
        )
        .vm_env("STAGING_TOKEN", "staging-token-1");
    let mirror = Mirror::start_with(config);
    let sent = Request::get("/me").header("authorization", "Bearer production-token");
    mirror.send(&sent);
    assert_untouched(&sent, &only(&mirror.primary));
    assert_eq!(
        only(&mirror.shadow).header("authorization"),
        Some("Bearer staging-token-1")
    );
}

#[test]
fn fresh_trace_context_separates_shadow_spans() {
    let mirror = Mirror::start(r#"{"tag":{"freshTrace":true}}"#);
    let primary_trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    let sent = Request::get("/")
        .header("traceparent", primary_trace)
        .header("tracestate", "v=1");
    mirror.send(&sent);
    assert_untouched(&sent, &only(&mirror.primary));
    let copy = only(&mirror.shadow);
    let trace = copy.header("traceparent").expect("copy has a traceparent");
    assert_ne!(trace, primary_trace);
    assert!(!trace.contains("0af7651916cd43dd8448eb211c80319c"));
    assert!(
        trace.starts_with("00-") && trace.ends_with("-01"),
        "{trace}"
    );
    assert_eq!(copy.header("tracestate"), None);
}

#[test]
fn invalid_plugin_config_is_rejected_by_envoy_naming_the_field() {
    let config = EnvoyConfig::upstream_placement()
        .plugin_config(r#"{"tag":{"source":"not valid, has spaces"}}"#);
    let rejected = Envoy::expect_rejected(&config);
    assert!(
        rejected
            .log
            .contains("invalid plugin config at `tag.source`"),
        "Envoy log does not name the field:\n{}",
        rejected.log
    );
    assert!(
        !rejected.log.contains("not valid, has spaces"),
        "the log repeats the configured value"
    );

    let config = EnvoyConfig::upstream_placement().plugin_config(r#"{"headres":{}}"#);
    let rejected = Envoy::expect_rejected(&config);
    assert!(
        rejected.log.contains("unknown field `headres`"),
        "{}",
        rejected.log
    );
}
