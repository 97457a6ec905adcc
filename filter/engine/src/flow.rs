//! The per-request state machine of the filter, written against a small [`Host`] trait so that
//! the whole callback sequence (headers, body chunks, trailers) runs natively against a fake
//! host in tests. The wasm crate implements [`Host`] with proxy-wasm host calls and maps
//! [`Step`] to `Action`.

use std::rc::Rc;

use crate::body::BodyPlan;
use crate::headers::{HeaderEdit, Headers};
use crate::policy::Policy;
use crate::redact::Tally;
use crate::tag::Entropy;
use crate::verdict::{BodyJob, DropReason, HeadersVerdict};

/// Why a host call failed. Carries no data from the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostError {
    /// The host does not offer this data in the current callback.
    NotAvailable,
    /// The host answered with an unexpected status.
    Status,
    /// The host returned bytes that are not what the ABI promises (e.g. a non-UTF-8 header).
    Malformed,
}

/// Something worth counting. Names only; the adapter maps each to a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A request reached the filter.
    Seen,
    /// Not a mirrored copy (scope `mirrored`): passed untouched.
    PassedThrough,
    /// A copy was forwarded after rewriting.
    Rewritten,
    /// A copy was dropped.
    Dropped(DropReason),
    /// Values redacted in a copy.
    Redacted(u32),
}

/// What the filter tells the host after a callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Continue,
    /// Stop iteration; for a body, keep buffering.
    Pause,
}

