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

use mirrorguard_engine::config::{DetectorSetting, Operator, RedactionConfig};
use mirrorguard_engine::detect::Detectors;
use mirrorguard_engine::redact::{Keyed, Redactor};
use mirrorguard_engine::{Entity, Tally};

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

/// All-lower-case Ethereum addresses are findings; Presidio expects none.
const CRYPTO_DIVERGENCES: &[Divergence] = &[Divergence {
    text: "lowercase address 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
    why: "EIP-55 makes the checksum optional: an all-lower-case address is a valid address, \
          and it is how JSON-RPC, most APIs and explorers print one. Presidio drops it for want \
          of a checksum; leaving it would leak a wallet, so we report it and take the false \
          positive on Presidio's label",
}];

#[test]
fn crypto_wallets() {
    check(
        "CRYPTO",
        &[Entity::BitcoinAddress, Entity::EthereumAddress],
        data::CRYPTO,
        CRYPTO_DIVERGENCES,
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
        &[],
        s(90, 0, 0),
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

/// A bare nine-digit SSN without context; Presidio expects a (low-score) finding.
const US_SSN_DIVERGENCES: &[Divergence] = &[Divergence {
    text: "078051121",
    why: "a bare nine-digit number is far more often an id than an SSN: reporting every one \
          that passes the SSA's rules altered 113 ids in the corpus (8% of its numeric ids, \
          0.30% of all non-personal values, against 4 and 0.011% without). We report one only \
          after an SSN keyword (`SSN: 078051121`, see `us_ssn_after_a_keyword`) or under an \
          SSN key (the field classifier); this case has neither",
}];

#[test]
fn us_ssns() {
    check(
        "US_SSN",
        &[Entity::UsSsn],
        data::US_SSN,
        US_SSN_DIVERGENCES,
        s(3, 0, 1),
    );
}

/// Every group: its name, our entities for it, its cases.
const GROUPS: [(&str, &[Entity], &[Case]); 8] = [
    ("CREDIT_CARD", &[Entity::CreditCard], data::CREDIT_CARD),
    (
        "CRYPTO",
        &[Entity::BitcoinAddress, Entity::EthereumAddress],
        data::CRYPTO,
    ),
    ("EMAIL", &[Entity::Email], data::EMAIL),
    ("IBAN", &[Entity::Iban], data::IBAN),
    ("IP_ADDRESS", &[Entity::IpAddress], data::IP),
    ("MAC_ADDRESS", &[Entity::MacAddress], data::MAC),
    ("PHONE", &[Entity::Phone], data::PHONE),
    ("US_SSN", &[Entity::UsSsn], data::US_SSN),
];

/// Cases whose redaction is not yet stable under a second pass, for reasons outside the
/// detectors compared here. Listed so that the test fails (and the list shrinks) once fixed.
const NOT_IDEMPOTENT: [(&str, &str); 2] = [
    (
        "::1/128",
        "the IP pseudonym parses no `/prefix`, so the value falls back to the generic \
         pseudonym (`::3/405`), whose `::3` a second pass detects as an address",
    ),
    (
        "078 00 1123",
        "a phone number (not an SSN: group 00) whose phone pseudonym `078 10 9961` is a valid \
         SSN, which a second pass then replaces",
    ),
];

/// What a user sees: every span Presidio expects is replaced (the addresses that point at no
/// one and the CIDR forms included), checked with masking so that no pseudonym can happen to
/// contain the value (`::` is inside `2001:db8::`); and with the default profile a second pass
/// over the redacted text changes nothing.
#[test]
fn redacting_every_case_replaces_the_expected_spans_once() {
    let key = || Keyed::from_secret(b"presidio-cases");
    let mut masking = RedactionConfig::default();
    for (_, entities, _) in GROUPS {
        for &entity in entities {
            masking.detectors.insert(
                entity,
                DetectorSetting {
                    enabled: true,
                    operator: Some(Operator::Mask { label: None }),
                },
            );
        }
    }
    let masked = Redactor::compile(&masking, key()).unwrap();
    let default = Redactor::compile(&RedactionConfig::default(), key()).unwrap();
    let mut unstable = Vec::new();
    for (group, _, cases) in GROUPS {
        for case in cases {
            let divergent = [CRYPTO_DIVERGENCES, US_SSN_DIVERGENCES]
                .iter()
                .any(|ds| ds.iter().any(|d| d.text == case.text));
            let spans = match case.expect {
                Expect::Spans(spans) if !divergent => spans,
                _ => &[],
            };
            let out = masked.text(case.text, &mut Tally::default());
            for &(start, end) in spans {
                let value = &case.text[start..end];
                assert!(!out.contains(value), "{group}: {value:?} in {out:?}");
            }
            let once = default.text(case.text, &mut Tally::default()).into_owned();
            let twice = default.text(&once, &mut Tally::default());
            if twice != once {
                unstable.push(case.text);
            }
        }
    }
    let listed: Vec<&str> = NOT_IDEMPOTENT.iter().map(|p| p.0).collect();
    assert_eq!(unstable, listed, "cases a second pass changes");
}

/// The summary row of `DETECTORS.md`: over all groups, Presidio is at 100% / 100% by
/// construction and we are one case short each way (the two divergences above).
#[test]
fn all_groups() {
    let mut total = Score::default();
    for (_, entities, cases) in GROUPS {
        let (got, _) = score(entities, cases);
        total.true_positives += got.true_positives;
        total.false_positives += got.false_positives;
        total.false_negatives += got.false_negatives;
    }
    println!(
        "ALL          recall {:>5.1}%  precision {:>5.1}%  ({total:?}); Presidio 100.0% / 100.0%",
        total.recall() * 100.0,
        total.precision() * 100.0
    );
    assert_eq!(total, s(292, 1, 1), "update DETECTORS.md if this changes");
}
