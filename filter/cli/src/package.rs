//! `mirrorguard package`: the filter as an OCI image layout that Istio's WasmPlugin pulls.
//!
//! The image follows the *compat* variant of the Wasm image specification that Istio
//! implements (istio/istio `pkg/wasm/imagefetcher.go`): standard OCI media types, one
//! `application/vnd.oci.image.layer.v1.tar+gzip` layer holding `plugin.wasm`, and the
//! manifest annotation `module.wasm.image/variant: compat`. Istio reads the last layer's
//! `plugin.wasm`. Standard media types mean any registry and tool (`skopeo copy oci:DIR
//! docker://...`) handle it, unlike the artifact variant's custom types.
//!
//! Everything is deterministic (fixed timestamps, owners and modes), so the same module
//! always gives the same digest.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub const MANIFEST_MEDIA_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";
pub const INDEX_MEDIA_TYPE: &str = "application/vnd.oci.image.index.v1+json";
pub const CONFIG_MEDIA_TYPE: &str = "application/vnd.oci.image.config.v1+json";
pub const LAYER_MEDIA_TYPE: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
/// The file Istio looks for in the layer.
pub const PLUGIN_FILE: &str = "plugin.wasm";

/// What was written, and the values a WasmPlugin needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packaged {
    pub dir: PathBuf,
    pub tag: String,
    /// `sha256:<hex>` of the image manifest: the image's digest in a registry.
    pub manifest_digest: String,
    /// Hex SHA-256 of the module itself (for http(s):// and file:// URLs).
    pub module_sha256: String,
}

impl Packaged {
    /// The value of WasmPlugin `sha256` for an `oci://` URL: Istio compares it with the
    /// image manifest digest, without the `sha256:` prefix.
    pub fn wasm_plugin_sha256(&self) -> &str {
        self.manifest_digest
            .strip_prefix("sha256:")
            .unwrap_or(&self.manifest_digest)
    }
}

#[derive(Debug)]
pub enum Error {
    NotWasm,
    NotALayout(PathBuf),
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotWasm => f.write_str("the input is not a WebAssembly module (no `\\0asm` header)"),
            Error::NotALayout(dir) => write!(
                f,
                "{} exists, is not empty and is not an OCI image layout; choose an empty or new directory",
                dir.display()
            ),
            Error::Io(e) => write!(f, "cannot write the image: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A POSIX ustar archive holding one regular file, owned by root, mode 0644, dated 1970.
fn tar_one(name: &str, data: &[u8]) -> Vec<u8> {
    let mut header = [0u8; 512];
    let mut put = |at: usize, field: &[u8]| {
        if let Some(slot) = header.get_mut(at..at + field.len()) {
            slot.copy_from_slice(field);
        }
    };
    put(0, name.as_bytes());
    put(100, b"0000644\0");
    put(108, b"0000000\0");
    put(116, b"0000000\0");
    put(124, format!("{:011o}\0", data.len()).as_bytes());
    put(136, b"00000000000\0");
    put(148, b"        ");
    put(156, b"0");
    put(257, b"ustar\0");
    put(263, b"00");
    let sum: u32 = header.iter().map(|b| u32::from(*b)).sum();
    if let Some(slot) = header.get_mut(148..156) {
        slot.copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    }
    let mut out = header.to_vec();
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(512) * 512, 0);
    out.extend_from_slice(&[0u8; 1024]);
    out
}

fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    // No file name and a zero timestamp in the gzip header, so output depends on input only.
    let mut enc: GzEncoder<Vec<u8>> = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    enc.write_all(data)?;
    enc.finish()
}

fn descriptor(media_type: &str, bytes: &[u8]) -> Value {
    json!({
        "mediaType": media_type,
        "digest": format!("sha256:{}", sha256_hex(bytes)),
        "size": bytes.len(),
    })
}

fn write_blob(dir: &Path, bytes: &[u8]) -> io::Result<()> {
    let blobs = dir.join("blobs").join("sha256");
    std::fs::create_dir_all(&blobs)?;
    std::fs::write(blobs.join(sha256_hex(bytes)), bytes)
}

fn json_bytes(value: &Value) -> Vec<u8> {
    // A JSON value always serialises.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Writes `module` as an image tagged `tag` into the OCI layout at `dir`.
pub fn package(module: &[u8], dir: &Path, tag: &str) -> Result<Packaged, Error> {
    if module.get(..4) != Some(b"\0asm".as_slice()) {
        return Err(Error::NotWasm);
    }
    if dir.exists() {
        let empty = std::fs::read_dir(dir)?.next().is_none();
        if !empty && !dir.join("oci-layout").is_file() {
            return Err(Error::NotALayout(dir.to_path_buf()));
        }
    }
    std::fs::create_dir_all(dir)?;

    let tar = tar_one(PLUGIN_FILE, module);
    let layer = gzip(&tar)?;
    let config = json_bytes(&json!({
        "architecture": "wasm",
        "os": "wasip1",
        "config": {},
        "rootfs": { "type": "layers", "diff_ids": [format!("sha256:{}", sha256_hex(&tar))] },
    }));
    let mut layer_desc = descriptor(LAYER_MEDIA_TYPE, &layer);
    layer_desc["annotations"] = json!({ "org.opencontainers.image.title": PLUGIN_FILE });
    let manifest = json_bytes(&json!({
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": descriptor(CONFIG_MEDIA_TYPE, &config),
        "layers": [layer_desc],
        "annotations": { "module.wasm.image/variant": "compat" },
    }));
    let mut manifest_desc = descriptor(MANIFEST_MEDIA_TYPE, &manifest);
    manifest_desc["annotations"] = json!({ "org.opencontainers.image.ref.name": tag });
    let index = json_bytes(&json!({
        "schemaVersion": 2,
        "mediaType": INDEX_MEDIA_TYPE,
        "manifests": [manifest_desc],
    }));

    for blob in [&layer, &config, &manifest] {
        write_blob(dir, blob)?;
    }
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    std::fs::write(dir.join("index.json"), index)?;
    Ok(Packaged {
        dir: dir.to_path_buf(),
        tag: tag.to_owned(),
        manifest_digest: format!("sha256:{}", sha256_hex(&manifest)),
        module_sha256: sha256_hex(module),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tar_header_checksum_and_padding() {
        let tar = tar_one("plugin.wasm", b"\0asm\x01\0\0\0");
        assert_eq!(tar.len(), 512 + 512 + 1024);
        let stored = std::str::from_utf8(&tar[148..154]).unwrap();
        let mut header = tar[..512].to_vec();
        header[148..156].copy_from_slice(b"        ");
        let sum: u32 = header.iter().map(|b| u32::from(*b)).sum();
        assert_eq!(u32::from_str_radix(stored, 8).unwrap(), sum);
        assert_eq!(&tar[512..520], b"\0asm\x01\0\0\0");
    }

    #[test]
    fn gzip_is_deterministic_and_round_trips() {
        use std::io::Read;
        let data = b"same input, same bytes".repeat(10);
        let a = gzip(&data).unwrap();
        assert_eq!(a, gzip(&data).unwrap());
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&a[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn refuses_what_is_not_wasm() {
        let dir = std::env::temp_dir().join("mirrorguard-not-wasm");
        assert!(matches!(package(b"ELF...", &dir, "t"), Err(Error::NotWasm)));
    }
}
