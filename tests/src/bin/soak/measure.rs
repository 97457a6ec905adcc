//! Readings taken from Envoy and the upstreams at points of the run: memory, connections, and
//! where the copies went.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use mirrorguard_harness::process::ProcessSample;
use mirrorguard_harness::Mirror;

const DROPPED: &str = "mirrorguard.copies_dropped";

/// Stats of the clusters and listener the soak watches, as named in the Envoy config.
#[derive(Debug, Clone)]
pub struct Names {
    pub listener_prefix: String,
    pub primary: String,
    pub shadow: String,
}

/// Everything read at one point of the run.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Requests answered when the snapshot was taken.
    pub requests: u64,
    pub process: ProcessSample,
    /// `mirrorguard.vm_memory_bytes`, if the filter reports it.
    pub vm_memory_gauge: Option<u64>,
    pub downstream_cx_active: u64,
    pub primary_cx_active: u64,
    pub shadow_cx_active: u64,
    pub primary_cx_total: u64,
    pub shadow_cx_total: u64,
    pub primary_received: u64,
    pub shadow_received: u64,
    /// `mirrorguard.copies_dropped_<reason>` by reason.
    pub dropped: BTreeMap<String, u64>,
    /// `mirrorguard.copies_dropped`, all reasons.
    pub dropped_total: u64,
    pub seen: u64,
    pub rewritten: u64,
    pub passed_through: u64,
}

fn stat(stats: &BTreeMap<String, u64>, name: &str) -> u64 {
    stats.get(name).copied().unwrap_or(0)
}

fn suffixed(stats: &BTreeMap<String, u64>, suffix: &str) -> Option<u64> {
    stats
        .iter()
        .find(|(n, _)| n.ends_with(suffix))
        .map(|(_, v)| *v)
}

impl Snapshot {
    pub fn take(mirror: &Mirror, names: &Names, requests: u64) -> std::io::Result<Self> {
        let stats = mirror.envoy.stats();
        let dropped = stats
            .iter()
            .filter_map(|(name, v)| {
                let (_, reason) = name.split_once(&format!("{DROPPED}_"))?;
                Some((reason.to_owned(), *v))
            })
            .collect();
        let cluster = |c: &str, s: &str| stat(&stats, &format!("cluster.{c}.{s}"));
        let filter = |s: &str| suffixed(&stats, &format!("mirrorguard.{s}")).unwrap_or(0);
        Ok(Self {
            requests,
            process: mirror.envoy.process()?,
            vm_memory_gauge: suffixed(&stats, "mirrorguard.vm_memory_bytes"),
            downstream_cx_active: stat(
                &stats,
                &format!("http.{}.downstream_cx_active", names.listener_prefix),
            ),
            primary_cx_active: cluster(&names.primary, "upstream_cx_active"),
            shadow_cx_active: cluster(&names.shadow, "upstream_cx_active"),
            primary_cx_total: cluster(&names.primary, "upstream_cx_total"),
            shadow_cx_total: cluster(&names.shadow, "upstream_cx_total"),
            primary_received: mirror.primary.count(),
            shadow_received: mirror.shadow.count(),
            dropped,
            dropped_total: filter("copies_dropped"),
            seen: filter("requests_seen"),
            rewritten: filter("copies_rewritten"),
            passed_through: filter("requests_passed_through"),
        })
    }

    /// Σ of the per-reason drop counters.
    pub fn dropped_sum(&self) -> u64 {
        self.dropped.values().sum()
    }

    /// Copies that reached the shadow or were dropped with a reason.
    pub fn copies_accounted(&self) -> u64 {
        self.shadow_received + self.dropped_sum()
    }
}

/// Waits until every one of `sent` requests reached the primary and every copy was either
/// received by the shadow or dropped with a reason, or `timeout` passed; returns the last
/// reading either way.
pub fn drain(
    mirror: &Mirror,
    names: &Names,
    sent: u64,
    timeout: Duration,
) -> std::io::Result<Snapshot> {
    let deadline = Instant::now() + timeout;
    loop {
        let s = Snapshot::take(mirror, names, sent)?;
        let settled = s.primary_received >= sent && s.copies_accounted() >= sent;
        if settled || Instant::now() >= deadline {
            return Ok(s);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
