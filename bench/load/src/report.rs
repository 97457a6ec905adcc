//! Writes BENCHMARKS.md from what the `make bench` steps left behind: criterion's
//! estimates, the native and Wasm `engine-throughput` lines, the Envoy load report, the
//! module, and the machine's facts. Targets are judged from the same run's numbers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mirrorguard_bench_corpus::engine_corpus;

use crate::engine::{self, Criterion, Throughput};
use crate::envoy::{EnvoyReport, Run, Setup};
use crate::facts;

const MIB: f64 = 1024.0 * 1024.0;

pub struct Inputs {
    /// `target/bench`: engine-native.jsonl, engine-wasm.jsonl, envoy.json.
    pub dir: PathBuf,
    pub criterion: PathBuf,
    /// The module the filter ships (after wasm-opt when the build runs it).
    pub module: PathBuf,
    /// The module as cargo built it, before wasm-opt, if kept.
    pub module_unoptimised: Option<PathBuf>,
    /// Hand-written analysis appended to the report.
    pub analysis: Option<PathBuf>,
}

struct Data {
    criterion: BTreeMap<String, Criterion>,
    native: BTreeMap<String, Throughput>,
    wasm: BTreeMap<String, Throughput>,
    envoy: Option<EnvoyReport>,
    module: Option<u64>,
    module_unoptimised: Option<u64>,
}

const PROFILES: [&str; 2] = ["default", "default+50custom"];

