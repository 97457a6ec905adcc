//! `mirrorguard-bench`: the steps of `make bench` that need more than cargo.
//!
//! - `envoy --out FILE [--rounds N] [--secs S] [--connections C]`: the load run through
//!   three real Envoys (see [`envoy`]); writes its results as JSON.
//! - `serve --setup no-mirroring|no-filter|empty-wasm|filter --secs S [--profile default|custom50]`: keeps one
//!   setup running for S seconds and prints Envoy's listener and process id, for profiling
//!   under a load you drive yourself (e.g. `wrk` plus `perf record -p PID`).
//! - `report --dir DIR --criterion DIR --module FILE [--module-unoptimised FILE]
//!   [--analysis FILE] --out FILE`: writes BENCHMARKS.md.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

mod cpu;
mod engine;
mod envoy;
mod facts;
mod report;
mod wrk;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

fn options(args: &[String]) -> BTreeMap<String, String> {
    args.chunks(2)
        .map(|pair| match pair {
            [k, v] if k.starts_with("--") => (k.trim_start_matches("--").to_owned(), v.clone()),
            _ => panic!("expected `--name value` pairs, got {pair:?}"),
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        panic!("usage: mirrorguard-bench envoy|report --name value ...");
    };
    let opts = options(rest);
    let get = |k: &str| opts.get(k).cloned();
    let need = |k: &str| get(k).unwrap_or_else(|| panic!("missing --{k}"));
    let num = |k: &str, default: u64| get(k).map_or(default, |v| v.parse().expect("a number"));
    match command.as_str() {
        "envoy" => {
            let report = envoy::run(&envoy::Options {
                rounds: num("rounds", 3) as u32,
                duration: Duration::from_secs(num("secs", 5)),
                connections: num("connections", 8) as u32,
            });
            let out = need("out");
            std::fs::write(
                &out,
                serde_json::to_string_pretty(&report).expect("serialise"),
            )
            .unwrap_or_else(|e| panic!("write {out}: {e}"));
        }
        "serve" => {
            let setup = match need("setup").as_str() {
                "no-mirroring" => envoy::Setup::NoMirroring,
                "no-filter" => envoy::Setup::MirroringWithoutFilter,
                "empty-wasm" => envoy::Setup::MirroringWithEmptyWasm,
                "filter" => envoy::Setup::MirroringWithFilter,
                other => panic!("unknown setup `{other}`"),
            };
            envoy::serve(setup, Duration::from_secs(num("secs", 60)));
        }
        "report" => {
            let md = report::write(&report::Inputs {
                dir: PathBuf::from(need("dir")),
                criterion: PathBuf::from(need("criterion")),
                module: PathBuf::from(need("module")),
                module_unoptimised: get("module-unoptimised").map(PathBuf::from),
                analysis: get("analysis").map(PathBuf::from),
            });
            let out = need("out");
            std::fs::write(&out, md).unwrap_or_else(|e| panic!("write {out}: {e}"));
        }
        other => panic!("unknown command `{other}`: envoy or report"),
    }
}
