use std::io::{Read, Write};

use proptest::prelude::*;

use super::*;

/// flate2's own gzip reader, the independent reference for the writer.
fn flate2_gunzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// A member built by hand: `flags`, then the optional fields as given, then `data` as raw
/// deflate and its trailer.
fn member(flags: u8, fields: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, flags, 1, 2, 3, 4, 0, 3];
    out.extend_from_slice(fields);
    let mut enc = flate2::write::DeflateEncoder::new(out, Compression::default());
    enc.write_all(data).unwrap();
    let mut out = enc.finish().unwrap();
    out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

#[test]
fn crc32_known_vectors() {
    let table: [(&[u8], u32); 4] = [
        (b"", 0),
        (b"a", 0xe8b7_be43),
        (b"123456789", 0xcbf4_3926),
        (b"The quick brown fox jumps over the lazy dog", 0x414f_a339),
    ];
    for (data, want) in table {
        assert_eq!(crc32(data), want, "{:?}", String::from_utf8_lossy(data));
    }
}

#[test]
fn writer_header_is_what_flate2_writes_at_the_fast_level() {
    let ours = encode(b"same bytes as before").unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(b"same bytes as before").unwrap();
    assert_eq!(ours, enc.finish().unwrap());
}

#[test]
fn header_option_fields_are_skipped() {
    let data = b"payload with options";
    let cases: [(&str, u8, Vec<u8>); 6] = [
        ("none", 0, vec![]),
        ("extra", FEXTRA, vec![3, 0, 9, 9, 9]),
        ("empty extra", FEXTRA, vec![0, 0]),
        ("name", FNAME, b"name.txt\0".to_vec()),
        ("comment", FCOMMENT, b"a comment\0".to_vec()),
        (
            "all, in RFC order",
            FEXTRA | FNAME | FCOMMENT | FHCRC,
            [&[2, 0, 7, 7][..], b"n\0", b"c\0", &[0xab, 0xcd]].concat(),
        ),
    ];
    for (name, flags, fields) in cases {
        let body = member(flags, &fields, data);
        assert_eq!(decode(&body, 1 << 20).unwrap(), data, "{name}");
        // The reference reader agrees that the hand-built member is valid (FHCRC aside:
        // flate2 checks the header CRC, the engine, like gzip(1), does not need to).
        if flags & FHCRC == 0 {
            assert_eq!(flate2_gunzip(&body), data, "{name}");
        }
    }
}

#[test]
fn each_malformed_member_is_undecodable() {
    let data = b"some text that compresses somewhat, some text".repeat(4);
    let good = member(FNAME, b"f\0", &data);
    let n = good.len();
    let with = |at: usize, value: u8| {
        let mut body = good.clone();
        body[at] = value;
        body
    };
    let mut bad_isize = good.clone();
    bad_isize[n - 4] ^= 1;
    let mut bad_crc = good.clone();
    bad_crc[n - 8] ^= 1;
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("wrong ID1".into(), with(0, 0x1e)),
        ("wrong ID2".into(), with(1, 0x8c)),
        ("CM 7".into(), with(2, 7)),
        ("bad CRC".into(), bad_crc),
        ("bad ISIZE".into(), bad_isize),
        ("FNAME without its NUL".into(), {
            let mut body = vec![0x1f, 0x8b, 8, FNAME, 0, 0, 0, 0, 0, 255];
            body.extend_from_slice(b"name.txt");
            body
        }),
        ("FEXTRA longer than the body".into(), {
            let mut body = vec![0x1f, 0x8b, 8, FEXTRA, 0, 0, 0, 0, 0, 255];
            body.extend_from_slice(&[200, 0, 1, 2]);
            body
        }),
        (
            "second member is junk".into(),
            [&good[..], b"\x1f\x8b"].concat(),
        ),
    ];
    for bit in [0x20u8, 0x40, 0x80] {
        cases.push((format!("reserved flag {bit:#x}"), with(3, FNAME | bit)));
    }
    // Every proper prefix: a cut anywhere in header, data or trailer.
    for len in 0..n {
        cases.push((format!("truncated to {len}"), good[..len].to_vec()));
    }
    for (name, body) in cases {
        assert_eq!(
            decode(&body, 1 << 20),
            Err(DropReason::UndecodableBody),
            "{name}"
        );
    }
    assert_eq!(
        decode(&good, 1 << 20).unwrap(),
        data,
        "the unmodified member"
    );
}

#[test]
fn writer_trailer_is_crc_then_length_little_endian() {
    let data = [7u8; 70_000];
    let body = encode(&data).unwrap();
    let trailer = &body[body.len() - 8..];
    assert_eq!(&trailer[..4], &crc32fast::hash(&data).to_le_bytes());
    assert_eq!(&trailer[4..], &70_000u32.to_le_bytes());
}

proptest! {
    #[test]
    fn crc32_matches_crc32fast(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert_eq!(crc32(&data), crc32fast::hash(&data));
    }

    #[test]
    fn flate2_gzip_decodes_with_the_reader(
        data in proptest::collection::vec(any::<u8>(), 0..4096),
        level in 0u32..=9,
    ) {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), Compression::new(level));
        enc.write_all(&data).unwrap();
        let body = enc.finish().unwrap();
        prop_assert_eq!(decode(&body, data.len()).unwrap(), data);
    }

    #[test]
    fn writer_output_decodes_with_flate2(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let body = encode(&data).unwrap();
        prop_assert_eq!(flate2_gunzip(&body), data.clone());
        prop_assert_eq!(decode(&body, data.len()).unwrap(), data);
    }

    #[test]
    fn concatenated_members_decode_as_one_body(
        first in proptest::collection::vec(any::<u8>(), 0..512),
        second in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let body = [encode(&first).unwrap(), encode(&second).unwrap()].concat();
        prop_assert_eq!(decode(&body, 1024).unwrap(), [first, second].concat());
    }
}
