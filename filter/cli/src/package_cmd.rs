//! `mirrorguard package`.

use std::error::Error;
use std::path::PathBuf;

use clap::Args;
use mirrorguard::package;

/// Package the filter module as an OCI image layout that Istio's WasmPlugin can pull.
///
/// Writes the Wasm image (compat variant: one tar+gzip layer holding `plugin.wasm`) into
/// DIR, then prints the image digest and the `sha256` to put in the WasmPlugin. Push it
/// with e.g. `skopeo copy oci:DIR:TAG docker://REGISTRY/mirrorguard:TAG`.
#[derive(Debug, Args)]
pub struct Package {
    /// The module to package.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "target/wasm32-wasip1/release/mirrorguard_filter.wasm"
    )]
    wasm: PathBuf,
    /// The OCI image layout directory to write (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The tag recorded in the layout's index.
    #[arg(long, default_value = env!("CARGO_PKG_VERSION"))]
    tag: String,
}

impl Package {
    pub fn run(self) -> Result<(), Box<dyn Error>> {
        let module = std::fs::read(&self.wasm).map_err(|e| {
            format!(
                "cannot read the module {}: {e} (build it with `cargo build --release --target wasm32-wasip1 -p mirrorguard-filter`, or pass --wasm)",
                self.wasm.display()
            )
        })?;
        let done = package::package(&module, &self.out, &self.tag)?;
        println!("image layout:   {} (tag {})", done.dir.display(), done.tag);
        println!("image digest:   {}", done.manifest_digest);
        println!("module sha256:  {}", done.module_sha256);
        println!(
            "WasmPlugin:     url: oci://REGISTRY/mirrorguard:{}  sha256: {}",
            done.tag,
            done.wasm_plugin_sha256()
        );
        Ok(())
    }
}
