//! What the property tests and the corpus evaluation share: seeded generators of personal
//! data, secrets and look-alikes, requests written as labelled templates, the engine's
//! request path, and the judge of a redacted copy.
#![allow(dead_code)]

pub mod carriers;
pub mod encode;
pub mod json_shape;
pub mod judge;
pub mod mirror;
pub mod pii;
pub mod plain;
pub mod rng;
pub mod template;
pub mod words;
