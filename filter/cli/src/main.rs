//! The `mirrorguard` command: a thin shell over the library and the engine. Each subcommand
//! lives in its own module.

mod entropy;
mod generate_cmd;
mod package_cmd;
mod redact;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Safe request mirroring: preview redaction with the filter's own engine, generate mesh
/// configuration, and package the filter for Istio.
#[derive(Debug, Parser)]
#[command(name = "mirrorguard", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Redact(redact::Args),
    #[command(subcommand)]
    Generate(generate_cmd::Generate),
    Package(package_cmd::Package),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Redact(args) => return redact::run(&args),
        Command::Generate(g) => g.run(),
        Command::Package(p) => p.run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mirrorguard: {e}");
            ExitCode::FAILURE
        }
    }
}
