//! The soak's traffic: a deterministic pool of realistic requests, most carrying personal data
//! and secrets in every part (query, cookies, headers, JSON, forms, multipart, text, gzip), and
//! a few the filter must drop (a binary body, bodies over the limit), so that drops are
//! exercised too. The same seed gives the same pool on every run.
//!
//! Nothing here depends on what the detectors find: the soak counts where copies went, not
//! what they contain.

use std::io::Write;

use flate2::write::GzEncoder;
use mirrorguard_harness::Request;

/// What must happen to the copy of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Reaches the shadow upstream (rewritten or not).
    Forwarded,
    /// Dropped by the filter and counted under `mirrorguard.copies_dropped_<reason>`.
    Dropped(&'static str),
}

/// One kind of request in the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Search,
    Signup,
    Login,
    Upload,
    Note,
    Events,
    ChunkedOrder,
    Binary,
    OverLimit,
    OverLimitChunked,
}

impl Kind {
    /// Every kind with its share of the mix, per thousand requests.
    pub const MIX: [(Kind, u32); 10] = [
        (Kind::Search, 300),
        (Kind::Signup, 200),
        (Kind::Login, 120),
        (Kind::Upload, 70),
        (Kind::Note, 100),
        (Kind::Events, 80),
        (Kind::ChunkedOrder, 100),
        (Kind::Binary, 20),
        (Kind::OverLimit, 5),
        (Kind::OverLimitChunked, 5),
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Kind::Search => "GET, no body: email, phone, IP in the query; session, email and JWT in cookies and headers",
            Kind::Signup => "POST JSON signup: name, email, phone, card, SSN, IBAN, address, nested list",
            Kind::Login => "POST form: email, password, CSRF token",
            Kind::Upload => "POST multipart: fields and a CSV file part with customer rows",
            Kind::Note => "POST text/plain: a support note with contact details, non-ASCII text",
            Kind::Events => "POST gzip JSON: a batch of analytics events with IPs and user agents",
            Kind::ChunkedOrder => "POST JSON order sent chunked (no content-length)",
            Kind::Binary => "POST application/octet-stream: must be dropped",
            Kind::OverLimit => "POST JSON over `redaction.body.maxBytes`, declared length: must be dropped",
            Kind::OverLimitChunked => "POST JSON over `redaction.body.maxBytes`, chunked: must be dropped",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Search => "search",
            Kind::Signup => "signup",
            Kind::Login => "login",
            Kind::Upload => "upload",
            Kind::Note => "note",
            Kind::Events => "events",
            Kind::ChunkedOrder => "chunked-order",
            Kind::Binary => "binary",
            Kind::OverLimit => "over-limit",
            Kind::OverLimitChunked => "over-limit-chunked",
        }
    }

    pub fn expect(self) -> Expect {
        match self {
            Kind::Binary => Expect::Dropped("unsupported_content_type"),
            Kind::OverLimit | Kind::OverLimitChunked => Expect::Dropped("body_too_large"),
            _ => Expect::Forwarded,
        }
    }
}

/// One prepared request: its bytes are built once, so the load generator spends its time on
/// the wire, not on formatting.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub kind: Kind,
    pub request: Request,
}

/// SplitMix64: small, fast, and the same everywhere, which is all a load mix needs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i).copied().unwrap_or_default()
    }

    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.below(10) as u8)))
            .collect()
    }

    pub fn hex(&mut self, n: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        (0..n)
            .map(|_| char::from(HEX[(self.below(16)) as usize]))
            .collect()
    }

    pub fn base64url(&mut self, n: usize) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        (0..n)
            .map(|_| char::from(ALPHABET[(self.below(64)) as usize]))
            .collect()
    }
}

const FIRST: [&str; 12] = [
    "alice", "bob", "carla", "dmitri", "elif", "fatima", "gustav", "hana", "ivan", "jun", "kemal",
    "lucía",
];
const LAST: [&str; 10] = [
    "smith",
    "garcia",
    "müller",
    "nguyen",
    "kowalski",
    "okafor",
    "rossi",
    "tanaka",
    "haddad",
    "johansson",
];
const DOMAINS: [&str; 6] = [
    "example.com",
    "mail.example.org",
    "corp.example.net",
    "example.co.uk",
    "post.example.de",
    "example.io",
];
const CITIES: [&str; 6] = ["Lisbon", "Berlin", "Austin", "Osaka", "Nairobi", "Montréal"];
const STREETS: [&str; 5] = [
    "Main Street",
    "Rua Augusta",
    "Königstraße",
    "Elm Avenue",
    "Rue de Rivoli",
];
const IBANS: [&str; 4] = [
    "DE89370400440532013000",
    "GB82WEST12345698765432",
    "FR1420041010050500013M02606",
    "NL91ABNA0417164300",
];
const PRODUCTS: [&str; 6] = ["book", "lamp", "chair", "kettle", "headphones", "backpack"];
const AGENTS: [&str; 3] = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "okhttp/4.12.0",
];

