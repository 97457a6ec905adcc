//! mirrorguard's engine: everything the filter decides about a mirrored copy, with no
//! proxy-wasm type in sight, so that it builds, tests and benchmarks natively and the CLI
//! previews exactly what the filter does.
//!
//! The filter calls [`Policy::from_json`] once per VM in `on_configure`, then
//! [`Policy::on_request_headers`] and [`Policy::on_request_body`] for each request.

pub mod body;
pub mod config;
pub mod detect;
pub mod entity;
pub mod error;
pub mod flow;
pub mod headers;
pub mod http1;
mod ipv6;
mod keccak;
mod luhn;
pub mod parts;
pub mod policy;
pub mod redact;
pub mod rules;
pub mod tag;
pub mod verdict;

pub use config::PluginConfig;
pub use entity::Entity;
pub use error::ConfigError;
pub use headers::{HeaderEdit, Headers};
pub use policy::{Policy, Warning};
pub use redact::Tally;
pub use tag::{Entropy, NoEntropy};
pub use verdict::{BodyJob, DropReason, HeadersVerdict};
