use super::*;
use crate::config::{MultipartFiles, PluginConfig};
use crate::redact::Keyed;

/// Detectors the body tests rely on: e-mail addresses and 16-digit card-like numbers, both
/// masked, with the built-in detectors that would also see them and the key-name classifier
/// off, so that these tests pin the rewriters and nothing else.
pub(crate) const DETECTORS: &str = r#"{"redaction":{
    "detectors":{"email":{"enabled":false},"creditCard":{"enabled":false}},
    "fields":{"enabled":false},
    "custom":[
        {"name":"mail","pattern":"[a-z]+@[a-z]+\\.com","operator":{"type":"mask","label":"[EMAIL]"}},
        {"name":"card","pattern":"4[0-9]{15}","operator":{"type":"mask","label":"[CARD]"}}
]}}"#;

pub(crate) fn redactor_from(config: &str) -> Redactor {
    let cfg = PluginConfig::from_json(config.as_bytes()).unwrap();
    Redactor::compile(&cfg.redaction, Keyed::from_secret(b"body tests")).unwrap()
}

pub(crate) fn redactor() -> Redactor {
    redactor_from(DETECTORS)
}

/// The test redactor plus key-name decisions that the real field classifier makes for
/// configured names, so the rewriters' handling of them can be tested here: values under
/// `password` become `[SECRET]`, under a key containing `drop` they are removed, under `age`
/// they become the number 42, and under `ctl` a string full of characters that need escaping.
pub(crate) struct Keys(pub(crate) Redactor);

pub(crate) fn keys() -> Keys {
    Keys(redactor())
}

pub(crate) const NEEDS_ESCAPING: &str = "q\"b\\s\n\t\u{1}\u{7f}é<&>";

impl FieldRedactor for Keys {
    fn text<'a>(&self, text: &'a str, tally: &mut Tally) -> Cow<'a, str> {
        self.0.text(text, tally)
    }

    fn field(&self, key: &str, value: &str, tally: &mut Tally) -> FieldAction {
        let mut decided = |action| {
            tally.values += 1;
            action
        };
        if key == "password" {
            decided(FieldAction::Replace("[SECRET]".into()))
        } else if key.contains("drop") {
            decided(FieldAction::Remove)
        } else if key == "age" {
            decided(FieldAction::Replace("42".into()))
        } else if key == "ctl" {
            decided(FieldAction::Replace(NEEDS_ESCAPING.into()))
        } else {
            self.0.field(key, value, tally)
        }
    }
}

