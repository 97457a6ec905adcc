//! One check per fuzz target. Each takes the raw input, drives the engine through its public
//! API and panics (via `assert!`) when a property fails, which is what libFuzzer reports.
//!
//! This file is also compiled into the engine's integration tests by `#[path]`, so it uses
//! only the engine and `serde_json` (a dependency of the engine) and nothing of libFuzzer.

mod body;
mod config;
mod fixtures;
mod http1;
mod request;

pub use body::{decompress, form_body, json_body, multipart_body};
pub use config::config;
pub use http1::http1_parse;
pub use request::request;

/// A target's check: returns when the input passes, panics when it breaks a property.
pub type Check = fn(&[u8]);

/// Every target, by the name of its directory under `fuzz/corpus` and `fuzz/regressions`.
pub const TARGETS: [(&str, Check); 7] = [
    ("http1_parse", http1_parse),
    ("config", config),
    ("request", request),
    ("json_body", json_body),
    ("form_body", form_body),
    ("multipart_body", multipart_body),
    ("decompress", decompress),
];
