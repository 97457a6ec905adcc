//! Content encodings: gzip and deflate bodies are inflated before redaction, with a hard
//! limit on the inflated size enforced while inflating, so a decompression bomb costs at most
//! the limit in memory and is then dropped.
//!
//! The streams are driven through flate2's low-level [`Decompress`] on the whole buffered
//! body rather than through its `Read` adapters: those treat a truncated deflate stream as a
//! clean end, and a truncated body must not be forwarded as if it were complete. The gzip
//! framing around them is hand-written (see [`gzip`] for why).
//!
//! Stacked encodings (`gzip, gzip`) are refused as [`DropReason::UnsupportedEncoding`]: no
//! client sends them for real, and every extra layer multiplies what a bomb can expand to.
//! `identity` entries in a list are ignored.

use std::borrow::Cow;
use std::io::Write;

use flate2::{Compression, Decompress, FlushDecompress, Status};

use crate::verdict::DropReason;

mod gzip;

/// A content encoding the engine can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    /// `gzip` or `x-gzip`; concatenated members are read as one body, as gzip(1) does.
    Gzip,
    /// `deflate`: zlib-wrapped as RFC 9110 says, or raw deflate as some clients send it.
    Deflate,
}

impl Encoding {
    /// Reads a `content-encoding` header value.
    pub fn from_header(value: Option<&str>) -> Result<Self, DropReason> {
        let mut found = Encoding::Identity;
        for token in value.unwrap_or("").split(',').map(str::trim) {
            let this = if token.is_empty() || token.eq_ignore_ascii_case("identity") {
                continue;
            } else if token.eq_ignore_ascii_case("gzip") || token.eq_ignore_ascii_case("x-gzip") {
                Encoding::Gzip
            } else if token.eq_ignore_ascii_case("deflate") {
                Encoding::Deflate
            } else {
                return Err(DropReason::UnsupportedEncoding);
            };
            if found != Encoding::Identity {
                return Err(DropReason::UnsupportedEncoding);
            }
            found = this;
        }
        Ok(found)
    }
}

/// Decodes `body`; borrowed for identity. `limit` is the largest decoded size accepted.
pub fn decode(encoding: Encoding, body: &[u8], limit: usize) -> Result<Cow<'_, [u8]>, DropReason> {
    match encoding {
        Encoding::Identity => Ok(Cow::Borrowed(body)),
        Encoding::Gzip => gzip::decode(body, limit).map(Cow::Owned),
        Encoding::Deflate => inflate_deflate(body, limit).map(Cow::Owned),
    }
}

/// Compresses a redacted body again. The fast level: the copy only has to reach the shadow
/// service, and this runs in the proxy on every mirrored request.
pub fn encode(encoding: Encoding, body: &[u8]) -> Result<Vec<u8>, DropReason> {
    // Writing into a Vec cannot fail; the error arm exists only because the API is io.
    let failed = |_| DropReason::UndecodableBody;
    match encoding {
        Encoding::Identity => Ok(body.to_vec()),
        Encoding::Gzip => gzip::encode(body),
        Encoding::Deflate => {
            let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
            enc.write_all(body).map_err(failed)?;
            enc.finish().map_err(failed)
        }
    }
}

