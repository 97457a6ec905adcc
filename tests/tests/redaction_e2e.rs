//! End-to-end redaction with the default profile, in the real Envoy: the copy that reaches the
//! shadow carries none of the personal data or secrets the client sent, is still well-formed
//! for the shadow service, and the primary is byte-identical.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::time::Duration;

use mirrorguard_harness::{EnvoyConfig, Mirror, Received, Request};

const WAIT: Duration = Duration::from_secs(10);

fn sample(name: &str) -> Request {
    let path = mirrorguard_harness::repo_root()
        .join("examples/requests")
        .join(name);
    Request::from_raw(&std::fs::read(path).unwrap()).unwrap()
}

/// Everything the copy carries, as text: request line, headers and body.
fn everything(r: &Received) -> String {
    let headers: Vec<String> = r.headers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    format!(
        "{} {}\n{}\n\n{}",
        r.method,
        r.path,
        headers.join("\n"),
        r.body_text()
    )
}

fn luhn_valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                if x * 2 > 9 {
                    x * 2 - 9
                } else {
                    x * 2
                }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

fn mirror_and_capture(mirror: &Mirror, request: &Request) -> (Received, Received) {
    assert_eq!(mirror.send(request).status, 200);
    let primary = mirror
        .primary
        .wait_for(1, WAIT)
        .pop()
        .expect("primary received the request");
    let copy = mirror
        .shadow
        .wait_for(1, WAIT)
        .pop()
        .expect("shadow received the copy");
    (primary, copy)
}

#[test]
fn json_signup_is_redacted_and_stays_valid_for_the_shadow() {
    let mirror = Mirror::start_with(EnvoyConfig::upstream_placement());
    let request = sample("signup.http");
    let (primary, copy) = mirror_and_capture(&mirror, &request);
    assert_eq!(primary.body, request.body, "primary body changed");
    assert_eq!(
        primary.header("authorization"),
        request
            .headers
            .iter()
            .find(|(n, _)| n == "authorization")
            .map(|(_, v)| v.as_str())
    );

    let leaked = [
        "Jane Doe",
        "jane.doe@example.com",
        "839 2741",
        "hunter2!Secret",
        "4111 1111 1111 1111",
        "\"123\"",
        "1 Market St",
        "81.2.69.142",
        "81.2.69.160",
        "eyJhbGciOiJIUzI1NiJ9",
    ];
    let all = everything(&copy);
    for value in leaked {
        assert!(!all.contains(value), "{value} reached the shadow:\n{all}");
    }

    let before: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    let after: serde_json::Value = serde_json::from_slice(&copy.body).expect("copy body is JSON");
    // Same shape: same keys, same types where the value was not a secret.
    assert_eq!(keys(&before), keys(&after));
    assert_eq!(after["plan"], "pro");
    assert_eq!(after["marketingOptIn"], true);
    assert_eq!(after["card"]["expiry"], "09/28");
    let email = after["email"].as_str().unwrap();
    assert!(
        email.contains('@') && email.ends_with(".example"),
        "{email}"
    );
    let card = after["card"]["number"].as_str().unwrap();
    assert_eq!(card.len(), "4111 1111 1111 1111".len());
    assert!(luhn_valid(card), "{card} is not Luhn-valid");
    let phone = after["phone"].as_str().unwrap();
    assert!(phone.starts_with("+1 "), "{phone}");
    let ip: std::net::Ipv4Addr = after["ip"]
        .as_str()
        .unwrap()
        .parse()
        .expect("IP stays an IPv4 address");
    assert!(ip.is_documentation(), "{ip}");

    assert!(
        mirror
            .envoy
            .wait_stat("mirrorguard.values_redacted", 8, WAIT)
            >= 8
    );
    assert_eq!(mirror.envoy.stat("mirrorguard.copies_rewritten"), 1);
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(map) = v.as_object() {
        for (k, child) in map {
            out.push(k.clone());
            out.extend(keys(child).into_iter().map(|c| format!("{k}.{c}")));
        }
    }
    out
}

#[test]
fn query_cookies_and_headers_are_redacted() {
    let mirror = Mirror::start_with(EnvoyConfig::upstream_placement());
    let request = sample("search.http");
    let (primary, copy) = mirror_and_capture(&mirror, &request);
    assert_eq!(primary.path, request.path);
    let all = everything(&copy);
    for value in [
        "jane.doe",
        "839+2741",
        "123-45-6789",
        "4111111111111111",
        "9f8e7d6c5b4a3f2e1d0c",
        "81.2.69.160",
    ] {
        assert!(!all.contains(value), "{value} reached the shadow:\n{all}");
    }
    assert!(copy.path.starts_with("/search?q="), "{}", copy.path);
    assert!(
        copy.path.contains("&page=2&"),
        "non-personal parameter changed: {}",
        copy.path
    );
    let cookie = copy.header("cookie").unwrap();
    assert!(cookie.contains("theme=dark"), "{cookie}");
    let forwarded_for = copy.header("x-forwarded-for").unwrap();
    assert!(
        forwarded_for.contains(", "),
        "still a list of addresses: {forwarded_for}"
    );
}

