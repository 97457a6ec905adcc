//! A read position in the raw request.

#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Self { input, pos: 0 }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn rest(&self) -> &'a [u8] {
        self.input.get(self.pos..).unwrap_or_default()
    }

    /// The next line without its terminator. Lines end in CRLF; a bare LF is accepted too
    /// (RFC 9112 §2.2 allows it), which hand-written request files often have. `None` when no
    /// line terminator is left.
    pub fn line(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest();
        let lf = rest.iter().position(|&b| b == b'\n')?;
        let line = rest.get(..lf)?;
        self.pos += lf + 1;
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }

    /// The next `n` bytes, if there are that many.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let bytes = self.rest().get(..n)?;
        self.pos += n;
        Some(bytes)
    }
}
