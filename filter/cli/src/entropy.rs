//! Random bytes from the operating system for the engine (ephemeral pseudonym keys, fresh
//! trace ids).

use mirrorguard_engine::Entropy;

/// The OS generator behind the engine's infallible [`Entropy`]: a failure is remembered, and
/// whoever ran the engine refuses its output (see [`OsEntropy::failed`]) rather than use
/// bytes that were never random.
#[derive(Debug, Default)]
pub struct OsEntropy {
    failed: bool,
}

impl OsEntropy {
    pub fn failed(&self) -> bool {
        self.failed
    }
}

impl Entropy for OsEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        if getrandom::getrandom(buf).is_err() {
            self.failed = true;
        }
    }
}
