//! Cryptocurrency wallet addresses, accepted only when their checksum holds.
//!
//! * Bitcoin legacy (P2PKH `1…`) and script (P2SH `3…`) addresses: base58check, whose
//!   double-SHA-256 checksum leaves one random string in four billion through;
//! * Bitcoin SegWit addresses (`bc1…`): bech32 for witness version 0, bech32m for later
//!   versions (BIP 173 and 350), with the witness program lengths those BIPs allow;
//! * Ethereum addresses (`0x` + 40 hex) with a valid EIP-55 checksum, anywhere. An address
//!   written in one case carries no checksum (EIP-55 made it optional, and JSON-RPC, most
//!   APIs and block explorers print addresses in lower case), so on its own it cannot be told
//!   from any other 20-byte value written `0x` + 40 hex (a SHA-1 or RIPEMD-160 digest so
//!   prefixed). It counts where its place says what it is: as a whole value (a JSON-RPC
//!   parameter, a `to` member, a query parameter, a path segment), as the value of a
//!   `key=value` or `key: value` pair in running text, or after a word that names a wallet
//!   or a transfer (`wallet`, `ETH`, `from`, `to`...); Presidio drops it everywhere. Longer runs (a 32-byte transaction hash, ABI-encoded call data) are
//!   never cut down to 40 digits.

use sha2::{Digest, Sha256};

use super::bytes::{at, before, is_hex, is_word, run_len};
use super::context::{self, Keyword};

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Value of each base58 digit, 0xff for bytes outside the alphabet.
static BASE58_VALUES: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < BASE58.len() {
        t[BASE58[i] as usize] = i as u8;
        i += 1;
    }
    t
};

fn base58_value(c: u8) -> Option<u8> {
    let v = BASE58_VALUES[usize::from(c)];
    (v != 0xff).then_some(v)
}

/// A base58check Bitcoin address spanning exactly `start..end` (a whole word).
pub(super) fn scan_base58(b: &[u8], start: usize, end: usize) -> Option<usize> {
    let s = b.get(start..end)?;
    if !(26..=35).contains(&s.len()) || !matches!(s.first(), Some(b'1' | b'3')) {
        return None;
    }
    let decoded = decode_base58_25(s)?;
    let version_ok = matches!(
        (s.first(), decoded.first()),
        (Some(b'1'), Some(0x00)) | (Some(b'3'), Some(0x05))
    );
    if !version_ok {
        return None;
    }
    let (payload, checksum) = decoded.split_at(21);
    let digest = Sha256::digest(Sha256::digest(payload));
    (digest.get(..4) == Some(checksum)).then_some(end)
}

/// Decodes base58 into exactly 25 bytes, rejecting overflow and non-canonical leading ones.
fn decode_base58_25(s: &[u8]) -> Option<[u8; 25]> {
    let mut out = [0u8; 25];
    for &c in s {
        let mut carry = u32::from(base58_value(c)?);
        for byte in out.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        if carry != 0 {
            return None;
        }
    }
    let ones = s.iter().take_while(|&&c| c == b'1').count();
    let zeros = out.iter().take_while(|&&x| x == 0).count();
    (ones == zeros).then_some(out)
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GENERATOR: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    values.fold(1u32, |chk, v| {
        let top = chk >> 25;
        let mut chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
        chk
    })
}

/// A mainnet SegWit address (`bc1…`, one case throughout) starting at `s`.
pub(super) fn scan_bech32(b: &[u8], s: usize) -> Option<usize> {
    if is_word(before(b, s)) {
        return None;
    }
    let len = run_len(b, s, |c| c.is_ascii_alphanumeric());
    let text = b.get(s..s + len)?;
    let lower = text.iter().all(|c| !c.is_ascii_uppercase());
    let upper = text.iter().all(|c| !c.is_ascii_lowercase());
    if !(14..=74).contains(&len) || !(lower || upper) || is_word(at(b, s + len)) {
        return None;
    }
    let mut data = [0u8; 71];
    let mut n = 0;
    for &c in text.get(3..)? {
        let v = BECH32_CHARSET
            .iter()
            .position(|&x| x == c.to_ascii_lowercase())?;
        *data.get_mut(n)? = u8::try_from(v).ok()?;
        n += 1;
    }
    let data = data.get(..n)?;
    let hrp = b"bc";
    let expanded = hrp
        .iter()
        .map(|c| c >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.iter().map(|c| c & 31));
    let check = bech32_polymod(expanded.chain(data.iter().copied()));
    let (&version, rest) = data.split_first()?;
    let program = rest.get(..rest.len().checked_sub(6)?)?;
    // The witness program, regrouped from 5-bit to 8-bit values without padding.
    let bits = program.len() * 5;
    let program_len = bits / 8;
    let padding_ok = bits % 8 <= 4
        && program
            .last()
            .is_none_or(|&last| u32::from(last) & ((1u32 << (bits % 8)) - 1) == 0);
    let ok = match version {
        0 => check == BECH32_CONST && matches!(program_len, 20 | 32),
        1..=16 => check == BECH32M_CONST && (2..=40).contains(&program_len),
        _ => false,
    };
    (ok && padding_ok).then_some(s + len)
}

