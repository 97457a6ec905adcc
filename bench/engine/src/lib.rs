//! The engine work the benchmarks time, written once against the engine's public API and
//! shared by the criterion benchmarks and the portable runner (`engine-throughput`), which
//! is built natively and for `wasm32-wasip1`: both therefore time exactly the calls the
//! filter makes per request.
//!
//! A body case is prepared the way the filter prepares it: the headers phase decides the
//! plan from `content-type`, then the body phase redacts the whole buffered body.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

use mirrorguard_bench_corpus::{headers, Sample};
use mirrorguard_engine::body::BodyPlan;
use mirrorguard_engine::{BodyJob, Entropy, Headers, HeadersVerdict, NoEntropy, Policy, Tally};

/// Deterministic entropy (trace ids), so runs do identical work.
#[derive(Debug, Default)]
pub struct CountingEntropy(u64);

impl Entropy for CountingEntropy {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy> {
        for b in buf {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            *b = (self.0 >> 56) as u8;
        }
        Ok(())
    }
}

/// `on_configure`: parses and compiles a plugin configuration.
pub fn configure(json: &str) -> Policy {
    let no_env = |_: &str| None;
    Policy::from_json(json.as_bytes(), &no_env, &mut CountingEntropy::default())
        .unwrap_or_else(|e| panic!("benchmark profile rejected: {e}"))
        .0
}

/// One body ready for the body phase.
#[derive(Debug)]
pub struct BodyCase {
    pub name: String,
    pub body: Vec<u8>,
    pub plan: BodyPlan,
}

impl BodyCase {
    /// Runs the headers phase on the headers the filter would see with this body, and keeps
    /// the plan it returns.
    pub fn prepare(policy: &Policy, sample: &Sample) -> Self {
        let mut headers = Headers::from_pairs(headers::envoy_view(
            "POST",
            headers::POST_PATH,
            Some((sample.content_type, sample.body.len())),
        ));
        let verdict =
            policy.on_request_headers(&mut headers, false, &mut CountingEntropy::default());
        let plan = match verdict {
            HeadersVerdict::Forward {
                body: BodyJob::Redact(plan),
                ..
            } => plan,
            other => panic!("{}: the headers phase decided {other:?}", sample.name),
        };
        Self {
            name: sample.name.clone(),
            body: sample.body.clone().into_bytes(),
            plan,
        }
    }

    /// The body phase; returns the number of values redacted.
    pub fn redact(&self, policy: &Policy) -> u32 {
        let mut tally = Tally::default();
        match policy.on_request_body(&self.plan, &self.body, &mut tally) {
            Ok(out) => {
                std::hint::black_box(out);
                tally.values
            }
            Err(reason) => panic!("{}: copy dropped ({reason})", self.name),
        }
    }
}

/// The headers phase of the body-less GET of the load run; returns the values redacted.
pub fn headers_phase(policy: &Policy, entropy: &mut CountingEntropy) -> u32 {
    let mut headers = Headers::from_pairs(headers::envoy_view("GET", headers::GET_PATH, None));
    match policy.on_request_headers(&mut headers, true, entropy) {
        HeadersVerdict::Forward { redacted, .. } => {
            std::hint::black_box(headers);
            redacted
        }
        other => panic!("GET: the headers phase decided {other:?}"),
    }
}
