//! The `mirrorguard` command: a thin shell over the library.

mod generate_cmd;
mod package_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Safe request mirroring: generate mesh configuration and package the filter.
#[derive(Debug, Parser)]
#[command(name = "mirrorguard", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(subcommand)]
    Generate(generate_cmd::Generate),
    Package(package_cmd::Package),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
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
