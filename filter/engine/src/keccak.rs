//! Keccak-256 (the original Keccak padding that Ethereum uses, not NIST SHA3-256), needed
//! only for EIP-55 address checksums: to validate a mixed-case address the detector found,
//! and to give an Ethereum pseudonym a valid one. Small and slow-ish by design: it runs once
//! per address.

const RATE: usize = 136;

const ROUND_CONSTANTS: [u64; 24] = [
    0x0000_0000_0000_0001,
    0x0000_0000_0000_8082,
    0x8000_0000_0000_808A,
    0x8000_0000_8000_8000,
    0x0000_0000_0000_808B,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8009,
    0x0000_0000_0000_008A,
    0x0000_0000_0000_0088,
    0x0000_0000_8000_8009,
    0x0000_0000_8000_000A,
    0x0000_0000_8000_808B,
    0x8000_0000_0000_008B,
    0x8000_0000_0000_8089,
    0x8000_0000_0000_8003,
    0x8000_0000_0000_8002,
    0x8000_0000_0000_0080,
    0x0000_0000_0000_800A,
    0x8000_0000_8000_000A,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8080,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8008,
];

/// Rotation of each lane visited by the rho-pi walk, and the lane it lands on.
const ROTATIONS: [u32; 24] = [
    1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
];
const PI_LANES: [usize; 24] = [
    10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
];

fn keccak_f(st: &mut [u64; 25]) {
    for rc in ROUND_CONSTANTS {
        // Theta.
        let mut columns = [0u64; 5];
        for (x, col) in columns.iter_mut().enumerate() {
            *col = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20];
        }
        for x in 0..5 {
            let t = columns[(x + 4) % 5] ^ columns[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                st[5 * y + x] ^= t;
            }
        }
        // Rho and pi.
        let mut carried = st[1];
        for (&lane, &rot) in PI_LANES.iter().zip(ROTATIONS.iter()) {
            let next = st[lane];
            st[lane] = carried.rotate_left(rot);
            carried = next;
        }
        // Chi.
        for y in 0..5 {
            let row = [
                st[5 * y],
                st[5 * y + 1],
                st[5 * y + 2],
                st[5 * y + 3],
                st[5 * y + 4],
            ];
            for x in 0..5 {
                st[5 * y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        // Iota.
        st[0] ^= rc;
    }
}

fn absorb(st: &mut [u64; 25], block: &[u8]) {
    for (lane, word) in st.iter_mut().zip(block.chunks_exact(8)) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        *lane ^= u64::from_le_bytes(bytes);
    }
}

pub(crate) fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut st = [0u64; 25];
    let mut blocks = data.chunks_exact(RATE);
    for block in &mut blocks {
        absorb(&mut st, block);
        keccak_f(&mut st);
    }
    let rest = blocks.remainder();
    let mut last = [0u8; RATE];
    for (slot, &byte) in last.iter_mut().zip(rest) {
        *slot = byte;
    }
    if let Some(pad) = last.get_mut(rest.len()) {
        *pad ^= 0x01;
    }
    last[RATE - 1] ^= 0x80;
    absorb(&mut st, &last);
    keccak_f(&mut st);
    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_exact_mut(8).zip(st.iter()) {
        chunk.copy_from_slice(&lane.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_digests() {
        assert_eq!(
            hex(&keccak256(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        assert_eq!(
            hex(&keccak256(b"abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
        );
    }

    #[test]
    fn inputs_longer_than_a_block_differ_from_their_prefix() {
        let long = [b'a'; 300];
        assert_ne!(keccak256(&long), keccak256(&long[..136]));
        assert_ne!(keccak256(&long[..136]), keccak256(&long[..135]));
    }
}
