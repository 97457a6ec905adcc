//! Random bytes from the operating system for the engine (ephemeral pseudonym keys, fresh
//! trace ids).

use mirrorguard_engine::{Entropy, NoEntropy};

/// The OS generator. Without it the engine refuses an ephemeral key (a config error) and
/// sends a copy with no trace context, exactly as the filter does when its host has none.
#[derive(Debug, Default)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy> {
        getrandom::getrandom(buf).map_err(|_| NoEntropy)
    }
}
