//! The benchmark corpus: realistic request bodies and headers generated deterministically in
//! code (no files, no network), identical on every run and on every target, so that native,
//! Wasm and through-Envoy numbers measure the same work.
//!
//! Generators take a seed and an approximate size; each sample records how many personal
//! values it holds, so reports can say what "dense" means.

pub mod form;
pub mod headers;
pub mod json;
pub mod pii;
pub mod profile;
pub mod rng;
pub mod text;
mod words;

/// One request body of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Report name, e.g. `json-4k`.
    pub name: String,
    pub content_type: &'static str,
    pub body: String,
    /// Personal values the generator inserted.
    pub pii: usize,
}

impl Sample {
    pub fn new(name: &str, content_type: &'static str, body: String, pii: usize) -> Self {
        Self {
            name: name.to_owned(),
            content_type,
            body,
            pii,
        }
    }

    fn text(name: &str, body: String, pii: usize) -> Self {
        Self::new(name, "text/plain; charset=utf-8", body, pii)
    }
}

pub const KIB: usize = 1024;

/// The 4 KiB JSON body: also the body of the Envoy load run.
pub fn json_4k() -> Sample {
    json::orders("json-4k", 4, 4 * KIB)
}

/// The 64 KiB JSON body: also the body of the Envoy load run.
pub fn json_64k() -> Sample {
    json::orders("json-64k", 64, 64 * KIB)
}

/// Every body the engine benchmarks run, natively and in Wasm.
pub fn engine_corpus() -> Vec<Sample> {
    vec![
        text::pii_free(1, 64 * KIB),
        text::dense_pii(2, 64 * KIB),
        json_4k(),
        json_64k(),
        form::support_form(5, 4 * KIB),
    ]
}

#[cfg(test)]
mod tests;
