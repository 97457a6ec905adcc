//! Product-level properties of redaction with the real default profile (an empty
//! configuration plus a configured key), driven through `Policy` on the path the filter runs:
//! a raw request is parsed, its headers phase and body phase run, the copy is judged.
//!
//! - every generated personal value or secret, in every carrier it fits, is gone from the
//!   copy (its exact text, its secret parts, and for number-like values its digits however
//!   they are separated);
//! - redaction is idempotent: the copy run through the engine again comes out identical,
//!   with nothing counted;
//! - a JSON body stays valid JSON of the same shape;
//! - look-alikes (ids, timestamps, digests, versions, prices, codes, invalid numbers and
//!   addresses, dates, words) come out byte-identical.
//!
//! Values are drawn from seeded generators (`common::pii`, `common::plain`); proptest picks
//! the seeds and carriers, so a failure names everything needed to replay it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;

use common::carriers::{self, Carrier};
use common::json_shape::shape;
use common::judge::judge;
use common::mirror::{mirror, policy, Output, Request, TAG_HEADERS};
use common::pii::{self, Pii};
use common::plain::{self, Plain};
use common::rng::Rng;
use common::template::{Enc, Label, Slot, Template};
use mirrorguard_engine::config::RedactionConfig;
use mirrorguard_engine::detect::Detectors;
use mirrorguard_engine::Policy;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::sync::OnceLock;

fn shared_policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(policy)
}

fn pii_slot(value: &pii::Value) -> Slot {
    Slot {
        value: value.text.clone(),
        enc: Enc::Raw,
        label: Label::Pii {
            category: value.kind.name(),
            fragments: value.fragments.clone(),
        },
    }
}

/// Runs `request` and fails with everything the judge found.
fn run_and_judge(request: &Request) -> Result<Output, TestCaseError> {
    let raw = request.raw();
    let out = mirror(shared_policy(), &raw)
        .map_err(|reason| TestCaseError::fail(format!("copy dropped: {reason}")))?;
    let j = judge(request, Some(&out));
    prop_assert!(j.leaks.is_empty(), "leaked: {:?}", j.leaks);
    prop_assert!(
        j.structure.is_empty(),
        "changed outside the slots: {:?}",
        j.structure
    );
    prop_assert!(j.alterations.is_empty(), "altered: {:?}", j.alterations);
    Ok(out)
}

/// The copy run through the engine again: identical, and nothing counted.
fn assert_idempotent(first: &Output) -> Result<(), TestCaseError> {
    let again = mirror(shared_policy(), &first.raw())
        .map_err(|reason| TestCaseError::fail(format!("second pass dropped: {reason}")))?;
    prop_assert_eq!(&again.headers, &first.headers);
    prop_assert_eq!(
        String::from_utf8_lossy(&again.body),
        String::from_utf8_lossy(&first.body)
    );
    prop_assert_eq!(again.redacted, 0, "the second pass counted redactions");
    Ok(())
}

