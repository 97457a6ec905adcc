//! CPU time of a process, summed over its threads, from the scheduler's own accounting
//! (`/proc/<pid>/task/<tid>/schedstat`, nanoseconds), with `/proc/<pid>/stat` (clock ticks)
//! as the fallback where schedstat is missing.

use std::path::Path;

/// Nanoseconds of CPU the process has used so far.
pub fn process_cpu_ns(pid: u32) -> u64 {
    schedstat_ns(pid).unwrap_or_else(|| stat_ns(pid).unwrap_or(0))
}

fn schedstat_ns(pid: u32) -> Option<u64> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut total = 0u64;
    let mut any = false;
    for task in tasks.flatten() {
        if let Some(ns) = read_first_number(&task.path().join("schedstat")) {
            total += ns;
            any = true;
        }
    }
    any.then_some(total)
}

fn read_first_number(path: &Path) -> Option<u64> {
    std::fs::read_to_string(path)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// utime + stime from `/proc/<pid>/stat`, assuming the usual 100 ticks per second.
fn stat_ns(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the full line; 12 and 13 after `) `.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10_000_000)
}