/// The host calls the flow needs; proxy-wasm in the VM, a fake in tests.
pub trait Host {
    fn request_headers(&mut self) -> Result<Headers, HostError>;
    fn edit_request_headers(&mut self, edits: &[HeaderEdit<'_>]) -> Result<(), HostError>;
    /// The buffered body so far (`size` bytes, as the host reported).
    fn request_body(&mut self, size: usize) -> Result<Vec<u8>, HostError>;
    fn replace_request_body(&mut self, size: usize, body: &[u8]) -> Result<(), HostError>;
    /// Ends the copy with a local reply so that nothing reaches the shadow upstream.
    fn drop_copy(&mut self, reason: DropReason) -> Result<(), HostError>;
    fn count(&mut self, event: Event);
}

#[derive(Debug)]
enum State {
    /// Before the headers callback.
    Start,
    /// Nothing more to do for this request (passed through, forwarded, or body unchanged).
    Done,
    /// Buffering the body until the end of the stream.
    Buffering(BodyPlan),
    /// The copy was dropped; later callbacks must not let anything through.
    Dropped,
}

/// One request's passage through the filter.
#[derive(Debug)]
pub struct CopyFlow {
    policy: Rc<Policy>,
    state: State,
}

impl CopyFlow {
    pub fn new(policy: Rc<Policy>) -> Self {
        Self {
            policy,
            state: State::Start,
        }
    }

    pub fn on_headers(
        &mut self,
        host: &mut dyn Host,
        end_of_stream: bool,
        entropy: &mut dyn Entropy,
    ) -> Step {
        host.count(Event::Seen);
        let mut headers = match host.request_headers() {
            Ok(h) => h,
            // A header value that is not UTF-8 cannot be scanned reliably: fail closed.
            Err(HostError::Malformed) => return self.drop(host, DropReason::InvalidUtf8),
            Err(_) => return self.drop(host, DropReason::HostError),
        };
        match self
            .policy
            .on_request_headers(&mut headers, end_of_stream, entropy)
        {
            HeadersVerdict::PassThrough => {
                host.count(Event::PassedThrough);
                self.state = State::Done;
                Step::Continue
            }
            HeadersVerdict::Drop(reason) => self.drop(host, reason),
            HeadersVerdict::Forward { body, redacted } => {
                // Only the names the policy changed: the list keeps what they were.
                if host.edit_request_headers(&headers.edits()).is_err() {
                    return self.drop(host, DropReason::HostError);
                }
                if redacted > 0 {
                    host.count(Event::Redacted(redacted));
                }
                match body {
                    BodyJob::Unchanged => {
                        host.count(Event::Rewritten);
                        self.state = State::Done;
                    }
                    BodyJob::Redact(plan) => self.state = State::Buffering(plan),
                }
                Step::Continue
            }
        }
    }

    pub fn on_body(&mut self, host: &mut dyn Host, size: usize, end_of_stream: bool) -> Step {
        let plan = match &self.state {
            State::Buffering(plan) => plan,
            State::Dropped => return Step::Pause,
            State::Start | State::Done => return Step::Continue,
        };
        if size > self.policy.max_body_bytes() {
            return self.drop(host, DropReason::BodyTooLarge);
        }
        if !end_of_stream {
            return Step::Pause;
        }
        let body = match host.request_body(size) {
            Ok(body) => body,
            Err(_) => return self.drop(host, DropReason::HostError),
        };
        let mut tally = Tally::default();
        match self.policy.on_request_body(plan, &body, &mut tally) {
            Ok(redacted) => {
                if redacted != body && host.replace_request_body(size, &redacted).is_err() {
                    return self.drop(host, DropReason::HostError);
                }
                if tally.values > 0 {
                    host.count(Event::Redacted(tally.values));
                }
                host.count(Event::Rewritten);
                self.state = State::Done;
                Step::Continue
            }
            Err(reason) => self.drop(host, reason),
        }
    }

    /// Trailers end a stream whose body never saw `end_of_stream`. The body callback can no
    /// longer be rewritten from here, so a copy still being buffered is dropped.
    pub fn on_trailers(&mut self, host: &mut dyn Host) -> Step {
        match self.state {
            State::Buffering(_) => self.drop(host, DropReason::Trailers),
            State::Dropped => Step::Pause,
            State::Start | State::Done => Step::Continue,
        }
    }

    fn drop(&mut self, host: &mut dyn Host, reason: DropReason) -> Step {
        self.state = State::Dropped;
        host.count(Event::Dropped(reason));
        // If even the local reply fails there is nothing safer left to do than to stop
        // iteration: the copy then never completes upstream.
        let _ = host.drop_copy(reason);
        Step::Pause
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers;
    use crate::tag::tests::Counter;

    /// A state-based fake host: what the request looks like and what the filter did to it.
    #[derive(Default)]
    struct FakeHost {
        headers: Headers,
        body: Vec<u8>,
        dropped: Option<DropReason>,
        events: Vec<Event>,
        fail_body_reads: bool,
    }

    impl FakeHost {
        fn with_headers(mut self, pairs: &[(&str, &str)]) -> Self {
            self.headers = Headers::from_pairs(pairs.iter().copied());
            self
        }

        fn with_body(mut self, body: &str) -> Self {
            self.body = body.as_bytes().to_vec();
            self
        }
    }

    impl Host for FakeHost {
        fn request_headers(&mut self) -> Result<Headers, HostError> {
            Ok(self.headers.clone())
        }
        fn edit_request_headers(&mut self, edits: &[HeaderEdit<'_>]) -> Result<(), HostError> {
            headers::apply(&mut self.headers, edits);
            Ok(())
        }
        fn request_body(&mut self, size: usize) -> Result<Vec<u8>, HostError> {
            if self.fail_body_reads {
                return Err(HostError::Status);
            }
            Ok(self.body.get(..size).unwrap_or(&self.body).to_vec())
        }
        fn replace_request_body(&mut self, _size: usize, body: &[u8]) -> Result<(), HostError> {
            self.body = body.to_vec();
            Ok(())
        }
        fn drop_copy(&mut self, reason: DropReason) -> Result<(), HostError> {
            self.dropped = Some(reason);
            Ok(())
        }
        fn count(&mut self, event: Event) {
            self.events.push(event);
        }
    }

    fn policy(json: &str) -> Rc<Policy> {
        let (policy, _) = Policy::from_json(json.as_bytes(), &|_| None, &mut Counter(0)).unwrap();
        Rc::new(policy)
    }

    const EMAIL_RULE: &str = r#"{"redaction":{"key":"0123456789abcdef0123","custom":[
        {"name":"test_email","pattern":"[a-z]+@[a-z]+\\.com","operator":{"type":"mask"}}]}}"#;

    fn post(body: &str) -> FakeHost {
        FakeHost::default()
            .with_headers(&[
                (":method", "POST"),
                (":path", "/signup"),
                (":authority", "api-shadow"),
                ("content-type", "application/json"),
                ("content-length", &body.len().to_string()),
            ])
            .with_body(body)
    }

    #[test]
    fn body_is_buffered_then_redacted_and_content_length_removed() {
        let mut host = post(r#"{"email":"alice@example.com"}"#);
        let mut flow = CopyFlow::new(policy(EMAIL_RULE));
        assert_eq!(
            flow.on_headers(&mut host, false, &mut Counter(0)),
            Step::Continue
        );
        assert!(!host.headers.contains("content-length"));
        assert_eq!(
            host.headers.get("x-mirrorguard-shadow"),
            Some("mirrorguard")
        );
        assert_eq!(flow.on_body(&mut host, 10, false), Step::Pause);
        let size = host.body.len();
        assert_eq!(flow.on_body(&mut host, size, true), Step::Continue);
        let body = String::from_utf8(host.body.clone()).unwrap();
        assert!(!body.contains("alice@example.com"), "{body}");
        assert!(body.contains("[TEST_EMAIL]"), "{body}");
        assert!(host.events.contains(&Event::Rewritten));
        assert!(host.events.contains(&Event::Redacted(1)));
        assert_eq!(host.dropped, None);
    }

    #[test]
    fn body_over_the_limit_drops_the_copy_and_stays_dropped() {
        let cfg = r#"{"redaction":{"key":"0123456789abcdef0123","body":{"maxBytes":8}}}"#;
        let mut host = post("{}");
        let mut flow = CopyFlow::new(policy(cfg));
        assert_eq!(
            flow.on_headers(&mut host, false, &mut Counter(0)),
            Step::Continue
        );
        assert_eq!(flow.on_body(&mut host, 9, false), Step::Pause);
        assert_eq!(host.dropped, Some(DropReason::BodyTooLarge));
        assert_eq!(flow.on_body(&mut host, 20, true), Step::Pause);
        assert_eq!(flow.on_trailers(&mut host), Step::Pause);
        assert_eq!(
            host.events.last(),
            Some(&Event::Dropped(DropReason::BodyTooLarge))
        );
    }

    #[test]
    fn declared_length_over_the_limit_drops_at_headers() {
        let cfg = r#"{"redaction":{"key":"0123456789abcdef0123","body":{"maxBytes":8}}}"#;
        let mut host = post("0123456789");
        let mut flow = CopyFlow::new(policy(cfg));
        assert_eq!(
            flow.on_headers(&mut host, false, &mut Counter(0)),
            Step::Pause
        );
        assert_eq!(host.dropped, Some(DropReason::BodyTooLarge));
    }

    #[test]
    fn unsupported_content_type_drops_at_headers() {
        let mut host = post("\u{0}\u{1}").with_headers(&[
            (":path", "/upload"),
            ("content-type", "application/octet-stream"),
        ]);
        let mut flow = CopyFlow::new(policy("{}"));
        assert_eq!(
            flow.on_headers(&mut host, false, &mut Counter(0)),
            Step::Pause
        );
        assert_eq!(host.dropped, Some(DropReason::UnsupportedContentType));
    }

    #[test]
    fn trailers_while_buffering_drop_the_copy() {
        let mut host = post("{}");
        let mut flow = CopyFlow::new(policy("{}"));
        flow.on_headers(&mut host, false, &mut Counter(0));
        assert_eq!(flow.on_body(&mut host, 2, false), Step::Pause);
        assert_eq!(flow.on_trailers(&mut host), Step::Pause);
        assert_eq!(host.dropped, Some(DropReason::Trailers));
    }

    #[test]
    fn host_failure_reading_the_body_drops_rather_than_forwards() {
        let mut host = post("{}");
        host.fail_body_reads = true;
        let mut flow = CopyFlow::new(policy("{}"));
        flow.on_headers(&mut host, false, &mut Counter(0));
        assert_eq!(flow.on_body(&mut host, 2, true), Step::Pause);
        assert_eq!(host.dropped, Some(DropReason::HostError));
    }

    #[test]
    fn out_of_scope_request_is_untouched() {
        let mut host = FakeHost::default().with_headers(&[
            (":authority", "api"),
            (":path", "/x"),
            ("authorization", "Bearer abc"),
        ]);
        let original = host.headers.clone();
        let mut flow = CopyFlow::new(policy(r#"{"scope":"mirrored"}"#));
        assert_eq!(
            flow.on_headers(&mut host, true, &mut Counter(0)),
            Step::Continue
        );
        assert_eq!(host.headers, original);
        assert_eq!(host.events, [Event::Seen, Event::PassedThrough]);
        assert_eq!(flow.on_body(&mut host, 0, true), Step::Continue);
    }

    #[test]
    fn mirrored_scope_recognises_suffix_and_marker() {
        let p = policy(r#"{"scope":"mirrored"}"#);
        for headers in [
            vec![(":authority", "api-shadow")],
            // Envoy puts the suffix before the port.
            vec![(":authority", "api.example.com-shadow:9000")],
            vec![(":authority", "api"), ("x-mirrorguard-shadow", "eu")],
        ] {
            let mut host = FakeHost::default().with_headers(&headers);
            CopyFlow::new(p.clone()).on_headers(&mut host, true, &mut Counter(0));
            assert!(host.events.contains(&Event::Rewritten), "{headers:?}");
        }
    }
}
