//! The properties the fuzz targets check. They live in a library, not in the targets, so that
//! the engine's test suite replays the seed corpora and every saved regression through exactly
//! the same checks (`filter/engine/tests/fuzz_regressions.rs` includes `checks` by path).

pub mod checks;
