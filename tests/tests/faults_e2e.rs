//! End-to-end fault suite: hostile bodies, broken clients, broken shadows and a failing VM.
//! Every case asserts what the primary and the shadow received and what the filter counted.
//! The promise under test: no fault turns into a leak, and the primary never suffers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use mirrorguard_harness::{Behaviour, EnvoyConfig, Mirror, Request, ShadowSide};

const WAIT: Duration = Duration::from_secs(10);
const EMAIL: &str = "alice.smith@example.com";

/// Custom detector used where a case needs redaction independent of the built-in profile.
const EMAIL_RULE: &str =
    r#"{"name":"test_email","pattern":"[a-z.]+@[a-z]+\\.com","operator":{"type":"mask"}}"#;

fn config(extra_redaction: &str) -> String {
    format!(
        r#"{{"redaction":{{"key":"fault-suite-key-0123456789","custom":[{EMAIL_RULE}]{extra_redaction}}}}}"#
    )
}

/// Sends `request`, checks the primary got it intact and answered 200, and returns the
/// dropped-copy counter for `reason` once it moved (or after the wait).
fn assert_dropped(mirror: &Mirror, request: &Request, reason: &str) {
    let response = mirror.send(request);
    assert_eq!(
        response.status, 200,
        "the client must get the primary's answer"
    );
    let primary = mirror.primary.wait_for(1, WAIT);
    assert_eq!(primary.len(), 1);
    assert_eq!(primary[0].body, request.body, "primary body must be intact");
    let counted = mirror
        .envoy
        .wait_stat(&format!("mirrorguard.copies_dropped_{reason}"), 1, WAIT);
    assert_eq!(counted, 1, "drop not counted as {reason}");
    assert_eq!(mirror.envoy.stat("mirrorguard.copies_dropped"), 1);
    assert!(
        mirror.shadow.received().is_empty(),
        "a dropped copy reached the shadow"
    );
}

