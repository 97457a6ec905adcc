//! The raw request parser and printer: what parses prints, and the print parses back to the
//! same request (up to the `content-length` that printing recomputes).

use mirrorguard_engine::http1::{parse, parse_with, print, Limits};
use mirrorguard_engine::Headers;

pub fn http1_parse(data: &[u8]) {
    let Ok(request) = parse(data) else {
        return;
    };
    let printed = print(&request.headers, &request.body);
    assert!(
        printed.is_ok(),
        "a parsed request does not print: {printed:?}"
    );
    let Ok(printed) = printed else {
        return;
    };
    // Printing normalises framing: it may add a `host` line (absolute-form target) and a
    // `content-length`, and writes CRLF for bare LF. A request at the parser's limits can
    // therefore print one header and a few bytes over them; re-read with that much room.
    let defaults = Limits::default();
    let room = Limits {
        max_headers: defaults.max_headers + 2,
        max_head_bytes: defaults.max_head_bytes * 2,
    };
    let again = parse_with(&printed, &room);
    assert!(again.is_ok(), "a printed request does not parse: {again:?}");
    let Ok(again) = again else {
        return;
    };
    assert_eq!(again.body, request.body, "the body changed in a round trip");
    assert_eq!(
        unframed(&again.headers),
        unframed(&request.headers),
        "the headers changed in a round trip"
    );
    assert_eq!(
        print(&again.headers, &again.body),
        Ok(printed),
        "printing is not stable"
    );
}

/// Headers without `content-length`, which printing sets from the body it writes.
fn unframed(headers: &Headers) -> Headers {
    let mut headers = headers.clone();
    headers.remove("content-length");
    headers
}
