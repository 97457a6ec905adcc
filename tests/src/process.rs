//! What a process holds right now, read from Linux `/proc`: resident memory, the Wasm VMs'
//! linear memories, and open sockets. Load runs compare a sample taken after warm-up with one
//! taken at the end, so growth (a leak) shows as a difference.

use std::io;

/// V8 reserves this much address space per Wasm linear memory (memory32 plus guard region):
/// the accessible part is a read-write mapping at the start of the reservation, the rest is
/// inaccessible. A read-write mapping directly followed by an inaccessible one that together
/// span this size is one VM's linear memory.
const V8_WASM_RESERVATION: u64 = 8 << 30;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProcessSample {
    /// Resident set size (`VmRSS`), bytes.
    pub rss: u64,
    /// Peak resident set size (`VmHWM`), bytes.
    pub rss_peak: u64,
    /// Wasm linear memories found (one per VM: Envoy runs one per worker plus the main thread).
    pub wasm_vms: u32,
    /// Their accessible size together: what the modules have grown their memory to, bytes.
    pub wasm_memory: u64,
    /// Their resident part together, bytes.
    pub wasm_resident: u64,
    /// Open file descriptors that are sockets (listeners, client and upstream connections).
    pub sockets: u32,
    /// CPU time used so far, user and system, in clock ticks (`/proc/<pid>/stat`).
    pub cpu_ticks: u64,
}

/// Linux's `USER_HZ`, the unit of [`ProcessSample::cpu_ticks`]: 100 on every mainstream
/// architecture's ABI.
pub const TICKS_PER_SECOND: u64 = 100;

impl ProcessSample {
    pub fn read(pid: u32) -> io::Result<Self> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps"))?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
        let (wasm_vms, wasm_memory, wasm_resident) = wasm_memories(&smaps);
        Ok(Self {
            rss: status_kib(&status, "VmRSS:") * 1024,
            rss_peak: status_kib(&status, "VmHWM:") * 1024,
            wasm_vms,
            wasm_memory,
            wasm_resident,
            sockets: sockets(pid)?,
            cpu_ticks: cpu_ticks(&stat),
        })
    }
}

fn status_kib(status: &str, field: &str) -> u64 {
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// `utime` + `stime`: fields 14 and 15 of `/proc/<pid>/stat`, counted after the command
/// name, which is in parentheses and may itself contain spaces.
fn cpu_ticks(stat: &str) -> u64 {
    let after_name = stat.rfind(')').and_then(|i| stat.get(i + 1..));
    let fields: Vec<&str> = after_name.unwrap_or_default().split_whitespace().collect();
    // After the name, field 3 (state) is at index 0, so field n is at index n - 3.
    let field = |n: usize| -> u64 { fields.get(n - 3).and_then(|v| v.parse().ok()).unwrap_or(0) };
    field(14) + field(15)
}

/// One mapping of `/proc/<pid>/smaps`.
#[derive(Debug, Clone, Copy)]
struct Mapping {
    start: u64,
    end: u64,
    readable_writable: bool,
    inaccessible: bool,
    rss: u64,
}

fn mappings(smaps: &str) -> Vec<Mapping> {
    let mut out: Vec<Mapping> = Vec::new();
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(first), Some(second)) = (fields.next(), fields.next()) else {
            continue;
        };
        if let Some((start, end)) = first.split_once('-') {
            if let (Ok(start), Ok(end)) =
                (u64::from_str_radix(start, 16), u64::from_str_radix(end, 16))
            {
                out.push(Mapping {
                    start,
                    end,
                    readable_writable: second.starts_with("rw"),
                    inaccessible: second.starts_with("---"),
                    rss: 0,
                });
                continue;
            }
        }
        if first == "Rss:" {
            if let (Some(last), Ok(kib)) = (out.last_mut(), second.parse::<u64>()) {
                last.rss = kib * 1024;
            }
        }
    }
    out
}

/// (count, accessible bytes, resident bytes) of the Wasm linear memories.
fn wasm_memories(smaps: &str) -> (u32, u64, u64) {
    let maps = mappings(smaps);
    maps.windows(2)
        .filter(|w| {
            let (memory, guard) = (w[0], w[1]);
            memory.readable_writable
                && guard.inaccessible
                && memory.end == guard.start
                && guard.end - memory.start == V8_WASM_RESERVATION
        })
        .fold((0, 0, 0), |(n, size, rss), w| {
            (n + 1, size + (w[0].end - w[0].start), rss + w[0].rss)
        })
}

fn sockets(pid: u32) -> io::Result<u32> {
    let mut n = 0;
    for entry in std::fs::read_dir(format!("/proc/{pid}/fd"))? {
        // A descriptor closed between listing and reading is simply not counted.
        let Ok(target) = entry.and_then(|e| std::fs::read_link(e.path())) else {
            continue;
        };
        if target.to_string_lossy().starts_with("socket:") {
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMAPS: &str = "\
7f09fc100000-7f09fc240000 rw-p 00000000 00:00 0
Size:               1280 kB
Rss:                 216 kB
7f09fc240000-7f0bfc100000 ---p 00000000 00:00 0
Size:            8387328 kB
Rss:                   0 kB
7f0e00000000-7f0e00001000 rw-p 00000000 00:00 0
Size:                  4 kB
Rss:                   4 kB
7f0e00001000-7f0e00002000 ---p 00000000 00:00 0
Size:                  4 kB
Rss:                   0 kB
";

    #[test]
    fn finds_linear_memory_before_its_reservation_only() {
        assert_eq!(wasm_memories(SMAPS), (1, 1280 * 1024, 216 * 1024));
    }

    #[test]
    fn cpu_time_is_utime_plus_stime() {
        let stat = "42 (envoy worker) S 1 42 42 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 12";
        assert_eq!(cpu_ticks(stat), 287);
    }

    #[test]
    fn reads_this_process() {
        let me = ProcessSample::read(std::process::id()).unwrap();
        assert!(me.rss > 0 && me.rss_peak >= me.rss);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let with = ProcessSample::read(std::process::id()).unwrap();
        assert!(with.sockets >= 1);
        drop(listener);
    }
}
