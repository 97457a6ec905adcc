//! A recording upstream: answers every request with 200 and keeps what it received, so the
//! demo can print and the tests can assert on exactly what reached the primary and the shadow.

use std::net::SocketAddr;
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

/// A running upstream on 127.0.0.1 with a port the OS picked. Stopped when dropped.
pub struct Upstream {
    name: String,
    addr: SocketAddr,
    server: Arc<tiny_http::Server>,
    received: Arc<Mutex<Vec<Received>>>,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("name", &self.name)
            .field("addr", &self.addr)
            .finish()
    }
}

impl Upstream {
    pub fn start(name: &str) -> std::io::Result<Self> {
        Self::start_with(name, Behaviour::Answer)
    }

    pub fn start_with(name: &str, behaviour: Behaviour) -> std::io::Result<Self> {
        let server = tiny_http::Server::http("127.0.0.1:0").map_err(std::io::Error::other)?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("no ip"))?;
        let server = Arc::new(server);
        let received = Arc::new(Mutex::new(Vec::new()));
        let worker = {
            let server = Arc::clone(&server);
            let received = Arc::clone(&received);
            let name = name.to_owned();
            std::thread::spawn(move || serve(&server, &received, &name, behaviour))
        };
        Ok(Self {
            name: name.to_owned(),
            addr,
            server,
            received,
            worker: Some(worker),
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

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }

    pub fn clear(&self) {
        if let Ok(mut r) = self.received.lock() {
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
        self.server.unblock();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn serve(
    server: &tiny_http::Server,
    received: &Mutex<Vec<Received>>,
    name: &str,
    behaviour: Behaviour,
) {
    for mut request in server.incoming_requests() {
        let mut body = Vec::new();
        let complete = request.as_reader().read_to_end(&mut body).is_ok();
        if complete {
            let record = Received {
                method: request.method().as_str().to_owned(),
                path: request.url().to_owned(),
                headers: request
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.as_str().as_str().to_ascii_lowercase(),
                            h.value.as_str().to_owned(),
                        )
                    })
                    .collect(),
                body,
            };
            if let Ok(mut r) = received.lock() {
                r.push(record);
            }
        }
        if let Behaviour::Slow(delay) = behaviour {
            std::thread::sleep(delay);
        }
        let reply = format!("{{\"upstream\":\"{name}\"}}\n");
        let header = tiny_http::Header::from_bytes("content-type", "application/json");
        let mut response = tiny_http::Response::from_string(reply);
        if let Ok(h) = header {
            response = response.with_header(h);
        }
        let _ = request.respond(response);
    }
}
