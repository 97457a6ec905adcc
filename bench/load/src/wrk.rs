//! Drives Debian's `wrk` (one thread, a fixed number of keep-alive connections) with a Lua
//! script per request kind. The script's `done` hook prints the numbers as one JSON line,
//! so nothing depends on wrk's human-readable summary.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use mirrorguard_bench_corpus::{headers, Sample};
use serde::{Deserialize, Serialize};

/// One request shape of the load run.
#[derive(Debug, Clone)]
pub struct Load {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub body: Option<Sample>,
}

impl Load {
    pub fn get() -> Self {
        Self {
            name: "GET",
            method: "GET",
            path: headers::GET_PATH,
            body: None,
        }
    }

    pub fn post(name: &'static str, body: Sample) -> Self {
        Self {
            name,
            method: "POST",
            path: headers::POST_PATH,
            body: Some(body),
        }
    }

    /// Writes the Lua script (and the body it reads) into `dir`; returns the script path.
    pub fn write_script(&self, dir: &Path) -> PathBuf {
        let mut lua = String::new();
        lua.push_str(&format!("wrk.method = \"{}\"\n", self.method));
        lua.push_str(&format!("wrk.path = [==[{}]==]\n", self.path));
        lua.push_str("wrk.headers[\"Host\"] = \"api.example.com\"\n");
        for (name, value) in headers::request_headers() {
            lua.push_str(&format!("wrk.headers[\"{name}\"] = [==[{value}]==]\n"));
        }
        if let Some(body) = &self.body {
            let body_path = dir.join(format!("{}.body", self.name));
            std::fs::write(&body_path, &body.body).expect("write request body");
            lua.push_str(&format!(
                "wrk.headers[\"Content-Type\"] = \"{}\"\n\
                 local f = assert(io.open([==[{}]==], \"rb\"))\n\
                 wrk.body = f:read(\"*a\")\n\
                 f:close()\n",
                body.content_type,
                body_path.display()
            ));
        }
        lua.push_str(DONE_HOOK);
        let script = dir.join(format!("{}.lua", self.name));
        std::fs::write(&script, lua).expect("write wrk script");
        script
    }
}

const DONE_HOOK: &str = r#"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK-JSON {\"requests\":%d,\"duration_us\":%d,\"p50_us\":%d,\"p99_us\":%d,\"errors\":%d,\"non_2xx\":%d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"#;

/// What one wrk run reports.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct WrkResult {
    pub requests: u64,
    pub duration_us: u64,
    pub p50_us: u64,
    pub p99_us: u64,
    pub errors: u64,
    pub non_2xx: u64,
}

impl WrkResult {
    pub fn requests_per_s(&self) -> f64 {
        self.requests as f64 / (self.duration_us.max(1) as f64 / 1e6)
    }
}

/// Runs wrk against `target` for `duration` with `connections` connections on one thread.
pub fn run(script: &Path, target: SocketAddr, connections: u32, duration: Duration) -> WrkResult {
    let output = Command::new("wrk")
        .args(["-t1", "-c"])
        .arg(connections.to_string())
        .arg("-d")
        .arg(format!("{}s", duration.as_secs().max(1)))
        .args(["--timeout", "5s", "-s"])
        .arg(script)
        .arg(format!("http://{target}"))
        .output()
        .unwrap_or_else(|e| panic!("run wrk (apt-get install wrk): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("WRK-JSON "))
        .unwrap_or_else(|| {
            panic!(
                "wrk printed no result (exit {:?}):\n{stdout}\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            )
        });
    serde_json::from_str(line).unwrap_or_else(|e| panic!("wrk result {line}: {e}"))
}

/// The installed wrk's version line.
pub fn version() -> Option<String> {
    let out = Command::new("wrk").arg("-v").output().ok()?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    text.lines().next().map(|l| l.trim().to_owned())
}
