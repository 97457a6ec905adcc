//! Keyed, deterministic pseudonyms.
//!
//! OWNER NOTE (skeleton): the operators helper makes pseudonyms format-preserving per entity
//! (Luhn-valid cards, valid IBANs, addresses of the same IP family, ...).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The pseudonym key. Never logged, never printed: `Debug` shows only whether it was
/// configured.
#[derive(Clone)]
pub struct Keyed {
    key: [u8; 32],
    configured: bool,
}

impl std::fmt::Debug for Keyed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyed")
            .field("configured", &self.configured)
            .finish_non_exhaustive()
    }
}

impl Keyed {
    /// A key from configuration: any length of secret material, stretched with SHA-256 so
    /// that every configured key gives a full-size HMAC key.
    pub fn from_secret(secret: &[u8]) -> Self {
        use sha2::Digest;
        let digest = Sha256::digest(secret);
        let mut key = [0u8; 32];
        key.copy_from_slice(&digest);
        Self {
            key,
            configured: true,
        }
    }

    /// A key drawn at random for this VM only.
    pub fn ephemeral(random: [u8; 32]) -> Self {
        Self {
            key: random,
            configured: false,
        }
    }

    pub fn is_configured(&self) -> bool {
        self.configured
    }

    /// HMAC-SHA-256 of `value` under a domain label, so that the same input under two
    /// entities gives unrelated outputs.
    pub fn mac(&self, domain: &str, value: &[u8]) -> [u8; 32] {
        let Ok(mut mac) = HmacSha256::new_from_slice(&self.key) else {
            return [0; 32];
        };
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value);
        mac.finalize().into_bytes().into()
    }

    pub fn hash_hex(&self, value: &str) -> String {
        self.mac("hash", value.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub fn pseudonymize(&self, entity: Option<crate::entity::Entity>, value: &str) -> String {
        let domain = entity.map_or("custom", |e| e.metric_name());
        let mac = self.mac(domain, value.as_bytes());
        let mut stream = mac.iter().cycle();
        value
            .chars()
            .map(|c| {
                let r = stream.next().copied().unwrap_or(0);
                if c.is_ascii_digit() {
                    char::from(b'0' + r % 10)
                } else if c.is_ascii_lowercase() {
                    char::from(b'a' + r % 26)
                } else if c.is_ascii_uppercase() {
                    char::from(b'A' + r % 26)
                } else {
                    c
                }
            })
            .collect()
    }
}