#[test]
fn body_over_the_limit_is_dropped_and_counted() {
    let mirror = Mirror::start(&config(r#","body":{"maxBytes":1024}"#));
    let body = format!("{{\"note\":\"{}\"}}", "x".repeat(4096));
    let request = Request::post("/big", "application/json", body.clone()).chunked_at(&[100, 2000]);
    assert_dropped(&mirror, &request, "body_too_large");
}

#[test]
fn declared_length_over_the_limit_is_dropped_before_buffering() {
    let mirror = Mirror::start(&config(r#","body":{"maxBytes":1024}"#));
    let request = Request::post(
        "/big",
        "application/json",
        format!("\"{}\"", "y".repeat(2048)),
    );
    assert_dropped(&mirror, &request, "body_too_large");
}

#[test]
fn unsupported_content_type_is_dropped() {
    let mirror = Mirror::start(&config(""));
    let request = Request::post(
        "/upload",
        "application/x-protobuf",
        vec![0x0a, 0x03, b'a', b'b', b'c'],
    );
    assert_dropped(&mirror, &request, "unsupported_content_type");
}

#[test]
fn allowed_content_type_passes_unchanged() {
    let mirror = Mirror::start(&config(
        r#","body":{"passContentTypes":["application/grpc"]}"#,
    ));
    let body = vec![0u8, 0, 0, 0, 3, 1, 2, 3];
    mirror.send(&Request::post(
        "/svc.Method",
        "application/grpc",
        body.clone(),
    ));
    let copy = mirror.shadow.wait_for(1, WAIT);
    assert_eq!(copy.len(), 1);
    assert_eq!(copy[0].body, body);
}

#[test]
fn invalid_utf8_text_is_dropped() {
    let mirror = Mirror::start(&config(""));
    let request = Request::post("/notes", "text/plain", vec![b'h', b'i', 0xff, 0xfe, b'!']);
    assert_dropped(&mirror, &request, "invalid_utf8");
}

#[test]
fn malformed_json_falls_back_to_text_scanning() {
    let mirror = Mirror::start(&config(""));
    let body = format!("{{\"email\": \"{EMAIL}\", broken");
    mirror.send(&Request::post("/signup", "application/json", body.clone()));
    assert_eq!(mirror.primary.wait_for(1, WAIT)[0].body_text(), body);
    let copy = mirror.shadow.wait_for(1, WAIT);
    assert_eq!(
        copy.len(),
        1,
        "malformed but UTF-8 JSON is scanned as text, not dropped"
    );
    let text = copy[0].body_text();
    assert!(!text.contains(EMAIL), "email leaked: {text}");
    assert!(text.contains("broken"));
}

#[test]
fn gzip_bomb_is_dropped_without_forwarding() {
    use flate2::write::GzEncoder;
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    assert!(bomb.len() < 200 * 1024, "bomb is {} bytes", bomb.len());
    let mirror = Mirror::start(&config(""));
    let request = Request::post("/logs", "text/plain", bomb).header("content-encoding", "gzip");
    assert_dropped(&mirror, &request, "decompression_limit");
}

#[test]
fn corrupt_gzip_is_dropped() {
    let mirror = Mirror::start(&config(""));
    let mut corrupt = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff];
    corrupt.extend_from_slice(b"this is not deflate data at all");
    let request =
        Request::post("/logs", "application/json", corrupt).header("content-encoding", "gzip");
    assert_dropped(&mirror, &request, "undecodable_body");
}

#[test]
fn unsupported_encoding_is_dropped() {
    let mirror = Mirror::start(&config(""));
    let request = Request::post(
        "/logs",
        "application/json",
        vec![0x8b, 0x05, 0x80, b'{', b'}', 0x03],
    )
    .header("content-encoding", "br");
    assert_dropped(&mirror, &request, "unsupported_encoding");
}

#[test]
fn malformed_multipart_is_dropped() {
    let mirror = Mirror::start(&config(""));
    // Announces boundary XYZ but never closes it.
    let body =
        format!("--XYZ\r\ncontent-disposition: form-data; name=\"email\"\r\n\r\n{EMAIL}\r\n");
    let request = Request::post("/apply", "multipart/form-data; boundary=XYZ", body);
    assert_dropped(&mirror, &request, "malformed_body");
}

#[test]
fn pii_split_across_chunks_is_caught() {
    let mirror = Mirror::start(&config(""));
    let body = format!("{{\"contact\":\"{EMAIL}\",\"plan\":\"pro\"}}");
    let cut = body.find('@').unwrap();
    let request =
        Request::post("/signup", "application/json", body.clone()).chunked_at(&[cut - 3, cut + 2]);
    mirror.send(&request);
    assert_eq!(mirror.primary.wait_for(1, WAIT)[0].body_text(), body);
    let copy = mirror.shadow.wait_for(1, WAIT);
    assert_eq!(copy.len(), 1);
    let text = copy[0].body_text();
    assert!(
        !text.contains(EMAIL) && !text.contains("smith@"),
        "split email leaked: {text}"
    );
    assert!(text.contains("\"plan\":\"pro\""), "{text}");
}

#[test]
fn http2_client_request_is_mirrored_and_redacted() {
    let mirror = Mirror::start(&config(""));
    let body = format!("{{\"email\":\"{EMAIL}\"}}");
    let url = format!("http://{}/signup?ref={EMAIL}", mirror.envoy.listener());
    let out = std::process::Command::new("curl")
        .args([
            "-sS",
            "--http2-prior-knowledge",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version} %{http_code}",
        ])
        .args([
            "-H",
            "content-type: application/json",
            "--data-binary",
            &body,
            &url,
        ])
        .output()
        .expect("curl is installed (make test installs it)");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2 200",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let primary = mirror.primary.wait_for(1, WAIT);
    assert_eq!(primary[0].body_text(), body);
    let copy = mirror.shadow.wait_for(1, WAIT);
    assert_eq!(copy.len(), 1);
    assert!(!copy[0].body_text().contains(EMAIL));
    assert!(!copy[0].path.contains("alice.smith"), "{}", copy[0].path);
}

#[test]
fn client_reset_mid_body_forwards_nothing_and_envoy_keeps_serving() {
    let mirror = Mirror::start(&config(""));
    {
        let mut conn = TcpStream::connect(mirror.envoy.listener()).unwrap();
        let head = "POST /upload HTTP/1.1\r\nhost: api.example.com\r\ncontent-type: application/json\r\ncontent-length: 10000\r\n\r\n";
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(format!("{{\"email\":\"{EMAIL}\",").as_bytes())
            .unwrap();
        conn.flush().unwrap();
        std::thread::sleep(Duration::from_millis(200));
    } // dropped: the client goes away mid-body
    std::thread::sleep(Duration::from_millis(300));
    assert!(mirror
        .shadow
        .received()
        .iter()
        .all(|r| !r.body_text().contains(EMAIL)));
    // The next request goes through normally.
    let response = mirror.send(&Request::get("/after"));
    assert_eq!(response.status, 200);
    assert!(mirror
        .shadow
        .wait_for(1, WAIT)
        .iter()
        .any(|r| r.path == "/after"));
}

fn shadow_fault_leaves_primary_alone(side: ShadowSide) {
    let mirror = Mirror::start_full(
        EnvoyConfig::upstream_placement().plugin_config(&config("")),
        side,
    );
    for i in 0..5 {
        let started = Instant::now();
        let response = mirror.send(&Request::post(
            "/orders",
            "application/json",
            format!("{{\"n\":{i}}}"),
        ));
        assert_eq!(response.status, 200);
        assert!(String::from_utf8_lossy(&response.body).contains("primary"));
        // The primary never waits for the shadow: Envoy does not hold the response for it.
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "primary waited {:?}",
            started.elapsed()
        );
    }
    assert_eq!(mirror.primary.wait_for(5, WAIT).len(), 5);
}

#[test]
fn shadow_down_does_not_affect_the_primary() {
    shadow_fault_leaves_primary_alone(ShadowSide::Down);
}

#[test]
fn resetting_shadow_does_not_affect_the_primary() {
    shadow_fault_leaves_primary_alone(ShadowSide::Resetting);
}

#[test]
fn slow_shadow_does_not_delay_the_primary() {
    shadow_fault_leaves_primary_alone(ShadowSide::Upstream(Behaviour::Slow(Duration::from_secs(
        3,
    ))));
}

/// A VM that panics must not forward that copy; with FAIL_RELOAD later copies flow again, and
/// the primary is never affected. The panic message must not carry request data.
#[test]
fn vm_panic_drops_the_copy_and_reloads() {
    let cfg = EnvoyConfig::upstream_placement()
        .module(&mirrorguard_harness::fault_wasm_module())
        .plugin_config(&config(""))
        .failure_policy("FAIL_RELOAD");
    let mirror = Mirror::start_with(cfg);
    let poisoned = Request::post(
        "/pay",
        "application/json",
        format!("{{\"email\":\"{EMAIL}\"}}"),
    )
    .header("x-mirrorguard-fault", "panic");
    assert_eq!(mirror.send(&poisoned).status, 200);
    assert_eq!(mirror.primary.wait_for(1, WAIT).len(), 1);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        mirror.shadow.received().is_empty(),
        "the copy of a panicking request was forwarded"
    );

    let after = Request::post(
        "/pay",
        "application/json",
        format!("{{\"email\":\"{EMAIL}\"}}"),
    );
    let mut forwarded = Vec::new();
    for _ in 0..20 {
        assert_eq!(mirror.send(&after).status, 200);
        forwarded = mirror.shadow.received();
        if !forwarded.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        !forwarded.is_empty(),
        "no copy flowed after the VM was reloaded"
    );
    assert!(
        forwarded.iter().all(|r| !r.body_text().contains(EMAIL)),
        "raw copy after reload"
    );
    let log = mirror.envoy.log();
    assert!(
        log.contains("mirrorguard fault injection"),
        "no panic in the log:\n{log}"
    );
    assert!(!log.contains(EMAIL), "request data in Envoy's log");
}

