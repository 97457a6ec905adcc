//! Our detectors against Presidio's own published test cases for its pattern recognizers.
//!
//! For every entity type both projects detect, each of Presidio's test inputs is scanned with
//! the default detectors (all enabled, as a user runs them) and the findings of that entity
//! are compared with the spans Presidio's test expects. Presidio passes its own tests, so its
//! recall and precision on them are 100% by construction; ours are counted here, and every
//! case where we differ is listed below with the reason. The counts are the ones published in
//! `DETECTORS.md`.

// A test crate: its helpers may fail loudly.
#![allow(clippy::unwrap_used)]

#[path = "presidio/data.rs"]
mod data;

use mirrorguard_engine::config::RedactionConfig;
use mirrorguard_engine::detect::Detectors;
use mirrorguard_engine::Entity;

struct Case {
    text: &'static str,
    expect: Expect,
}

enum Expect {
    /// Exactly these `(start, end)` spans.
    Spans(&'static [(usize, usize)]),
    /// This many findings (Presidio's test gives no positions).
    Count(usize),
}

/// A case where we deliberately do not do what Presidio's test expects.
struct Divergence {
    text: &'static str,
    why: &'static str,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Score {
    /// Expected spans we found.
    true_positives: usize,
    /// Spans we reported that Presidio's test does not expect.
    false_positives: usize,
    /// Expected spans we missed.
    false_negatives: usize,
}

impl Score {
    fn recall(self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    fn precision(self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores one group of cases; returns the score and the texts we got wrong.
fn score(entities: &[Entity], cases: &[Case]) -> (Score, Vec<&'static str>) {
    let detectors = Detectors::compile(&RedactionConfig::default()).unwrap();
    let mut total = Score::default();
    let mut wrong = Vec::new();
    for case in cases {
        let ours: Vec<(usize, usize)> = detectors
            .find(case.text)
            .into_iter()
            .filter(|f| {
                let entity = detectors.rule(f.rule).and_then(|r| r.entity);
                entity.is_some_and(|e| entities.contains(&e))
            })
            .map(|f| (f.start, f.end))
            .collect();
        let s = match case.expect {
            Expect::Spans(expected) => {
                let hits = expected.iter().filter(|e| ours.contains(e)).count();
                Score {
                    true_positives: hits,
                    false_positives: ours.len() - hits,
                    false_negatives: expected.len() - hits,
                }
            }
            Expect::Count(n) => {
                let hits = n.min(ours.len());
                Score {
                    true_positives: hits,
                    false_positives: ours.len() - hits,
                    false_negatives: n - hits,
                }
            }
        };
        if s.false_positives + s.false_negatives > 0 {
            wrong.push(case.text);
        }
        total.true_positives += s.true_positives;
        total.false_positives += s.false_positives;
        total.false_negatives += s.false_negatives;
    }
    (total, wrong)
}

/// Checks a group: we differ from Presidio exactly on the listed cases, and the score is the
/// published one.
fn check(
    group: &str,
    entities: &[Entity],
    cases: &[Case],
    divergences: &[Divergence],
    published: Score,
) {
    let (got, wrong) = score(entities, cases);
    let listed: Vec<&str> = divergences.iter().map(|d| d.text).collect();
    assert_eq!(
        wrong, listed,
        "{group}: cases we get wrong vs the documented divergences"
    );
    for d in divergences {
        assert!(!d.why.is_empty());
    }
    println!(
        "{group:<12} cases {:>3}  recall {:>5.1}%  precision {:>5.1}%  ({got:?})",
        cases.len(),
        got.recall() * 100.0,
        got.precision() * 100.0
    );
    assert_eq!(
        got, published,
        "{group}: update DETECTORS.md if this changes"
    );
}

fn s(true_positives: usize, false_positives: usize, false_negatives: usize) -> Score {
    Score {
        true_positives,
        false_positives,
        false_negatives,
    }
}

#[test]
fn credit_cards() {
    check(
        "CREDIT_CARD",
        &[Entity::CreditCard],
        data::CREDIT_CARD,
        &[],
        s(15, 0, 0),
    );
}

#[test]
fn crypto_wallets() {
    check(
        "CRYPTO",
        &[Entity::BitcoinAddress, Entity::EthereumAddress],
        data::CRYPTO,
        &[Divergence {
            text: "lowercase address 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            why: "EIP-55 makes the checksum optional: an all-lower-case address is valid, and \
                  is how most APIs and explorers print addresses",
        }],
        s(11, 1, 0),
    );
}

#[test]
fn emails() {
    check("EMAIL", &[Entity::Email], data::EMAIL, &[], s(4, 0, 0));
}

#[test]
fn ibans() {
    check("IBAN", &[Entity::Iban], data::IBAN, &[], s(144, 0, 0));
}

#[test]
fn ip_addresses() {
    check(
        "IP_ADDRESS",
        &[Entity::IpAddress],
        data::IP,
        &[Divergence {
            text: "192.168.1.1.1",
            why: "five dotted numbers are an OID or a version string, not an address with a \
                  suffix; versions such as 1.2.3.4.5 must survive",
        }],
        s(89, 0, 1),
    );
}

#[test]
fn mac_addresses() {
    check(
        "MAC_ADDRESS",
        &[Entity::MacAddress],
        data::MAC,
        &[],
        s(16, 0, 0),
    );
}

#[test]
fn phones() {
    check("PHONE", &[Entity::Phone], data::PHONE, &[], s(9, 0, 0));
}

#[test]
fn us_ssns() {
    check(
        "US_SSN",
        &[Entity::UsSsn],
        data::US_SSN,
        &[Divergence {
            text: "078051121",
            why: "a bare nine-digit number is far more often an id, ZIP+4 or routing number; \
                  replacing ids breaks the mirrored copy. Under an `ssn` key it is caught by \
                  the field classifier",
        }],
        s(3, 0, 1),
    );
}
