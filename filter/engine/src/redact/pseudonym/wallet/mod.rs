//! Cryptocurrency addresses: the pseudonym is a well-formed address of the same kind, with a
//! valid checksum, that no one holds the key to.
//!
//! - Bitcoin Base58Check (P2PKH `1…`, P2SH `3…`, testnet): same version byte, 16 random bytes
//!   and a 4-byte keyed tag as the hash, checksum from double SHA-256.
//! - Bitcoin SegWit (Bech32 / Bech32m, `bc1…`, `tb1…`, `bcrt1…`): same human-readable part,
//!   witness version, program length and case; the first `min(6, n/2)` of the `n` program
//!   symbols are a keyed tag (30 bits for every standard program).
//! - Ethereum: see [`ethereum`].
//!
//! A real address passes for one of ours with probability 2^-30 to 2^-32.

mod base58;
mod bech32;
pub(super) mod ethereum;

use super::{Domain, Keyed};
use bech32::Variant;

/// Human-readable parts of the Bitcoin networks (mainnet, testnet and signet, regtest).
const NETWORKS: [&str; 3] = ["bc", "tb", "bcrt"];

/// A SegWit address: network, 5-bit symbols (witness version, program, checksum), case.
#[derive(Debug, Clone)]
struct Segwit<'a> {
    hrp: &'a str,
    data: Vec<u8>,
    upper: bool,
}

impl Segwit<'_> {
    fn version(&self) -> u8 {
        self.data.first().copied().unwrap_or(0)
    }

    /// Number of program symbols.
    fn program_len(&self) -> usize {
        self.data.len().saturating_sub(7)
    }

    fn tag_len(&self) -> usize {
        (self.program_len() / 2).min(6)
    }

    fn lower_hrp(&self) -> Vec<u8> {
        self.hrp.to_ascii_lowercase().into_bytes()
    }
}

fn parse_segwit(value: &str) -> Option<Segwit<'_>> {
    if !value.is_ascii() || value.len() > 90 {
        return None;
    }
    let upper = value.bytes().any(|b| b.is_ascii_uppercase());
    if upper && value.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let (hrp, data) = value.rsplit_once('1')?;
    if !NETWORKS.iter().any(|n| n.eq_ignore_ascii_case(hrp)) || data.len() < 8 {
        return None;
    }
    let data = data
        .bytes()
        .map(bech32::symbol)
        .collect::<Option<Vec<u8>>>()?;
    Some(Segwit { hrp, data, upper })
}

fn segwit_tag(keyed: &Keyed, address: &Segwit<'_>, rest: &[u8]) -> Vec<u8> {
    let mut input = address.lower_hrp();
    input.push(0);
    input.push(address.version());
    input.extend(rest);
    let mut stream = keyed.tag_stream(Domain::Bitcoin, &input);
    (0..address.tag_len())
        .map(|_| u8::try_from(stream.below(32)).unwrap_or(0))
        .collect()
}

fn pseudonymize_segwit(keyed: &Keyed, address: &Segwit<'_>) -> String {
    let mut stream = keyed.stream(Domain::Bitcoin, &address.data);
    let p = address.program_len();
    let t = address.tag_len();
    let mut rest: Vec<u8> = (t..p)
        .map(|_| u8::try_from(stream.below(32)).unwrap_or(0))
        .collect();
    // The program is whole bytes: the bits past the last byte must be zero.
    let pad = (p * 5) % 8;
    if let Some(last) = rest.last_mut() {
        *last &= !((1u8 << pad) - 1) & 31;
    }
    let mut data = vec![address.version()];
    data.extend(segwit_tag(keyed, address, &rest));
    data.extend(rest);
    let variant = Variant::for_witness_version(address.version());
    let checksum = bech32::checksum(&address.lower_hrp(), &data, variant);
    data.extend(checksum);
    let text: String = data.iter().map(|&s| bech32::char_of(s)).collect();
    let out = format!("{}1{text}", address.hrp);
    if address.upper {
        out.to_ascii_uppercase()
    } else {
        out
    }
}

fn recognises_segwit(keyed: &Keyed, address: &Segwit<'_>) -> bool {
    let variant = Variant::for_witness_version(address.version());
    let p = address.program_len();
    let t = address.tag_len();
    match (address.data.get(1..1 + t), address.data.get(1 + t..1 + p)) {
        (Some(found), Some(rest)) => {
            bech32::verify(&address.lower_hrp(), &address.data, variant)
                && segwit_tag(keyed, address, rest) == found
        }
        _ => false,
    }
}

/// A Base58Check address: version byte, 20-byte hash, 4-byte checksum.
fn parse_base58(value: &str) -> Option<[u8; 25]> {
    base58::decode(value)?.try_into().ok()
}

fn base58_tag(keyed: &Keyed, head: &[u8]) -> [u8; 4] {
    let mut stream = keyed.tag_stream(Domain::Bitcoin, head);
    let mut out = [0u8; 4];
    stream.fill(&mut out);
    out
}

fn pseudonymize_base58(keyed: &Keyed, decoded: &[u8; 25]) -> String {
    let mut stream = keyed.stream(Domain::Bitcoin, decoded);
    let mut out = [0u8; 25];
    out[0] = decoded[0];
    stream.fill(&mut out[1..17]);
    let tag = base58_tag(keyed, &out[..17]);
    out[17..21].copy_from_slice(&tag);
    let checksum = base58::checksum(&out[..21]);
    out[21..].copy_from_slice(&checksum);
    base58::encode(&out)
}

