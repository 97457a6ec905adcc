//! Base58 (Bitcoin alphabet) and Base58Check, for legacy P2PKH and P2SH addresses.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Addresses are at most 35 characters; refusing long input keeps the quadratic conversion
/// cheap whatever a detector hands over.
const MAX_LEN: usize = 64;

pub(super) fn decode(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || text.len() > MAX_LEN {
        return None;
    }
    // Little-endian base-256 digits of the number.
    let mut number: Vec<u8> = Vec::with_capacity(text.len());
    for c in text.bytes() {
        let mut carry = u32::try_from(ALPHABET.iter().position(|&a| a == c)?).ok()?;
        for byte in &mut number {
            carry += u32::from(*byte) * 58;
            *byte = u8::try_from(carry & 0xff).ok()?;
            carry >>= 8;
        }
        while carry > 0 {
            number.push(u8::try_from(carry & 0xff).ok()?);
            carry >>= 8;
        }
    }
    let zeros = text.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(number.iter().rev());
    Some(out)
}

pub(super) fn encode(data: &[u8]) -> String {
    // Little-endian base-58 digits of the number.
    let mut number: Vec<u8> = Vec::with_capacity(data.len() * 2);
    for &byte in data {
        let mut carry = u32::from(byte);
        for digit in &mut number {
            carry += u32::from(*digit) << 8;
            *digit = u8::try_from(carry % 58).unwrap_or(0);
            carry /= 58;
        }
        while carry > 0 {
            number.push(u8::try_from(carry % 58).unwrap_or(0));
            carry /= 58;
        }
    }
    let zeros = data.iter().take_while(|&&b| b == 0).count();
    let mut out = "1".repeat(zeros);
    out.extend(
        number
            .iter()
            .rev()
            .map(|&d| char::from(ALPHABET.get(usize::from(d)).copied().unwrap_or(b'1'))),
    );
    out
}

/// The first four bytes of SHA-256(SHA-256(payload)).
pub(super) fn checksum(payload: &[u8]) -> [u8; 4] {
    let twice = Sha256::digest(Sha256::digest(payload));
    let mut out = [0u8; 4];
    for (o, b) in out.iter_mut().zip(twice.iter()) {
        *o = *b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_leading_zeros() {
        for data in [
            &[][..],
            &[0],
            &[0, 0, 1],
            &[255, 254, 0, 7],
            &[0, 1, 2, 3, 4, 5],
        ] {
            let text = encode(data);
            assert_eq!(decode(&text).unwrap_or_default(), data, "{text}");
        }
        assert_eq!(encode(b"hello world"), "StV1DL6CwTryKyV");
        assert_eq!(decode("0OIl"), None);
    }
}
