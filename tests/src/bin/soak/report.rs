//! `SOAK.md`: what ran, on what, and the verdicts.

use std::fmt::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::checks::{mib, reasons, Check, Run};
use crate::measure::Snapshot;
use crate::mix::Kind;
use crate::Settings;
use mirrorguard_harness::process::TICKS_PER_SECOND;

/// The machine, for readers comparing runs.
#[derive(Debug, Clone)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub kernel: String,
    pub load: String,
    pub envoy: String,
    pub module_bytes: u64,
}

impl Machine {
    pub fn read() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let field = |text: &str, name: &str| {
            text.lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_else(|| "unknown".to_owned())
        };
        let mem_kib: u64 = field(&meminfo, "MemTotal")
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let envoy = std::process::Command::new(mirrorguard_harness::envoy_bin())
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        Self {
            cpu: field(&cpuinfo, "model name"),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory: format!("{:.1} GiB", mem_kib as f64 / (1024.0 * 1024.0)),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map(|s| s.trim().to_owned())
                .unwrap_or_default(),
            load: std::fs::read_to_string("/proc/loadavg")
                .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
            envoy: envoy
                .split_once("version:")
                .map_or(envoy.clone(), |(_, v)| v.trim().to_owned()),
            module_bytes: std::fs::metadata(mirrorguard_harness::wasm_module())
                .map_or(0, |m| m.len()),
        }
    }
}

/// `YYYY-MM-DD HH:MM UTC` from the system clock (days-to-civil conversion of the epoch day).
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (hour, minute) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

fn memory_row(out: &mut String, label: &str, s: &Snapshot) {
    let _ = writeln!(
        out,
        "| {label} | {} | {:.1} | {:.1} | {} | {} | {} | {} |",
        s.requests,
        mib(s.process.rss),
        mib(s.process.rss_peak),
        s.process.wasm_vms,
        s.process.wasm_memory / 1024,
        s.process.wasm_resident / 1024,
        s.vm_memory_gauge
            .map_or_else(|| "n/a".to_owned(), |g| g.to_string()),
    );
}

fn connection_row(out: &mut String, label: &str, s: &Snapshot) {
    let _ = writeln!(
        out,
        "| {label} | {} | {} | {} | {} | {} | {} |",
        s.process.sockets,
        s.downstream_cx_active,
        s.primary_cx_active,
        s.shadow_cx_active,
        s.primary_cx_total,
        s.shadow_cx_total,
    );
}

