use proptest::prelude::*;

use super::*;
use crate::body::tests::{keys, redactor};

fn run<R: FieldRedactor>(
    r: &R,
    body: &[u8],
    files: MultipartFiles,
) -> Result<(Vec<u8>, u32), DropReason> {
    let mut tally = Tally::default();
    let out = rewrite(r, body, "XyZ", files, &mut tally)?;
    Ok((out.into_owned(), tally.values))
}

fn text(r: &impl FieldRedactor, body: &str, files: MultipartFiles) -> Result<String, DropReason> {
    let (out, _) = run(r, body.as_bytes(), files)?;
    Ok(String::from_utf8(out).unwrap())
}

/// A form-data body from (headers, content) pairs, with CRLF line breaks.
fn form(parts: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (headers, content) in parts {
        out.push_str("--XyZ\r\n");
        out.push_str(headers);
        out.push_str("\r\n\r\n");
        out.push_str(content);
        out.push_str("\r\n");
    }
    out.push_str("--XyZ--\r\n");
    out
}

fn field(name: &str) -> String {
    format!("Content-Disposition: form-data; name=\"{name}\"")
}

fn file(name: &str, filename: &str, content_type: &str) -> String {
    format!(
        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}"
    )
}

#[test]
fn fields_are_redacted_and_files_emptied_by_default() {
    let r = redactor();
    let input = form(&[
        (&field("note"), "mail a@b.com"),
        (&field("plain"), "nothing here"),
        (&file("up", "a@b.com.txt", "text/plain"), "file a@b.com"),
        (&field("json\"; x=\"y"), "no"),
    ]);
    let want = form(&[
        (&field("note"), "mail [EMAIL]"),
        (&field("plain"), "nothing here"),
        (&file("up", "[EMAIL].txt", "text/plain"), ""),
        (&field("json\"; x=\"y"), "no"),
    ]);
    let (out, count) = run(&r, input.as_bytes(), MultipartFiles::Empty).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), want);
    assert_eq!(count, 3);
}

#[test]
fn file_settings() {
    let r = redactor();
    let binary = "\u{0}\u{1}binary";
    let input = form(&[
        (&file("a", "a.txt", "text/plain"), "see a@b.com"),
        (&field("keep"), "v"),
        (&file("b", "b.bin", "application/octet-stream"), binary),
    ]);
    let table = [
        (
            MultipartFiles::Empty,
            form(&[
                (&file("a", "a.txt", "text/plain"), ""),
                (&field("keep"), "v"),
                (&file("b", "b.bin", "application/octet-stream"), ""),
            ]),
        ),
        (MultipartFiles::Remove, form(&[(&field("keep"), "v")])),
        (
            MultipartFiles::Scan,
            form(&[
                (&file("a", "a.txt", "text/plain"), "see [EMAIL]"),
                (&field("keep"), "v"),
                (&file("b", "b.bin", "application/octet-stream"), binary),
            ]),
        ),
    ];
    for (files, want) in table {
        assert_eq!(text(&r, &input, files).unwrap(), want, "{files:?}");
    }
    // Scanning empties what is not text.
    let not_utf8 = [
        b"--XyZ\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b\"\r\n\r\n".as_slice(),
        b"\xff\xfe\x00",
        b"\r\n--XyZ--",
    ]
    .concat();
    let (out, _) = run(&r, &not_utf8, MultipartFiles::Scan).unwrap();
    assert_eq!(
        out,
        b"--XyZ\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b\"\r\n\r\n\r\n--XyZ--"
    );
}

