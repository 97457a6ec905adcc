//! The whole engine path for one raw request: parse, headers phase, body phase. No input may
//! panic, and the verdicts keep their promises.

use mirrorguard_engine::config::DEFAULT_MARKER_HEADER;
use mirrorguard_engine::http1::{parse, Request};
use mirrorguard_engine::{BodyJob, Headers, HeadersVerdict, Policy, Tally};

use super::fixtures::{policies, Counter};

pub fn request(data: &[u8]) {
    let Ok(request) = parse(data) else {
        return;
    };
    for policy in policies() {
        if let Some(copy) = run(policy, &request) {
            // The tag is how the receiving side tells a copy from real traffic: a forwarded
            // copy without it would be taken for a real request.
            assert_eq!(
                copy.get(DEFAULT_MARKER_HEADER),
                Some("mirrorguard"),
                "a forwarded copy is not tagged"
            );
        }
    }
}

/// Both phases, as the filter calls them; the copy's headers when it is forwarded. Also used
/// by the config check on every configuration that compiles.
pub fn run(policy: &Policy, request: &Request) -> Option<Headers> {
    let mut headers = request.headers.clone();
    let end_of_stream = request.body.is_empty();
    let verdict = policy.on_request_headers(&mut headers, end_of_stream, &mut Counter::default());
    let HeadersVerdict::Forward { body, .. } = verdict else {
        return None;
    };
    if let BodyJob::Redact(plan) = body {
        // The body is about to change length: a stale length would corrupt the copy.
        assert!(
            !headers.contains("content-length"),
            "content-length kept on a body that is rewritten"
        );
        policy
            .on_request_body(&plan, &request.body, &mut Tally::default())
            .ok()?;
    }
    Some(headers)
}
