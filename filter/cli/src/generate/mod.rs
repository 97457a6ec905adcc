//! `mirrorguard generate`: one short spec in, correct mesh configuration out.
//!
//! - [`spec`]: the typed spec and its checks (unknown fields rejected by path).
//! - [`istio`]: the Istio resources of each placement.
//! - [`envoy`]: a complete static Envoy bootstrap for the `upstream` placement.
//! - [`patch`]: adding the mirror to an existing VirtualService, keeping its text.
//! - [`output`]: multi-document YAML and directory layouts.

pub mod envoy;
pub mod istio;
pub mod output;
pub mod patch;
mod plugin;
pub mod spec;
pub mod wasm_filter;
mod yaml_text;

use std::fmt;

pub use plugin::Plugin;
pub use spec::{Spec, SpecError};

/// Why generation failed. Messages name fields and flags, never values from the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Spec(SpecError),
    /// The spec is valid but asks for something this output cannot express.
    Unsupported(String),
    /// The VirtualService to patch cannot be patched as asked.
    Patch(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(e) => e.fmt(f),
            Error::Unsupported(msg) => f.write_str(msg),
            Error::Patch(msg) => write!(f, "cannot patch the VirtualService: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<SpecError> for Error {
    fn from(e: SpecError) -> Self {
        Error::Spec(e)
    }
}
