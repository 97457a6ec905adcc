//! Why a request could not be read or written. Messages point at line numbers and limits,
//! never at the request's bytes: a preview of a production request must not echo it into
//! logs or terminals through an error path.

use std::fmt;

/// A raw request that is not HTTP/1.1 the parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// The input ends before the blank line that closes the header section.
    Incomplete,
    /// The request line is not `METHOD SP request-target SP HTTP-version`.
    RequestLine,
    /// The method is not a token.
    Method,
    /// The request-target contains characters a target cannot hold.
    Target,
    /// A request-target form the parser does not model: authority form (`CONNECT`),
    /// a scheme other than http(s), `*` with a method other than `OPTIONS`.
    UnsupportedTarget,
    /// A protocol version other than HTTP/1.1 and HTTP/1.0.
    Version,
    /// A header line without a valid `name:` (1-based line of the header section).
    HeaderLine {
        line: usize,
    },
    /// A header line continued with leading whitespace (obsolete line folding, RFC 9112 §5.2).
    ObsFold {
        line: usize,
    },
    /// A header value with control characters or bytes that are not UTF-8.
    HeaderValue {
        line: usize,
    },
    TooManyHeaders {
        limit: usize,
    },
    /// The request line and headers together exceed the limit.
    HeadersTooLarge {
        limit: usize,
    },
    /// An HTTP/1.1 request without `Host` (and without an absolute-form target).
    MissingHost,
    MultipleHosts,
    InvalidHost,
    /// A `Content-Length` that is not a number, or several that disagree.
    InvalidContentLength,
    /// Both `Content-Length` and `Transfer-Encoding`: a request-smuggling vector, refused.
    ConflictingFraming,
    /// A transfer coding other than exactly `chunked`.
    UnsupportedTransferEncoding,
    /// A chunked body whose framing is broken.
    MalformedChunk,
    /// The body is shorter than its framing says.
    Truncated,
    /// Bytes follow the end of a body framed by `Content-Length` or chunked encoding.
    TrailingBytes {
        count: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Incomplete => {
                f.write_str("the header section does not end with a blank line")
            }
            ParseError::RequestLine => {
                f.write_str("the request line is not `METHOD SP request-target SP HTTP-version`")
            }
            ParseError::Method => f.write_str("the method is not a valid token"),
            ParseError::Target => f.write_str("the request-target contains invalid characters"),
            ParseError::UnsupportedTarget => f.write_str(
                "unsupported request-target: use origin form (/path?query), an http(s) \
                 absolute URI, or * with OPTIONS",
            ),
            ParseError::Version => {
                f.write_str("unsupported version: expected HTTP/1.1 or HTTP/1.0")
            }
            ParseError::HeaderLine { line } => {
                write!(f, "line {line}: not a header field (`name: value`)")
            }
            ParseError::ObsFold { line } => {
                write!(
                    f,
                    "line {line}: obsolete header line folding is not accepted"
                )
            }
            ParseError::HeaderValue { line } => write!(
                f,
                "line {line}: header value holds control characters or is not UTF-8"
            ),
            ParseError::TooManyHeaders { limit } => {
                write!(f, "more than {limit} header fields")
            }
            ParseError::HeadersTooLarge { limit } => {
                write!(f, "request line and headers exceed {limit} bytes")
            }
            ParseError::MissingHost => f.write_str("HTTP/1.1 request without a Host header"),
            ParseError::MultipleHosts => f.write_str("more than one Host header"),
            ParseError::InvalidHost => f.write_str("the Host header is not a valid host[:port]"),
            ParseError::InvalidContentLength => {
                f.write_str("Content-Length is not a number, or several values disagree")
            }
            ParseError::ConflictingFraming => {
                f.write_str("both Content-Length and Transfer-Encoding are present")
            }
            ParseError::UnsupportedTransferEncoding => {
                f.write_str("unsupported Transfer-Encoding: only `chunked` is accepted")
            }
            ParseError::MalformedChunk => f.write_str("malformed chunked body"),
            ParseError::Truncated => f.write_str("the body is shorter than its framing declares"),
            ParseError::TrailingBytes { count } => {
                write!(f, "{count} bytes follow the end of the body")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// A header list that cannot be written as an HTTP/1.1 request. Header positions are
/// 0-based indices into the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintError {
    MissingMethod,
    MissingPath,
    InvalidMethod,
    /// `:path` is not an origin-form target (or `*` with `OPTIONS`).
    InvalidPath,
    InvalidAuthority,
    InvalidHeaderName {
        index: usize,
    },
    InvalidHeaderValue {
        index: usize,
    },
    /// A transfer coding other than `chunked`, which the printer cannot frame.
    UnsupportedTransferEncoding,
}

impl fmt::Display for PrintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrintError::MissingMethod => f.write_str("no :method pseudo-header"),
            PrintError::MissingPath => f.write_str("no :path pseudo-header"),
            PrintError::InvalidMethod => f.write_str(":method is not a valid token"),
            PrintError::InvalidPath => f.write_str(":path is not a valid request-target"),
            PrintError::InvalidAuthority => f.write_str(":authority is not a valid host[:port]"),
            PrintError::InvalidHeaderName { index } => {
                write!(f, "header #{index} has an invalid name")
            }
            PrintError::InvalidHeaderValue { index } => {
                write!(
                    f,
                    "header #{index} has a value that cannot be written on one line"
                )
            }
            PrintError::UnsupportedTransferEncoding => {
                f.write_str("unsupported Transfer-Encoding: only `chunked` can be written")
            }
        }
    }
}

impl std::error::Error for PrintError {}
