//! The soak's verdicts. Each check states what it compares, so the report explains a failure
//! without a debugger.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::drive::Tally;
use crate::measure::Snapshot;
use crate::mix::{Expect, Kind};

const MIB: u64 = 1 << 20;

/// How much growth between the warm-up reading and the final one still counts as flat.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Envoy's resident memory: allocator pools and stats settle after warm-up; a leak of a
    /// few bytes per request over 180,000 requests would exceed this.
    pub rss_growth: u64,
    /// The VMs' linear memories together: a module's memory only grows (Wasm cannot give
    /// pages back), so any leak shows here; one extra 64 KiB page per VM is tolerated for a
    /// buffer larger than any seen during warm-up.
    pub wasm_growth_per_vm: u64,
}

pub const LIMITS: Limits = Limits {
    rss_growth: 16 * MIB,
    wasm_growth_per_vm: 64 * 1024,
};

#[derive(Debug, Clone)]
pub struct Check {
    pub name: &'static str,
    pub pass: bool,
    pub detail: String,
}

/// What the run produced, for the checks and the report.
#[derive(Debug, Clone)]
pub struct Run {
    pub requested: u64,
    pub threads: usize,
    pub max_duration: Duration,
    /// Time spent sending (warm-up and main phase; drain pauses excluded).
    pub load_time: Duration,
    pub tally: Tally,
    /// Before the first request.
    pub start: Snapshot,
    pub before: Snapshot,
    pub after: Snapshot,
    /// After the clients closed their connections.
    pub closed: Snapshot,
    /// Readings during the main phase.
    pub series: Vec<Snapshot>,
}

impl Run {
    /// Drops the mix calls for, by reason.
    pub fn expected_drops(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for (kind, _) in Kind::MIX {
            if let Expect::Dropped(reason) = kind.expect() {
                *out.entry(reason.to_owned()).or_insert(0) += self.tally.sent_of(kind);
            }
        }
        out
    }
}

fn check(name: &'static str, pass: bool, detail: String) -> Check {
    Check { name, pass, detail }
}

fn signed(after: u64, before: u64) -> String {
    if after >= before {
        format!("+{}", after - before)
    } else {
        format!("-{}", before - after)
    }
}

pub fn evaluate(run: &Run) -> Vec<Check> {
    let t = &run.tally;
    let a = &run.after;
    let b = &run.before;
    let mut out = Vec::new();

    out.push(check(
        "volume",
        t.sent >= run.requested,
        format!(
            "{} of {} requests sent in {:.0} s (limit {} s)",
            t.sent,
            run.requested,
            run.load_time.as_secs_f64(),
            run.max_duration.as_secs()
        ),
    ));
    out.push(check(
        "zero primary errors",
        t.errors == 0 && t.ok == t.sent,
        match &t.first_error {
            None => format!("{} of {} answered 200 by the primary", t.ok, t.sent),
            Some(e) => format!("{} errors; first: {e}", t.errors),
        },
    ));
    out.push(check(
        "every primary arrived",
        a.primary_received == t.sent,
        format!(
            "primary upstream received {} for {} sent",
            a.primary_received, t.sent
        ),
    ));
    out.push(check(
        "every copy accounted for",
        a.copies_accounted() == t.sent && a.dropped_sum() == a.dropped_total,
        format!(
            "arrived {} + dropped with a reason {} = {} for {} sent (copies_dropped total {})",
            a.shadow_received,
            a.dropped_sum(),
            a.copies_accounted(),
            t.sent,
            a.dropped_total
        ),
    ));
    let expected = run.expected_drops();
    let unexpected: u64 = a
        .dropped
        .iter()
        .filter(|(reason, _)| !expected.contains_key(*reason))
        .map(|(_, n)| n)
        .sum();
    let matches = expected
        .iter()
        .all(|(reason, n)| a.dropped.get(reason).copied().unwrap_or(0) == *n);
    out.push(check(
        "drops only where the mix calls for them",
        matches && unexpected == 0,
        format!(
            "expected {}; counted {}; other reasons {unexpected}",
            reasons(&expected),
            reasons(&a.dropped)
        ),
    ));
    out.push(check(
        "filter counted every copy",
        a.seen == t.sent && a.rewritten + a.dropped_total + a.passed_through == a.seen,
        format!(
            "seen {}, rewritten {}, dropped {}, passed through {}",
            a.seen, a.rewritten, a.dropped_total, a.passed_through
        ),
    ));

    let rss_ok = a.process.rss <= b.process.rss + LIMITS.rss_growth;
    out.push(check(
        "Envoy memory flat",
        rss_ok,
        format!(
            "RSS {:.1} MiB after warm-up, {:.1} MiB at the end ({} KiB; limit +{} MiB)",
            mib(b.process.rss),
            mib(a.process.rss),
            signed(a.process.rss / 1024, b.process.rss / 1024),
            LIMITS.rss_growth / MIB
        ),
    ));
    let vms = u64::from(a.process.wasm_vms.max(1));
    let wasm_ok = a.process.wasm_vms > 0
        && a.process.wasm_vms == b.process.wasm_vms
        && a.process.wasm_memory <= b.process.wasm_memory + vms * LIMITS.wasm_growth_per_vm;
    let gauge_ok = match (b.vm_memory_gauge, a.vm_memory_gauge) {
        (Some(x), Some(y)) => y <= x + vms * LIMITS.wasm_growth_per_vm,
        _ => true,
    };
    out.push(check(
        "Wasm VM memory flat",
        wasm_ok && gauge_ok,
        format!(
            "{} VMs, linear memory {} KiB after warm-up, {} KiB at the end ({} KiB; limit +{} KiB per VM){}",
            a.process.wasm_vms,
            b.process.wasm_memory / 1024,
            a.process.wasm_memory / 1024,
            signed(a.process.wasm_memory / 1024, b.process.wasm_memory / 1024),
            LIMITS.wasm_growth_per_vm / 1024,
            match (b.vm_memory_gauge, a.vm_memory_gauge) {
                (Some(x), Some(y)) => format!("; gauge vm_memory_bytes {x} -> {y}"),
                _ => String::new(),
            }
        ),
    ));

    let slack = run.threads as u64;
    out.push(check(
        "no growth in open connections",
        u64::from(a.process.sockets) <= u64::from(b.process.sockets) + slack
            && a.downstream_cx_active <= run.threads as u64
            && a.primary_cx_active <= b.primary_cx_active + slack
            && a.shadow_cx_active <= b.shadow_cx_active + slack
            && run.closed.downstream_cx_active == 0,
        format!(
            "Envoy sockets {} -> {}, downstream {} -> {}, primary pool {} -> {}, shadow pool {} -> {} (limit: +{slack}, the client threads); downstream after the clients left: {}",
            b.process.sockets,
            a.process.sockets,
            b.downstream_cx_active,
            a.downstream_cx_active,
            b.primary_cx_active,
            a.primary_cx_active,
            b.shadow_cx_active,
            a.shadow_cx_active,
            run.closed.downstream_cx_active
        ),
    ));
    out
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / MIB as f64
}

pub fn reasons(map: &BTreeMap<String, u64>) -> String {
    let parts: Vec<String> = map
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}