/// A JSON body: still valid JSON with the same names in the same order, the same array
/// lengths and the same scalar types.
fn assert_same_json_shape(request: &Request, out: &Output) -> Result<(), TestCaseError> {
    let Some(body) = &request.body else {
        return Ok(());
    };
    if !body.content_type.contains("json") {
        return Ok(());
    }
    let before = shape(&body.template.render()).map_err(TestCaseError::fail)?;
    let text = String::from_utf8(out.body.clone())
        .map_err(|_| TestCaseError::fail("redacted JSON is not UTF-8"))?;
    let after = shape(&text).map_err(|e| TestCaseError::fail(format!("invalid JSON: {e}")))?;
    prop_assert_eq!(before, after);
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

fn kind_strategy() -> impl Strategy<Value = Pii> {
    prop::sample::select(Pii::ALL.to_vec())
}

proptest! {
    #![proptest_config(config(1200))]

    /// One value of any kind in any carrier it fits: gone from the copy, nothing else
    /// touched, and a second pass changes nothing.
    #[test]
    fn a_detected_value_never_survives(kind in kind_strategy(), carrier in any::<prop::sample::Index>(), seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let value = pii::generate(kind, &mut rng);
        let fitting: Vec<Carrier> = Carrier::ALL.into_iter().filter(|c| c.fits(&value.text)).collect();
        let carrier = *carrier.get(&fitting);
        let request = carrier.build(pii_slot(&value), &mut rng);
        let out = run_and_judge(&request)?;
        prop_assert!(out.redacted >= 1, "nothing was counted");
        assert_same_json_shape(&request, &out)?;
        assert_idempotent(&out)?;
    }
}

/// A request carrying many values at once, in every part: query, cookie, headers and a JSON
/// body with strings, sentences, arrays and numbers; look-alikes between them.
fn mixed_request(rng: &mut Rng) -> Request {
    let pick = |rng: &mut Rng, single_line: bool| loop {
        let kind = *rng.pick(&Pii::ALL);
        if single_line && !kind.single_line() {
            continue;
        }
        break pii::generate(kind, rng);
    };
    let look = |rng: &mut Rng| {
        let kind = *rng.pick(&Plain::LOOKALIKES);
        (kind.name(), plain::generate(kind, rng))
    };

    let mut path = Template::new();
    let q = pick(rng, true);
    let (cat, v) = look(rng);
    path.lit("/v2/orders?filter=")
        .pii(q.kind.name(), &q.text, &q.fragments, Enc::Form)
        .lit("&cursor=")
        .plain(cat, &v, Enc::Form)
        .lit("&limit=50");
    let mut body = Template::new();
    body.lit("{\n  \"order\": {\"ref\": ");
    let (cat, v) = look(rng);
    body.plain(cat, &v, Enc::JsonStr).lit(", \"contact\": ");
    let a = pick(rng, false);
    body.pii(a.kind.name(), &a.text, &a.fragments, Enc::JsonStr)
        .lit(", \"lines\": [{\"sku\": ");
    let (cat, v) = look(rng);
    body.plain(cat, &v, Enc::JsonStr)
        .lit(", \"qty\": 3, \"price\": 19.99}, {\"sku\": ");
    let (cat, v) = look(rng);
    body.plain(cat, &v, Enc::JsonStr)
        .lit(", \"qty\": 1, \"price\": 5}]},\n  \"notes\": [");
    let b = pick(rng, false);
    body.pii(b.kind.name(), &b.text, &b.fragments, Enc::JsonStr)
        .lit(", \"Left at the door, signed by ");
    // "signed by 0x…" does not name an unchecksummed address.
    let c = loop {
        let c = pick(rng, false);
        if !pii::unchecksummed_address(&c.text) {
            break c;
        }
    };
    body.pii(c.kind.name(), &c.text, &c.fragments, Enc::JsonInner)
        .lit(", on ");
    let (cat, v) = look(rng);
    body.plain(cat, &v, Enc::JsonInner)
        .lit(" ok\"],\n  \"gift\": false, \"coupon\": null, \"total\": ");
    let total = plain::price(rng);
    let total = if total.parse::<f64>().is_ok() {
        total
    } else {
        "42.50".to_owned()
    };
    body.plain("price", &total, Enc::JsonNum).lit("\n}\n");

    let mut request = Request::with_body(
        "POST",
        "api.shop.test",
        "",
        carriers::body("application/json", body, rng.chance(20)),
    );
    request.path = path;
    let d = pick(rng, true);
    let mut cookie = Template::new();
    cookie
        .lit("session_hint=")
        .pii(d.kind.name(), &d.text, &d.fragments, Enc::Cookie)
        .lit("; theme=dark");
    request.header("cookie", cookie);
    let e = pick(rng, true);
    let mut header = Template::new();
    header.pii(e.kind.name(), &e.text, &e.fragments, Enc::Raw);
    request.header("x-debug-context", header);
    let (cat, v) = look(rng);
    let mut header = Template::new();
    header.plain(cat, &v, Enc::Raw);
    request.header("x-trace-note", header);
    request
}

proptest! {
    #![proptest_config(config(400))]

    /// Many values in one request: all gone, look-alikes intact, JSON shape kept,
    /// idempotent.
    #[test]
    fn mixed_requests_are_made_safe_and_keep_their_shape(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let request = mixed_request(&mut rng);
        let out = run_and_judge(&request)?;
        assert_same_json_shape(&request, &out)?;
        assert_idempotent(&out)?;
    }
}

/// A request with nothing personal in it, only look-alikes, in every part.
fn lookalike_request(rng: &mut Rng) -> Request {
    let look = |rng: &mut Rng| {
        let kind = *rng.pick(&Plain::LOOKALIKES);
        (kind.name(), plain::generate(kind, rng))
    };
    let mut path = Template::new();
    let (c1, v1) = look(rng);
    let (c2, v2) = look(rng);
    let (c3, v3) = look(rng);
    path.lit("/v1/items/")
        .plain(c1, &v1, Enc::Path)
        .lit("/history?since=")
        .plain(c2, &v2, Enc::Form)
        .lit("&q=")
        .plain(c3, &v3, Enc::Form);
    let kind = rng.below(4);
    let mut body = Template::new();
    let content_type = match kind {
        0 => {
            body.lit("{");
            for (i, key) in [
                "id",
                "ref",
                "created_at",
                "etag",
                "version",
                "checksum",
                "sku",
                "amount",
            ]
            .iter()
            .enumerate()
            {
                let (c, v) = look(rng);
                body.lit(if i == 0 { "\"" } else { ", \"" })
                    .lit(key)
                    .lit("\": ")
                    .plain(c, &v, Enc::JsonStr);
            }
            body.lit(", \"summary\": \"Order ");
            let (c, v) = look(rng);
            body.plain(c, &v, Enc::JsonInner).lit(" shipped; build ");
            let (c, v) = look(rng);
            body.plain(c, &v, Enc::JsonInner).lit(", see log\"}");
            "application/json"
        }
        1 => {
            for key in ["a", "b", "c", "d", "e"] {
                let (c, v) = look(rng);
                body.lit(key).lit("=").plain(c, &v, Enc::Form).lit("&");
            }
            body.lit("end=1");
            "application/x-www-form-urlencoded"
        }
        2 => {
            body.lit("<?xml version=\"1.0\"?><r>");
            for key in ["a", "b", "c", "d"] {
                let (c, v) = look(rng);
                body.lit(&format!("<{key}>"))
                    .plain(c, &v, Enc::Xml)
                    .lit(&format!("</{key}>"));
            }
            body.lit("</r>");
            "application/xml"
        }
        _ => {
            for _ in 0..6 {
                let (c, v) = look(rng);
                body.lit("ts=2024-05-01T10:00:00Z level=info item=")
                    .plain(c, &v, Enc::Raw)
                    .lit(" msg=\"done\"\n");
            }
            "text/plain"
        }
    };
    let mut request = Request::with_body(
        "POST",
        "api.shop.test",
        "",
        carriers::body(content_type, body, false),
    );
    request.path = path;
    let (c, v) = look(rng);
    let (c2, v2) = look(rng);
    let mut cookie = Template::new();
    cookie
        .lit("cart=")
        .plain(c, &v, Enc::Cookie)
        .lit("; last=")
        .plain(c2, &v2, Enc::Cookie);
    request.header("cookie", cookie);
    for name in ["if-none-match", "x-client-version", "x-correlation-id"] {
        let (c, v) = look(rng);
        let mut h = Template::new();
        h.plain(c, &v, Enc::Raw);
        request.header(name, h);
    }
    request
}

proptest! {
    #![proptest_config(config(400))]

    /// Nothing personal in, nothing changed out: the body byte for byte, every header as it
    /// was (the copy only gains its tags), and nothing counted.
    #[test]
    fn lookalikes_survive_byte_identical(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let request = lookalike_request(&mut rng);
        let raw = request.raw();
        let out = run_and_judge(&request)?;
        prop_assert_eq!(out.redacted, 0);
        let sent = mirrorguard_engine::http1::parse(&raw).expect("the request parses");
        prop_assert_eq!(String::from_utf8_lossy(&out.body), String::from_utf8_lossy(&sent.body));
        let kept: Vec<_> = out
            .headers
            .pairs()
            .iter()
            .filter(|(n, _)| !TAG_HEADERS.contains(&n.as_str()))
            .cloned()
            .collect();
        // The headers phase drops `content-length` before it knows whether the body changes
        // (the headers leave the filter first); the copy then travels chunked.
        let sent: Vec<_> = sent
            .headers
            .pairs()
            .iter()
            .filter(|(n, _)| n != "content-length")
            .cloned()
            .collect();
        prop_assert_eq!(kept, sent);
    }
}

/// The generators produce what the detectors accept: each value is found whole by its own
/// detector (or, for credentials inside a larger text, its secret part is).
#[test]
fn every_generated_value_is_valid_for_its_detector() {
    let detectors = Detectors::compile(&RedactionConfig::default()).expect("defaults compile");
    let mut rng = Rng::new(7);
    for kind in Pii::ALL {
        for _ in 0..300 {
            let value = pii::generate(kind, &mut rng);
            let whole = detectors.is_entity(kind.entity(), &value.text);
            let findings = detectors.find(&value.text);
            let parts = !value.fragments.is_empty()
                && value.fragments.iter().all(|frag| {
                    findings
                        .iter()
                        .any(|f| value.text[f.start..f.end].contains(frag.as_str()))
                });
            assert!(whole || parts, "{kind:?} {:?} is not detected", value.text);
        }
    }
}

/// The look-alike generators produce nothing any detector takes.
#[test]
fn every_generated_lookalike_is_clean() {
    let detectors = Detectors::compile(&RedactionConfig::default()).expect("defaults compile");
    let mut rng = Rng::new(11);
    for kind in Plain::LOOKALIKES {
        for _ in 0..500 {
            let value = plain::generate(kind, &mut rng);
            assert!(
                detectors.find(&value).is_empty(),
                "{kind:?} {value:?} is detected"
            );
        }
    }
}
