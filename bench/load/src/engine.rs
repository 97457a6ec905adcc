//! Reading the engine results: criterion's estimates (native) and the JSON lines of
//! `engine-throughput` (native and Wasm).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// One criterion benchmark: `group/function/value`, nanoseconds per iteration, and bytes per
/// iteration when it measured throughput in bytes.
#[derive(Debug, Clone)]
pub struct Criterion {
    pub ns: f64,
    pub bytes: Option<u64>,
}

impl Criterion {
    pub fn mb_per_s(&self) -> Option<f64> {
        self.bytes.map(|b| b as f64 / self.ns * 1e3)
    }
}

#[derive(Deserialize)]
struct BenchmarkJson {
    group_id: String,
    function_id: Option<String>,
    value_str: Option<String>,
    throughput: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
}

#[derive(Deserialize)]
struct Estimates {
    mean: Estimate,
}

/// Every criterion result under `dir`, keyed `group/function[/value]`.
pub fn criterion(dir: &Path) -> BTreeMap<String, Criterion> {
    let mut out = BTreeMap::new();
    visit(dir, &mut |path| {
        if !path.ends_with("new/benchmark.json") {
            return;
        }
        let Some(new) = path.parent() else { return };
        let read = |p: &Path| std::fs::read_to_string(p).ok();
        let (Some(bench), Some(est)) = (read(path), read(&new.join("estimates.json"))) else {
            return;
        };
        let (Ok(bench), Ok(est)) = (
            serde_json::from_str::<BenchmarkJson>(&bench),
            serde_json::from_str::<Estimates>(&est),
        ) else {
            return;
        };
        let key = [Some(bench.group_id), bench.function_id, bench.value_str]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("/");
        let bytes = bench
            .throughput
            .as_ref()
            .and_then(|t| t.get("Bytes"))
            .and_then(serde_json::Value::as_u64);
        out.insert(
            key,
            Criterion {
                ns: est.mean.point_estimate,
                bytes,
            },
        );
    });
    out
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            visit(&path, f);
        } else {
            f(&path);
        }
    }
}

/// One line of `engine-throughput`.
#[derive(Debug, Clone, Deserialize)]
pub struct Throughput {
    pub profile: String,
    pub case: String,
    /// Values the case redacts: the same in both builds, or they did different work.
    pub redacted: Option<u32>,
    pub ns_per_iter: f64,
    pub mb_per_s: Option<f64>,
}

/// The lines of an `engine-throughput` output file, keyed `profile/case`.
pub fn throughput(path: &Path) -> BTreeMap<String, Throughput> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Throughput>(l).ok())
        .map(|t| (format!("{}/{}", t.profile, t.case), t))
        .collect()
}
