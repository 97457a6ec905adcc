//! A recording upstream: answers every request with 200 and keeps what it received, so the
//! demo can print and the tests can assert on exactly what reached the primary and the shadow.
//!
//! One thread per connection, HTTP/1.1 keep-alive: Envoy pools connections per worker, and a
//! server that serialises them would turn load into upstream timeouts.

pub mod wire;

use std::io::{BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::Serialize;

/// One request as the upstream saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub method: String,
    pub path: String,
    /// Header names lowercased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// How the upstream behaves, for fault tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Behaviour {
    #[default]
    Answer,
    /// Wait this long before answering.
    Slow(Duration),
}

#[derive(Debug, Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    /// Requests seen, kept even when recording is off.
    count: std::sync::atomic::AtomicU64,
    stop: AtomicBool,
    /// Keep every request (tests) or only count them (load runs).
    record: AtomicBool,
}

/// A running upstream on 127.0.0.1 with a port the OS picked. Stopped when dropped.
#[derive(Debug)]
pub struct Upstream {
    name: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Upstream {
    pub fn start(name: &str) -> std::io::Result<Self> {
        Self::start_with(name, Behaviour::Answer)
    }

    pub fn start_with(name: &str, behaviour: Behaviour) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        shared.record.store(true, Ordering::Relaxed);
        let acceptor = {
            let shared = Arc::clone(&shared);
            let name = name.to_owned();
            std::thread::spawn(move || accept(&listener, &shared, &name, behaviour))
        };
        Ok(Self {
            name: name.to_owned(),
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Stop keeping request contents (long load runs); requests are still counted.
    pub fn set_recording(&self, on: bool) {
        self.shared.record.store(on, Ordering::Relaxed);
    }

    /// Requests received so far, recorded or not.
    pub fn count(&self) -> u64 {
        self.shared.count.load(Ordering::Relaxed)
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared
            .received
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default()
    }

    pub fn clear(&self) {
        if let Ok(mut r) = self.shared.received.lock() {
            r.clear();
        }
    }

    /// Waits until at least `n` requests arrived or `timeout` passed; returns what arrived.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.received();
            if got.len() >= n || Instant::now() >= deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        // Wake the acceptor blocked in accept().
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>, name: &str, behaviour: Behaviour) {
    for conn in listener.incoming() {
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        let Ok(conn) = conn else { continue };
        let shared = Arc::clone(shared);
        let name = name.to_owned();
        // Connection threads end when the peer closes; they are not joined, so a stuck peer
        // cannot hold up a test's teardown.
        std::thread::spawn(move || serve(conn, &shared, &name, behaviour));
    }
}

fn serve(conn: TcpStream, shared: &Shared, name: &str, behaviour: Behaviour) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(60)));
    let Ok(mut writer) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    while let Ok(Some(head)) = wire::Head::read(&mut reader) {
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        let Ok(body) = head.read_body(&mut reader, false) else {
            return;
        };
        let mut parts = head.start.split(' ');
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let close = head
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        shared.count.fetch_add(1, Ordering::Relaxed);
        if shared.record.load(Ordering::Relaxed) {
            if let Ok(mut r) = shared.received.lock() {
                r.push(Received {
                    method,
                    path,
                    headers: head.headers,
                    body,
                });
            }
        }
        if let Behaviour::Slow(delay) = behaviour {
            std::thread::sleep(delay);
        }
        let reply = format!("{{\"upstream\":\"{name}\"}}\n");
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
            reply.len()
        );
        if writer.write_all(response.as_bytes()).is_err() || close {
            return;
        }
    }
}
