//! RFC 1952 gzip framing around flate2's raw deflate streams.
//!
//! Hand-written instead of flate2's `GzEncoder`/`GzDecoder` and `Crc` because those pull in
//! the `crc32fast` crate, whose slice-by-16 table is 16 KiB of static data in the Wasm
//! module, and the module has to stay under 1 MiB. The framing is a ten-byte header, a few
//! optional fields and an eight-byte trailer; the checksum uses a 1 KiB byte table.

use std::io::Write;

use flate2::{Compression, Decompress};

use super::inflate;
use crate::verdict::DropReason;

/// The fixed part of a member header: ID1, ID2 and CM (8 = deflate).
const MAGIC: [u8; 3] = [0x1f, 0x8b, 8];
const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
/// FLG bits 5 to 7 must be zero (RFC 1952 2.3.1.2): a reader that does not know them
/// cannot tell where the data starts.
const RESERVED: u8 = 0xe0;
/// XFL 4 ("fastest") and OS 255 ("unknown"), as flate2 writes them at the fast level, so
/// the bytes sent to the shadow service are the same as before this module existed.
const XFL_FASTEST: u8 = 4;
const OS_UNKNOWN: u8 = 255;

/// Decodes every member of a gzip body into one output, as gzip(1) does; each member is
/// checked against its CRC-32 and length. `limit` bounds the total decoded size.
pub(super) fn decode(body: &[u8], limit: usize) -> Result<Vec<u8>, DropReason> {
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let data = skip_header(rest).ok_or(DropReason::UndecodableBody)?;
        let member_start = out.len();
        let used = inflate(Decompress::new(false), data, &mut out, limit)?;
        let trailer = data
            .get(used..)
            .and_then(|t| t.first_chunk::<8>())
            .ok_or(DropReason::UndecodableBody)?;
        let member = out.get(member_start..).unwrap_or_default();
        let [c0, c1, c2, c3, l0, l1, l2, l3] = *trailer;
        // ISIZE is the length modulo 2^32.
        if crc32(member) != u32::from_le_bytes([c0, c1, c2, c3])
            || member.len() as u32 != u32::from_le_bytes([l0, l1, l2, l3])
        {
            return Err(DropReason::UndecodableBody);
        }
        rest = data.get(used + 8..).unwrap_or_default();
        if rest.is_empty() {
            return Ok(out);
        }
    }
}

/// One gzip member holding `body`, compressed at the fast level.
pub(super) fn encode(body: &[u8]) -> Result<Vec<u8>, DropReason> {
    let [m0, m1, m2] = MAGIC;
    let header = [m0, m1, m2, 0, 0, 0, 0, 0, XFL_FASTEST, OS_UNKNOWN];
    let mut enc = flate2::write::DeflateEncoder::new(header.to_vec(), Compression::fast());
    // Writing into a Vec cannot fail; the error arm exists only because the API is io.
    enc.write_all(body)
        .map_err(|_| DropReason::UndecodableBody)?;
    let mut out = enc.finish().map_err(|_| DropReason::UndecodableBody)?;
    out.extend_from_slice(&crc32(body).to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    Ok(out)
}

/// The deflate data after a gzip member header, or `None` if the header is not valid or
/// is cut short. The optional fields are skipped unread: none of them changes the data.
pub(super) fn skip_header(member: &[u8]) -> Option<&[u8]> {
    let (fixed, mut rest) = member.split_first_chunk::<10>()?;
    let flags = fixed[3];
    if fixed[..3] != MAGIC || flags & RESERVED != 0 {
        return None;
    }
    if flags & FEXTRA != 0 {
        let (len, after) = rest.split_first_chunk::<2>()?;
        rest = after.get(usize::from(u16::from_le_bytes(*len))..)?;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let nul = rest.iter().position(|&b| b == 0)?;
            rest = rest.get(nul + 1..)?;
        }
    }
    if flags & FHCRC != 0 {
        rest = rest.get(2..)?;
    }
    Some(rest)
}

/// The reflected IEEE polynomial (RFC 1952 8.).
const POLY: u32 = 0xedb8_8320;

/// CRC-32 of each byte value, computed at compile time: 1 KiB of static data, against
/// crc32fast's 16 KiB slice-by-16 tables. One lookup per byte runs the check at a few hundred
/// MB/s in V8, a small part of what inflating or deflating the same bytes costs.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 1 != 0 { (c >> 1) ^ POLY } else { c >> 1 };
            bit += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The gzip CRC-32 (IEEE 802.3, reflected, initial and final value all ones) of `data`.
pub(super) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc = (crc >> 8) ^ TABLE[usize::from((crc as u8) ^ byte)];
    }
    !crc
}

#[cfg(test)]
mod tests;
