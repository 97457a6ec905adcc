//! The filter's counters, defined once per VM and named in Envoy's style. Envoy shows them
//! in `/stats` under its prefix for Wasm-defined metrics.
//!
//! One gauge, `mirrorguard.vm_memory_bytes`, reports the VM's linear memory: it only grows,
//! so its value is the high-water mark of what the VM's requests needed. It is set when the
//! metrics are defined and after each copy is finished, with a host call only when it changed.

use std::cell::Cell;

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
    vm_memory: Option<u32>,
    vm_memory_reported: Cell<u64>,
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
            vm_memory: hostcalls::define_metric(MetricType::Gauge, "mirrorguard.vm_memory_bytes")
                .ok(),
            vm_memory_reported: Cell::new(0),
        }
        .with_vm_memory()
    }

    fn with_vm_memory(self) -> Self {
        self.report_vm_memory();
        self
    }

    /// Sets the memory gauge if the linear memory grew since it was last set.
    fn report_vm_memory(&self) {
        let (Some(id), Some(bytes)) = (self.vm_memory, linear_memory_bytes()) else {
            return;
        };
        if bytes != self.vm_memory_reported.get() {
            self.vm_memory_reported.set(bytes);
            let _ = hostcalls::record_metric(id, bytes);
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
            Event::Rewritten => {
                bump(self.rewritten, 1);
                self.report_vm_memory();
            }
            Event::Dropped(reason) => {
                self.report_vm_memory();
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

/// The VM's linear memory in bytes (memory 0 is the only one a Rust module has).
#[cfg(target_arch = "wasm32")]
fn linear_memory_bytes() -> Option<u64> {
    Some(core::arch::wasm32::memory_size::<0>() as u64 * 65536)
}

/// Native builds (tests, clippy) have no linear memory.
#[cfg(not(target_arch = "wasm32"))]
fn linear_memory_bytes() -> Option<u64> {
    None
}
