//! Raw HTTP/1.1 requests in and out of the engine, for previews and tests that want to
//! write a request the way it travels on the wire rather than as a header list.
//!
//! [`parse`] produces what Envoy hands the filter: pseudo-headers first (`:authority` from
//! `Host`, which then disappears as a header, as in Envoy; `:path`; `:method`; `:scheme`
//! `http`, or the scheme of an absolute-form target), then every header in order with a
//! lowercase name, and the body with its transfer coding removed.
//!
//! [`print`] writes headers and a body back. Framing follows the body actually printed, not
//! the headers it came with, because the filter removes `content-length` when it rewrites a
//! body (the copy then travels chunked):
//!
//! - with `transfer-encoding: chunked`, the body is written as one chunk and any
//!   `content-length` is dropped;
//! - otherwise `content-length` is the printed body's length: written where the first
//!   `content-length` header was, or after the other headers when there was none and the body
//!   is not empty. An empty body without one gets none.
//!
//! The request line says `HTTP/1.1`, or `HTTP/1.0` when there is no `:authority` to write as
//! `Host`. Parsing what [`print`] wrote gives the same headers and body back, except for that
//! normalised `content-length`.
//!
//! The parser is strict where leniency enables request smuggling (both `Content-Length` and
//! `Transfer-Encoding`, disagreeing lengths, obsolete line folding, whitespace before the
//! colon) and lenient where hand-written files differ from the wire (bare LF line ends; a body
//! without framing runs to the end of the input).

mod chunked;
mod cursor;
mod error;
mod parse;
mod print;
mod syntax;

pub use error::{ParseError, PrintError};
pub use print::print;

use crate::headers::Headers;

/// A request as the filter sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub headers: Headers,
    pub body: Vec<u8>,
}

/// Bounds on the header section, so that a hostile input costs bounded work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Header fields, `Host` included.
    pub max_headers: usize,
    /// Request line and header section, line ends and final blank line included.
    pub max_head_bytes: usize,
}

impl Default for Limits {
    /// Envoy's defaults (`max_request_headers_count`, `max_request_headers_kb`), so that
    /// whatever parses here is a request Envoy would have accepted.
    fn default() -> Self {
        Self {
            max_headers: 100,
            max_head_bytes: 60 * 1024,
        }
    }
}

/// Parses one request with the default [`Limits`].
pub fn parse(input: &[u8]) -> Result<Request, ParseError> {
    parse::parse(input, &Limits::default())
}

pub fn parse_with(input: &[u8], limits: &Limits) -> Result<Request, ParseError> {
    parse::parse(input, limits)
}

#[cfg(test)]
mod tests;
