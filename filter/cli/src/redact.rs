//! `mirrorguard redact`: a raw HTTP/1.1 request in, the mirrored copy as the filter would
//! forward it out, computed by the very engine the filter runs.

use std::fmt;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use mirrorguard_engine::http1::{self, ParseError, PrintError};
use mirrorguard_engine::{BodyJob, ConfigError, DropReason, HeadersVerdict, Policy, Tally};

use crate::entropy::OsEntropy;

/// Exit status when the filter would drop the copy instead of forwarding it.
const EXIT_DROPPED: u8 = 3;
/// Exit status for an unusable config, a malformed request, or an I/O failure.
const EXIT_FAILED: u8 = 1;

/// Preview the redaction of a request.
///
/// Reads a raw HTTP/1.1 request on stdin (request line, headers, blank line, body; CRLF or
/// LF line ends; the body is framed by Content-Length, by chunked Transfer-Encoding, or runs
/// to the end of the input) and prints, in the same format, the copy that would leave the
/// filter: path, query, cookies, headers and body redacted, header rules applied, copy
/// tagged. The Host header is printed from :authority; Content-Length is that of the printed
/// body (the filter removes it when it rewrites a body, and the copy then travels chunked).
///
/// The configuration is the filter's plugin config (the JSON given as Istio `pluginConfig`
/// or Envoy `configuration`); `{"fromEnv": ...}` values are read from this process's
/// environment. Without --config, the default profile applies. Without `redaction.key`, a
/// random key is drawn (with a warning), so pseudonyms change from run to run.
///
/// With --text, stdin is one plain text value (UTF-8), redacted as text in any part of a
/// request would be.
///
/// Output goes to stdout; warnings, a count of redacted values and errors go to stderr.
/// Error messages never repeat the request's content.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status:\n  \
    0  the copy (or text) was printed\n  \
    1  unusable config, malformed request, or I/O error\n  \
    2  invalid command line\n  \
    3  the filter would drop the copy; stderr says `copy dropped: <reason>`")]
pub struct Args {
    /// Plugin configuration file (JSON). Default: the default profile.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Treat stdin as one plain text value instead of an HTTP/1.1 request.
    #[arg(long)]
    text: bool,
}

pub fn run(args: &Args) -> ExitCode {
    match redact(args) {
        Ok(Outcome::Printed) => ExitCode::SUCCESS,
        Ok(Outcome::Dropped(reason)) => {
            eprintln!("copy dropped: {reason}");
            ExitCode::from(EXIT_DROPPED)
        }
        Err(failure) => {
            eprintln!("mirrorguard redact: {failure}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

enum Outcome {
    Printed,
    Dropped(DropReason),
}

#[derive(Debug)]
enum Failure {
    ReadConfig(PathBuf, io::Error),
    Config(ConfigError),
    ReadInput(io::Error),
    TextNotUtf8,
    Request(ParseError),
    Print(PrintError),
    Write(io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::ReadConfig(path, e) => {
                write!(f, "cannot read config {}: {e}", path.display())
            }
            Failure::Config(e) => write!(f, "{e}"),
            Failure::ReadInput(e) => write!(f, "cannot read stdin: {e}"),
            Failure::TextNotUtf8 => f.write_str("--text input is not UTF-8"),
            Failure::Request(e) => write!(f, "malformed request: {e}"),
            Failure::Print(e) => write!(f, "cannot print the copy: {e}"),
            Failure::Write(e) => write!(f, "cannot write stdout: {e}"),
        }
    }
}

fn redact(args: &Args) -> Result<Outcome, Failure> {
    let config = match &args.config {
        Some(path) => std::fs::read(path).map_err(|e| Failure::ReadConfig(path.clone(), e))?,
        None => Vec::new(),
    };
    let mut entropy = OsEntropy;
    let env = |name: &str| std::env::var(name).ok();
    let (policy, warnings) =
        Policy::from_json(&config, &env, &mut entropy).map_err(Failure::Config)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }

    let mut input = Vec::new();
    io::stdin()
        .read_to_end(&mut input)
        .map_err(Failure::ReadInput)?;

    let output = if args.text {
        let text = std::str::from_utf8(&input).map_err(|_| Failure::TextNotUtf8)?;
        policy.redact_text(text).into_bytes()
    } else {
        match copy(&policy, &input, &mut entropy)? {
            Mirror::Forward(bytes) => bytes,
            Mirror::Dropped(reason) => return Ok(Outcome::Dropped(reason)),
        }
    };
    io::stdout()
        .lock()
        .write_all(&output)
        .map_err(Failure::Write)?;
    Ok(Outcome::Printed)
}

enum Mirror {
    Forward(Vec<u8>),
    Dropped(DropReason),
}

/// The filter's two phases on one request, in the order and with the inputs the filter gives
/// them.
fn copy(policy: &Policy, input: &[u8], entropy: &mut OsEntropy) -> Result<Mirror, Failure> {
    let http1::Request { mut headers, body } = http1::parse(input).map_err(Failure::Request)?;
    let (body, redacted) = match policy.on_request_headers(&mut headers, body.is_empty(), entropy) {
        HeadersVerdict::PassThrough => {
            eprintln!("not a mirrored copy in this scope: passed through unchanged");
            (body, 0)
        }
        HeadersVerdict::Drop(reason) => return Ok(Mirror::Dropped(reason)),
        HeadersVerdict::Forward {
            body: BodyJob::Unchanged,
            redacted,
        } => (body, redacted),
        HeadersVerdict::Forward {
            body: BodyJob::Redact(plan),
            redacted,
        } => {
            let mut tally = Tally::default();
            match policy.on_request_body(&plan, &body, &mut tally) {
                Ok(new) => (new, redacted.saturating_add(tally.values)),
                Err(reason) => return Ok(Mirror::Dropped(reason)),
            }
        }
    };
    eprintln!("redacted values: {redacted}");
    http1::print(&headers, &body)
        .map(Mirror::Forward)
        .map_err(Failure::Print)
}
