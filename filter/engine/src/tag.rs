//! Marks on the copy: the marker header, a W3C baggage member, and optionally a new trace.

use crate::config::TagConfig;
use crate::error::ConfigError;
use crate::headers::Headers;
use crate::rules::header_name;

/// Baggage member key carrying the mark into the shadow service's own outbound calls.
pub const BAGGAGE_KEY: &str = "mirrorguard-shadow";

/// Trace propagation headers replaced or removed when the copy gets a fresh trace, so that no
/// tracer joins the shadow's spans to the primary's trace.
const TRACE_HEADERS: [&str; 15] = [
    "traceparent",
    "tracestate",
    "b3",
    "x-b3-traceid",
    "x-b3-spanid",
    "x-b3-parentspanid",
    "x-b3-sampled",
    "x-b3-flags",
    "uber-trace-id",
    "x-cloud-trace-context",
    "x-datadog-trace-id",
    "x-datadog-parent-id",
    "x-datadog-sampling-priority",
    "x-ot-span-context",
    "grpc-trace-bin",
];

/// A source of random bytes: the host's in the VM, the operating system's in the CLI, a
/// seeded one in tests.
pub trait Entropy {
    /// Fills `buf` with random bytes, or says there are none. A source never substitutes
    /// something predictable (a clock, zeros): the engine decides what to do without them.
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy>;
}

/// The source had no random bytes to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoEntropy;

#[derive(Debug, Clone)]
pub struct Tagger {
    header: String,
    source: String,
    /// `mirrorguard-shadow=<source>` when the baggage member is on: built once per VM.
    baggage: Option<String>,
    fresh_trace: bool,
}

impl Tagger {
    pub fn compile(cfg: &TagConfig) -> Result<Option<Self>, ConfigError> {
        if !cfg.enabled {
            return Ok(None);
        }
        let header = header_name("tag.header", &cfg.header)?;
        if header.starts_with(':') {
            return Err(ConfigError::new("tag.header", "cannot be a pseudo-header"));
        }
        let valid_source = !cfg.source.is_empty()
            && cfg.source.len() <= 63
            && cfg
                .source
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !valid_source {
            return Err(ConfigError::new(
                "tag.source",
                "must be 1 to 63 characters of letters, digits, '.', '_' or '-'",
            ));
        }
        Ok(Some(Self {
            header,
            source: cfg.source.clone(),
            baggage: cfg
                .baggage
                .then(|| [BAGGAGE_KEY, "=", &cfg.source].concat()),
            fresh_trace: cfg.fresh_trace,
        }))
    }

    pub fn header(&self) -> &str {
        &self.header
    }

    /// Tags the copy. Any marker or baggage member that arrived with the request is replaced,
    /// never trusted.
    pub fn apply(&self, headers: &mut Headers, entropy: &mut dyn Entropy) {
        headers.set(&self.header, self.source.clone());
        if let Some(member) = &self.baggage {
            // The members that arrived, minus any mark, then ours: one string, built once.
            let mut baggage = String::new();
            let arrived = headers
                .get_all("baggage")
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|m| !m.is_empty() && baggage_key(m) != BAGGAGE_KEY);
            for arrived in arrived {
                if baggage.is_empty() {
                    baggage.reserve(arrived.len() + 1 + member.len());
                }
                baggage.push_str(arrived);
                baggage.push(',');
            }
            baggage.push_str(member);
            headers.set("baggage", baggage);
        }
        if self.fresh_trace {
            let mut ids = [0u8; 24];
            if entropy.fill(&mut ids).is_err() {
                // Without random bytes the copy still must not join the primary's trace: it
                // leaves with no trace context, and the shadow starts a trace of its own.
                for name in TRACE_HEADERS {
                    headers.remove(name);
                }
                return;
            }
            // An all-zero trace or span id is invalid in W3C trace context.
            if let Some(first) = ids.first_mut() {
                *first |= 1;
            }
            if let Some(span_first) = ids.get_mut(16) {
                *span_first |= 1;
            }
            let (trace, span) = ids.split_at(16);
            let mut traceparent = String::with_capacity(55);
            traceparent.push_str("00-");
            push_hex(&mut traceparent, trace);
            traceparent.push('-');
            push_hex(&mut traceparent, span);
            traceparent.push('-');
            // The primary's sampling decision carries over.
            let sampled = headers.get("traceparent").and_then(trace_flags);
            traceparent.push_str(sampled.unwrap_or("01"));
            for name in TRACE_HEADERS {
                headers.remove(name);
            }
            headers.set("traceparent", traceparent);
        }
    }
}

