//! `mirrorguard`: previews what the filter does to a mirrored copy, with the filter's own
//! engine. Each subcommand lives in its own module.

mod entropy;
mod redact;

use std::process::ExitCode;

use clap::Parser;

/// Tools for mirrorguard, the Envoy filter that makes mirrored (shadow) HTTP requests safe.
#[derive(Debug, Parser)]
#[command(name = "mirrorguard", version)]
enum Cli {
    Redact(redact::Args),
}

fn main() -> ExitCode {
    match Cli::parse() {
        Cli::Redact(args) => redact::run(&args),
    }
}