fn body_config(extra: &str) -> BodyConfig {
    let json = format!(r#"{{"redaction":{{"body":{{{extra}}}}}}}"#);
    PluginConfig::from_json(json.as_bytes())
        .unwrap()
        .redaction
        .body
}

fn rewrite_plan(kind: BodyKind, encoding: Encoding, reencode: bool) -> Plan {
    Plan::Rewrite(BodyPlan {
        kind,
        encoding,
        reencode,
    })
}

#[test]
fn plans_by_content_type() {
    let cfg = body_config(r#""passContentTypes":["application/grpc","image/*"]"#);
    let text = |kind| Ok(rewrite_plan(kind, Encoding::Identity, false));
    let multipart = |b: &str| {
        text(BodyKind::Multipart {
            boundary: b.to_owned(),
        })
    };
    let table: Vec<(Option<&str>, Result<Plan, DropReason>)> = vec![
        (None, text(BodyKind::Text)),
        (Some("  "), text(BodyKind::Text)),
        (Some("application/json"), text(BodyKind::Json)),
        (
            Some("Application/JSON; charset=utf-8"),
            text(BodyKind::Json),
        ),
        (Some("application/vnd.api+json"), text(BodyKind::Json)),
        (
            Some("application/x-www-form-urlencoded"),
            text(BodyKind::Form),
        ),
        (Some("multipart/form-data; boundary=abc"), multipart("abc")),
        (
            Some("multipart/form-data; charset=utf-8; boundary=\"a b:c\""),
            multipart("a b:c"),
        ),
        (Some("multipart/mixed; boundary=x"), multipart("x")),
        (Some("multipart/form-data"), Err(DropReason::MalformedBody)),
        (
            Some("multipart/form-data; boundary=\"\""),
            Err(DropReason::MalformedBody),
        ),
        (
            Some("multipart/form-data; boundary=\"open"),
            Err(DropReason::MalformedBody),
        ),
        (Some("text/plain"), text(BodyKind::Text)),
        (Some("text/csv"), text(BodyKind::Text)),
        (Some("application/graphql"), text(BodyKind::Text)),
        (Some("application/xml"), text(BodyKind::Xml)),
        (Some("text/xml"), text(BodyKind::Xml)),
        (Some("application/soap+xml"), text(BodyKind::Xml)),
        (Some("application/grpc"), Ok(Plan::Pass)),
        (Some("APPLICATION/GRPC"), Ok(Plan::Pass)),
        (Some("image/png"), Ok(Plan::Pass)),
        (
            Some("application/octet-stream"),
            Err(DropReason::UnsupportedContentType),
        ),
        (
            Some("application/x-protobuf"),
            Err(DropReason::UnsupportedContentType),
        ),
        (Some("video/mp4"), Err(DropReason::UnsupportedContentType)),
        (Some("not a type"), Err(DropReason::UnsupportedContentType)),
    ];
    for (content_type, want) in table {
        assert_eq!(plan(&cfg, content_type, None), want, "{content_type:?}");
    }
}

#[test]
fn plans_encodings() {
    let decode = BodyConfig::default();
    let reencode = body_config(r#""compressed":"reencode""#);
    let json = Some("application/json");
    assert_eq!(
        plan(&decode, json, Some("gzip")),
        Ok(rewrite_plan(BodyKind::Json, Encoding::Gzip, false))
    );
    assert_eq!(
        plan(&reencode, json, Some("deflate")),
        Ok(rewrite_plan(BodyKind::Json, Encoding::Deflate, true))
    );
    assert_eq!(
        plan(&reencode, json, None),
        Ok(rewrite_plan(BodyKind::Json, Encoding::Identity, false))
    );
    assert_eq!(
        plan(&decode, json, Some("br")),
        Err(DropReason::UnsupportedEncoding)
    );
    // An allowed type passes as it came, whatever its encoding.
    let pass = body_config(r#""passContentTypes":["application/grpc"]"#);
    assert_eq!(
        plan(&pass, Some("application/grpc"), Some("br")),
        Ok(Plan::Pass)
    );
}

fn body_plan(kind: BodyKind, encoding: Encoding, reencode: bool) -> BodyPlan {
    BodyPlan {
        kind,
        encoding,
        reencode,
    }
}

#[test]
fn redacts_each_kind() {
    let r = redactor();
    let table: [(BodyKind, &str, &str); 5] = [
        (BodyKind::Json, r#"{"to":"a@b.com"}"#, r#"{"to":"[EMAIL]"}"#),
        (BodyKind::Form, "to=a%40b.com", "to=%5BEMAIL%5D"),
        (BodyKind::Text, "mail a@b.com now", "mail [EMAIL] now"),
        (BodyKind::Xml, "<to>a@b.com</to>", "<to>[EMAIL]</to>"),
        (
            BodyKind::Multipart {
                boundary: "b".into(),
            },
            "--b\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\na@b.com\r\n--b--\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n[EMAIL]\r\n--b--\r\n",
        ),
    ];
    for (kind, input, want) in table {
        let mut tally = Tally::default();
        let plan = body_plan(kind.clone(), Encoding::Identity, false);
        let out = redact(&r, &plan, input.as_bytes(), &mut tally).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want, "{kind:?}");
        assert_eq!(tally.values, 1, "{kind:?}");
    }
}

#[test]
fn text_that_is_not_utf8_is_dropped() {
    let r = redactor();
    for kind in [
        BodyKind::Json,
        BodyKind::Form,
        BodyKind::Text,
        BodyKind::Xml,
    ] {
        let plan = body_plan(kind.clone(), Encoding::Identity, false);
        assert_eq!(
            redact(&r, &plan, b"ok \xff\xfe", &mut Tally::default()),
            Err(DropReason::InvalidUtf8),
            "{kind:?}"
        );
    }
}

#[test]
fn compressed_bodies_are_decoded_and_optionally_reencoded() {
    let r = redactor();
    let input = br#"{"to":"a@b.com"}"#;
    let want = br#"{"to":"[EMAIL]"}"#;
    for encoding in [Encoding::Gzip, Encoding::Deflate] {
        let packed = encoding::encode(encoding, input).unwrap();
        let decoded = body_plan(BodyKind::Json, encoding, false);
        let out = redact(&r, &decoded, &packed, &mut Tally::default()).unwrap();
        assert_eq!(out, want, "{encoding:?}");

        let reencoded = body_plan(BodyKind::Json, encoding, true);
        let out = redact(&r, &reencoded, &packed, &mut Tally::default()).unwrap();
        assert_eq!(
            encoding::decode(encoding, &out, 1 << 20).unwrap(),
            &want[..],
            "{encoding:?}"
        );
    }
}

#[test]
fn unchanged_bodies_are_forwarded_as_they_came() {
    let r = redactor();
    let input = br#"{"to":"nobody"}"#;
    let packed = encoding::encode(Encoding::Gzip, input).unwrap();
    let reencoded = body_plan(BodyKind::Json, Encoding::Gzip, true);
    assert_eq!(
        redact(&r, &reencoded, &packed, &mut Tally::default()).unwrap(),
        packed
    );
    let decoded = body_plan(BodyKind::Json, Encoding::Gzip, false);
    assert_eq!(
        redact(&r, &decoded, &packed, &mut Tally::default()).unwrap(),
        input
    );
}

#[test]
fn decompression_limit_comes_from_the_config() {
    let r =
        redactor_from(r#"{"redaction":{"body":{"maxBytes":1000,"maxDecompressedBytes":1000}}}"#);
    let big = vec![b'a'; 1001];
    let packed = encoding::encode(Encoding::Gzip, &big).unwrap();
    let plan = body_plan(BodyKind::Text, Encoding::Gzip, false);
    assert_eq!(
        redact(&r, &plan, &packed, &mut Tally::default()),
        Err(DropReason::DecompressionLimit)
    );
    let plan = body_plan(BodyKind::Text, Encoding::Gzip, false);
    let fits = encoding::encode(Encoding::Gzip, &big[..1000]).unwrap();
    assert_eq!(
        redact(&r, &plan, &fits, &mut Tally::default()).unwrap(),
        &big[..1000]
    );
}

#[test]
fn multipart_files_setting_is_applied() {
    let body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\n\r\nsee a@b.com\r\n--b--";
    let kind = BodyKind::Multipart {
        boundary: "b".into(),
    };
    let r = redactor();
    let with = |files| {
        let out = rewrite(&r, &kind, body.as_bytes(), files, &mut Tally::default()).unwrap();
        String::from_utf8(out.into_owned()).unwrap()
    };
    assert!(with(MultipartFiles::Empty).ends_with("filename=\"x.txt\"\r\n\r\n\r\n--b--"));
    assert_eq!(with(MultipartFiles::Remove), "--b--");
    assert!(with(MultipartFiles::Scan).ends_with("\r\n\r\nsee [EMAIL]\r\n--b--"));
}

mod robustness {
    use proptest::prelude::*;

    use super::*;

    fn kinds() -> [BodyKind; 5] {
        [
            BodyKind::Json,
            BodyKind::Form,
            BodyKind::Xml,
            BodyKind::Text,
            BodyKind::Multipart {
                boundary: "b".into(),
            },
        ]
    }

    proptest! {
        // What a fuzz target would do: no input makes a parser panic or loop, and text that
        // comes back is still free of the detected values.
        #[test]
        fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..200)) {
            let r = keys();
            for kind in kinds() {
                for files in [MultipartFiles::Empty, MultipartFiles::Remove, MultipartFiles::Scan] {
                    let _ = rewrite(&r, &kind, &body, files, &mut Tally::default());
                }
            }
            for encoding in [Encoding::Gzip, Encoding::Deflate] {
                let _ = encoding::decode(encoding, &body, 1000);
            }
        }

        #[test]
        fn structured_looking_text_never_leaks(
            body in "([\\[\\]{}\":,\\\\ a-z0-9=&%+<>/!?-]|a@b\\.com|--b\r\n|\r\n){0,60}"
        ) {
            let r = keys();
            let detector = regex::Regex::new("[a-z]+@[a-z]+\\.com").unwrap();
            for kind in kinds() {
                let Ok(out) = rewrite(&r, &kind, body.as_bytes(), MultipartFiles::Scan, &mut Tally::default()) else {
                    continue;
                };
                let out = String::from_utf8(out.into_owned()).unwrap();
                // A form is read decoded: `%0a@b.com` is a line feed then `@b.com`, and the
                // `a` that a regex over the encoded text sees is not there.
                let seen = match kind {
                    BodyKind::Form => form::decode(&out).into_owned(),
                    _ => out.clone(),
                };
                prop_assert!(!detector.is_match(&seen), "{:?}: {:?} -> {:?}", kind, body, out);
            }
        }
    }
}
