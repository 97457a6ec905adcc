//! The load run through a real Envoy: three Envoys side by side (no mirroring; mirroring
//! without a filter; mirroring through mirrorguard with the default profile), each between
//! its own primary and shadow upstreams, measured in alternation so that drift in the
//! machine's load hits all three alike.

use std::time::Duration;

use mirrorguard_bench_corpus::{json_4k, json_64k, profile};
use mirrorguard_harness::{EnvoyConfig, Mirror, TempDir};
use serde::{Deserialize, Serialize};

use crate::cpu::process_cpu_ns;
use crate::wrk::{self, Load, WrkResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Setup {
    NoMirroring,
    MirroringWithoutFilter,
    /// The floor: an empty Wasm filter where mirrorguard sits (`bench/noop-filter`).
    MirroringWithEmptyWasm,
    MirroringWithFilter,
}

impl Setup {
    pub const ALL: [Setup; 4] = [
        Setup::NoMirroring,
        Setup::MirroringWithoutFilter,
        Setup::MirroringWithEmptyWasm,
        Setup::MirroringWithFilter,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Setup::NoMirroring => "no mirroring",
            Setup::MirroringWithoutFilter => "mirroring, no filter",
            Setup::MirroringWithEmptyWasm => "mirroring + empty Wasm filter",
            Setup::MirroringWithFilter => "mirroring + mirrorguard",
        }
    }

    fn config(self) -> EnvoyConfig {
        let base = EnvoyConfig::upstream_placement().plugin_config(&profile::default_profile());
        match self {
            // Nothing reaches the shadow cluster, so its filter would only cost start-up time.
            Setup::NoMirroring => base.without_mirroring().without_filter(),
            Setup::MirroringWithoutFilter => base.without_filter(),
            Setup::MirroringWithEmptyWasm => base.module(&noop_module()),
            Setup::MirroringWithFilter => base,
        }
    }
}

/// The empty filter as `make bench` builds it.
fn noop_module() -> std::path::PathBuf {
    let path = mirrorguard_harness::repo_root()
        .join("target/wasm32-wasip1/release/mirrorguard_bench_noop_filter.wasm");
    assert!(
        path.exists(),
        "no empty filter at {}: run `make bench-envoy` (it builds it)",
        path.display()
    );
    path
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub rounds: u32,
    pub duration: Duration,
    pub connections: u32,
}

/// One wrk run against one setup.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    pub setup: Setup,
    pub load: String,
    pub round: u32,
    pub wrk: WrkResult,
    /// CPU Envoy used during the run (all threads), nanoseconds.
    pub envoy_cpu_ns: u64,
    pub primary_received: u64,
    pub shadow_received: u64,
}

/// The filter's VM after a phase of load.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemoryReading {
    pub after: String,
    /// `mirrorguard.vm_memory_bytes`: the VM's linear memory (one VM per worker).
    pub vm_memory_bytes: u64,
    pub envoy_rss_bytes: u64,
}

/// One Envoy from launch until its listener answers: with a Wasm filter this includes V8
/// compiling the module, which Envoy's V8 does eagerly with its optimising compiler, so the
/// module's size shows up here at every start and every change of the plugin.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Startup {
    pub setup: Setup,
    /// Wall clock from spawning Envoy (and its upstreams) to a ready listener.
    pub wall_ns: u64,
    /// CPU Envoy had used by then, all threads (V8's compile threads included).
    pub envoy_cpu_ns: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnvoyReport {
    pub workers: u32,
    pub connections: u32,
    pub seconds_per_run: u64,
    pub rounds: u32,
    pub runs: Vec<Run>,
    pub memory: Vec<MemoryReading>,
    /// How long each setup's Envoy took to come up, in the order they were started.
    #[serde(default)]
    pub startup: Vec<Startup>,
    /// Filter counters of the mirrorguard Envoy at the end: name, value.
    pub filter_counters: Vec<(String, u64)>,
}

fn loads() -> Vec<Load> {
    vec![
        Load::get(),
        Load::post("json-4k", json_4k()),
        Load::post("json-64k", json_64k()),
    ]
}

fn start(setup: Setup) -> Mirror {
    let mirror = Mirror::start_with(setup.config());
    mirror.primary.set_recording(false);
    mirror.shadow.set_recording(false);
    mirror
}

fn measure(
    mirror: &Mirror,
    script: &std::path::Path,
    opts: &Options,
) -> (WrkResult, u64, u64, u64) {
    let pid = mirror.envoy.pid();
    let (cpu0, p0, s0) = (
        process_cpu_ns(pid),
        mirror.primary.count(),
        mirror.shadow.count(),
    );
    let result = wrk::run(
        script,
        mirror.envoy.listener(),
        opts.connections,
        opts.duration,
    );
    // Copies still in flight when wrk stops are counted, and their CPU too.
    std::thread::sleep(Duration::from_millis(300));
    let cpu = process_cpu_ns(pid).saturating_sub(cpu0);
    (
        result,
        cpu,
        mirror.primary.count() - p0,
        mirror.shadow.count() - s0,
    )
}