fn recognises_base58(keyed: &Keyed, decoded: &[u8; 25]) -> bool {
    base58::checksum(&decoded[..21]) == decoded[21..]
        && base58_tag(keyed, &decoded[..17]) == decoded[17..21]
}

pub(super) fn pseudonymize_bitcoin(keyed: &Keyed, value: &str) -> Option<String> {
    if let Some(address) = parse_segwit(value) {
        return Some(pseudonymize_segwit(keyed, &address));
    }
    parse_base58(value).map(|decoded| pseudonymize_base58(keyed, &decoded))
}

pub(super) fn recognises_bitcoin(keyed: &Keyed, value: &str) -> Option<bool> {
    if let Some(address) = parse_segwit(value) {
        return Some(recognises_segwit(keyed, &address));
    }
    parse_base58(value).map(|decoded| recognises_base58(keyed, &decoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;

    /// Independent validity checks, as a wallet would apply them.
    fn valid_base58check(s: &str) -> Option<u8> {
        let d = base58::decode(s)?;
        (d.len() == 25 && base58::checksum(&d[..21]) == d[21..]).then(|| d[0])
    }

    fn valid_segwit(s: &str) -> Option<(String, u8, usize)> {
        let a = parse_segwit(s)?;
        let variant = Variant::for_witness_version(a.version());
        if !bech32::verify(&a.lower_hrp(), &a.data, variant) {
            return None;
        }
        let bits = a.program_len() * 5;
        let bytes = bits / 8;
        // Padding must be under 5 bits and zero.
        let last = *a.data.get(a.data.len() - 7)?;
        let pad = bits - bytes * 8;
        (pad < 5 && last & ((1 << pad) - 1) == 0)
            .then(|| (a.hrp.to_ascii_lowercase(), a.version(), bytes))
    }

    #[test]
    fn validators_accept_published_addresses() {
        assert_eq!(
            valid_base58check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
            Some(0)
        );
        assert_eq!(
            valid_base58check("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
            Some(5)
        );
        assert_eq!(
            valid_base58check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
            None
        );
        assert_eq!(
            valid_segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            Some(("bc".into(), 0, 20))
        );
        assert_eq!(
            valid_segwit("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"),
            Some(("bc".into(), 0, 20))
        );
        assert_eq!(
            valid_segwit("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
            Some(("bc".into(), 1, 32))
        );
        assert_eq!(
            valid_segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"),
            None
        );
    }

    #[test]
    fn bitcoin_table() {
        let k = keyed();
        for input in [
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn",
        ] {
            let out = pseudonymize_bitcoin(&k, input).unwrap();
            assert_eq!(
                valid_base58check(&out),
                valid_base58check(input),
                "{input} -> {out}"
            );
            assert_ne!(out, input);
            assert_eq!(recognises_bitcoin(&k, &out), Some(true));
            assert_eq!(recognises_bitcoin(&k, input), Some(false));
        }
        for input in [
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        ] {
            let out = pseudonymize_bitcoin(&k, input).unwrap();
            assert_eq!(out.len(), input.len());
            assert_eq!(valid_segwit(&out), valid_segwit(input), "{input} -> {out}");
            assert!(valid_segwit(&out).is_some());
            assert_ne!(out, input);
            assert_eq!(recognises_bitcoin(&k, &out), Some(true));
            assert_eq!(recognises_bitcoin(&k, input), Some(false));
        }
        for not in [
            "",
            "hello",
            "bc1",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2a",
            "Bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        ] {
            assert_eq!(pseudonymize_bitcoin(&k, not), None, "{not}");
        }
    }

    #[test]
    fn eip55_matches_the_specification_examples() {
        for address in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            let lower = address[2..].to_ascii_lowercase();
            assert_eq!(ethereum::checksummed(&lower), address[2..]);
        }
    }

    #[test]
    fn ethereum_table() {
        let k = keyed();
        for input in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xde709f2102306220921060314715629080e2fb77",
            "0X52908400098527886E0F7030069857D2E4169EE7",
        ] {
            let out = ethereum::pseudonymize(&k, input).unwrap();
            assert_eq!(out.len(), 42);
            assert_eq!(out[..2], input[..2]);
            let hex = &out[2..];
            assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()));
            let mixed = input[2..].bytes().any(|b| b.is_ascii_lowercase())
                && input[2..].bytes().any(|b| b.is_ascii_uppercase());
            if mixed {
                assert_eq!(
                    ethereum::checksummed(&hex.to_ascii_lowercase()),
                    hex,
                    "{out}"
                );
            } else if input[2..].bytes().any(|b| b.is_ascii_uppercase()) {
                assert_eq!(hex, hex.to_ascii_uppercase());
            } else {
                assert_eq!(hex, hex.to_ascii_lowercase());
            }
            assert_ne!(out.to_ascii_lowercase(), input.to_ascii_lowercase());
            assert_eq!(ethereum::recognises(&k, &out), Some(true));
            assert_eq!(ethereum::recognises(&k, input), Some(false));
        }
        for not in [
            "",
            "0x",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
        ] {
            assert!(ethereum::parse(not).is_none(), "{not}");
        }
    }
}