#[test]
fn parts_are_read_by_their_content_type() {
    let r = redactor();
    let json = "Content-Disposition: form-data; name=\"j\"\r\nContent-Type: application/json";
    let urlencoded =
        "Content-Disposition: form-data; name=\"f\"\r\nContent-Type: application/x-www-form-urlencoded";
    let xml = "Content-Disposition: form-data; name=\"x\"\r\nContent-Type: text/xml";
    let input = form(&[
        (json, r#"{"to": "a@b.com"}"#),
        (urlencoded, "to=a%40b.com"),
        (xml, "<to>a@b.com</to>"),
    ]);
    let want = form(&[
        (json, r#"{"to": "[EMAIL]"}"#),
        (urlencoded, "to=%5BEMAIL%5D"),
        (xml, "<to>[EMAIL]</to>"),
    ]);
    assert_eq!(text(&r, &input, MultipartFiles::Empty).unwrap(), want);
}

#[test]
fn fields_go_under_their_names() {
    let k = keys();
    let json =
        "Content-Disposition: form-data; name=\"password\"\r\nContent-Type: application/json";
    let input = form(&[
        (&field("password"), "hunter2"),
        (&field("drop"), "x"),
        (json, r#"["a"]"#),
    ]);
    let want = form(&[(&field("password"), "[SECRET]"), (json, r#"["[SECRET]"]"#)]);
    assert_eq!(text(&k, &input, MultipartFiles::Empty).unwrap(), want);
    // The first part removed: the body still starts with a delimiter.
    let input = form(&[(&field("drop"), "x"), (&field("a"), "b")]);
    assert_eq!(
        text(&k, &input, MultipartFiles::Empty).unwrap(),
        form(&[(&field("a"), "b")])
    );
    assert_eq!(
        text(&k, &form(&[(&field("drop"), "x")]), MultipartFiles::Empty).unwrap(),
        "--XyZ--\r\n"
    );
}

#[test]
fn header_values_and_file_names_are_scanned() {
    let r = redactor();
    let input = form(&[(
        "Content-Disposition: form-data; name=\"a@b.com\"; filename*=UTF-8''x%20c%40d.com\r\nX-Note: from e@f.com",
        "v",
    )]);
    let want = form(&[(
        "Content-Disposition: form-data; name=\"[EMAIL]\"; filename*=UTF-8''x%20%5BEMAIL%5D\r\nX-Note: from [EMAIL]",
        "",
    )]);
    assert_eq!(text(&r, &input, MultipartFiles::Empty).unwrap(), want);
}

/// A redactor that removes `tok_…` tokens outright, joining what was around them.
fn remover() -> crate::redact::Redactor {
    crate::body::tests::redactor_from(
        r#"{"redaction":{"fields":{"enabled":false},"custom":[
            {"name":"token","pattern":"tok_[A-Za-z0-9]{8,}","operator":{"type":"remove"}}]}}"#,
    )
}

#[test]
fn a_removal_that_would_make_a_new_delimiter_drops_the_copy() {
    let r = remover();
    // In the preamble, a field and the last part: removing the token puts `--XyZ` at the
    // start of a line, a delimiter (or an early close) the original did not have.
    let preamble = format!("tok_ABCDEFGH12--XyZ'--\r\n{}", form(&[(&field("a"), "v")]));
    let in_field = form(&[
        (&field("a"), "x\r\ntok_ABCDEFGH12--XyZ\r\nmore"),
        (&field("b"), "v"),
    ]);
    let early_close = form(&[(&field("a"), "x\r\ntok_ABCDEFGH12--XyZ--\r\ntail")]);
    for body in [preamble, in_field, early_close] {
        assert_eq!(
            text(&r, &body, MultipartFiles::Empty),
            Err(DropReason::MalformedBody),
            "{body:?}"
        );
    }
}

#[test]
fn a_removal_beside_ordinary_text_keeps_the_body() {
    let r = remover();
    let input = form(&[(&field("a"), "x\r\ntok_ABCDEFGH12 rest")]);
    let want = form(&[(&field("a"), "x\r\n rest")]);
    assert_eq!(text(&r, &input, MultipartFiles::Empty).unwrap(), want);
}

#[test]
fn part_lengths_follow_the_content() {
    let r = redactor();
    let before = format!("{}\r\nContent-Length: 14", field("note"));
    let after = format!("{}\r\nContent-Length: 12", field("note"));
    let input = form(&[(&before, "mail ab@cd.com")]);
    assert_eq!(
        text(&r, &input, MultipartFiles::Empty).unwrap(),
        form(&[(&after, "mail [EMAIL]")])
    );
}

#[test]
fn unread_transfer_encodings_make_a_file() {
    let r = redactor();
    let headers = format!("{}\r\nContent-Transfer-Encoding: base64", field("note"));
    let input = form(&[(&headers, "YUBiLmNvbQ==")]);
    for files in [MultipartFiles::Empty, MultipartFiles::Scan] {
        assert_eq!(
            text(&r, &input, files).unwrap(),
            form(&[(&headers, "")]),
            "{files:?}"
        );
    }
}

#[test]
fn nested_multipart_is_rewritten() {
    let r = redactor();
    let inner = "--in\r\nContent-Type: text/plain\r\n\r\na@b.com\r\n--in--";
    let headers =
        "Content-Disposition: form-data; name=\"n\"\r\nContent-Type: multipart/mixed; boundary=in";
    let input = form(&[(headers, inner)]);
    let want = form(&[(
        headers,
        "--in\r\nContent-Type: text/plain\r\n\r\n[EMAIL]\r\n--in--",
    )]);
    assert_eq!(text(&r, &input, MultipartFiles::Empty).unwrap(), want);

    let nest = |levels: usize| {
        let mut content = "a@b.com".to_owned();
        let mut content_type = "text/plain".to_owned();
        for level in 0..levels {
            let b = format!("b{level}");
            content = format!("--{b}\r\nContent-Type: {content_type}\r\n\r\n{content}\r\n--{b}--");
            content_type = format!("multipart/mixed; boundary={b}");
        }
        let body = format!("--XyZ\r\nContent-Type: {content_type}\r\n\r\n{content}\r\n--XyZ--");
        text(&r, &body, MultipartFiles::Empty)
    };
    assert!(nest(MAX_NESTING).unwrap().contains("\r\n[EMAIL]\r\n"));
    assert_eq!(nest(MAX_NESTING + 1), Err(DropReason::MalformedBody));
}

#[test]
fn layout_variants_are_preserved() {
    let r = redactor();
    let table = [
        // Bare LF line breaks, transport padding, preamble and epilogue.
        (
            "pre a@b.com\n--XyZ  \nContent-Disposition: form-data; name=\"a\"\n\na@b.com\n--XyZ--\nepi c@d.com",
            "pre [EMAIL]\n--XyZ  \nContent-Disposition: form-data; name=\"a\"\n\n[EMAIL]\n--XyZ--\nepi [EMAIL]",
        ),
        // A part without headers (multipart/mixed), an empty part, a part with only headers.
        (
            "--XyZ\r\n\r\na@b.com\r\n--XyZ\r\n\r\n\r\n--XyZ\r\nX-A: 1\r\n\r\n--XyZ--",
            "--XyZ\r\n\r\n[EMAIL]\r\n--XyZ\r\n\r\n\r\n--XyZ\r\nX-A: 1\r\n\r\n--XyZ--",
        ),
        // Content that merely contains the boundary mid-line is content.
        (
            "--XyZ\r\n\r\nx--XyZ a@b.com\r\n--XyZ--",
            "--XyZ\r\n\r\nx--XyZ [EMAIL]\r\n--XyZ--",
        ),
    ];
    for (input, want) in table {
        assert_eq!(
            text(&r, input, MultipartFiles::Empty).unwrap(),
            want,
            "{input}"
        );
    }
}

#[test]
fn malformed_bodies_are_rejected() {
    let r = redactor();
    let table: [(&str, &[u8], DropReason); 9] = [
        ("empty", b"", DropReason::MalformedBody),
        ("no delimiter", b"just text", DropReason::MalformedBody),
        (
            "no closing delimiter",
            b"--XyZ\r\n\r\nvalue\r\n",
            DropReason::MalformedBody,
        ),
        (
            "garbage after a delimiter",
            b"--XyZ\r\n\r\nv\r\n--XyZjunk\r\n\r\nw\r\n--XyZ--",
            DropReason::MalformedBody,
        ),
        (
            "header without colon",
            b"--XyZ\r\nnot a header\r\n\r\nv\r\n--XyZ--",
            DropReason::MalformedBody,
        ),
        (
            "folded header",
            b"--XyZ\r\nX-A: 1\r\n  2\r\n\r\nv\r\n--XyZ--",
            DropReason::MalformedBody,
        ),
        (
            "unterminated quoted parameter",
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--",
            DropReason::MalformedBody,
        ),
        (
            "field that is not UTF-8",
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XyZ--",
            DropReason::InvalidUtf8,
        ),
        (
            "headers that are not UTF-8",
            b"--XyZ\r\nX-A: \xff\r\n\r\nv\r\n--XyZ--",
            DropReason::InvalidUtf8,
        ),
    ];
    for (name, body, want) in table {
        assert_eq!(run(&r, body, MultipartFiles::Empty), Err(want), "{name}");
    }
    assert_eq!(
        check_boundary(&"b".repeat(201)),
        Err(DropReason::MalformedBody)
    );
    assert_eq!(check_boundary("a\rb"), Err(DropReason::MalformedBody));
}

proptest! {
    #[test]
    fn bodies_without_matches_or_files_are_returned_as_they_are(
        fields in prop::collection::vec(("[a-z_]{1,8}", "[a-zA-Z0-9 .,\r\n-]{0,40}"), 0..6),
        preamble in "[a-z ]{0,10}",
        lf in any::<bool>(),
    ) {
        let nl = if lf { "\n" } else { "\r\n" };
        let mut body = String::new();
        if !preamble.is_empty() {
            body.push_str(&preamble);
            body.push_str(nl);
        }
        for (name, value) in &fields {
            body.push_str(&format!("--XyZ{nl}{}{nl}{nl}{value}{nl}", field(name)));
        }
        body.push_str(&format!("--XyZ--{nl}"));
        let out = rewrite(&redactor(), body.as_bytes(), "XyZ", MultipartFiles::Empty, &mut Tally::default()).unwrap();
        prop_assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn redacted_bodies_parse_into_the_same_parts(
        values in prop::collection::vec("([a-z]{1,3}@[a-z]{1,3}\\.com|[a-z \r\n]{0,8}){0,3}", 1..6),
    ) {
        let parts: Vec<(String, &str)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (field(&format!("f{i}")), v.as_str()))
            .collect();
        let refs: Vec<(&str, &str)> = parts.iter().map(|(h, v)| (h.as_str(), *v)).collect();
        let input = form(&refs);
        let out = text(&redactor(), &input, MultipartFiles::Empty).unwrap();
        let parsed = layout(out.as_bytes(), "XyZ").unwrap();
        prop_assert_eq!(parsed.parts.len(), values.len());
        let detector = regex::Regex::new("[a-z]+@[a-z]+\\.com").unwrap();
        prop_assert!(!detector.is_match(&out));
    }
}
