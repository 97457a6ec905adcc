//! The request line and headers of a typical browser-originated API call: a query with an
//! email, a bearer JWT, a session cookie among analytics cookies, and the usual protocol
//! headers. The Envoy load run sends exactly these; the engine benchmark times the headers
//! phase on them.

/// Path and query of the body-less GET.
pub const GET_PATH: &str = "/v2/customers/search?email=jane.doe%40example.com&page=2&sort=desc";

/// Path of the POSTs.
pub const POST_PATH: &str = "/v2/orders/import";

/// A JWT-shaped bearer token (header `{"alg":"HS256","typ":"JWT"}`; the signature is
/// arbitrary base64url).
const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgRG9lIiwiaWF0IjoxNzE2MjM5MDIyfQ.\
SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

/// Ordinary (non-pseudo) request headers, in the order a client sends them.
pub fn request_headers() -> Vec<(String, String)> {
    [
        (
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
        ),
        ("accept", "application/json"),
        ("accept-language", "en-GB,en;q=0.8"),
        ("accept-encoding", "gzip, deflate"),
        ("authorization", &format!("Bearer {JWT}")),
        (
            "cookie",
            "session=3f9a1c2e7b6d4a10; _ga=GA1.2.1518424121.1716239022; theme=dark",
        ),
        ("x-request-id", "7f1c2a4e-3b5d-4e6f-8a9b-0c1d2e3f4a5b"),
        (
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ),
        ("x-client-version", "web-4.18.2"),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect()
}

/// The pseudo-headers and headers as Envoy hands them to the filter on the mirror cluster.
pub fn envoy_view(
    method: &str,
    path: &str,
    content: Option<(&str, usize)>,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = vec![
        (":method".into(), method.into()),
        (":scheme".into(), "http".into()),
        (":authority".into(), "api.example.com-shadow".into()),
        (":path".into(), path.into()),
    ];
    all.extend(request_headers());
    if let Some((content_type, len)) = content {
        all.push(("content-type".into(), content_type.into()));
        all.push(("content-length".into(), len.to_string()));
    }
    all.push(("x-forwarded-for".into(), "203.0.113.7".into()));
    all.push(("x-envoy-internal".into(), "true".into()));
    all
}
