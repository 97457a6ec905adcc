//! `engine-throughput`: times the engine on the benchmark corpus and prints one JSON object
//! per line. The same source runs natively and as `wasm32-wasip1` under Node.js (V8, the
//! runtime Envoy embeds), so the ratio of the two runs is the cost of the Wasm VM alone.
//!
//! Usage: `engine-throughput [SECONDS_PER_CASE]` (default 1).
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use mirrorguard_bench_corpus::{engine_corpus, profile};
use mirrorguard_bench_engine::{configure, headers_phase, BodyCase, CountingEntropy};

/// Calls `f` until `budget` has passed (after a warm-up of a fifth of it, which lets V8
/// tier up to its optimising compiler); returns iterations and elapsed time.
fn time(budget: Duration, mut f: impl FnMut()) -> (u64, Duration) {
    let warm = Instant::now();
    while warm.elapsed() < budget / 5 {
        f();
    }
    let start = Instant::now();
    let mut iters = 0u64;
    while start.elapsed() < budget {
        f();
        iters += 1;
    }
    (iters, start.elapsed())
}

fn main() {
    let secs: f64 = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("seconds per case"))
        .unwrap_or(1.0);
    let budget = Duration::from_secs_f64(secs);
    let target = if cfg!(target_family = "wasm") {
        "wasm"
    } else {
        "native"
    };
    let corpus = engine_corpus();
    for (profile_name, json) in profile::profiles() {
        let (iters, elapsed) = time(budget, || {
            std::hint::black_box(configure(&json));
        });
        println!(
            r#"{{"target":"{target}","profile":"{profile_name}","case":"on_configure","iters":{iters},"ns_per_iter":{:.0}}}"#,
            elapsed.as_nanos() as f64 / iters as f64
        );
        let policy = configure(&json);
        let mut entropy = CountingEntropy::default();
        let (iters, elapsed) = time(budget, || {
            std::hint::black_box(headers_phase(&policy, &mut entropy));
        });
        println!(
            r#"{{"target":"{target}","profile":"{profile_name}","case":"headers-get","iters":{iters},"ns_per_iter":{:.0}}}"#,
            elapsed.as_nanos() as f64 / iters as f64
        );
        for sample in &corpus {
            let case = BodyCase::prepare(&policy, sample);
            let redacted = case.redact(&policy);
            let (iters, elapsed) = time(budget, || {
                std::hint::black_box(case.redact(&policy));
            });
            let bytes = case.body.len() as f64 * iters as f64;
            println!(
                r#"{{"target":"{target}","profile":"{profile_name}","case":"{}","bytes":{},"redacted":{redacted},"iters":{iters},"ns_per_iter":{:.0},"mb_per_s":{:.1}}}"#,
                case.name,
                case.body.len(),
                elapsed.as_nanos() as f64 / iters as f64,
                bytes / elapsed.as_secs_f64() / 1e6
            );
        }
    }
}
