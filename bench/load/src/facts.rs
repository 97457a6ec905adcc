//! The machine and tool versions a report was measured with.

use std::process::Command;

fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_owned)
}

fn cpu_model() -> Option<String> {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_owned())
}

fn memory() -> Option<String> {
    let kib: u64 = std::fs::read_to_string("/proc/meminfo")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0))
}

/// Name and value of each fact; unknown values say so.
pub fn collect() -> Vec<(&'static str, String)> {
    let envoy = mirrorguard_harness::envoy_bin();
    let envoy = envoy.to_string_lossy();
    let unknown = || "unknown".to_owned();
    vec![
        (
            "date (UTC)",
            first_line("date", &["-u", "+%Y-%m-%d %H:%M"]).unwrap_or_else(unknown),
        ),
        (
            "cores (nproc)",
            std::thread::available_parallelism().map_or_else(|_| unknown(), |n| n.to_string()),
        ),
        ("CPU", cpu_model().unwrap_or_else(unknown)),
        ("memory", memory().unwrap_or_else(unknown)),
        (
            "kernel",
            std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map_or_else(|_| unknown(), |s| s.trim().to_owned()),
        ),
        (
            "rustc",
            first_line("rustc", &["--version"]).unwrap_or_else(unknown),
        ),
        (
            "Envoy",
            first_line(&envoy, &["--version"])
                .map(|l| l.replace(&*envoy, "envoy"))
                .unwrap_or_else(unknown),
        ),
        (
            "Node.js (V8 for the Wasm engine run)",
            first_line("node", &["--version"]).unwrap_or_else(unknown),
        ),
        ("wrk", crate::wrk::version().unwrap_or_else(unknown)),
        (
            "wasm-opt",
            first_line("wasm-opt", &["--version"]).unwrap_or_else(unknown),
        ),
    ]
}
