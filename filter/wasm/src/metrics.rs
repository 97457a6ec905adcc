//! The filter's counters, defined once per VM and named in Envoy's style. Envoy shows them
//! in `/stats` under its prefix for Wasm-defined metrics.

use mirrorguard_engine::flow::Event;
use mirrorguard_engine::DropReason;
use proxy_wasm::hostcalls;
use proxy_wasm::types::MetricType;

#[derive(Debug, Default)]
pub struct Metrics {
    seen: Option<u32>,
    passed_through: Option<u32>,
    rewritten: Option<u32>,
    dropped: Option<u32>,
    dropped_by_reason: Vec<(DropReason, u32)>,
    redacted: Option<u32>,
}

impl Metrics {
    /// Defines every counter. A metric the host refuses is simply not counted: metrics must
    /// never be the reason a copy goes out unredacted or a VM fails to start.
    pub fn define() -> Self {
        let counter = |name: &str| hostcalls::define_metric(MetricType::Counter, name).ok();
        Self {
            seen: counter("mirrorguard.requests_seen"),
            passed_through: counter("mirrorguard.requests_passed_through"),
            rewritten: counter("mirrorguard.copies_rewritten"),
            dropped: counter("mirrorguard.copies_dropped"),
            dropped_by_reason: DropReason::ALL
                .iter()
                .filter_map(|r| {
                    counter(&format!("mirrorguard.copies_dropped_{}", r.as_str()))
                        .map(|id| (*r, id))
                })
                .collect(),
            redacted: counter("mirrorguard.values_redacted"),
        }
    }

    pub fn count(&self, event: Event) {
        let bump = |id: Option<u32>, by: i64| {
            if let Some(id) = id {
                let _ = hostcalls::increment_metric(id, by);
            }
        };
        match event {
            Event::Seen => bump(self.seen, 1),
            Event::PassedThrough => bump(self.passed_through, 1),
            Event::Rewritten => bump(self.rewritten, 1),
            Event::Dropped(reason) => {
                bump(self.dropped, 1);
                let id = self
                    .dropped_by_reason
                    .iter()
                    .find(|(r, _)| *r == reason)
                    .map(|(_, id)| *id);
                bump(id, 1);
            }
            Event::Redacted(n) => bump(self.redacted, i64::from(n)),
        }
    }
}
