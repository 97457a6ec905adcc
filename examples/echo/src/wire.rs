//! Just enough HTTP/1.1 framing for the recording upstream and the test client: a request or
//! response head, then a body by `content-length` or chunked coding.

use std::io::{self, BufRead};

/// Largest head accepted; beyond it the peer is misbehaving.
const MAX_HEAD: usize = 64 * 1024;

/// A parsed message head: the start line and the header fields in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub start: String,
    /// Names lowercased, values trimmed, in arrival order.
    pub headers: Vec<(String, String)>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Reads a head; `Ok(None)` on a clean end of stream before any byte.
    pub fn read(reader: &mut impl BufRead) -> io::Result<Option<Self>> {
        let mut lines = Vec::new();
        let mut total = 0;
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line)?;
            if n == 0 {
                return if lines.is_empty() && total == 0 {
                    Ok(None)
                } else {
                    Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "head cut short",
                    ))
                };
            }
            total += n;
            if total > MAX_HEAD {
                return Err(io::Error::other("head too large"));
            }
            let line = line.trim_end_matches(['\r', '\n']).to_owned();
            if line.is_empty() {
                if lines.is_empty() {
                    continue; // tolerate blank lines between messages
                }
                break;
            }
            lines.push(line);
        }
        let mut lines = lines.into_iter();
        let start = lines.next().unwrap_or_default();
        let headers = lines
            .filter_map(|l| {
                let (n, v) = l.split_once(':')?;
                Some((n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            })
            .collect();
        Ok(Some(Self { start, headers }))
    }

    /// Reads the body this head announces. Without framing, a request has no body and a
    /// response runs to the end of the stream.
    pub fn read_body(&self, reader: &mut impl BufRead, is_response: bool) -> io::Result<Vec<u8>> {
        if self
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
        {
            return read_chunked(reader);
        }
        if let Some(len) = self.header("content-length") {
            let len: usize = len
                .parse()
                .map_err(|_| io::Error::other("bad content-length"))?;
            let mut body = vec![0u8; len];
            reader.read_exact(&mut body)?;
            return Ok(body);
        }
        let mut body = Vec::new();
        if is_response {
            reader.read_to_end(&mut body)?;
        }
        Ok(body)
    }
}

fn read_chunked(reader: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "chunk size cut short",
            ));
        }
        let size_text = line.trim().split(';').next().unwrap_or("");
        let size =
            usize::from_str_radix(size_text, 16).map_err(|_| io::Error::other("bad chunk size"))?;
        if size == 0 {
            // Trailers, then the blank line.
            loop {
                let mut trailer = String::new();
                if reader.read_line(&mut trailer)? == 0 || trailer.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(body.get_mut(start..).unwrap_or_default())?;
        let mut crlf = [0u8; 2];
        reader.read_exact(&mut crlf)?;
    }
}
