//! `mirrorguard redact`, run as a user runs it: the built binary, a request on stdin.

// A test crate: a setup step that fails must fail the test.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mirrorguard_engine::http1;

const EMAIL_CONFIG: &str = r#"{
  "redaction": {
    "key": "cli-test-key-0123456789",
    "detectors": {"email": {"enabled": false}},
    "custom": [{"name": "mail", "pattern": "[a-z.]+@[a-z]+\\.(com|org)",
                "operator": {"type": "mask", "label": "[EMAIL]"}}]
  }
}"#;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/requests")
}

/// Writes a config file unique to the calling test.
fn config_file(test: &str, json: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("redact_cli-{test}.json"));
    std::fs::write(&path, json).unwrap();
    path
}

fn mirrorguard(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mirrorguard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The binary may exit (bad config) before reading stdin: a closed pipe is its answer.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn custom_detector_redacts_query_cookie_and_body() {
    let config = config_file("custom", EMAIL_CONFIG);
    let body = r#"{"text":"mail jane@mail.com","n":12345}"#;
    let request = format!(
        "POST /users/jane@mail.com/notes?to=bob@mail.org&lang=en HTTP/1.1\r\n\
         Host: notes.example\r\n\
         Content-Type: application/json\r\n\
         Content-Length: {}\r\n\
         Cookie: theme=dark; who=jane%40mail.com\r\n\
         \r\n\
         {body}\r\n",
        body.len()
    );
    let out = mirrorguard(
        &["redact", "--config", config.to_str().unwrap()],
        request.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("warning"),
        "a configured key gives no warning"
    );
    assert!(
        stderr(&out).contains("redacted values: 4"),
        "{}",
        stderr(&out)
    );

    let copy = http1::parse(&out.stdout).unwrap();
    let h = &copy.headers;
    assert_eq!(
        h.get(":path"),
        Some("/users/%5BEMAIL%5D/notes?to=%5BEMAIL%5D&lang=en")
    );
    assert_eq!(h.get(":authority"), Some("notes.example"));
    assert_eq!(h.get("cookie"), Some("theme=dark; who=[EMAIL]"));
    assert_eq!(h.get("x-mirrorguard-shadow"), Some("mirrorguard"));
    assert_eq!(copy.body, br#"{"text":"mail [EMAIL]","n":12345}"#);
    assert_eq!(
        h.get("content-length"),
        Some(copy.body.len().to_string().as_str())
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(!printed.contains("mail.com") && !printed.contains("mail.org"));
}

#[test]
fn without_a_key_a_warning_is_printed() {
    let out = mirrorguard(&["redact"], b"GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: no redaction.key configured"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.starts_with(b"GET / HTTP/1.1\r\nhost: h\r\n"));
}

#[test]
fn malformed_request_fails_without_echoing_it() {
    let out = mirrorguard(
        &["redact"],
        b"GET /secret-token-abc HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("malformed request: line 4: obsolete header line folding"),
        "{err}"
    );
    assert!(!err.contains("secret-token-abc"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_config_names_the_field_and_not_the_value() {
    let cases = [
        (
            r#"{"redaction":{"custom":[{"name":"x","pattern":"(hunter2"}]}}"#,
            "redaction.custom[0].pattern",
        ),
        (r#"{"redaction":{"parts":{"paht":false}}}"#, "paht"),
        (r#"{"scope":"hunter2"}"#, "scope"),
    ];
    for (i, (json, field)) in cases.into_iter().enumerate() {
        let config = config_file(&format!("bad-{i}"), json);
        let out = mirrorguard(
            &["redact", "--config", config.to_str().unwrap()],
            b"GET / HTTP/1.1\r\nHost: h\r\n\r\n",
        );
        assert_eq!(out.status.code(), Some(1), "{json}");
        let err = stderr(&out);
        assert!(err.contains("invalid plugin config"), "{err}");
        assert!(err.contains(field), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }

    let out = mirrorguard(
        &["redact", "--config", "/nonexistent/mirrorguard.json"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read config /nonexistent/mirrorguard.json"));
}

#[test]
fn text_mode_redacts_one_value() {
    let config = config_file("text", EMAIL_CONFIG);
    let out = mirrorguard(
        &["redact", "--text", "--config", config.to_str().unwrap()],
        b"write to jane.doe@mail.com or bob@mail.org\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, b"write to [EMAIL] or [EMAIL]\n");

    let out = mirrorguard(&["redact", "--text"], b"\xff\xfe");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not UTF-8"));
}

#[test]
fn an_uninspectable_body_drops_the_copy() {
    let out = mirrorguard(
        &["redact"],
        b"POST /upload HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\nContent-Length: 3\r\n\r\n\x00\x01\x02",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("copy dropped: unsupported_content_type"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn out_of_scope_requests_pass_through_unchanged() {
    let config = config_file(
        "scope",
        r#"{"scope":"mirrored","redaction":{"key":"cli-test-key-0123456789","custom":[{"name":"mail","pattern":"[a-z]+@[a-z]+\\.com"}]}}"#,
    );
    // Written as the printer writes, so that "unchanged" can be compared byte for byte.
    let request = b"GET /u/jane@mail.com HTTP/1.1\r\nhost: h\r\nx-a: 1\r\n\r\n";
    let out = mirrorguard(&["redact", "--config", config.to_str().unwrap()], request);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, request);
    assert!(stderr(&out).contains("passed through unchanged"));

    // The same request as a mirrored copy (Envoy's `-shadow` authority) is redacted.
    let shadow = b"GET /u/jane@mail.com HTTP/1.1\r\nHost: h-shadow\r\n\r\n";
    let out = mirrorguard(&["redact", "--config", config.to_str().unwrap()], shadow);
    assert!(out.stdout.starts_with(b"GET /u/%5BMAIL%5D HTTP/1.1\r\n"));
}

#[test]
fn sample_requests_are_valid_and_redacted() {
    let config = config_file("samples", EMAIL_CONFIG);
    for name in ["signup.http", "search.http"] {
        let request = std::fs::read(examples().join(name)).unwrap();
        let original = http1::parse(&request).unwrap();
        assert!(
            String::from_utf8_lossy(&request).contains("jane.doe@example.com")
                || String::from_utf8_lossy(&request).contains("jane.doe%40example.com"),
            "{name} carries the sample e-mail"
        );
        let out = mirrorguard(&["redact", "--config", config.to_str().unwrap()], &request);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let copy = http1::parse(&out.stdout).unwrap();
        assert_eq!(copy.headers.get(":method"), original.headers.get(":method"));
        let printed = String::from_utf8(out.stdout).unwrap();
        assert!(
            !printed.contains("jane.doe@example.com"),
            "{name}: {printed}"
        );
        assert!(
            !printed.contains("jane.doe%40example.com"),
            "{name}: {printed}"
        );

        // The default profile accepts them too.
        let out = mirrorguard(&["redact"], &request);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
}

#[test]
fn help_explains_input_config_and_exit_codes() {
    let out = mirrorguard(&["redact", "--help"], b"");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "HTTP/1.1",
        "--config",
        "--text",
        "default profile",
        "Exit status",
        "3  the filter would drop the copy",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
}
