use super::*;
use proptest::prelude::*;

fn headers(pairs: &[(&str, &str)]) -> Headers {
    Headers::from_pairs(pairs.iter().copied())
}

fn ok(raw: &str) -> Request {
    parse(raw.as_bytes()).unwrap_or_else(|e| panic!("{e}: {raw:?}"))
}

#[test]
fn parses_into_envoys_header_shape() {
    let req = ok("POST /signup?x=1 HTTP/1.1\r\nHost: shop.example:8080\r\nX-Trace:  a b \r\nContent-Length: 4\r\nCookie: a=1\r\n\r\nbody");
    assert_eq!(
        req.headers,
        headers(&[
            (":authority", "shop.example:8080"),
            (":path", "/signup?x=1"),
            (":method", "POST"),
            (":scheme", "http"),
            ("x-trace", "a b"),
            ("content-length", "4"),
            ("cookie", "a=1"),
        ])
    );
    assert_eq!(req.body, b"body");
}

#[test]
fn target_forms() {
    let cases = [
        ("GET / HTTP/1.1\nhost: h\n\n", ("h", "/", "http")),
        (
            "GET https://api.example/v1?q=1 HTTP/1.1\nhost: other\n\n",
            ("api.example", "/v1?q=1", "https"),
        ),
        (
            "GET HTTP://api.example?q HTTP/1.1\n\n",
            ("api.example", "/?q", "http"),
        ),
        ("OPTIONS * HTTP/1.1\nhost: h\n\n", ("h", "*", "http")),
    ];
    for (raw, (authority, path, scheme)) in cases {
        let h = ok(raw).headers;
        assert_eq!(
            (
                h.get(":authority"),
                h.get(":path"),
                h.get(":scheme"),
                h.contains("host")
            ),
            (Some(authority), Some(path), Some(scheme), false),
            "{raw}"
        );
    }
}

#[test]
fn bodies_by_each_framing() {
    let cases: [(&str, &[u8]); 7] = [
        ("GET / HTTP/1.1\r\nhost: h\r\n\r\n", b""),
        ("POST / HTTP/1.1\r\nhost: h\r\n\r\n{\"a\":1}\n", b"{\"a\":1}\n"),
        ("POST / HTTP/1.1\r\nhost: h\r\ncontent-length: 3, 3\r\n\r\nabc", b"abc"),
        (
            "POST / HTTP/1.1\r\nhost: h\r\ntransfer-encoding: Chunked\r\n\r\n2;e=1\r\nab\r\n1\r\nc\r\n0\r\ntrailer: x\r\n\r\n",
            b"abc",
        ),
        ("\r\n\nGET / HTTP/1.0\r\n\r\n", b""),
        ("POST / HTTP/1.1\r\nhost: h\r\ncontent-length: 2\r\n\r\nab\r\n\n", b"ab"),
        ("POST / HTTP/1.1\r\nhost: h\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n\n", b""),
    ];
    for (raw, body) in cases {
        assert_eq!(ok(raw).body, body, "{raw}");
    }
}