#[test]
fn vm_panic_with_fail_closed_never_forwards_later_copies_raw() {
    let cfg = EnvoyConfig::upstream_placement()
        .module(&mirrorguard_harness::fault_wasm_module())
        .plugin_config(&config(""))
        .failure_policy("FAIL_CLOSED");
    let mirror = Mirror::start_with(cfg);
    let body = format!("{{\"email\":\"{EMAIL}\"}}");
    mirror.send(
        &Request::post("/pay", "application/json", body.clone())
            .header("x-mirrorguard-fault", "panic"),
    );
    for _ in 0..5 {
        let response = mirror.send(&Request::post("/pay", "application/json", body.clone()));
        assert_eq!(response.status, 200, "primary affected by a failed VM");
    }
    assert_eq!(mirror.primary.wait_for(6, WAIT).len(), 6);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        mirror
            .shadow
            .received()
            .iter()
            .all(|r| !r.body_text().contains(EMAIL)),
        "a raw copy went out after the VM failed"
    );
}

/// Several Envoy workers each run their own VM; with a configured key every one of them must
/// give the same pseudonym for the same value.
#[test]
fn pseudonyms_are_identical_across_workers() {
    let cfg = EnvoyConfig::upstream_placement()
        .plugin_config(r#"{"redaction":{"key":{"fromEnv":"MG_KEY"}}}"#)
        .vm_env("MG_KEY", "cross-worker-key-0123456789")
        .with_concurrency(4);
    let mirror = Mirror::start_with(cfg);
    let listener = mirror.envoy.listener();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                for _ in 0..10 {
                    let r = Request::post(
                        "/signup",
                        "application/json",
                        format!("{{\"email\":\"{EMAIL}\"}}"),
                    );
                    assert_eq!(r.send(listener).unwrap().status, 200);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let copies = mirror.shadow.wait_for(80, WAIT);
    assert_eq!(copies.len(), 80);
    let first = copies[0].body_text();
    assert!(!first.contains(EMAIL), "{first}");
    assert!(
        copies.iter().all(|c| c.body_text() == first),
        "pseudonyms differ between workers"
    );
}
