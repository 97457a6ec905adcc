//! The load: client threads, each with one keep-alive connection to Envoy, sending requests
//! from the pool in a shared order until a request count or a deadline is reached.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use mirrorguard_harness::Connection;

use crate::mix::{Kind, Prepared};

/// What the clients saw.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub sent: u64,
    /// Answered 200 by the primary (the echo upstream names itself in the body).
    pub ok: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// Requests sent per kind, in [`Kind::MIX`] order.
    pub by_kind: [u64; Kind::MIX.len()],
    pub bytes: u64,
    /// Client-side latency of every request, microseconds.
    pub latencies_us: Vec<u32>,
}

impl Tally {
    pub fn merge(&mut self, other: Tally) {
        self.sent += other.sent;
        self.ok += other.ok;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        for (a, b) in self.by_kind.iter_mut().zip(other.by_kind) {
            *a += b;
        }
        self.bytes += other.bytes;
        self.latencies_us.extend(other.latencies_us);
    }

    pub fn sent_of(&self, kind: Kind) -> u64 {
        Kind::MIX
            .iter()
            .position(|(k, _)| *k == kind)
            .and_then(|i| self.by_kind.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The latency at quantile `q` (0..=1), microseconds.
    pub fn latency(&mut self, q: f64) -> u32 {
        self.latencies_us.sort_unstable();
        let last = self.latencies_us.len().saturating_sub(1);
        let at = ((last as f64) * q).round() as usize;
        self.latencies_us.get(at.min(last)).copied().unwrap_or(0)
    }
}

/// Open keep-alive connections to Envoy, one per client thread.
pub fn connect(addr: SocketAddr, n: usize) -> std::io::Result<Vec<Connection>> {
    (0..n).map(|_| Connection::open(addr)).collect()
}

/// Where the load stands, shared by the client threads and the watcher.
#[derive(Debug)]
pub struct Counter {
    next: AtomicU64,
    done: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Self {
            next: AtomicU64::new(0),
            done: AtomicU64::new(0),
        }
    }

    /// Requests answered (or failed) so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }
}

/// Sends requests until `counter` reaches `until` or `deadline` passes, over the given
/// connections (one thread each); calls `watch` about twice a second with the number of
/// requests done. Returns the connections, still open, and the tally.
pub fn run(
    conns: Vec<Connection>,
    addr: SocketAddr,
    pool: &[Prepared],
    counter: &Counter,
    until: u64,
    deadline: Instant,
    mut watch: impl FnMut(u64),
) -> (Vec<Connection>, Tally) {
    std::thread::scope(|scope| {
        let workers: Vec<_> = conns
            .into_iter()
            .map(|conn| {
                scope.spawn(move || client(Some(conn), addr, pool, counter, until, deadline))
            })
            .collect();
        while workers.iter().any(|w| !w.is_finished()) {
            std::thread::sleep(Duration::from_millis(500));
            watch(counter.done());
        }
        let mut conns = Vec::new();
        let mut tally = Tally::default();
        for worker in workers {
            if let Ok((conn, t)) = worker.join() {
                conns.extend(conn);
                tally.merge(t);
            }
        }
        (conns, tally)
    })
}

fn client(
    mut conn: Option<Connection>,
    addr: SocketAddr,
    pool: &[Prepared],
    counter: &Counter,
    until: u64,
    deadline: Instant,
) -> (Option<Connection>, Tally) {
    let mut tally = Tally::default();
    loop {
        if Instant::now() >= deadline {
            break;
        }
        let i = counter.next.fetch_add(1, Ordering::Relaxed);
        if i >= until {
            counter.next.fetch_sub(1, Ordering::Relaxed);
            break;
        }
        let Some(prepared) = usize::try_from(i)
            .ok()
            .and_then(|i| pool.get(i % pool.len().max(1)))
        else {
            break;
        };
        if conn.is_none() {
            conn = Connection::open(addr).ok();
        }
        let started = Instant::now();
        let outcome = match conn.as_mut() {
            Some(c) => c.send(&prepared.request).map_err(|e| e.to_string()),
            None => Err("cannot connect to Envoy".to_owned()),
        };
        let micros = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
        tally.latencies_us.push(micros);
        tally.sent += 1;
        tally.bytes += prepared.request.body.len() as u64;
        if let Some(slot) = Kind::MIX
            .iter()
            .position(|(k, _)| *k == prepared.kind)
            .and_then(|k| tally.by_kind.get_mut(k))
        {
            *slot += 1;
        }
        match outcome {
            Ok(r) if r.status == 200 && r.body.starts_with(b"{\"upstream\":\"primary\"") => {
                tally.ok += 1;
            }
            Ok(r) => {
                tally.errors += 1;
                tally
                    .first_error
                    .get_or_insert_with(|| format!("request {i}: status {}", r.status));
            }
            Err(e) => {
                tally.errors += 1;
                tally
                    .first_error
                    .get_or_insert_with(|| format!("request {i}: {e}"));
                conn = None;
            }
        }
        counter.done.fetch_add(1, Ordering::Relaxed);
    }
    (conn, tally)
}