#[test]
fn form_and_multipart_bodies_are_redacted() {
    let mirror = Mirror::start_with(EnvoyConfig::upstream_placement());
    let form = "name=Jane+Doe&email=jane.doe%40example.com&plan=pro&card=4111111111111111";
    let (_, copy) = mirror_and_capture(
        &mirror,
        &Request::post("/form", "application/x-www-form-urlencoded", form),
    );
    let text = copy.body_text();
    assert!(
        !text.contains("Jane") && !text.contains("jane.doe") && !text.contains("4111111111111111"),
        "{text}"
    );
    assert!(text.contains("plan=pro"), "{text}");

    mirror.shadow.clear();
    mirror.primary.clear();
    let body = "--XYZ\r\ncontent-disposition: form-data; name=\"email\"\r\n\r\njane.doe@example.com\r\n\
                --XYZ\r\ncontent-disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.7 Jane Doe\r\n\
                --XYZ--\r\n";
    let request = Request::post("/apply", "multipart/form-data; boundary=XYZ", body);
    let (primary, copy) = mirror_and_capture(&mirror, &request);
    assert_eq!(primary.body_text(), body);
    let text = copy.body_text();
    assert!(!text.contains("jane.doe@example.com"), "{text}");
    assert!(
        !text.contains("%PDF-1.7 Jane Doe"),
        "file part content forwarded: {text}"
    );
    assert!(
        text.contains("filename=\"cv.pdf\""),
        "file part headers kept: {text}"
    );
    assert!(text.ends_with("--XYZ--\r\n"), "{text}");
}

#[test]
fn gzip_body_is_decoded_redacted_and_forwarded_with_fixed_headers() {
    use flate2::write::GzEncoder;
    use std::io::Write;
    let mirror = Mirror::start_with(EnvoyConfig::upstream_placement());
    let json = r#"{"email":"jane.doe@example.com","plan":"pro"}"#;
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(json.as_bytes()).unwrap();
    let request = Request::post("/events", "application/json", gz.finish().unwrap())
        .header("content-encoding", "gzip");
    let (primary, copy) = mirror_and_capture(&mirror, &request);
    assert_eq!(
        primary.body, request.body,
        "primary must stay compressed and intact"
    );
    assert_eq!(
        copy.header("content-encoding"),
        None,
        "decoded copy must not claim gzip"
    );
    let text = copy.body_text();
    assert!(!text.contains("jane.doe"), "{text}");
    assert!(text.contains("\"plan\":\"pro\""), "{text}");
}

#[test]
fn gzip_body_can_be_reencoded() {
    use flate2::write::GzEncoder;
    use std::io::Write;
    let config = EnvoyConfig::upstream_placement().plugin_config(
        r#"{"redaction":{"key":"reencode-test-key-0123456789","body":{"compressed":"reencode"}}}"#,
    );
    let mirror = Mirror::start_with(config);
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(br#"{"email":"jane.doe@example.com"}"#)
        .unwrap();
    let request = Request::post("/events", "application/json", gz.finish().unwrap())
        .header("content-encoding", "gzip");
    let (_, copy) = mirror_and_capture(&mirror, &request);
    assert_eq!(copy.header("content-encoding"), Some("gzip"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(copy.body.as_slice())
        .read_to_string(&mut text)
        .expect("copy is valid gzip");
    assert!(!text.contains("jane.doe") && text.contains("@"), "{text}");
}

/// With a configured key the same value gets the same pseudonym after a restart, so shadow
/// data stays joinable.
#[test]
fn pseudonyms_survive_a_restart() {
    let body = r#"{"email":"jane.doe@example.com","card":"4111 1111 1111 1111"}"#;
    let copy_body = || {
        let mirror = Mirror::start_with(EnvoyConfig::upstream_placement());
        let (_, copy) = mirror_and_capture(&mirror, &Request::post("/x", "application/json", body));
        copy.body_text()
    };
    let first = copy_body();
    let second = copy_body();
    assert!(!first.contains("jane.doe"));
    assert_eq!(first, second);
}
