//! A small HTTP/1.1 client over a raw socket: the tests need exact control over what goes on
//! the wire (chunk boundaries, resets), which a general client hides.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use mirrorguard_echo::wire::Head;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send the body chunked, split into these pieces.
    pub chunks: Option<Vec<Vec<u8>>>,
}

impl Request {
    pub fn get(path: &str) -> Self {
        Self {
            method: "GET".into(),
            path: path.into(),
            headers: Vec::new(),
            body: Vec::new(),
            chunks: None,
        }
    }

    pub fn post(path: &str, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::get(path)
            .method("POST")
            .header("content-type", content_type)
            .body(body)
    }

    /// A request from a raw HTTP/1.1 file (such as `examples/requests/*.http`), read with the
    /// engine's own parser. Framing headers are left for [`Request::to_bytes`] to write.
    pub fn from_raw(raw: &[u8]) -> Result<Self, mirrorguard_engine::http1::ParseError> {
        let parsed = mirrorguard_engine::http1::parse(raw)?;
        let h = &parsed.headers;
        let mut request =
            Self::get(h.get(":path").unwrap_or("/")).method(h.get(":method").unwrap_or("GET"));
        for (name, value) in h.pairs() {
            if !name.starts_with(':') && name != "content-length" && name != "transfer-encoding" {
                request = request.header(name, value);
            }
        }
        Ok(request.body(parsed.body))
    }

    pub fn method(mut self, method: &str) -> Self {
        self.method = method.into();
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Sends the body with `transfer-encoding: chunked`, in pieces split at `at` offsets.
    pub fn chunked_at(mut self, at: &[usize]) -> Self {
        let mut pieces = Vec::new();
        let mut start = 0;
        for &cut in at {
            pieces.push(self.body[start..cut].to_vec());
            start = cut;
        }
        pieces.push(self.body[start..].to_vec());
        self.chunks = Some(pieces);
        self
    }

    /// The bytes on the wire.
    pub fn to_bytes(&self, authority: &str) -> Vec<u8> {
        let mut out = format!(
            "{} {} HTTP/1.1\r\nhost: {authority}\r\n",
            self.method, self.path
        )
        .into_bytes();
        for (n, v) in &self.headers {
            out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
        }
        match &self.chunks {
            Some(chunks) => {
                out.extend_from_slice(b"transfer-encoding: chunked\r\n\r\n");
                for c in chunks.iter().filter(|c| !c.is_empty()) {
                    out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
                    out.extend_from_slice(c);
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(b"0\r\n\r\n");
            }
            None => {
                if !self.body.is_empty() || self.method == "POST" || self.method == "PUT" {
                    out.extend_from_slice(
                        format!("content-length: {}\r\n", self.body.len()).as_bytes(),
                    );
                }
                out.extend_from_slice(b"\r\n");
                out.extend_from_slice(&self.body);
            }
        }
        out
    }

    pub fn send(&self, addr: SocketAddr) -> std::io::Result<Response> {
        let mut stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        match &self.chunks {
            // Write chunk by chunk with a pause so the proxy sees separate reads.
            Some(_) => {
                let bytes = self.to_bytes("api.example.com");
                let head_end = find(&bytes, b"\r\n\r\n").map_or(bytes.len(), |p| p + 4);
                stream.write_all(&bytes[..head_end])?;
                stream.flush()?;
                let mut rest = &bytes[head_end..];
                while !rest.is_empty() {
                    let line_end = find(rest, b"\r\n").map_or(rest.len(), |p| p + 2);
                    let size = usize::from_str_radix(
                        std::str::from_utf8(&rest[..line_end - 2]).unwrap_or("0"),
                        16,
                    )
                    .unwrap_or(0);
                    let piece = (line_end + size + 2).min(rest.len());
                    stream.write_all(&rest[..piece])?;
                    stream.flush()?;
                    std::thread::sleep(Duration::from_millis(30));
                    rest = &rest[piece..];
                }
            }
            None => stream.write_all(&self.to_bytes("api.example.com"))?,
        }
        Response::read(&mut stream)
    }
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Reads one response (content-length, chunked, or to the end of the stream).
    pub fn read(stream: &mut impl Read) -> std::io::Result<Self> {
        let mut reader = std::io::BufReader::new(stream);
        let head = Head::read(&mut reader)?
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no response"))?;
        let status = head
            .start
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other("bad status line"))?;
        let body = head.read_body(&mut reader, true)?;
        Ok(Self {
            status,
            headers: head.headers,
            body,
        })
    }
}