#[test]
fn malformed_requests_are_named() {
    use ParseError::*;
    let cases = [
        ("GET / HTTP/1.1\r\nhost: h\r\n", Incomplete),
        ("", Incomplete),
        ("GET /  HTTP/1.1\r\n\r\n", RequestLine),
        ("GET /\r\n\r\n", RequestLine),
        ("G(T / HTTP/1.1\r\n\r\n", Method),
        ("GET /\u{e9} HTTP/1.1\r\n\r\n", Target),
        ("CONNECT h:443 HTTP/1.1\r\nhost: h\r\n\r\n", UnsupportedTarget),
        ("GET * HTTP/1.1\r\nhost: h\r\n\r\n", UnsupportedTarget),
        ("GET ftp://h/ HTTP/1.1\r\n\r\n", UnsupportedTarget),
        ("GET http://u@h/ HTTP/1.1\r\n\r\n", Target),
        ("GET / HTTP/2.0\r\n\r\n", Version),
        ("GET / http/1.1\r\n\r\n", Version),
        ("GET / HTTP/1.1\r\nhost: h\r\nx-a 1\r\n\r\n", HeaderLine { line: 3 }),
        ("GET / HTTP/1.1\r\nhost : h\r\n\r\n", HeaderLine { line: 2 }),
        ("GET / HTTP/1.1\r\nhost: h\r\nx-a: 1\r\n 2\r\n\r\n", ObsFold { line: 4 }),
        ("GET / HTTP/1.1\r\nhost: h\r\nx-a: 1\r2\r\n\r\n", HeaderValue { line: 3 }),
        ("GET / HTTP/1.1\r\nx: 1\r\n\r\n", MissingHost),
        ("GET / HTTP/1.1\r\nhost: a\r\nhost: b\r\n\r\n", MultipleHosts),
        ("GET / HTTP/1.1\r\nhost: a b\r\n\r\n", InvalidHost),
        ("GET / HTTP/1.1\r\nhost: h\r\ncontent-length: -1\r\n\r\n", InvalidContentLength),
        ("GET / HTTP/1.1\r\nhost: h\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nx", InvalidContentLength),
        (
            "POST / HTTP/1.1\r\nhost: h\r\ncontent-length: 1\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n",
            ConflictingFraming,
        ),
        ("POST / HTTP/1.1\r\nhost: h\r\ntransfer-encoding: gzip, chunked\r\n\r\n", UnsupportedTransferEncoding),
        ("POST / HTTP/1.1\r\nhost: h\r\ntransfer-encoding: chunked\r\n\r\nz\r\n", MalformedChunk),
        ("POST / HTTP/1.1\r\nhost: h\r\ncontent-length: 5\r\n\r\nabc", Truncated),
        ("POST / HTTP/1.1\r\nhost: h\r\ncontent-length: 1\r\n\r\nabc", TrailingBytes { count: 2 }),
    ];
    for (raw, want) in cases {
        assert_eq!(parse(raw.as_bytes()), Err(want), "{raw:?}");
    }
    let not_utf8 = b"GET / HTTP/1.1\r\nhost: h\r\nx: \xff\r\n\r\n";
    assert_eq!(parse(not_utf8), Err(HeaderValue { line: 3 }));
}

#[test]
fn limits_are_enforced() {
    let limits = Limits {
        max_headers: 2,
        max_head_bytes: 64,
    };
    let two = "GET / HTTP/1.1\r\nhost: h\r\na: 1\r\n\r\n";
    assert!(parse_with(two.as_bytes(), &limits).is_ok());
    let three = "GET / HTTP/1.1\r\nhost: h\r\na: 1\r\nb: 2\r\n\r\n";
    assert_eq!(
        parse_with(three.as_bytes(), &limits),
        Err(ParseError::TooManyHeaders { limit: 2 })
    );
    let long = format!("GET / HTTP/1.1\r\nhost: h\r\na: {}\r\n\r\n", "x".repeat(50));
    assert_eq!(
        parse_with(long.as_bytes(), &limits),
        Err(ParseError::HeadersTooLarge { limit: 64 })
    );
    // A header section that never ends is too large, not merely incomplete.
    let endless = "GET / HTTP/1.1\r\nhost: h\r\na: ".to_owned() + &"x".repeat(100);
    assert_eq!(
        parse_with(endless.as_bytes(), &limits),
        Err(ParseError::HeadersTooLarge { limit: 64 })
    );
}

#[test]
fn error_messages_never_repeat_the_request() {
    let secret = "hunter2secret";
    let inputs = [
        format!("GET /{secret} HTTP/9.9\r\n\r\n"),
        format!("GET /{secret}\u{e9} HTTP/1.1\r\n\r\n"),
        format!("GET / HTTP/1.1\r\nhost: h\r\n{secret}\r\n\r\n"),
        format!("GET / HTTP/1.1\r\nhost: {secret} x\r\n\r\n"),
        format!("GET / HTTP/1.1\r\nhost: h\r\ncontent-length: {secret}\r\n\r\n"),
    ];
    for raw in inputs {
        let err = parse(raw.as_bytes()).unwrap_err().to_string();
        assert!(!err.contains(secret), "{err}");
    }
}

