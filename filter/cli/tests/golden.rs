//! The rendered examples kept in `istio/` and `envoy/` are exactly what the generator makes
//! from `examples/specs/`. When a change to the generator is intended, re-render them with
//!
//!     MIRRORGUARD_BLESS=1 cargo test -p mirrorguard --test golden
//!
//! and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mirrorguard::generate::istio::{self, Options};
use mirrorguard::generate::output::{self, Doc};
use mirrorguard::generate::spec::Placement;
use mirrorguard::generate::{envoy, patch};

fn bless() -> bool {
    std::env::var_os("MIRRORGUARD_BLESS").is_some_and(|v| v == "1")
}

/// All files under `dir`, by path relative to it.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

fn write_tree(dir: &Path, files: &BTreeMap<PathBuf, String>) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Compares, or rewrites when blessing. Returns the drift found, one line per file.
fn check_tree(dir: &Path, expected: BTreeMap<PathBuf, String>) -> Vec<String> {
    if bless() {
        write_tree(dir, &expected);
        return Vec::new();
    }
    let actual = read_tree(dir);
    let mut drift = Vec::new();
    for (rel, text) in &expected {
        match actual.get(rel) {
            None => drift.push(format!("missing: {}", dir.join(rel).display())),
            Some(found) if found != text => {
                drift.push(format!("differs: {}", dir.join(rel).display()))
            }
            Some(_) => {}
        }
    }
    for rel in actual.keys().filter(|k| !expected.contains_key(*k)) {
        drift.push(format!("stale: {}", dir.join(rel).display()));
    }
    drift
}

#[test]
fn rendered_examples_match_the_generator() {
    let root = support::repo_root();
    let mut drift = Vec::new();
    let mut dirs = vec!["README.md".to_owned(), "patched".to_owned()];
    for (name, spec, options) in support::istio_renderings() {
        let docs = Doc::objects(&istio::render(&spec, options).unwrap());
        let files = output::files(&docs).into_iter().collect();
        drift.extend(check_tree(&root.join("istio").join(&name), files));
        dirs.push(name);
    }
    // Patch mode, on the example VirtualService.
    let existing =
        std::fs::read_to_string(root.join("examples/patch/orders-virtualservice.yaml")).unwrap();
    let (_, gateway) = support::example_specs()
        .into_iter()
        .find(|(n, _)| n == "gateway")
        .unwrap();
    let patched = patch::patch(&existing, &gateway, Options::default()).unwrap();
    let files = [(PathBuf::from("orders-virtualservice.yaml"), patched.text)].into();
    drift.extend(check_tree(&root.join("istio/patched"), files));
    // Nothing else under istio/.
    for entry in std::fs::read_dir(root.join("istio")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !dirs.contains(&name) {
            drift.push(format!("stale: istio/{name}"));
        }
    }
    // The plain Envoy bootstrap of every upstream example.
    let mut envoy_files = BTreeMap::new();
    for (name, spec) in support::example_specs() {
        if matches!(spec.placement, Placement::Upstream(_)) {
            let text = output::yaml(&envoy::bootstrap(&spec).unwrap());
            envoy_files.insert(PathBuf::from(format!("{name}.yaml")), text);
        }
    }
    assert!(!envoy_files.is_empty());
    drift.extend(check_tree(&root.join("envoy"), envoy_files));
    assert!(
        drift.is_empty(),
        "rendered examples drifted from the generator (re-render with MIRRORGUARD_BLESS=1 and review):\n{}",
        drift.join("\n")
    );
}
