//! Requests as the tests write them, and their passage through the engine on the path the
//! filter takes: raw HTTP/1.1 bytes parsed into Envoy's header shape, then
//! [`Policy::on_request_headers`] and [`Policy::on_request_body`].

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use mirrorguard_engine::http1;
use mirrorguard_engine::{
    BodyJob, DropReason, Entropy, Headers, HeadersVerdict, NoEntropy, Policy, Tally,
};

use super::template::{Slot, Template};

/// The real default profile: an empty configuration plus a configured key.
pub const CONFIG: &str = r#"{"redaction":{"key":"mirrorguard-corpus-key-0001"}}"#;

/// Headers the default profile adds to every copy.
pub const TAG_HEADERS: [&str; 2] = ["x-mirrorguard-shadow", "baggage"];

pub fn policy() -> Policy {
    let (policy, warnings) = Policy::from_json(CONFIG.as_bytes(), &|_| None, &mut Counter(0))
        .expect("the default profile compiles");
    assert!(warnings.is_empty(), "a configured key gives no warning");
    policy
}

/// Deterministic entropy (only used for fresh trace ids, which the default profile does not
/// make).
#[derive(Debug)]
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

#[derive(Debug, Clone)]
pub struct Body {
    pub content_type: String,
    pub template: Template,
    pub gzip: bool,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub method: &'static str,
    pub authority: String,
    pub path: Template,
    /// Header names in lower case; `content-type` and framing are added from the body.
    pub headers: Vec<(String, Template)>,
    pub body: Option<Body>,
}

impl Request {
    pub fn get(authority: &str, path: Template) -> Self {
        Self {
            method: "GET",
            authority: authority.to_owned(),
            path,
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn with_body(method: &'static str, authority: &str, path: &str, body: Body) -> Self {
        let mut p = Template::new();
        p.lit(path);
        Self {
            method,
            authority: authority.to_owned(),
            path: p,
            headers: Vec::new(),
            body: Some(body),
        }
    }

    pub fn header(&mut self, name: &str, value: Template) -> &mut Self {
        self.headers.push((name.to_owned(), value));
        self
    }

    pub fn header_lit(&mut self, name: &str, value: &str) -> &mut Self {
        let mut t = Template::new();
        t.lit(value);
        self.header(name, t)
    }

    /// Every slot of the request: path, headers, body.
    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.path
            .slots()
            .chain(self.headers.iter().flat_map(|(_, t)| t.slots()))
            .chain(self.body.iter().flat_map(|b| b.template.slots()))
    }

    /// The body as sent (compressed when the request says so).
    pub fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            None => Vec::new(),
            Some(b) if b.gzip => {
                let mut enc = GzEncoder::new(Vec::new(), Compression::default());
                enc.write_all(b.template.render().as_bytes())
                    .expect("gzip into memory");
                enc.finish().expect("gzip into memory")
            }
            Some(b) => b.template.render().into_bytes(),
        }
    }

    /// The request as it travels on the wire.
    pub fn raw(&self) -> Vec<u8> {
        let mut out = format!(
            "{} {} HTTP/1.1\r\nhost: {}\r\n",
            self.method,
            self.path.render(),
            self.authority
        );
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {}\r\n", value.render()));
        }
        let body = self.body_bytes();
        if let Some(b) = &self.body {
            out.push_str(&format!("content-type: {}\r\n", b.content_type));
            if b.gzip {
                out.push_str("content-encoding: gzip\r\n");
            }
            out.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        out.push_str("\r\n");
        let mut raw = out.into_bytes();
        raw.extend_from_slice(&body);
        raw
    }
}

/// What left the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub headers: Headers,
    pub body: Vec<u8>,
    /// Values the engine counted as redacted (headers and body).
    pub redacted: u32,
}

impl Output {
    /// The copy as it would travel on to the shadow.
    pub fn raw(&self) -> Vec<u8> {
        http1::print(&self.headers, &self.body).expect("the copy prints as HTTP/1.1")
    }

    /// The `n`-th value of header `name`.
    pub fn header<'a>(&'a self, name: &'a str, n: usize) -> Option<&'a str> {
        self.headers.get_all(name).nth(n)
    }

    /// Everything a shadow service can read, as text: header values and body.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (name, value) in self.headers.pairs() {
            out.push_str(name);
            out.push_str(": ");
            out.push_str(value);
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(&self.body));
        out
    }
}

/// Runs raw request bytes through both phases, as the filter does.
pub fn mirror(policy: &Policy, raw: &[u8]) -> Result<Output, DropReason> {
    let request = http1::parse(raw).expect("the test request parses");
    let mut headers = request.headers;
    let end_of_stream = request.body.is_empty();
    match policy.on_request_headers(&mut headers, end_of_stream, &mut Counter(0)) {
        HeadersVerdict::Drop(reason) => Err(reason),
        HeadersVerdict::PassThrough => panic!("the default profile acts on every request"),
        HeadersVerdict::Forward {
            body: BodyJob::Unchanged,
            redacted,
        } => Ok(Output {
            headers,
            body: request.body,
            redacted,
        }),
        HeadersVerdict::Forward {
            body: BodyJob::Redact(plan),
            redacted,
        } => {
            let mut tally = Tally::default();
            let body = policy.on_request_body(&plan, &request.body, &mut tally)?;
            Ok(Output {
                headers,
                body,
                redacted: redacted + tally.values,
            })
        }
    }
}
