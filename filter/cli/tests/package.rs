//! `mirrorguard package` writes an OCI image layout that skopeo accepts and from which
//! Istio's fetcher gets the module back: the last layer, tar+gzip, holding `plugin.wasm`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod support;

use std::io::Read;
use std::process::Command;

use mirrorguard::package::{self, LAYER_MEDIA_TYPE, PLUGIN_FILE};
use serde_json::Value;

fn skopeo(args: &[&str]) -> Value {
    let out = Command::new(support::skopeo_bin())
        .args(args)
        .output()
        .expect("run skopeo");
    assert!(
        out.status.success(),
        "skopeo {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("skopeo prints JSON")
}

fn blob(dir: &std::path::Path, digest: &str) -> Vec<u8> {
    let hex = digest.strip_prefix("sha256:").unwrap();
    std::fs::read(dir.join("blobs/sha256").join(hex)).unwrap()
}

#[test]
fn skopeo_accepts_the_layout_and_the_module_comes_back_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let module_path = support::test_module(tmp.path());
    let module = std::fs::read(&module_path).unwrap();
    let dir = tmp.path().join("image");
    let done = package::package(&module, &dir, "0.1.0").unwrap();

    let layout = format!("oci:{}", dir.display());
    let inspected = skopeo(&["inspect", &layout]);
    assert_eq!(inspected["Digest"], done.manifest_digest.as_str());
    assert_eq!(inspected["Architecture"], "wasm");
    let layers = inspected["Layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1, "Istio's compat variant: exactly one layer");

    let tagged = skopeo(&["inspect", &format!("{layout}:0.1.0")]);
    assert_eq!(tagged["Digest"], done.manifest_digest.as_str());

    let manifest = skopeo(&["inspect", "--raw", &layout]);
    assert_eq!(
        manifest["annotations"]["module.wasm.image/variant"],
        "compat"
    );
    assert_eq!(
        manifest["config"]["mediaType"],
        "application/vnd.oci.image.config.v1+json"
    );
    assert_eq!(manifest["layers"][0]["mediaType"], LAYER_MEDIA_TYPE);
    assert_eq!(manifest["layers"][0]["digest"], layers[0]);

    // What Istio does: take the last layer, gunzip, find plugin.wasm.
    let layer = blob(&dir, layers[0].as_str().unwrap());
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(&layer[..])
        .read_to_end(&mut tar)
        .unwrap();
    let name = std::str::from_utf8(&tar[..100])
        .unwrap()
        .trim_end_matches('\0');
    assert_eq!(name, PLUGIN_FILE);
    let size = usize::from_str_radix(std::str::from_utf8(&tar[124..135]).unwrap(), 8).unwrap();
    assert_eq!(&tar[512..512 + size], &module[..]);

    // The config's diff_id is the digest of the uncompressed layer.
    let config: Value =
        serde_json::from_slice(&blob(&dir, manifest["config"]["digest"].as_str().unwrap()))
            .unwrap();
    let tar_digest = format!("sha256:{}", sha256_hex(&tar));
    assert_eq!(config["rootfs"]["diff_ids"][0], tar_digest.as_str());

    assert_eq!(done.module_sha256, sha256_hex(&module));
    assert_eq!(
        done.wasm_plugin_sha256(),
        done.manifest_digest.trim_start_matches("sha256:")
    );
}

#[test]
fn same_module_same_digest() {
    let tmp = tempfile::tempdir().unwrap();
    let module = std::fs::read(support::test_module(tmp.path())).unwrap();
    let a = package::package(&module, &tmp.path().join("a"), "t").unwrap();
    let b = package::package(&module, &tmp.path().join("b"), "t").unwrap();
    assert_eq!(a.manifest_digest, b.manifest_digest);
    // Re-packaging into an existing layout is allowed; a foreign directory is not.
    assert!(package::package(&module, &tmp.path().join("a"), "t").is_ok());
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "x").unwrap();
    assert!(matches!(
        package::package(&module, &foreign, "t"),
        Err(package::Error::NotALayout(_))
    ));
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
