//! Keccak-256 (the pre-standard padding Ethereum uses, not SHA3-256), for EIP-55 checksums.
//! Hand-written to keep the Wasm module small: one permutation and a sponge.

const ROUNDS: usize = 24;
/// Rate of Keccak-256 in bytes: (1600 - 2 × 256) / 8.
const RATE: usize = 136;

/// The round constants, from the LFSR of FIPS 202 §3.2.5 (x^8 + x^6 + x^5 + x^4 + 1).
const ROUND_CONSTANTS: [u64; ROUNDS] = {
    let mut rc = [0u64; ROUNDS];
    let mut lfsr: u8 = 1;
    let mut round = 0;
    while round < ROUNDS {
        let mut j = 0;
        while j < 7 {
            if lfsr & 1 == 1 {
                rc[round] ^= 1u64 << ((1u32 << j) - 1);
            }
            let high = lfsr & 0x80 != 0;
            lfsr <<= 1;
            if high {
                lfsr ^= 0x71;
            }
            j += 1;
        }
        round += 1;
    }
    rc
};

/// Rotation offsets of ρ, indexed `x + 5y`, from the walk of FIPS 202 §3.2.2.
const RHO: [u32; 25] = {
    let mut r = [0u32; 25];
    let (mut x, mut y) = (1usize, 0usize);
    let mut t = 0u32;
    while t < 24 {
        r[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
        let next_y = (2 * x + 3 * y) % 5;
        x = y;
        y = next_y;
        t += 1;
    }
    r
};

// Fixed 5×5 lane arithmetic: index loops read better than iterator chains here.
#[allow(clippy::needless_range_loop)]
fn permute(a: &mut [u64; 25]) {
    for rc in ROUND_CONSTANTS {
        // θ
        let mut c = [0u64; 5];
        for x in 0..5 {
            c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        // ρ and π
        let mut b = [0u64; 25];
        for x in 0..5 {
            for y in 0..5 {
                b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(RHO[x + 5 * y]);
            }
        }
        // χ
        for x in 0..5 {
            for y in 0..5 {
                a[x + 5 * y] = b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
            }
        }
        // ι
        a[0] ^= rc;
    }
}

fn absorb(state: &mut [u64; 25], block: &[u8]) {
    for (lane, bytes) in state.iter_mut().zip(block.chunks(8)) {
        let mut word = [0u8; 8];
        for (w, b) in word.iter_mut().zip(bytes) {
            *w = *b;
        }
        *lane ^= u64::from_le_bytes(word);
    }
    permute(state);
}

pub(crate) fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut state = [0u64; 25];
    let mut blocks = data.chunks_exact(RATE);
    for block in &mut blocks {
        absorb(&mut state, block);
    }
    let tail = blocks.remainder();
    let mut last = [0u8; RATE];
    for (l, b) in last.iter_mut().zip(tail) {
        *l = *b;
    }
    // pad10*1 with the Keccak domain bit (0x01), not SHA-3's 0x06.
    if let Some(b) = last.get_mut(tail.len()) {
        *b ^= 0x01;
    }
    last[RATE - 1] ^= 0x80;
    absorb(&mut state, &last);
    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_mut(8).zip(state.iter()) {
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
    fn first_round_constants() {
        assert_eq!(ROUND_CONSTANTS[0], 0x0000_0000_0000_0001);
        assert_eq!(ROUND_CONSTANTS[1], 0x0000_0000_0000_8082);
        assert_eq!(ROUND_CONSTANTS[23], 0x8000_0000_8000_8008);
    }

    #[test]
    fn multi_block_inputs_differ_from_their_prefix() {
        let long = vec![0x61u8; RATE * 2 + 5];
        assert_ne!(keccak256(&long), keccak256(&long[..RATE]));
        assert_ne!(keccak256(&long[..RATE]), keccak256(&long[..RATE - 1]));
    }
}
