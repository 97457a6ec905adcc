//! The `mirrorguard` binary as users run it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod support;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mirrorguard"))
        .args(args)
        .current_dir(support::repo_root())
        .output()
        .expect("run mirrorguard")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn generate_istio_prints_every_document() {
    let out = run(&["generate", "istio", "--spec", "examples/specs/gateway.yaml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let docs: Vec<serde_json::Value> = serde_yaml_ng::Deserializer::from_str(&stdout)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect();
    let root = support::repo_root().join("istio/gateway");
    let kept: usize = ["source", "target"]
        .iter()
        .map(|d| std::fs::read_dir(root.join(d)).unwrap().count())
        .sum();
    assert_eq!(docs.len(), kept);
    assert_eq!(
        kept, 12,
        "9 resources for the source cluster, 3 for the target"
    );
    assert!(stdout.contains("# cluster: target"));
}

#[test]
fn generate_istio_out_writes_what_is_kept_under_istio() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&[
        "generate",
        "istio",
        "--spec",
        "examples/specs/receiver.yaml",
        "--out",
        tmp.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kept = support::repo_root().join("istio/receiver/source");
    for entry in std::fs::read_dir(&kept).unwrap() {
        let path = entry.unwrap().path();
        let written = tmp.path().join("source").join(path.file_name().unwrap());
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            std::fs::read_to_string(&path).unwrap()
        );
    }
}

#[test]
fn unknown_spec_field_fails_naming_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(support::repo_root().join("examples/specs/upstream.yaml"))
        .unwrap()
        .replace("percentage: 5", "percentage: 5\n    precentage: 5");
    let file = tmp.path().join("spec.yaml");
    std::fs::write(&file, spec).unwrap();
    let out = run(&["generate", "istio", "--spec", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("mirrors[0].precentage"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn legacy_mirror_refuses_two_targets() {
    let out = run(&[
        "generate",
        "istio",
        "--legacy-mirror",
        "--spec",
        "examples/specs/two-targets.yaml",
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--legacy-mirror"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn generate_envoy_needs_the_upstream_placement() {
    let ok = run(&[
        "generate",
        "envoy",
        "--spec",
        "examples/specs/upstream.yaml",
    ]);
    assert!(ok.status.success());
    assert_eq!(
        text(&ok.stdout),
        std::fs::read_to_string(support::repo_root().join("envoy/upstream.yaml")).unwrap()
    );
    let bad = run(&["generate", "envoy", "--spec", "examples/specs/gateway.yaml"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("placement `gateway`"));
}

#[test]
fn patch_mode_prints_the_patched_file_and_the_other_resources() {
    let out = run(&[
        "generate",
        "istio",
        "--spec",
        "examples/specs/gateway.yaml",
        "--patch",
        "examples/patch/orders-virtualservice.yaml",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("# Ordinary traffic, with a retry budget tuned in incident 4711."));
    assert!(!stdout.contains("name: orders-shadow\n  namespace: shop\nspec:\n  hosts"));
    assert!(stdout.contains("kind: WasmPlugin"));
}

#[test]
fn help_explains_each_command() {
    for (args, expect) in [
        (
            vec!["generate", "istio", "--help"],
            ["--legacy-mirror", "--patch", "--out"],
        ),
        (
            vec!["generate", "envoy", "--help"],
            ["upstream", "--spec", "--out"],
        ),
        (vec!["package", "--help"], ["--wasm", "--out", "skopeo"]),
    ] {
        let out = run(&args);
        assert!(out.status.success());
        let help = text(&out.stdout);
        for word in expect {
            assert!(help.contains(word), "{args:?} help lacks {word}:\n{help}");
        }
    }
}

#[test]
fn package_prints_digest_and_sha256() {
    let tmp = tempfile::tempdir().unwrap();
    let module = support::test_module(tmp.path());
    let dir = tmp.path().join("oci");
    let out = run(&[
        "package",
        "--wasm",
        module.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let digest = stdout
        .lines()
        .find_map(|l| l.strip_prefix("image digest:"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("sha256: {}", &digest[7..])),
        "{stdout}"
    );
    assert!(Path::new(&dir).join("index.json").is_file());

    let missing = run(&[
        "package",
        "--wasm",
        "/nonexistent.wasm",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("cargo build --release --target wasm32-wasip1"));
}