fn baggage_key(member: &str) -> &str {
    member.split(['=', ';']).next().unwrap_or("").trim()
}

fn trace_flags(traceparent: &str) -> Option<&str> {
    let flags = traceparent.trim().rsplit('-').next()?;
    (flags.len() == 2 && flags.bytes().all(|b| b.is_ascii_hexdigit())).then_some(flags)
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Deterministic entropy for tests.
    pub struct Counter(pub u8);

    impl Entropy for Counter {
        fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy> {
            for b in buf {
                self.0 = self.0.wrapping_add(1);
                *b = self.0;
            }
            Ok(())
        }
    }

    /// A host with no random bytes.
    pub struct Exhausted;

    impl Entropy for Exhausted {
        fn fill(&mut self, _: &mut [u8]) -> Result<(), NoEntropy> {
            Err(NoEntropy)
        }
    }

    fn tagger(json: &str) -> Tagger {
        let cfg: TagConfig = serde_json::from_str(json).unwrap();
        Tagger::compile(&cfg).unwrap().unwrap()
    }

    #[test]
    fn spoofed_marker_and_baggage_are_replaced() {
        let t = tagger(r#"{"source":"eu-west"}"#);
        let mut h = Headers::from_pairs([
            ("x-mirrorguard-shadow", "spoofed"),
            ("baggage", "userId=42, mirrorguard-shadow=spoofed;p=1"),
        ]);
        t.apply(&mut h, &mut Counter(0));
        assert_eq!(
            h.get_all("x-mirrorguard-shadow").collect::<Vec<_>>(),
            ["eu-west"]
        );
        assert_eq!(
            h.get("baggage"),
            Some("userId=42,mirrorguard-shadow=eu-west")
        );
    }

    #[test]
    fn fresh_trace_replaces_every_propagation_header() {
        let t = tagger(r#"{"freshTrace":true}"#);
        let primary = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
        let mut h = Headers::from_pairs([
            ("traceparent", primary),
            ("tracestate", "x=1"),
            ("x-b3-traceid", "abc"),
            ("b3", "abc-def-1"),
        ]);
        t.apply(&mut h, &mut Counter(0));
        let tp = h.get("traceparent").unwrap();
        assert_ne!(tp, primary);
        let parts: Vec<_> = tp.split('-').collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(
            (parts[0], parts[1].len(), parts[2].len(), parts[3]),
            ("00", 32, 16, "00")
        );
        for gone in ["tracestate", "x-b3-traceid", "b3"] {
            assert!(!h.contains(gone), "{gone}");
        }
    }

    #[test]
    fn without_random_bytes_the_copy_leaves_with_no_trace_context() {
        let t = tagger(r#"{"freshTrace":true,"source":"eu-west"}"#);
        let mut h = Headers::from_pairs([
            (
                "traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ),
            ("tracestate", "x=1"),
            ("x-b3-traceid", "abc"),
        ]);
        t.apply(&mut h, &mut Exhausted);
        for gone in TRACE_HEADERS {
            assert!(!h.contains(gone), "{gone}");
        }
        assert_eq!(h.get("x-mirrorguard-shadow"), Some("eu-west"));
    }

    #[test]
    fn trace_untouched_without_fresh_trace() {
        let t = tagger("{}");
        let mut h = Headers::from_pairs([("traceparent", "00-aa-bb-01")]);
        t.apply(&mut h, &mut Counter(0));
        assert_eq!(h.get("traceparent"), Some("00-aa-bb-01"));
    }

    #[test]
    fn invalid_source_and_header_are_rejected() {
        let bad = |json: &str| Tagger::compile(&serde_json::from_str(json).unwrap()).unwrap_err();
        assert_eq!(bad(r#"{"source":"a,b"}"#).field(), "tag.source");
        assert_eq!(bad(r#"{"source":""}"#).field(), "tag.source");
        assert_eq!(bad(r#"{"header":"x y"}"#).field(), "tag.header");
        assert_eq!(bad(r#"{"header":":authority"}"#).field(), "tag.header");
    }

    #[test]
    fn disabled_tagging_compiles_to_none() {
        assert!(
            Tagger::compile(&serde_json::from_str(r#"{"enabled":false}"#).unwrap())
                .unwrap()
                .is_none()
        );
    }
}