/// An Ethereum address starting at `s` with `0x`.
pub(super) fn scan_ethereum(b: &[u8], s: usize) -> Option<usize> {
    if at(b, s) != b'0' || at(b, s + 1) != b'x' || is_word(before(b, s)) {
        return None;
    }
    let hex = b.get(s + 2..s + 42)?;
    if !hex.iter().all(|&c| is_hex(c)) || is_word(at(b, s + 42)) {
        return None;
    }
    let end = s + 42;
    let one_case =
        !(hex.iter().any(u8::is_ascii_lowercase) && hex.iter().any(u8::is_ascii_uppercase));
    let named = || context::names(b, s, end, WALLET_KEYWORDS) || context::after_pair(b, s);
    let found = (one_case && named()) || eip55_ok(hex);
    found.then_some(end)
}

/// Words that name the address after them in running text.
const WALLET_KEYWORDS: &[Keyword] = &[
    Keyword::word(b"wallet"),
    Keyword::word(b"eth"),
    Keyword::word(b"ether"),
    Keyword::word(b"ethereum"),
    Keyword::word(b"erc20"),
    Keyword::word(b"erc-20"),
    Keyword::word(b"erc721"),
    Keyword::word(b"from"),
    Keyword::word(b"to"),
    Keyword::word(b"recipient"),
    Keyword::word(b"sender"),
    Keyword::word(b"payee"),
    Keyword::word(b"beneficiary"),
    Keyword::word(b"account"),
];

/// EIP-55: a letter is upper case exactly when the matching nibble of the Keccak-256 of the
/// lower-case address is 8 or more.
fn eip55_ok(hex: &[u8]) -> bool {
    let mut lower = [0u8; 40];
    for (slot, &c) in lower.iter_mut().zip(hex) {
        *slot = c.to_ascii_lowercase();
    }
    let hash = crate::keccak::keccak256(&lower);
    hex.iter().enumerate().all(|(i, &c)| {
        let byte = hash.get(i / 2).copied().unwrap_or(0);
        let nibble = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
        if c.is_ascii_alphabetic() {
            c.is_ascii_uppercase() == (nibble >= 8)
        } else {
            true
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base58(text: &str) -> bool {
        scan_base58(text.as_bytes(), 0, text.len()).is_some()
    }

    #[test]
    fn base58check_addresses() {
        assert!(base58("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ"));
        assert!(base58("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
        assert!(base58("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
        assert!(!base58("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2"));
        assert!(!base58("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyY"));
        assert!(!base58("1111111111111111111111111111"));
        assert!(!base58("12345678901234567890123456"));
    }

    fn bech32(text: &str) -> Option<usize> {
        scan_bech32(text.as_bytes(), 0)
    }

    #[test]
    fn bech32_addresses() {
        for text in [
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
            "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        ] {
            assert_eq!(bech32(text), Some(text.len()), "{text}");
        }
        for text in [
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr", // checksum
            "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", // mixed case
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg329",
            "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj", // bech32 checksum on v2
            "bc1",
        ] {
            assert_eq!(bech32(text), None, "{text}");
        }
    }

    fn eth(text: &str) -> Option<usize> {
        scan_ethereum(text.as_bytes(), 0)
    }

    #[test]
    fn ethereum_addresses() {
        for text in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            "0x52908400098527886E0F7030069857D2E4169EE7", // EIP-55's all-caps vector
            "0xde709f2102306220921060314715629080e2fb77", // and its all-lower one
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", // no checksum: a whole value
            " 0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED\n".trim_start(),
        ] {
            assert_eq!(eth(text), Some(42), "{text}");
        }
        // Without a checksum, running text must name it.
        let lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        let at_end = |text: &str| scan_ethereum(text.as_bytes(), text.len() - 42);
        for named in [
            "wallet ",
            "send 2 ETH to ",
            "from: ",
            "Recipient wallet: ",
            "erc-20 ",
        ] {
            let text = format!("{named}{lower}");
            assert_eq!(at_end(&text), Some(text.len()), "{named}");
        }
        for unnamed in ["lowercase address ", "digest ", "towards "] {
            assert_eq!(at_end(&format!("{unnamed}{lower}")), None, "{unnamed}");
        }
        let checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assert_eq!(at_end(&format!("digest {checksummed}")), Some(49));
        for text in [
            "0xdbF03B407c01E7cD3CBea99509d93f8DDdC8C6FB", // broken checksum
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",  // 39 digits
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0", // 41 digits
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
            // A 32-byte hash (a transaction id) is not an address cut short.
            "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed_",
        ] {
            assert_eq!(eth(text), None, "{text}");
        }
    }
}