/// zlib first; raw deflate when the body does not carry a zlib header or does not decode as
/// zlib. A bomb is a bomb either way: the limit error is final.
fn inflate_deflate(body: &[u8], limit: usize) -> Result<Vec<u8>, DropReason> {
    if has_zlib_header(body) {
        let mut out = Vec::new();
        match inflate(Decompress::new(true), body, &mut out, limit) {
            Ok(used) if used == body.len() => return Ok(out),
            Err(DropReason::DecompressionLimit) => return Err(DropReason::DecompressionLimit),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let used = inflate(Decompress::new(false), body, &mut out, limit)?;
    if used != body.len() {
        return Err(DropReason::UndecodableBody);
    }
    Ok(out)
}

/// RFC 1950: method 8, a window of at most 32 KiB, and a header checksum.
fn has_zlib_header(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

/// Inflates one stream from the start of `input` onto `out`, never letting `out` hold more
/// than `limit + 1` bytes. Returns how much input the stream used; a stream that ends before
/// its final block is corrupt.
fn inflate(
    mut stream: Decompress,
    input: &[u8],
    out: &mut Vec<u8>,
    limit: usize,
) -> Result<usize, DropReason> {
    const STEP: usize = 64 * 1024;
    let cap = limit.saturating_add(1);
    loop {
        if out.len() > limit {
            return Err(DropReason::DecompressionLimit);
        }
        if out.len() == out.capacity() {
            // Grow geometrically, but never past the limit: the allocation is what a bomb
            // attacks.
            let want = out.capacity().saturating_mul(2).max(STEP).min(cap);
            out.reserve_exact(want.saturating_sub(out.len()));
        }
        let used = usize::try_from(stream.total_in()).map_err(|_| DropReason::UndecodableBody)?;
        let before = (used, out.len());
        let rest = input.get(used..).unwrap_or_default();
        let status = stream
            .decompress_vec(rest, out, FlushDecompress::None)
            .map_err(|_| DropReason::UndecodableBody)?;
        let used = usize::try_from(stream.total_in()).map_err(|_| DropReason::UndecodableBody)?;
        match status {
            Status::StreamEnd if out.len() > limit => return Err(DropReason::DecompressionLimit),
            Status::StreamEnd => return Ok(used),
            // No progress with room to write: the input ended inside the stream.
            _ if (used, out.len()) == before && out.len() < out.capacity() => {
                return Err(DropReason::UndecodableBody)
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        encode(Encoding::Gzip, data).unwrap()
    }

    fn raw_deflate(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn header_values() {
        let table: [(Option<&str>, Result<Encoding, DropReason>); 10] = [
            (None, Ok(Encoding::Identity)),
            (Some(""), Ok(Encoding::Identity)),
            (Some("identity"), Ok(Encoding::Identity)),
            (Some(" GZIP "), Ok(Encoding::Gzip)),
            (Some("x-gzip"), Ok(Encoding::Gzip)),
            (Some("deflate"), Ok(Encoding::Deflate)),
            (Some("gzip, identity"), Ok(Encoding::Gzip)),
            (Some("br"), Err(DropReason::UnsupportedEncoding)),
            (Some("zstd"), Err(DropReason::UnsupportedEncoding)),
            (Some("gzip, gzip"), Err(DropReason::UnsupportedEncoding)),
        ];
        for (value, want) in table {
            assert_eq!(Encoding::from_header(value), want, "{value:?}");
        }
    }

    #[test]
    fn round_trips_every_encoding() {
        let data = b"{\"email\":\"a@b.com\"}".repeat(100);
        for enc in [Encoding::Identity, Encoding::Gzip, Encoding::Deflate] {
            let packed = encode(enc, &data).unwrap();
            assert_eq!(
                decode(enc, &packed, data.len()).unwrap(),
                &data[..],
                "{enc:?}"
            );
        }
    }

    #[test]
    fn raw_deflate_is_accepted() {
        let data = b"hello raw deflate ".repeat(50);
        assert_eq!(
            decode(Encoding::Deflate, &raw_deflate(&data), 1 << 20).unwrap(),
            &data[..]
        );
    }

    #[test]
    fn concatenated_gzip_members_are_one_body() {
        let mut body = gzip(b"first,");
        body.extend(gzip(b"second"));
        assert_eq!(
            decode(Encoding::Gzip, &body, 100).unwrap(),
            &b"first,second"[..]
        );
    }

    #[test]
    fn gzip_header_fields_are_skipped() {
        let mut enc = flate2::GzBuilder::new()
            .filename("name.txt")
            .comment("a comment")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), Compression::default());
        enc.write_all(b"payload").unwrap();
        let body = enc.finish().unwrap();
        assert_eq!(decode(Encoding::Gzip, &body, 100).unwrap(), &b"payload"[..]);
    }

    #[test]
    fn limit_is_exact() {
        let data = vec![b'x'; 1000];
        for enc in [Encoding::Gzip, Encoding::Deflate] {
            let packed = encode(enc, &data).unwrap();
            assert!(decode(enc, &packed, 1000).is_ok(), "{enc:?}");
            assert_eq!(
                decode(enc, &packed, 999),
                Err(DropReason::DecompressionLimit),
                "{enc:?}"
            );
        }
    }

    #[test]
    fn bomb_is_rejected_without_inflating_it() {
        // 100 MiB of zeros compress to about 100 KiB.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..100 {
            enc.write_all(&zeros).unwrap();
        }
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 200 * 1024);
        let limit = 4 << 20;
        let mut out = Vec::new();
        let data = gzip::skip_header(&bomb).unwrap();
        assert_eq!(
            inflate(Decompress::new(false), data, &mut out, limit),
            Err(DropReason::DecompressionLimit)
        );
        assert!(out.capacity() <= limit + 1, "{}", out.capacity());
        assert_eq!(
            decode(Encoding::Gzip, &bomb, limit),
            Err(DropReason::DecompressionLimit)
        );
    }

    #[test]
    fn corrupt_and_truncated_streams_are_undecodable() {
        let data = b"some text that compresses somewhat, some text".repeat(20);
        let gz = gzip(&data);
        let zlib = encode(Encoding::Deflate, &data).unwrap();
        let mut flipped_crc = gz.clone();
        let n = flipped_crc.len();
        flipped_crc[n - 6] ^= 0xff;
        let mut trailing = gz.clone();
        trailing.extend_from_slice(b"junk");
        let cases: [(&str, Encoding, Vec<u8>); 8] = [
            ("not gzip", Encoding::Gzip, b"plain text".to_vec()),
            ("empty gzip", Encoding::Gzip, Vec::new()),
            (
                "truncated gzip",
                Encoding::Gzip,
                gz[..gz.len() / 2].to_vec(),
            ),
            (
                "gzip without trailer",
                Encoding::Gzip,
                gz[..gz.len() - 8].to_vec(),
            ),
            ("bad crc", Encoding::Gzip, flipped_crc),
            ("trailing junk", Encoding::Gzip, trailing),
            (
                "truncated zlib",
                Encoding::Deflate,
                zlib[..zlib.len() / 2].to_vec(),
            ),
            ("garbage deflate", Encoding::Deflate, vec![0xff; 64]),
        ];
        for (name, enc, body) in cases {
            assert_eq!(
                decode(enc, &body, 1 << 20),
                Err(DropReason::UndecodableBody),
                "{name}"
            );
        }
    }
}