pub fn write(inputs: &Inputs) -> String {
    let data = Data {
        criterion: engine::criterion(&inputs.criterion),
        native: engine::throughput(&inputs.dir.join("engine-native.jsonl")),
        wasm: engine::throughput(&inputs.dir.join("engine-wasm.jsonl")),
        envoy: std::fs::read_to_string(inputs.dir.join("envoy.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok()),
        module: file_len(&inputs.module),
        module_unoptimised: inputs.module_unoptimised.as_deref().and_then(file_len),
    };
    let mut md = String::new();
    md.push_str(
        "# Benchmarks\n\n\
         Written by `make bench` (see `bench.mk` and `bench/README.md`); do not edit by hand. \
         Every number below comes from one run on the machine described here; ratios compare \
         numbers of the same run.\n\n",
    );
    machine(&mut md);
    targets(&mut md, &data);
    native(&mut md, &data);
    wasm(&mut md, &data);
    envoy(&mut md, &data);
    module(&mut md, &data);
    if let Some(text) = inputs
        .analysis
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
    {
        md.push_str(&text);
    }
    md
}

fn file_len(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

fn machine(md: &mut String) {
    md.push_str("## Machine\n\n| | |\n|---|---|\n");
    for (name, value) in facts::collect() {
        let _ = writeln!(md, "| {name} | {value} |");
    }
    md.push('\n');
}

fn mbs(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |v| format!("{v:.0}"))
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 0 {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// Medians over rounds of one setup and load.
struct Summary {
    rps: f64,
    p50_us: f64,
    p99_us: f64,
    cpu_us_per_req: f64,
    shadow_ratio: f64,
    errors: u64,
}

fn summary(report: &EnvoyReport, setup: Setup, load: &str) -> Option<Summary> {
    let runs: Vec<&Run> = report
        .runs
        .iter()
        .filter(|r| r.setup == setup && r.load == load)
        .collect();
    let m = |f: &dyn Fn(&Run) -> f64| median(runs.iter().map(|r| f(r)).collect());
    Some(Summary {
        rps: m(&|r| r.wrk.requests_per_s())?,
        p50_us: m(&|r| r.wrk.p50_us as f64)?,
        p99_us: m(&|r| r.wrk.p99_us as f64)?,
        cpu_us_per_req: m(&|r| r.envoy_cpu_ns as f64 / 1e3 / r.wrk.requests.max(1) as f64)?,
        shadow_ratio: m(&|r| r.shadow_received as f64 / r.primary_received.max(1) as f64)?,
        errors: runs.iter().map(|r| r.wrk.errors + r.wrk.non_2xx).sum(),
    })
}

/// Requests/s with the filter over requests/s mirroring without it, for one load.
fn filter_ratio(data: &Data, load: &str) -> Option<f64> {
    let report = data.envoy.as_ref()?;
    let with = summary(report, Setup::MirroringWithFilter, load)?;
    let without = summary(report, Setup::MirroringWithoutFilter, load)?;
    Some(with.rps / without.rps)
}

fn native_mbs(data: &Data, profile: &str, case: &str) -> Option<f64> {
    data.criterion
        .get(&format!("body/{profile}/{case}"))
        .and_then(Criterion::mb_per_s)
}

fn wasm_ratio(data: &Data, key: &str) -> Option<f64> {
    let n = data.native.get(key)?.mb_per_s?;
    let w = data.wasm.get(key)?.mb_per_s?;
    Some(w / n)
}

fn vm_memory_at_4k(data: &Data) -> Option<u64> {
    data.envoy
        .as_ref()?
        .memory
        .iter()
        .find(|m| m.after.starts_with("json-4k"))
        .map(|m| m.vm_memory_bytes)
        .filter(|&b| b > 0)
}

fn targets(md: &mut String, data: &Data) {
    md.push_str("## Targets\n\n| target | measured | |\n|---|---|---|\n");
    let mut row = |name: &str, measured: Option<String>, met: Option<bool>| {
        let verdict = match met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "not measured",
        };
        let _ = writeln!(
            md,
            "| {name} | {} | {verdict} |",
            measured.unwrap_or_else(|| "n/a".into())
        );
    };
    let pct = |r: Option<f64>| r.map(|r| format!("{:.1}%", r * 100.0));
    let get = filter_ratio(data, "GET");
    row(
        "body-less GET: req/s with the filter ≥ 95% of mirroring without it",
        pct(get),
        get.map(|r| r >= 0.95),
    );
    let json = filter_ratio(data, "json-4k");
    row(
        "4 KiB JSON: req/s with the filter ≥ 80% of mirroring without it",
        pct(json),
        json.map(|r| r >= 0.80),
    );
    let free = native_mbs(data, "default", "text-pii-free-64k");
    row(
        "native, PII-free text, default profile ≥ 1000 MB/s",
        free.map(|v| format!("{v:.0} MB/s")),
        free.map(|v| v >= 1000.0),
    );
    let dense = native_mbs(data, "default", "text-dense-pii-64k");
    row(
        "native, dense PII text, default profile ≥ 300 MB/s",
        dense.map(|v| format!("{v:.0} MB/s")),
        dense.map(|v| v >= 300.0),
    );
    let ratios: Vec<f64> = ["default/text-pii-free-64k", "default/text-dense-pii-64k"]
        .iter()
        .filter_map(|k| wasm_ratio(data, k))
        .collect();
    let worst = (ratios.len() == 2).then(|| ratios.iter().copied().fold(f64::MAX, f64::min));
    row(
        "in Wasm (V8) ≥ half of native, text cases, default profile (worst case)",
        pct(worst),
        worst.map(|r| r >= 0.5),
    );
    row(
        "module ≤ 1 MiB (aim: 512 KiB)",
        data.module
            .map(|b| format!("{} bytes ({:.0} KiB)", b, b as f64 / 1024.0)),
        data.module.map(|b| b <= 1024 * 1024),
    );
    let mem = vm_memory_at_4k(data);
    row(
        "VM linear memory ≤ 8 MiB per worker at 4 KiB bodies",
        mem.map(|b| format!("{:.2} MiB", b as f64 / MIB)),
        mem.map(|b| b <= 8 * 1024 * 1024),
    );
    let configure = data
        .wasm
        .get("default+50custom/on_configure")
        .map(|t| t.ns_per_iter / 1e6);
    row(
        "`on_configure`, default + 50 custom patterns, in Wasm < 50 ms",
        configure.map(|ms| format!("{ms:.1} ms")),
        configure.map(|ms| ms < 50.0),
    );
    md.push('\n');
}

fn native(md: &mut String, data: &Data) {
    md.push_str(
        "## 1. Engine, native (criterion)\n\n\
         The body phase (`Policy::on_request_body`) on each corpus body, with the plan the \
         headers phase chose for its content type; built with the `native` profile (the module's \
         release settings, optimised for speed rather than size, as the CLI ships). MB/s = 10^6 bytes per second of input.\n\n\
         | body | bytes | personal values | default MB/s | default + 50 custom MB/s |\n\
         |---|---|---|---|---|\n",
    );
    for sample in engine_corpus() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            sample.name,
            sample.body.len(),
            sample.pii,
            mbs(native_mbs(data, PROFILES[0], &sample.name)),
            mbs(native_mbs(data, PROFILES[1], &sample.name)),
        );
    }
    let ns = |key: &str| data.criterion.get(key).map(|c| c.ns);
    let us = |v: Option<f64>| v.map_or_else(|| "n/a".into(), |v| format!("{:.1} µs", v / 1e3));
    let ms = |v: Option<f64>| v.map_or_else(|| "n/a".into(), |v| format!("{:.2} ms", v / 1e6));
    let _ = write!(
        md,
        "\n| per call | default | default + 50 custom |\n|---|---|---|\n\
         | headers phase of the GET (query, JWT, cookies, 13 headers) | {} | {} |\n\
         | `on_configure` (`Policy::from_json`) | {} | {} |\n\n",
        us(ns("headers/default/get")),
        us(ns("headers/default+50custom/get")),
        ms(ns("on_configure/default")),
        ms(ns("on_configure/default+50custom")),
    );
}

fn wasm(md: &mut String, data: &Data) {
    md.push_str(
        "## 2. Engine inside Wasm: V8 against native\n\n\
         `engine-throughput` (bench/engine) runs the same cases through the same engine code, \
         built natively with the `native` profile and for `wasm32-wasip1` with the module's \
         release profile (optimised for size); the Wasm build runs under Node.js's WASI, whose V8 is the engine Envoy embeds. Each \
         case is warmed up (V8 tiers up to its optimising compiler), then timed in eight \
         slices of a fixed budget, and the fastest slice counts (the machine is shared; \
         interference only slows a slice down). The ratio is therefore what the VM and the \
         size-optimised build cost together.\n\n\
         | profile | case | values redacted | native | Wasm (V8) | Wasm / native |\n\
         |---|---|---|---|---|---|\n",
    );
    for (key, n) in &data.native {
        let w = data.wasm.get(key);
        let (nv, wv) = match (n.mb_per_s, w.and_then(|w| w.mb_per_s)) {
            (Some(nv), wv) => (format!("{nv:.0} MB/s"), wv.map(|v| format!("{v:.0} MB/s"))),
            (None, _) => (fmt_ns(n.ns_per_iter), w.map(|w| fmt_ns(w.ns_per_iter))),
        };
        let ratio = w.map(|w| n.ns_per_iter / w.ns_per_iter);
        let redacted = match (n.redacted, w.and_then(|w| w.redacted)) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("**{a} native, {b} Wasm**"),
            (Some(a), None) => a.to_string(),
            _ => "–".to_owned(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {redacted} | {nv} | {} | {} |",
            n.profile,
            n.case,
            wv.unwrap_or_else(|| "n/a".into()),
            ratio.map_or_else(|| "n/a".into(), |r| format!("{:.0}%", r * 100.0)),
        );
    }
    md.push('\n');
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn envoy(md: &mut String, data: &Data) {
    md.push_str("## 3. Through a real Envoy on loopback\n\n");
    let Some(report) = &data.envoy else {
        md.push_str("Not measured in this run.\n\n");
        return;
    };
    let _ = write!(
        md,
        "Four Envoys (1.40, V8) run side by side, each between its own recording primary and \
         shadow upstreams (recording off, counting only): **no mirroring**; **mirroring, no \
         filter** (the mirror cluster's upstream chain is only the codec); **mirroring + empty \
         Wasm filter** (`bench/noop-filter`, every callback continues: the floor any Wasm \
         filter pays); **mirroring + mirrorguard** (the default profile). Each Envoy has {} \
         worker thread; `wrk` drives it with one thread and {} keep-alive connections for {} \
         s per run; the setups are measured in turn, rotating the order, for {} rounds, and \
         each figure is the median over rounds. Envoy CPU is the CPU time of all Envoy threads during the run \
         (scheduler accounting, `/proc/<pid>/task/*/schedstat`) over the requests served. \
         Everything (wrk, Envoy, upstreams) shares the machine's cores, so absolute req/s are \
         this machine's; ratios are the point.\n\n",
        report.workers, report.connections, report.seconds_per_run, report.rounds
    );
    md.push_str(
        "| request | setup | req/s | p50 | p99 | Envoy CPU / request | shadow copies / primaries | errors |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for load in ["GET", "json-4k", "json-64k"] {
        for setup in Setup::ALL {
            if let Some(s) = summary(report, setup, load) {
                let shadow = if setup == Setup::NoMirroring {
                    "–".to_owned()
                } else {
                    format!("{:.3}", s.shadow_ratio)
                };
                let _ = writeln!(
                    md,
                    "| {load} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.1} µs | {shadow} | {} |",
                    setup.label(),
                    s.rps,
                    s.p50_us / 1e3,
                    s.p99_us / 1e3,
                    s.cpu_us_per_req,
                    s.errors
                );
            }
        }
    }
    md.push_str(
        "\nRatios to mirroring without a filter (req/s), and the Envoy CPU each filter adds per \
         request:\n\n\
         | request | mirrorguard | empty Wasm filter | CPU added by mirrorguard | of which the empty filter's |\n\
         |---|---|---|---|---|\n",
    );
    for load in ["GET", "json-4k", "json-64k"] {
        let with = summary(report, Setup::MirroringWithFilter, load);
        let empty = summary(report, Setup::MirroringWithEmptyWasm, load);
        let without = summary(report, Setup::MirroringWithoutFilter, load);
        if let (Some(w), Some(e), Some(wo)) = (with, empty, without) {
            let _ = writeln!(
                md,
                "| {load} | {:.1}% | {:.1}% | {:.1} µs | {:.1} µs |",
                w.rps / wo.rps * 100.0,
                e.rps / wo.rps * 100.0,
                w.cpu_us_per_req - wo.cpu_us_per_req,
                e.cpu_us_per_req - wo.cpu_us_per_req
            );
        }
    }
    if !report.filter_counters.is_empty() {
        md.push_str("\nFilter counters of the mirrorguard Envoy at the end of the run: ");
        let list: Vec<String> = report
            .filter_counters
            .iter()
            .filter(|(_, v)| *v > 0)
            .map(|(n, v)| format!("`{n}` {v}"))
            .collect();
        md.push_str(&list.join(", "));
        md.push_str(".\n");
    }
    md.push('\n');
}

fn module(md: &mut String, data: &Data) {
    md.push_str("## 4. Module size and VM memory\n\n| | |\n|---|---|\n");
    if let Some(raw) = data.module_unoptimised {
        let _ = writeln!(
            md,
            "| module as cargo builds it (`opt-level = \"z\"`, LTO) | {raw} bytes ({:.0} KiB) |",
            raw as f64 / 1024.0
        );
    }
    if let Some(b) = data.module {
        let _ = writeln!(
            md,
            "| shipped module (`make wasm`, after `wasm-opt -Oz`) | {b} bytes ({:.0} KiB) |",
            b as f64 / 1024.0
        );
    }
    if let Some(report) = &data.envoy {
        for m in &report.memory {
            let _ = writeln!(
                md,
                "| VM linear memory after {} | {:.2} MiB (Envoy RSS {:.0} MiB) |",
                m.after,
                m.vm_memory_bytes as f64 / MIB,
                m.envoy_rss_bytes as f64 / MIB
            );
        }
    }
    if let Some(report) = &data.envoy {
        for s in &report.startup {
            let _ = writeln!(
                md,
                "| Envoy start to ready, {} | {:.0} ms wall, {:.0} ms Envoy CPU |",
                s.setup.label(),
                s.wall_ns as f64 / 1e6,
                s.envoy_cpu_ns as f64 / 1e6
            );
        }
    }
    md.push_str(
        "\nStart to ready runs from spawning Envoy until its admin reports ready with the \
         listener bound (Envoy's CPU read at that moment). Envoy's V8 compiles a Wasm module \
         eagerly with its optimising compiler (no baseline tier; `node --no-liftoff \
         --no-wasm-lazy-compilation` reproduces the time), so the difference between the \
         empty filter and mirrorguard is what the module's size costs at each start or \
         plugin change. ",
    );
    md.push_str(
        "VM memory is the filter's gauge `mirrorguard.vm_memory_bytes` (linear memory pages × \
         64 KiB, set at configure time and after each request), read from Envoy's `/stats` on \
         a fresh Envoy after a few seconds of each load in turn; linear memory never shrinks, \
         so each reading is the high-water mark so far. One VM runs per worker.\n\n",
    );
}
