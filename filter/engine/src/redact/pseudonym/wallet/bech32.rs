//! Bech32 and Bech32m (BIP 173, BIP 350): the checksum and the character set.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR: [u32; 5] = [
    0x3b6a_57b2,
    0x2650_8e6d,
    0x1ea1_19fa,
    0x3d42_33dd,
    0x2a14_62b3,
];

/// The checksum constant: Bech32 for witness version 0, Bech32m for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Variant {
    Bech32 = 1,
    Bech32m = 0x2bc8_30a3,
}

impl Variant {
    pub(super) fn for_witness_version(version: u8) -> Self {
        if version == 0 {
            Self::Bech32
        } else {
            Self::Bech32m
        }
    }
}

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> impl Iterator<Item = u8> + '_ {
    hrp.iter()
        .map(|c| c >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.iter().map(|c| c & 31))
}

/// The six 5-bit checksum symbols for `hrp` (lower case) and `data`.
pub(super) fn checksum(hrp: &[u8], data: &[u8], variant: Variant) -> [u8; 6] {
    let pm = polymod(hrp_expand(hrp).chain(data.iter().copied()).chain([0; 6])) ^ variant as u32;
    let mut out = [0u8; 6];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::try_from((pm >> (5 * (5 - i))) & 31).unwrap_or(0);
    }
    out
}

/// Whether `data` (with its checksum) verifies under `hrp` (lower case).
pub(super) fn verify(hrp: &[u8], data: &[u8], variant: Variant) -> bool {
    polymod(hrp_expand(hrp).chain(data.iter().copied())) == variant as u32
}

pub(super) fn symbol(c: u8) -> Option<u8> {
    CHARSET
        .iter()
        .position(|&s| s == c.to_ascii_lowercase())
        .and_then(|i| u8::try_from(i).ok())
}

pub(super) fn char_of(symbol: u8) -> char {
    char::from(
        CHARSET
            .get(usize::from(symbol & 31))
            .copied()
            .unwrap_or(b'q'),
    )
}
