//! What the engine decides about a copy, and why a copy is dropped.

use crate::body::BodyPlan;

/// Why a copy was dropped instead of forwarded. Each reason is its own counter, so operators
/// can tell a misconfigured content type from an attack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// The body is larger than `redaction.body.maxBytes`.
    BodyTooLarge,
    /// The decompressed body is larger than `redaction.body.maxDecompressedBytes`.
    DecompressionLimit,
    /// The body claims an encoding (gzip, deflate) but does not decode.
    UndecodableBody,
    /// A content encoding the engine cannot decode (br, zstd, ...).
    UnsupportedEncoding,
    /// A body whose content type the engine cannot inspect and the config does not let pass.
    UnsupportedContentType,
    /// A body declared as text (or JSON, form, multipart) that is not valid UTF-8.
    InvalidUtf8,
    /// A multipart body without a usable boundary or structure, or one whose redaction would
    /// change its structure (a removal that joins text into a delimiter line).
    MalformedBody,
    /// Request trailers arrived while the body was still being buffered: the body can no
    /// longer be rewritten, so the copy cannot be made safe.
    Trailers,
    /// The host refused a read or write the filter needed (header map, body buffer).
    HostError,
}

impl DropReason {
    pub const ALL: [DropReason; 9] = [
        DropReason::BodyTooLarge,
        DropReason::DecompressionLimit,
        DropReason::UndecodableBody,
        DropReason::UnsupportedEncoding,
        DropReason::UnsupportedContentType,
        DropReason::InvalidUtf8,
        DropReason::MalformedBody,
        DropReason::Trailers,
        DropReason::HostError,
    ];

    /// The metric and log name of the reason.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::BodyTooLarge => "body_too_large",
            DropReason::DecompressionLimit => "decompression_limit",
            DropReason::UndecodableBody => "undecodable_body",
            DropReason::UnsupportedEncoding => "unsupported_encoding",
            DropReason::UnsupportedContentType => "unsupported_content_type",
            DropReason::InvalidUtf8 => "invalid_utf8",
            DropReason::MalformedBody => "malformed_body",
            DropReason::Trailers => "trailers",
            DropReason::HostError => "host_error",
        }
    }
}

impl std::fmt::Display for DropReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the headers phase decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadersVerdict {
    /// Not a mirrored copy (scope `mirrored`): leave the request entirely alone.
    PassThrough,
    /// Forward the rewritten copy; the body, if any, is handled as `body` says.
    Forward { body: BodyJob, redacted: u32 },
    /// Do not forward the copy.
    Drop(DropReason),
}

/// What to do with the copy's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyJob {
    /// No body expected, or one that passes unchanged (redaction off, allowed content type).
    Unchanged,
    /// Buffer the whole body (up to the limit) and hand it to the body phase.
    Redact(BodyPlan),
}
