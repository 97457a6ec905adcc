//! Secrets: tokens, keys and credentials that are masked rather than pseudonymized.
//!
//! Every scanner here starts at a literal prefix found by the trigger automaton
//! ([`super::triggers`]) and returns the byte range to redact, or `None` when what follows
//! the prefix does not have the secret's shape.

mod base64;
pub(super) mod credential;
pub(super) mod jwt;
pub(super) mod keys;
pub(super) mod pem;
pub(super) mod userinfo;
