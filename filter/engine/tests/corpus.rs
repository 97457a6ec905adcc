//! The corpus evaluation: thousands of realistic mirrored requests, generated from a fixed
//! seed, with every inserted value labelled as personal (or secret) or not. The default
//! profile must leak none of the personal values and alter fewer than 1% of the others.
//!
//! See "Corpus evaluation" in `DETECTORS.md` for what is generated, what counts as personal
//! data, and the results. Run with `--nocapture` to see the per-category table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

#[path = "corpus/build.rs"]
mod build;
mod common;
#[path = "corpus/kinds.rs"]
mod kinds;
#[path = "corpus/people.rs"]
mod people;

use std::collections::BTreeMap;

use common::json_shape::{shape, Tok};
use common::judge::{judge, Judgement};
use common::mirror::{mirror, policy};
use common::rng::Rng;
use kinds::Kind;

const REQUESTS: usize = 2_400;
const SEED: u64 = 0x6d69_7272_6f72;
/// The product bar: non-personal values altered, at most.
const MAX_ALTERED: f64 = 0.01;

#[test]
fn corpus_has_no_leaks_and_under_one_percent_altered() {
    let policy = policy();
    let mut rng = Rng::new(SEED);
    let mut total = Judgement::default();
    let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut dropped = Vec::new();
    let mut not_idempotent = Vec::new();
    let mut invalid_json = Vec::new();
    for n in 0..REQUESTS {
        let kind = Kind::draw(&mut rng);
        *per_kind.entry(kind).or_default() += 1;
        let request = kind.build(&mut rng);
        let out = match mirror(&policy, &request.raw()) {
            Ok(out) => out,
            Err(reason) => {
                dropped.push(format!("#{n} {kind:?}: {reason}"));
                total.merge(judge(&request, None));
                continue;
            }
        };
        total.merge(judge(&request, Some(&out)));
        if let Some(body) = request
            .body
            .as_ref()
            .filter(|b| b.content_type.contains("json"))
        {
            if !same_json_shape(&body.template.render(), &out.body) {
                invalid_json.push(format!("#{n} {kind:?}"));
            }
        }
        match mirror(&policy, &out.raw()) {
            Ok(again) if again == Output2::from(&out).0 => {}
            _ => not_idempotent.push(format!("#{n} {kind:?}")),
        }
    }

    report(&total, &per_kind);
    assert!(dropped.is_empty(), "copies dropped: {dropped:?}");
    assert!(
        total.structure.is_empty(),
        "text outside the labelled values changed: {:?}",
        &total.structure[..total.structure.len().min(20)]
    );
    assert!(
        invalid_json.is_empty(),
        "JSON copies no longer valid or of another shape: {invalid_json:?}"
    );
    assert!(
        not_idempotent.is_empty(),
        "second pass changed: {not_idempotent:?}"
    );
    assert!(
        total.pii_total() >= 10_000 && total.plain_total() >= 30_000,
        "the corpus is too small to mean much"
    );
    assert_eq!(
        total.leaked(),
        0,
        "leaked values: {:?}",
        &total.leaks[..total.leaks.len().min(30)]
    );
    let rate = total.altered() as f64 / total.plain_total() as f64;
    assert!(
        rate < MAX_ALTERED,
        "{:.3}% of non-personal values altered: {:?}",
        rate * 100.0,
        &total.alterations[..total.alterations.len().min(30)]
    );
}

/// Whether the copy is valid JSON with the same names in the same order, the same array
/// lengths and the same scalar types, except a number a secret's mask label replaced.
fn same_json_shape(sent: &str, copy: &[u8]) -> bool {
    let Ok(copy) = std::str::from_utf8(copy) else {
        return false;
    };
    match (shape(sent), shape(copy)) {
        (Ok(before), Ok(after)) => {
            before.len() == after.len()
                && before
                    .iter()
                    .zip(&after)
                    .all(|(b, a)| b == a || (*b == Tok::Num && *a == Tok::Str))
        }
        _ => false,
    }
}

/// The output of a second pass compared without the counter, which must be zero.
struct Output2(common::mirror::Output);

impl From<&common::mirror::Output> for Output2 {
    fn from(out: &common::mirror::Output) -> Self {
        Output2(common::mirror::Output {
            redacted: 0,
            ..out.clone()
        })
    }
}

fn report(j: &Judgement, per_kind: &BTreeMap<Kind, usize>) {
    println!("corpus: {REQUESTS} requests (seed {SEED:#x})");
    for (kind, n) in per_kind {
        println!("  {kind:?}: {n}");
    }
    println!(
        "personal data and secrets: {} values, {} leaked",
        j.pii_total(),
        j.leaked()
    );
    for (category, c) in &j.pii {
        println!("  {category:<20} {:>6} {:>4}", c.total, c.bad);
    }
    println!(
        "non-personal values: {} values, {} altered ({:.3}%)",
        j.plain_total(),
        j.altered(),
        100.0 * j.altered() as f64 / j.plain_total().max(1) as f64
    );
    for (category, c) in &j.plain {
        println!(
            "  {category:<20} {:>6} {:>4} {:>7.3}%",
            c.total,
            c.bad,
            100.0 * c.bad as f64 / c.total.max(1) as f64
        );
    }
    println!("personal data the detectors do not promise to find (not held to the bar):");
    for (category, c) in &j.out_of_scope {
        println!("  {category:<20} {:>6} {:>4} survived", c.total, c.bad);
    }
    for line in j.alterations.iter().take(40) {
        println!("  altered {line}");
    }
    for line in j.leaks.iter().take(40) {
        println!("  LEAK {line}");
    }
}

#[test]
fn the_shape_check_sees_what_it_must() {
    let sent = r#"{"a": 1, "b": ["x", "y"], "c": {"d": true}}"#;
    assert!(same_json_shape(sent, sent.as_bytes()));
    // A number masked by a label is the one change allowed.
    assert!(same_json_shape(
        sent,
        br#"{"a": "[SECRET_FIELD]", "b": ["x", "y"], "c": {"d": true}}"#
    ));
    for changed in [
        r#"{"A": 1, "b": ["x", "y"], "c": {"d": true}}"#,
        r#"{"a": 1, "b": ["x"], "c": {"d": true}}"#,
        r#"{"a": 1, "b": ["x", 2], "c": {"d": true}}"#,
        r#"{"b": ["x", "y"], "a": 1, "c": {"d": true}}"#,
        r#"{"a": 1, "b": ["x", "y"], "c": {"d": true}"#,
    ] {
        assert!(!same_json_shape(sent, changed.as_bytes()), "{changed}");
    }
}