pub fn render(settings: &Settings, machine: &Machine, run: &mut Run, checks: &[Check]) -> String {
    let mut out = String::new();
    let passed = checks.iter().all(|c| c.pass);
    let secs = run.load_time.as_secs_f64().max(0.001);
    let t = &run.tally;
    let _ = writeln!(
        out,
        "# Soak: {} mirrored requests through Envoy with the filter\n",
        settings.requests
    );
    let _ = writeln!(
        out,
        "Written by `make soak` (`tests/src/bin/soak/`) on {}. Verdict: **{}**. \
         `make soak` fails when any check below fails; re-run it to refresh this file.\n",
        utc_now(),
        if passed { "PASS" } else { "FAIL" }
    );

    let _ = writeln!(out, "## Setup\n");
    let _ = writeln!(
        out,
        "- Machine: {}, {} cores, {} RAM, Linux {}; load average at start {} (the machine \
         is shared, so rates vary between runs).",
        machine.cpu, machine.cores, machine.memory, machine.kernel, machine.load
    );
    let _ = writeln!(
        out,
        "- Envoy {}, {} worker threads (each runs its own Wasm VM); filter module \
         {} bytes.",
        machine.envoy, settings.workers, machine.module_bytes
    );
    let _ = writeln!(
        out,
        "- Configuration: `envoy/demo.yaml` (the `upstream` placement rendered by the \
         generator), plugin config unchanged except `redaction.body.maxBytes: {}`, so that \
         over-limit bodies stay cheap to send.",
        settings.max_body
    );
    let _ = writeln!(
        out,
        "- Load: {} client threads, one keep-alive connection each, on 127.0.0.1; a fixed pool \
         of {} requests (seed {:#x}) replayed in order; the first {} requests are warm-up. \
         The upstreams only count requests.\n",
        settings.threads, settings.pool, settings.seed, settings.warmup
    );

    let _ = writeln!(out, "## Mix\n");
    let _ = writeln!(out, "| kind | share | sent | copy must be | request |");
    let _ = writeln!(out, "|---|---:|---:|---|---|");
    for (kind, per_mille) in Kind::MIX {
        let expect = match kind.expect() {
            crate::mix::Expect::Forwarded => "forwarded".to_owned(),
            crate::mix::Expect::Dropped(reason) => format!("dropped: `{reason}`"),
        };
        let _ = writeln!(
            out,
            "| {} | {:.1}% | {} | {expect} | {} |",
            kind.name(),
            f64::from(per_mille) / 10.0,
            t.sent_of(kind),
            kind.describe()
        );
    }

    let p50 = run.tally.latency(0.50);
    let p99 = run.tally.latency(0.99);
    let max = run.tally.latency(1.0);
    let t = &run.tally;
    let a = &run.after;
    let _ = writeln!(out, "\n## Results\n");
    let _ = writeln!(
        out,
        "- Sent {} requests ({:.1} MiB of bodies) in {:.1} s: {:.0} requests/s; client latency \
         p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms.",
        t.sent,
        mib(t.bytes),
        secs,
        t.sent as f64 / secs,
        f64::from(p50) / 1000.0,
        f64::from(p99) / 1000.0,
        f64::from(max) / 1000.0
    );
    let _ = writeln!(
        out,
        "- Primary: {} answered 200, {} errors; the primary upstream received {}.",
        t.ok, t.errors, a.primary_received
    );
    let _ = writeln!(
        out,
        "- Copies: {} arrived at the shadow upstream, {} dropped by the filter ({}); {} + {} = \
         {}.",
        a.shadow_received,
        a.dropped_sum(),
        reasons(&a.dropped),
        a.shadow_received,
        a.dropped_sum(),
        a.copies_accounted()
    );
    let _ = writeln!(
        out,
        "- Filter counters: requests_seen {}, copies_rewritten {}, copies_dropped {}, \
         requests_passed_through {}.",
        a.seen, a.rewritten, a.dropped_total, a.passed_through
    );
    let ticks = a
        .process
        .cpu_ticks
        .saturating_sub(run.start.process.cpu_ticks);
    let cpu = ticks as f64 / TICKS_PER_SECOND as f64;
    let _ = writeln!(
        out,
        "- Envoy CPU time: {cpu:.1} s for {} requests and their copies, {:.0} µs per request \
         (both upstreams and the clients run on the same cores).",
        t.sent,
        cpu * 1e6 / t.sent.max(1) as f64
    );
    let _ = writeln!(
        out,
        "- Upstream connections opened: primary {}, shadow {} for {} dropped copies (about one \
         per drop: Envoy closes the shadow connection of a copy the filter drops).\n",
        a.primary_cx_total,
        a.shadow_cx_total,
        a.dropped_sum()
    );

    let _ = writeln!(out, "## Memory\n");
    let _ = writeln!(
        out,
        "Envoy's resident memory from `/proc/<pid>/status`; the Wasm linear memories from \
         `/proc/<pid>/smaps` (the read-write start of each 8 GiB V8 reservation: its size is \
         what the module grew its memory to, which never shrinks, so a leak shows as growth). \
         The gauge column is `mirrorguard.vm_memory_bytes` when the filter reports it.\n"
    );
    let _ = writeln!(
        out,
        "| reading | requests | RSS MiB | peak RSS MiB | VMs | linear memory KiB | resident KiB | gauge |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    memory_row(&mut out, "after warm-up (idle)", &run.before);
    for s in &run.series {
        memory_row(&mut out, "under load", s);
    }
    memory_row(&mut out, "end (idle, drained)", &run.after);

    let _ = writeln!(out, "\n## Connections\n");
    let _ = writeln!(
        out,
        "Sockets are Envoy's open descriptors that are sockets (listeners, admin, clients, \
         upstream pools); the rest are Envoy stats.\n"
    );
    let _ = writeln!(
        out,
        "| reading | sockets | downstream active | primary pool active | shadow pool active | primary opened (total) | shadow opened (total) |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
    connection_row(&mut out, "after warm-up (idle)", &run.before);
    connection_row(&mut out, "end (idle, drained)", &run.after);
    connection_row(&mut out, "clients disconnected", &run.closed);

    let _ = writeln!(out, "\n## Checks\n");
    let _ = writeln!(out, "| check | verdict | detail |");
    let _ = writeln!(out, "|---|---|---|");
    for c in checks {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            c.name,
            if c.pass { "pass" } else { "**FAIL**" },
            c.detail
        );
    }
    out
}