pub fn run(opts: &Options) -> EnvoyReport {
    let dir = TempDir::new("mirrorguard-bench");
    let loads = loads();
    let scripts: Vec<_> = loads.iter().map(|l| l.write_script(dir.path())).collect();
    let mut startup = Vec::new();
    let setups: Vec<(Setup, Mirror)> = Setup::ALL
        .iter()
        .map(|&setup| {
            let began = std::time::Instant::now();
            let mirror = start(setup);
            startup.push(Startup {
                setup,
                wall_ns: u64::try_from(began.elapsed().as_nanos()).unwrap_or(u64::MAX),
                envoy_cpu_ns: process_cpu_ns(mirror.envoy.pid()),
            });
            (setup, mirror)
        })
        .collect();
    let warmup = Options {
        duration: Duration::from_secs(1),
        ..*opts
    };
    for (_, mirror) in &setups {
        for script in &scripts {
            measure(mirror, script, &warmup);
        }
    }
    let mut runs = Vec::new();
    for round in 0..opts.rounds {
        for (load, script) in loads.iter().zip(&scripts) {
            // Rotate the order each round so no setup always runs first.
            for k in 0..setups.len() {
                let (setup, mirror) = &setups[(k + round as usize) % setups.len()];
                let (wrk, envoy_cpu_ns, primary_received, shadow_received) =
                    measure(mirror, script, opts);
                eprintln!(
                    "round {round} {:<8} {:<24} {:>8.0} req/s  p99 {:>6} us",
                    load.name,
                    setup.label(),
                    wrk.requests_per_s(),
                    wrk.p99_us
                );
                runs.push(Run {
                    setup: *setup,
                    load: load.name.to_owned(),
                    round,
                    wrk,
                    envoy_cpu_ns,
                    primary_received,
                    shadow_received,
                });
            }
        }
    }
    let filter_counters = setups
        .iter()
        .find(|(s, _)| *s == Setup::MirroringWithFilter)
        .map(|(_, m)| counters(m))
        .unwrap_or_default();
    drop(setups);
    let memory = memory_readings(&loads, &scripts, opts);
    EnvoyReport {
        workers: 1,
        connections: opts.connections,
        seconds_per_run: opts.duration.as_secs(),
        rounds: opts.rounds,
        runs,
        memory,
        startup,
        filter_counters,
    }
}

/// Keeps one setup up for `duration`, printing where it listens; for profiling.
pub fn serve(setup: Setup, duration: Duration) {
    let mirror = start(setup);
    println!(
        "{}: listener {} admin {} envoy pid {}",
        setup.label(),
        mirror.envoy.listener(),
        mirror.envoy.admin(),
        mirror.envoy.pid()
    );
    let dir = TempDir::new("mirrorguard-serve");
    for load in loads() {
        println!("wrk script: {}", load.write_script(dir.path()).display());
    }
    std::thread::sleep(duration);
    drop(mirror);
}

fn counters(mirror: &Mirror) -> Vec<(String, u64)> {
    mirror
        .envoy
        .stats()
        .into_iter()
        .filter_map(|(name, v)| {
            let at = name.find("mirrorguard.")?;
            Some((name[at..].to_owned(), v))
        })
        // Envoy's own HTTP stats share the `mirrorguard.` stat prefix in the demo config.
        .filter(|(name, _)| {
            ["requests_", "copies_", "values_"]
                .iter()
                .any(|p| name["mirrorguard.".len()..].starts_with(p))
        })
        .collect()
}

/// A fresh Envoy with the filter, loaded with GETs and 4 KiB bodies, then 64 KiB bodies:
/// linear memory only grows, so each reading is the high-water mark of what came before.
fn memory_readings(
    loads: &[Load],
    scripts: &[std::path::PathBuf],
    opts: &Options,
) -> Vec<MemoryReading> {
    let mirror = start(Setup::MirroringWithFilter);
    let phase = Options {
        duration: Duration::from_secs(3),
        ..*opts
    };
    let mut readings = vec![reading(&mirror, "start (configured, no request yet)")];
    for (load, script) in loads.iter().zip(scripts) {
        measure(&mirror, script, &phase);
        readings.push(reading(&mirror, &format!("{} load", load.name)));
    }
    readings
}

fn reading(mirror: &Mirror, after: &str) -> MemoryReading {
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", mirror.envoy.pid())).unwrap_or_default();
    let rss_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    MemoryReading {
        after: after.to_owned(),
        vm_memory_bytes: mirror.envoy.stat("mirrorguard.vm_memory_bytes"),
        envoy_rss_bytes: rss_kib * 1024,
    }
}
