//! PEM-armoured private keys: the whole `-----BEGIN … PRIVATE KEY-----` … `-----END …-----`
//! block, whatever sits between (real newlines or the `\n` escapes of a JSON string).
//!
//! A block whose END line is missing (a truncated body) is still a private key: the finding
//! then runs to the end of the base64 body, so no key material survives.

use crate::detect::bytes::run_len;

const BEGIN: &[u8] = b"-----BEGIN ";
const DASHES: &[u8] = b"-----";
/// RSA keys of 16384 bits are about 13 KB of PEM; anything further is not this block.
const MAX_BLOCK: usize = 32 * 1024;

/// The block starting at `s`, where `-----BEGIN ` was found.
pub(in crate::detect) fn scan(b: &[u8], s: usize) -> Option<(usize, usize)> {
    let label_start = s + BEGIN.len();
    let label_len = run_len(b, label_start, |c| c.is_ascii_uppercase() || c == b' ');
    let label = b.get(label_start..label_start + label_len)?;
    let label = label.trim_ascii_end();
    if !(label.ends_with(b"PRIVATE KEY") || label.ends_with(b"PRIVATE KEY BLOCK")) {
        return None;
    }
    let header_end = label_start + label.len();
    if b.get(header_end..header_end + DASHES.len())? != DASHES {
        return None;
    }
    let body_start = header_end + DASHES.len();
    let window = b.get(body_start..b.len().min(body_start + MAX_BLOCK))?;
    if let Some(end) = find_end(window, label) {
        return Some((s, body_start + end));
    }
    // No END line: cover the base64 body and its line breaks, escaped or not.
    let body = run_len(b, body_start, |c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'+' | b'/' | b'=' | b'\\' | b'\r' | b'\n' | b' ' | b':' | b'-' | b','
            )
    });
    Some((s, body_start + body))
}

/// The offset just past `-----END <label>-----` in `window`.
fn find_end(window: &[u8], label: &[u8]) -> Option<usize> {
    let marker = b"-----END ";
    let mut from = 0;
    while let Some(pos) = window
        .get(from..)?
        .windows(marker.len())
        .position(|w| w == marker)
    {
        let label_at = from + pos + marker.len();
        let after = label_at + label.len();
        if window.get(label_at..after) == Some(label)
            && window.get(after..after + DASHES.len()) == Some(DASHES)
        {
            return Some(after + DASHES.len());
        }
        from += pos + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        let s = text.find("-----BEGIN ")?;
        scan(text.as_bytes(), s).map(|(a, z)| &text[a..z])
    }

    #[test]
    fn blocks() {
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nq83x==\n-----END RSA PRIVATE KEY-----";
        assert_eq!(found(&format!("key: {key}\nrest")), Some(key));
        let escaped = r"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----";
        assert_eq!(found(&format!("{{\"k\":\"{escaped}\"}}")), Some(escaped));
        let ssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(found(ssh), Some(ssh));
        let pgp =
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----";
        assert_eq!(found(pgp), Some(pgp));
    }

    #[test]
    fn truncated_block_is_covered_to_the_end_of_its_body() {
        let text = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\nAoGBAM==\"}";
        assert_eq!(
            found(text),
            Some("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\nAoGBAM==")
        );
    }

    #[test]
    fn public_material_is_not_a_private_key() {
        assert_eq!(
            found("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
            None
        );
        assert_eq!(
            found("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"),
            None
        );
        assert_eq!(found("-----BEGIN PRIVATE KEY"), None);
    }
}
