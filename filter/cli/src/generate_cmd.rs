//! `mirrorguard generate istio|envoy`.

use std::error::Error;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use mirrorguard::generate::istio::{self, Cluster, Options};
use mirrorguard::generate::output::{self, Doc};
use mirrorguard::generate::{envoy, patch, Spec};

/// Turn a mirroring spec into validated mesh configuration.
///
/// The spec (YAML or JSON) names the service, the primary destination, the mirror targets
/// with their percentages, the filter's placement (`gateway`, `upstream` or `receiver`),
/// the filter module and its plugin config. Unknown fields are rejected by path. See
/// `examples/specs/` and `istio/README.md`.
#[derive(Debug, Subcommand)]
pub enum Generate {
    /// Istio resources for the spec's placement, as multi-document YAML on stdout (or files
    /// under --out). The `gateway` placement spans two clusters: each document says which.
    Istio(IstioArgs),
    /// A complete static Envoy bootstrap (no Istio) for the `upstream` placement: a listener,
    /// the primary cluster, and one mirror cluster per target running the filter as an
    /// upstream HTTP filter. Addresses and the module path come from the spec's `envoy`.
    Envoy(EnvoyArgs),
}

#[derive(Debug, Args)]
pub struct IstioArgs {
    /// The spec file (YAML or JSON).
    #[arg(long, value_name = "FILE")]
    spec: PathBuf,
    /// Write one file per resource under DIR/source/ and DIR/target/ instead of stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// For Istio before 1.22: write the single `mirror` + `mirrorPercentage` fields (one
    /// mirror target only) and the v1beta1 API versions those releases serve.
    #[arg(long)]
    legacy_mirror: bool,
    /// Instead of a new VirtualService, add the mirror to the matching routes of the
    /// VirtualService in this file (all routes to the primary host, or the spec's `routes`),
    /// keeping everything else in the file as it was, comments included.
    #[arg(long, value_name = "FILE")]
    patch: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EnvoyArgs {
    /// The spec file (YAML or JSON); its placement must be `upstream`.
    #[arg(long, value_name = "FILE")]
    spec: PathBuf,
    /// Write the bootstrap to DIR/envoy.yaml instead of stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

fn read(path: &Path, what: &str) -> Result<String, Box<dyn Error>> {
    std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {what} {}: {e}", path.display()).into())
}

fn load_spec(path: &Path) -> Result<Spec, Box<dyn Error>> {
    Spec::parse(&read(path, "spec")?).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn emit(docs: &[Doc], out: Option<&Path>) -> Result<(), Box<dyn Error>> {
    match out {
        None => {
            print!("{}", output::stream(docs));
            Ok(())
        }
        Some(dir) => {
            for (rel, text) in output::files(docs) {
                let path = dir.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
            Ok(())
        }
    }
}

impl Generate {
    pub fn run(self) -> Result<(), Box<dyn Error>> {
        match self {
            Generate::Istio(args) => {
                let spec = load_spec(&args.spec)?;
                let options = Options {
                    legacy_mirror: args.legacy_mirror,
                };
                let docs = match &args.patch {
                    None => Doc::objects(&istio::render(&spec, options)?),
                    Some(file) => {
                        let patched = patch::patch(&read(file, "VirtualService")?, &spec, options)?;
                        let mut docs = vec![Doc {
                            cluster: Cluster::Source,
                            stem: format!("virtualservice-{}", patched.name),
                            text: patched.text,
                        }];
                        docs.extend(Doc::objects(&istio::supporting(&spec, options)?));
                        docs
                    }
                };
                emit(&docs, args.out.as_deref())
            }
            Generate::Envoy(args) => {
                let spec = load_spec(&args.spec)?;
                let text = output::yaml(&envoy::bootstrap(&spec)?);
                match &args.out {
                    None => print!("{text}"),
                    Some(dir) => {
                        std::fs::create_dir_all(dir)?;
                        let path = dir.join("envoy.yaml");
                        std::fs::write(&path, text)?;
                        eprintln!("wrote {}", path.display());
                    }
                }
                Ok(())
            }
        }
    }
}