/// A made-up person; every field is the kind of value the filter exists to redact.
struct Person {
    name: String,
    email: String,
    phone: String,
    card: String,
    ssn: String,
    iban: &'static str,
    ip: String,
    street: String,
    city: &'static str,
}

fn luhn_complete(partial: &str) -> String {
    let sum: u32 = partial
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    format!("{partial}{}", (10 - sum % 10) % 10)
}

fn person(rng: &mut Rng) -> Person {
    let first = rng.pick(&FIRST);
    let last = rng.pick(&LAST);
    let prefix = rng.pick(&["4", "51", "37", "6011"]);
    let card = luhn_complete(&format!("{prefix}{}", rng.digits(15 - prefix.len())));
    Person {
        name: format!("{first} {last}"),
        email: format!("{first}.{last}{}@{}", rng.below(100), rng.pick(&DOMAINS))
            .replace('ü', "u")
            .replace('í', "i"),
        phone: format!("+1 415 555 {}", rng.digits(4)),
        card,
        ssn: format!(
            "{}-{}-{}",
            100 + rng.below(565),
            10 + rng.below(89),
            1000 + rng.below(8999)
        ),
        iban: rng.pick(&IBANS),
        ip: format!(
            "{}.{}.{}.{}",
            11 + rng.below(180),
            rng.below(255),
            rng.below(255),
            1 + rng.below(253)
        ),
        street: format!("{} {}", 1 + rng.below(300), rng.pick(&STREETS)),
        city: rng.pick(&CITIES),
    }
}

fn jwt(rng: &mut Rng) -> String {
    format!(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{}.{}",
        rng.base64url(64),
        rng.base64url(43)
    )
}

fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn search(rng: &mut Rng, p: &Person) -> Request {
    let q = rng.pick(&["running shoes", "gift ideas", "order status", "refund"]);
    let mut r = Request::get(&format!(
        "/search?q={}&email={}&phone={}&page={}",
        percent(q),
        percent(&p.email),
        percent(&p.phone),
        1 + rng.below(9)
    ))
    .header("accept", "application/json")
    .header("user-agent", rng.pick(&AGENTS))
    .header(
        "cookie",
        &format!(
            "session={}; uid={}; consent=1",
            rng.hex(32),
            percent(&p.email)
        ),
    )
    .header("x-forwarded-for", &p.ip);
    if rng.below(2) == 0 {
        r = r.header("authorization", &format!("Bearer {}", jwt(rng)));
    }
    r
}

fn items(rng: &mut Rng, n: u64) -> String {
    let list: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"sku":"{}-{i}","name":"{}","qty":{},"price":{}.{:02}}}"#,
                rng.hex(8),
                rng.pick(&PRODUCTS),
                1 + rng.below(4),
                1 + rng.below(200),
                rng.below(100)
            )
        })
        .collect();
    format!("[{}]", list.join(","))
}

fn signup(rng: &mut Rng, p: &Person) -> Request {
    let n = rng.below(40);
    let body = format!(
        r#"{{"name":{},"email":{},"phone":{},"password":"{}","address":{{"street":{},"city":{},"country":"PT"}},"payment":{{"card":"{}","exp":"0{}/2{}","iban":"{}"}},"ssn":"{}","marketing":{},"wishlist":{},"referrer":"https://partner.example.com/r?u={}"}}"#,
        json_string(&p.name),
        json_string(&p.email),
        json_string(&p.phone),
        rng.base64url(14),
        json_string(&p.street),
        json_string(p.city),
        p.card,
        1 + rng.below(9),
        6 + rng.below(4),
        p.iban,
        p.ssn,
        rng.below(2) == 0,
        items(rng, n),
        percent(&p.email),
    );
    Request::post("/api/v1/signup", "application/json", body)
        .header("x-forwarded-for", &p.ip)
        .header("user-agent", rng.pick(&AGENTS))
}

fn login(rng: &mut Rng, p: &Person) -> Request {
    let body = format!(
        "username={}&password={}&remember=1&csrf={}",
        percent(&p.email),
        percent(&rng.base64url(16)),
        rng.hex(40)
    );
    Request::post("/login", "application/x-www-form-urlencoded", body)
        .header("cookie", &format!("session={}", rng.hex(32)))
}

fn upload(rng: &mut Rng, p: &Person) -> Request {
    let boundary = format!("----mirrorguard{}", rng.hex(16));
    let mut csv = String::from("name,email,phone,card\n");
    for _ in 0..(5 + rng.below(60)) {
        let row = person(rng);
        csv.push_str(&format!(
            "{},{},{},{}\n",
            row.name, row.email, row.phone, row.card
        ));
    }
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"contact\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --{boundary}--\r\n",
        p.name, p.email
    );
    Request::post(
        "/api/v1/imports",
        &format!("multipart/form-data; boundary={boundary}"),
        body,
    )
}