#[test]
fn prints_with_framing_from_the_actual_body() {
    let h = headers(&[
        (":authority", "h"),
        (":path", "/p"),
        (":method", "POST"),
        (":scheme", "http"),
        ("content-type", "text/plain"),
        ("content-length", "999"),
        ("x-a", " padded "),
        ("x-empty", ""),
    ]);
    assert_eq!(
        String::from_utf8(print(&h, b"hello").unwrap()).unwrap(),
        "POST /p HTTP/1.1\r\nhost: h\r\ncontent-type: text/plain\r\ncontent-length: 5\r\nx-a: padded\r\nx-empty:\r\n\r\nhello"
    );

    // The filter removed content-length: one is added after the other headers.
    let mut stripped = h.clone();
    stripped.remove("content-length");
    assert_eq!(
        String::from_utf8(print(&stripped, b"hi").unwrap()).unwrap(),
        "POST /p HTTP/1.1\r\nhost: h\r\ncontent-type: text/plain\r\nx-a: padded\r\nx-empty:\r\ncontent-length: 2\r\n\r\nhi"
    );
    assert!(!String::from_utf8(print(&stripped, b"").unwrap())
        .unwrap()
        .contains("content-length"));

    let mut chunked = stripped.clone();
    chunked.append("transfer-encoding", "chunked");
    chunked.append("content-length", "2");
    assert!(String::from_utf8(print(&chunked, b"hi").unwrap())
        .unwrap()
        .ends_with("transfer-encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"));
}

#[test]
fn prints_https_in_absolute_form_and_no_host_as_http10() {
    let https = headers(&[
        (":authority", "h"),
        (":path", "/"),
        (":method", "GET"),
        (":scheme", "https"),
    ]);
    assert!(print(&https, b"")
        .unwrap()
        .starts_with(b"GET https://h/ HTTP/1.1\r\nhost: h\r\n"));
    let no_host = headers(&[(":path", "/"), (":method", "GET")]);
    assert_eq!(print(&no_host, b"").unwrap(), b"GET / HTTP/1.0\r\n\r\n");
}

#[test]
fn unprintable_headers_are_refused() {
    let base = [(":authority", "h"), (":path", "/"), (":method", "GET")];
    let with = |extra: &[(&str, &str)]| {
        let mut pairs = base.to_vec();
        pairs.extend_from_slice(extra);
        print(&headers(&pairs), b"")
    };
    assert_eq!(
        with(&[("x", "a\r\nevil: 1")]),
        Err(PrintError::InvalidHeaderValue { index: 3 })
    );
    assert_eq!(
        with(&[("a b", "1")]),
        Err(PrintError::InvalidHeaderName { index: 3 })
    );
    assert_eq!(
        with(&[("transfer-encoding", "gzip")]),
        Err(PrintError::UnsupportedTransferEncoding)
    );
    let bad = |pairs: &[(&str, &str)]| print(&headers(pairs), b"").unwrap_err();
    assert_eq!(bad(&[(":path", "/")]), PrintError::MissingMethod);
    assert_eq!(bad(&[(":method", "GET")]), PrintError::MissingPath);
    assert_eq!(
        bad(&[(":method", "GET"), (":path", "x")]),
        PrintError::InvalidPath
    );
    assert_eq!(
        bad(&[(":method", "GET"), (":path", "/a b")]),
        PrintError::InvalidPath
    );
    assert_eq!(
        bad(&[(":method", "G T"), (":path", "/")]),
        PrintError::InvalidMethod
    );
    assert_eq!(
        bad(&[(":method", "GET"), (":path", "/"), (":authority", "a/b")]),
        PrintError::InvalidAuthority
    );
}

/// Headers without `content-length`, which [`print`] normalises.
fn unframed(h: &Headers) -> Headers {
    let mut h = h.clone();
    h.remove("content-length");
    h
}

