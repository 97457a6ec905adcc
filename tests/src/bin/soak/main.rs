//! `make soak`: at least 200,000 mirrored requests of mixed realistic bodies through Envoy with
//! the filter on loopback, bounded in time. Checks that no primary fails, that every copy is
//! accounted for (arrived at the shadow, or dropped with a reason), that Envoy's and the Wasm
//! VMs' memory stays flat and that open connections do not grow. Writes `SOAK.md` and exits
//! non-zero when a check fails.
//!
//! `soak [--requests N] [--threads N] [--workers N] [--warmup N] [--max-secs N] [--out FILE]`

mod checks;
mod drive;
mod measure;
mod mix;
mod report;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use mirrorguard_harness::{EnvoyConfig, Mirror};

use crate::checks::Run;
use crate::drive::Counter;
use crate::measure::{Names, Snapshot};

/// How long the tail of copies may take to settle after the last primary answered.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(60);
/// Readings taken during the main phase, for the memory trend.
const READINGS: u64 = 8;

#[derive(Debug, Clone)]
pub struct Settings {
    pub requests: u64,
    pub threads: usize,
    pub workers: u32,
    pub warmup: u64,
    pub max_duration: Duration,
    pub out: std::path::PathBuf,
    pub seed: u64,
    pub pool: usize,
    pub max_body: usize,
}

impl Settings {
    fn parse() -> Result<Self, String> {
        let mut s = Self {
            requests: 200_000,
            threads: 8,
            workers: 2,
            warmup: 20_000,
            max_duration: Duration::from_secs(900),
            out: mirrorguard_harness::repo_root().join("SOAK.md"),
            seed: 0x5eed_2026,
            pool: 4000,
            max_body: 64 * 1024,
        };
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number = || {
                value
                    .parse::<u64>()
                    .map_err(|_| format!("{flag} takes a number"))
            };
            match flag.as_str() {
                "--requests" => s.requests = number()?,
                "--threads" => s.threads = usize::try_from(number()?).unwrap_or(1).max(1),
                "--workers" => s.workers = u32::try_from(number()?).unwrap_or(1).max(1),
                "--warmup" => s.warmup = number()?,
                "--max-secs" => s.max_duration = Duration::from_secs(number()?),
                "--out" => s.out = value.clone().into(),
                _ => return Err(format!("unknown argument {flag}")),
            }
        }
        s.warmup = s.warmup.min(s.requests / 2);
        Ok(s)
    }
}

/// The demo configuration with a smaller body limit, so over-limit requests stay cheap.
fn envoy_config(settings: &Settings) -> Result<(EnvoyConfig, Names), String> {
    let mut config = EnvoyConfig::upstream_placement().with_concurrency(settings.workers);
    let mut plugin: serde_json::Value = serde_json::from_str(&config.plugin_config_json())
        .map_err(|e| format!("plugin config of envoy/demo.yaml: {e}"))?;
    let body = plugin
        .as_object_mut()
        .map(|p| {
            p.entry("redaction")
                .or_insert_with(|| serde_json::json!({}))
        })
        .and_then(serde_json::Value::as_object_mut)
        .map(|r| r.entry("body").or_insert_with(|| serde_json::json!({})))
        .and_then(serde_json::Value::as_object_mut)
        .ok_or("the plugin config of envoy/demo.yaml is not an object")?;
    body.insert("maxBytes".into(), serde_json::json!(settings.max_body));
    let names = Names {
        listener_prefix: "mirrorguard".to_owned(),
        primary: config.primary_cluster(),
        shadow: config.shadow_cluster(),
    };
    Ok((config.plugin_config(&plugin.to_string()), names))
}

fn progress(label: &str, done: u64, of: u64, started: Instant) {
    let secs = started.elapsed().as_secs_f64().max(0.001);
    eprintln!(
        "soak: {label} {done}/{of} requests, {:.0}/s",
        done as f64 / secs
    );
}

fn soak(settings: &Settings) -> Result<(Run, report::Machine), String> {
    let machine = report::Machine::read();
    let pool = mix::pool(settings.seed, settings.pool, settings.max_body);
    let (config, names) = envoy_config(settings)?;
    let mirror = Mirror::start_with(config);
    mirror.primary.set_recording(false);
    mirror.shadow.set_recording(false);
    let addr = mirror.envoy.listener();
    let io = |e: std::io::Error| e.to_string();
    let start = Snapshot::take(&mirror, &names, 0).map_err(io)?;
    let conns = drive::connect(addr, settings.threads).map_err(io)?;
    let counter = Counter::new();
    let started = Instant::now();
    let deadline = started + settings.max_duration;
    let mut last_print = Instant::now();
    let mut printer = |label: &str, done: u64| {
        if last_print.elapsed() >= Duration::from_secs(10) {
            progress(label, done, settings.requests, started);
            last_print = Instant::now();
        }
    };

    let (conns, mut tally) = drive::run(
        conns,
        addr,
        &pool,
        &counter,
        settings.warmup,
        deadline,
        |done| printer("warm-up", done),
    );
    let mut load_time = started.elapsed();
    let before = measure::drain(&mirror, &names, tally.sent, DRAIN_TIMEOUT).map_err(io)?;

    let main_started = Instant::now();
    let step = (settings.requests - settings.warmup) / READINGS;
    let mut next_reading = settings.warmup + step;
    let mut series = Vec::new();
    let (conns, main) = drive::run(
        conns,
        addr,
        &pool,
        &counter,
        settings.requests,
        deadline,
        |done| {
            printer("load", done);
            if done >= next_reading && next_reading < settings.requests {
                if let Ok(s) = Snapshot::take(&mirror, &names, done) {
                    series.push(s);
                }
                next_reading += step;
            }
        },
    );
    load_time += main_started.elapsed();
    tally.merge(main);
    progress("done", tally.sent, settings.requests, started);

    let after = measure::drain(&mirror, &names, tally.sent, DRAIN_TIMEOUT).map_err(io)?;
    drop(conns);
    let closed_deadline = Instant::now() + Duration::from_secs(10);
    let closed = loop {
        let s = Snapshot::take(&mirror, &names, tally.sent).map_err(io)?;
        if s.downstream_cx_active == 0 || Instant::now() >= closed_deadline {
            break s;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Ok((
        Run {
            requested: settings.requests,
            threads: settings.threads,
            max_duration: settings.max_duration,
            load_time,
            tally,
            start,
            before,
            after,
            closed,
            series,
        },
        machine,
    ))
}

fn main() -> ExitCode {
    let settings = match Settings::parse() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("soak: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut run, machine) = match soak(&settings) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("soak: {e}");
            return ExitCode::FAILURE;
        }
    };
    let checks = checks::evaluate(&run);
    let text = report::render(&settings, &machine, &mut run, &checks);
    if let Err(e) = std::fs::write(&settings.out, &text) {
        eprintln!("soak: write {}: {e}", settings.out.display());
        return ExitCode::FAILURE;
    }
    for c in &checks {
        eprintln!(
            "soak: {} {}: {}",
            if c.pass { "pass" } else { "FAIL" },
            c.name,
            c.detail
        );
    }
    eprintln!("soak: report written to {}", settings.out.display());
    if checks.iter().all(|c| c.pass) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
