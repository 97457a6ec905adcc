//! Measures how fast the detectors scan text, on two synthetic corpora:
//!
//! * PII-free prose, with the punctuation of ordinary text;
//! * PII-free JSON full of values that look like PII but are not (UUIDs, timestamps, epoch
//!   times, versions, digests, prices, order codes);
//! * dense PII: the same shape with an email, phone, card, IP, IBAN, SSN or token every few
//!   dozen bytes.
//!
//! Run with `cargo run --release -p mirrorguard-engine --example detect_throughput`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use mirrorguard_engine::config::RedactionConfig;
use mirrorguard_engine::detect::Detectors;

/// A small deterministic generator, so every run scans the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize]))
            .collect()
    }
}

const WORDS: &[&str] = &[
    "the",
    "order",
    "was",
    "shipped",
    "to",
    "customer",
    "after",
    "payment",
    "review",
    "and",
    "inventory",
    "update",
    "status",
    "pending",
    "completed",
    "with",
    "notes",
    "from",
    "support",
    "team",
    "regarding",
    "delivery",
    "window",
    "service",
    "level",
    "agreement",
    "metrics",
];

fn clean_record(r: &mut Rng) -> String {
    let prose: Vec<&str> = (0..12)
        .map(|_| WORDS[r.below(WORDS.len() as u64) as usize])
        .collect();
    format!(
        concat!(
            r#"{{"id":"{}-{}-4{}-a{}-{}","orderId":"ORD-2024-{:06}","sku":"SKU-{}-{:04}","#,
            r#""createdAt":"2024-05-{:02}T{:02}:{:02}:00Z","ts":{},"price":{}.{:02},"qty":{},"#,
            r#""version":"{}.{}.{}","etag":"{}","note":"{}"}}"#,
            "\n"
        ),
        r.hex(8),
        r.hex(4),
        r.hex(3),
        r.hex(3),
        r.hex(12),
        r.below(1_000_000),
        r.below(100),
        r.below(10_000),
        1 + r.below(28),
        r.below(24),
        r.below(60),
        1_700_000_000 + r.below(30_000_000),
        r.below(10_000),
        r.below(100),
        1 + r.below(9),
        r.below(20),
        r.below(10),
        r.below(50),
        r.hex(40),
        prose.join(" "),
    )
}

fn dense_record(r: &mut Rng) -> String {
    let card = ["4111 1111 1111 1111", "5555555555554444", "371449635398431"][r.below(3) as usize];
    format!(
        concat!(
            r#"{{"email":"user{}@example.com","phone":"+1 415 555 {:04}","card":"{}","#,
            r#""ip":"10.{}.{}.{}","iban":"DE89 3704 0044 0532 0130 00","ssn":"536-90-4399","#,
            r#""auth":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl","#,
            r#""mac":"00:1A:2B:3C:4D:{:02X}","key":"AKIAIOSFODNN7EXAMPLE","n":"{}"}}"#,
            "\n"
        ),
        r.below(100_000),
        r.below(10_000),
        card,
        r.below(256),
        r.below(256),
        r.below(256),
        1 + r.below(250),
        WORDS[r.below(WORDS.len() as u64) as usize],
    )
}

fn prose_record(r: &mut Rng) -> String {
    let mut line: Vec<&str> = (0..14)
        .map(|_| WORDS[r.below(WORDS.len() as u64) as usize])
        .collect();
    line.push("-");
    line.push(["e.g.", "(see", "notes).", "i.e.", "v2", "x-ray", "#42"][r.below(7) as usize]);
    format!("{}.\n", line.join(" "))
}

fn corpus(size: usize, record: fn(&mut Rng) -> String) -> String {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(size + 1024);
    while out.len() < size {
        out.push_str(&record(&mut r));
    }
    out
}

/// Time this thread spent on a CPU, so that a busy machine does not distort the figures;
/// wall time where the kernel does not say.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or_else(
            || {
                static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
                START.get_or_init(Instant::now).elapsed()
            },
            Duration::from_nanos,
        )
}

fn throughput(text: &str, mut run: impl FnMut(&str)) -> f64 {
    let mut best = 0f64;
    for _ in 0..5 {
        let start = cpu_time();
        let mut runs = 0u32;
        while cpu_time() - start < Duration::from_millis(400) {
            run(black_box(text));
            runs += 1;
        }
        let secs = (cpu_time() - start).as_secs_f64();
        best = best.max(text.len() as f64 * f64::from(runs) / 1e6 / secs);
    }
    best
}

fn measure(name: &str, detectors: &Detectors, text: &str) {
    let findings = detectors.find(text).len();
    let mbps = throughput(text, |t| {
        black_box(detectors.find(t));
    });
    println!(
        "{name:<10} {mbps:>7.1} MB/s  ({} bytes, {findings} findings per pass)",
        text.len()
    );
}

fn main() -> Result<(), mirrorguard_engine::ConfigError> {
    let detectors = Detectors::compile(&RedactionConfig::default())?;
    let corpora = [
        ("prose", corpus(4 << 20, prose_record)),
        ("json", corpus(4 << 20, clean_record)),
        ("dense-pii", corpus(4 << 20, dense_record)),
    ];
    // `--once NAME`: one pass over one corpus, for instruction-counting profilers.
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, name] = args.as_slice() {
        if flag == "--once" {
            for (n, text) in &corpora {
                if n == name {
                    println!("{} findings", black_box(detectors.find(text)).len());
                }
            }
            return Ok(());
        }
    }
    for (name, text) in &corpora {
        measure(name, &detectors, text);
    }
    Ok(())
}
