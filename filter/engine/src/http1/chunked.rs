//! The chunked transfer coding (RFC 9112 §7.1), decoded.

use super::cursor::Cursor;
use super::error::ParseError;
use super::syntax::trim_ows;

/// Decodes a chunked body from the cursor, leaving the cursor after the final empty line.
/// Chunk extensions and trailer fields are dropped: Envoy hands trailers to filters apart
/// from the body, and nothing in them is part of the body the engine redacts.
pub fn decode(cursor: &mut Cursor<'_>) -> Result<Vec<u8>, ParseError> {
    let mut body = Vec::new();
    loop {
        let line = cursor.line().ok_or(ParseError::Truncated)?;
        let size_field = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = chunk_size(trim_ows(size_field))?;
        if size == 0 {
            break;
        }
        let data = cursor.take(size).ok_or(ParseError::Truncated)?;
        body.extend_from_slice(data);
        match cursor.line() {
            Some([]) => {}
            Some(_) => return Err(ParseError::MalformedChunk),
            None => return Err(ParseError::Truncated),
        }
    }
    // Trailer section: fields until an empty line.
    loop {
        match cursor.line() {
            Some([]) => return Ok(body),
            Some(_) => {}
            None => return Err(ParseError::Truncated),
        }
    }
}

/// A chunk size: hex digits, bounded so that the sum never overflows.
fn chunk_size(digits: &[u8]) -> Result<usize, ParseError> {
    if digits.is_empty() || digits.len() > 15 {
        return Err(ParseError::MalformedChunk);
    }
    let mut size: usize = 0;
    for &d in digits {
        let v = char::from(d)
            .to_digit(16)
            .ok_or(ParseError::MalformedChunk)?;
        size = size
            .checked_mul(16)
            .and_then(|s| s.checked_add(v as usize))
            .ok_or(ParseError::MalformedChunk)?;
    }
    Ok(size)
}

/// Writes `body` as one chunk (none when empty) and the last chunk.
pub fn encode(body: &[u8], out: &mut Vec<u8>) {
    if !body.is_empty() {
        out.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> Result<(Vec<u8>, usize), ParseError> {
        let mut cursor = Cursor::new(input);
        let body = decode(&mut cursor)?;
        Ok((body, cursor.rest().len()))
    }

    /// Input, and the body with the count of bytes left after it.
    type Case<'a> = (&'a [u8], Result<(&'a [u8], usize), ParseError>);

    #[test]
    fn decodes_chunks_extensions_and_trailers() {
        let cases: [Case; 9] = [
            (b"0\r\n\r\n", Ok((b"", 0))),
            (b"3\r\nabc\r\n0\r\n\r\n", Ok((b"abc", 0))),
            (
                b"3;x=y\r\nabc\r\nA \r\n0123456789\r\n0\r\nt: 1\r\n\r\nzz",
                Ok((b"abc0123456789", 2)),
            ),
            (b"3\nabc\n0\n\n", Ok((b"abc", 0))),
            (b"3\r\nabcd\r\n0\r\n\r\n", Err(ParseError::MalformedChunk)),
            (b"3\r\nab", Err(ParseError::Truncated)),
            (b"x\r\n", Err(ParseError::MalformedChunk)),
            (b"fffffffffffffffff\r\n", Err(ParseError::MalformedChunk)),
            (b"0\r\n", Err(ParseError::Truncated)),
        ];
        for (input, want) in cases {
            let want = want.map(|(b, rest)| (b.to_vec(), rest));
            assert_eq!(run(input), want, "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn encode_then_decode_is_identity() {
        for body in [&b""[..], b"x", &[7u8; 300]] {
            let mut out = Vec::new();
            encode(body, &mut out);
            assert_eq!(run(&out), Ok((body.to_vec(), 0)));
        }
    }
}