/// The round-trip property: what parses prints, and the print parses back to the same.
fn assert_round_trip(req: &Request) -> Result<(), TestCaseError> {
    let printed = print(&req.headers, &req.body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let again = parse(&printed).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&again.body, &req.body);
    prop_assert_eq!(unframed(&again.headers), unframed(&req.headers));
    prop_assert_eq!(print(&again.headers, &again.body), Ok(printed));
    Ok(())
}

#[derive(Debug, Clone)]
enum Framing {
    None,
    Length,
    Chunked,
}

fn raw_request() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    let target = prop_oneof![
        "/[a-zA-Z0-9/%?=&._~#-]{0,20}",
        "(http|HTTPS)://[a-z0-9.]{1,8}(:[0-9]{1,4})?(/[a-z0-9?=&]{0,8})?",
    ];
    let field = (
        "[A-Za-z][A-Za-z0-9-]{0,10}",
        "[ \t]{0,2}",
        "([!-~\u{e9}]([ -~\t\u{e9}]{0,20}[!-~])?)?",
        "[ \t]{0,2}",
    )
        .prop_filter("framing and host are generated apart", |(n, ..)| {
            !["host", "content-length", "transfer-encoding"]
                .contains(&n.to_ascii_lowercase().as_str())
        });
    (
        "[A-Z]{1,7}",
        target,
        prop::option::of("[a-z0-9.-]{1,12}(:[0-9]{1,5})?"),
        prop::collection::vec(field, 0..6),
        prop_oneof![
            Just(Framing::None),
            Just(Framing::Length),
            Just(Framing::Chunked)
        ],
        prop::collection::vec(any::<u8>(), 0..40),
        prop_oneof![Just("\r\n"), Just("\n")],
    )
        .prop_map(|(method, target, host, fields, framing, body, eol)| {
            let version = if host.is_some() || target.contains("://") {
                "1.1"
            } else {
                "1.0"
            };
            let mut raw = format!("{method} {target} HTTP/{version}{eol}");
            if let Some(host) = &host {
                raw += &format!("Host: {host}{eol}");
            }
            for (name, pre, value, post) in &fields {
                raw += &format!("{name}:{pre}{value}{post}{eol}");
            }
            let mut raw = match framing {
                Framing::None => format!("{raw}{eol}").into_bytes(),
                Framing::Length => {
                    format!("{raw}Content-Length: {}{eol}{eol}", body.len()).into_bytes()
                }
                Framing::Chunked => {
                    let mut out = format!("{raw}Transfer-Encoding: chunked{eol}{eol}").into_bytes();
                    let (a, b) = body.split_at(body.len() / 2);
                    for chunk in [a, b].into_iter().filter(|c| !c.is_empty()) {
                        out.extend_from_slice(format!("{:X};ext=1{eol}", chunk.len()).as_bytes());
                        out.extend_from_slice(chunk);
                        out.extend_from_slice(eol.as_bytes());
                    }
                    out.extend_from_slice(format!("0{eol}{eol}").as_bytes());
                    out
                }
            };
            if !matches!(framing, Framing::Chunked) {
                raw.extend_from_slice(&body);
            }
            (raw, body)
        })
}

proptest! {
    #[test]
    fn generated_requests_parse_and_round_trip((raw, body) in raw_request()) {
        let req = parse(&raw).map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&raw))))?;
        prop_assert_eq!(&req.body, &body);
        assert_round_trip(&req)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_what_parses_round_trips(raw in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(req) = parse(&raw) {
            assert_round_trip(&req)?;
        }
    }

    #[test]
    fn mutated_requests_never_panic_and_what_parses_round_trips(
        (raw, _) in raw_request(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut raw = raw;
        for (at, byte) in edits {
            if !raw.is_empty() {
                let i = at.index(raw.len());
                raw[i] = byte;
            }
        }
        let keep = cut.index(raw.len() + 1);
        raw.truncate(keep.max(raw.len() / 2));
        if let Ok(req) = parse(&raw) {
            assert_round_trip(&req)?;
        }
    }
}