fn note(rng: &mut Rng, p: &Person) -> Request {
    let mut body = format!(
        "Ticket #{}: {} ({}) called from {} about order {}. Card ending {} was charged twice; \
         refund to IBAN {}. Customer lives at {}, {}. Ünïcödé check: naïve café, 東京, emoji 🚀.\n",
        rng.digits(6),
        p.name,
        p.email,
        p.phone,
        rng.hex(10),
        p.card
            .get(p.card.len().saturating_sub(4)..)
            .unwrap_or_default(),
        p.iban,
        p.street,
        p.city
    );
    for _ in 0..rng.below(20) {
        body.push_str("Follow-up: customer confirmed details by phone; no further action.\n");
    }
    Request::post("/support/notes", "text/plain; charset=utf-8", body)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn events(rng: &mut Rng, p: &Person) -> Request {
    let list: Vec<String> = (0..(10 + rng.below(150)))
        .map(|i| {
            format!(
                r#"{{"seq":{i},"type":"{}","user":{},"ip":"{}","ua":{},"ts":17{}}}"#,
                rng.pick(&["view", "click", "add_to_cart", "checkout"]),
                json_string(&p.email),
                p.ip,
                json_string(rng.pick(&AGENTS)),
                rng.digits(8)
            )
        })
        .collect();
    let body = gzip(format!(r#"{{"events":[{}]}}"#, list.join(",")).as_bytes());
    Request::post("/collect", "application/json", body).header("content-encoding", "gzip")
}

fn chunked_order(rng: &mut Rng, p: &Person) -> Request {
    let n = 1 + rng.below(30);
    let body = format!(
        r#"{{"customer":{{"email":{},"phone":{},"ship_to":{}}},"card":"{}","items":{}}}"#,
        json_string(&p.email),
        json_string(&p.phone),
        json_string(&format!("{}, {}", p.street, p.city)),
        p.card,
        items(rng, n)
    );
    let len = body.len();
    let cuts = [len / 3, 2 * len / 3];
    Request::post("/api/v1/orders", "application/json", body).chunked_at(&cuts)
}

fn binary(rng: &mut Rng) -> Request {
    let n = 256 + rng.below(4096);
    let body: Vec<u8> = (0..n).map(|_| (rng.next() >> 56) as u8).collect();
    Request::post("/api/v1/blobs", "application/octet-stream", body)
}

fn over_limit(rng: &mut Rng, p: &Person, max_body: usize) -> Request {
    let extra = usize::try_from(1 + rng.below(16 * 1024)).unwrap_or(1);
    let filler = "x".repeat(max_body + extra);
    let body = format!(r#"{{"email":{},"blob":"{filler}"}}"#, json_string(&p.email));
    Request::post("/api/v1/archive", "application/json", body)
}

fn build(kind: Kind, rng: &mut Rng, max_body: usize) -> Request {
    let p = person(rng);
    match kind {
        Kind::Search => search(rng, &p),
        Kind::Signup => signup(rng, &p),
        Kind::Login => login(rng, &p),
        Kind::Upload => upload(rng, &p),
        Kind::Note => note(rng, &p),
        Kind::Events => events(rng, &p),
        Kind::ChunkedOrder => chunked_order(rng, &p),
        Kind::Binary => binary(rng),
        Kind::OverLimit => over_limit(rng, &p, max_body),
        Kind::OverLimitChunked => {
            let r = over_limit(rng, &p, max_body);
            let cut = r.body.len() / 2;
            r.chunked_at(&[cut])
        }
    }
}

/// `size` requests whose kinds follow [`Kind::MIX`] exactly (per thousand), in a shuffled but
/// fixed order.
pub fn pool(seed: u64, size: usize, max_body: usize) -> Vec<Prepared> {
    let mut rng = Rng::new(seed);
    let mut kinds: Vec<Kind> = Vec::with_capacity(size);
    for (kind, per_mille) in Kind::MIX {
        let n = size * per_mille as usize / 1000;
        kinds.extend(std::iter::repeat_n(kind, n));
    }
    while kinds.len() < size {
        kinds.push(Kind::Search);
    }
    // Fisher-Yates with the same generator: the order is fixed by the seed.
    for i in (1..kinds.len()).rev() {
        let j = usize::try_from(rng.below(i as u64 + 1)).unwrap_or(0);
        kinds.swap(i, j);
    }
    kinds
        .into_iter()
        .map(|kind| Prepared {
            kind,
            request: build(kind, &mut rng, max_body),
        })
        .collect()
}
