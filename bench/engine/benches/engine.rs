//! Native engine throughput with criterion: each corpus body through the body phase with
//! the default profile and with fifty custom patterns, the headers phase of the GET, and
//! `on_configure` (`Policy::from_json`). `make bench` reads the estimates criterion writes
//! under `target/criterion/` into BENCHMARKS.md.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use mirrorguard_bench_corpus::{engine_corpus, profile};
use mirrorguard_bench_engine::{configure, headers_phase, BodyCase, CountingEntropy};

fn bodies(c: &mut Criterion) {
    let corpus = engine_corpus();
    let mut group = c.benchmark_group("body");
    for (profile_name, json) in profile::profiles() {
        let policy = configure(&json);
        for sample in &corpus {
            let case = BodyCase::prepare(&policy, sample);
            group.throughput(Throughput::Bytes(case.body.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(profile_name, &case.name),
                &case,
                |b, case| b.iter(|| case.redact(&policy)),
            );
        }
    }
    group.finish();
}

fn headers(c: &mut Criterion) {
    let mut group = c.benchmark_group("headers");
    for (profile_name, json) in profile::profiles() {
        let policy = configure(&json);
        let mut entropy = CountingEntropy::default();
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::new(profile_name, "get"), |b| {
            b.iter(|| headers_phase(&policy, &mut entropy))
        });
    }
    group.finish();
}

fn on_configure(c: &mut Criterion) {
    let mut group = c.benchmark_group("on_configure");
    for (profile_name, json) in profile::profiles() {
        group.bench_function(profile_name, |b| b.iter(|| configure(&json)));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: `make bench` has a time budget, and the engine's timings are stable.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bodies, headers, on_configure
}
criterion_main!(benches);
