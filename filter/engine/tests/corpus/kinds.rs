//! The kinds of mirrored requests in the corpus, each a realistic request of an online shop
//! and its back office, with every inserted value labelled.

use super::build::{lit, pii, plain, put, text, Json, Pairs, V};
use super::people::*;
use crate::common::carriers::body;
use crate::common::mirror::Request;
use crate::common::pii::Pii;
use crate::common::plain::{self as look, Plain};
use crate::common::rng::{Rng, ALNUM, LOWER_HEX};
use crate::common::template::{Enc, Template};
use crate::common::words::{
    CATEGORIES, EVENTS, FIRST_NAMES, LOCALES, PAYMENT_STATUSES, PRODUCTS, SEARCH_TERMS,
    USER_AGENTS, WORDS,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Signup,
    Order,
    Payment,
    Search,
    Login,
    ProfileUpdate,
    Upload,
    Webhook,
    Logs,
    Soap,
    GzipBatch,
    Integration,
    Payout,
    Device,
    StoreOrder,
    ContactForm,
}

impl Kind {
    /// Kinds with their weight in the corpus.
    pub const MIX: [(Kind, u64); 16] = [
        (Kind::Signup, 8),
        (Kind::Order, 12),
        (Kind::Payment, 8),
        (Kind::Search, 16),
        (Kind::Login, 8),
        (Kind::ProfileUpdate, 8),
        (Kind::Upload, 5),
        (Kind::Webhook, 8),
        (Kind::Logs, 7),
        (Kind::Soap, 4),
        (Kind::GzipBatch, 6),
        (Kind::Integration, 3),
        (Kind::Payout, 3),
        (Kind::Device, 4),
        (Kind::StoreOrder, 8),
        (Kind::ContactForm, 4),
    ];

    pub fn draw(rng: &mut Rng) -> Kind {
        let total: u64 = Self::MIX.iter().map(|(_, w)| w).sum();
        let mut x = rng.below(total);
        for (kind, w) in Self::MIX {
            if x < w {
                return kind;
            }
            x -= w;
        }
        Kind::Search
    }

    pub fn build(self, rng: &mut Rng) -> Request {
        let mut r = match self {
            Kind::Signup => signup(rng),
            Kind::Order => order(rng),
            Kind::Payment => payment(rng),
            Kind::Search => search(rng),
            Kind::Login => login(rng),
            Kind::ProfileUpdate => profile(rng),
            Kind::Upload => upload(rng),
            Kind::Webhook => webhook(rng),
            Kind::Logs => logs(rng),
            Kind::Soap => soap(rng),
            Kind::GzipBatch => batch(rng),
            Kind::Integration => integration(rng),
            Kind::Payout => payout(rng),
            Kind::Device => device(rng),
            Kind::StoreOrder => store_order(rng),
            Kind::ContactForm => contact_form(rng),
        };
        common_headers(&mut r, rng);
        r
    }
}

/// Headers most browser and app requests carry.
fn common_headers(r: &mut Request, rng: &mut Rng) {
    let mut ua = Template::new();
    put(
        &mut ua,
        &plain("user_agent", *rng.pick(USER_AGENTS)),
        Enc::Raw,
    );
    r.header("user-agent", ua);
    r.header_lit("accept", "application/json, text/plain, */*");
    let locale = *rng.pick::<&str>(LOCALES);
    r.header_lit("accept-language", locale);
    let mut rid = Template::new();
    put(&mut rid, &uuid(rng), Enc::Raw);
    r.header("x-correlation-id", rid);
    if rng.chance(60) {
        // The client and the proxies it went through.
        let mut xff = Template::new();
        put(&mut xff, &detected(Pii::Ipv4, rng), Enc::Raw);
        if rng.chance(50) {
            xff.lit(", ");
            put(&mut xff, &detected(Pii::Ipv4, rng), Enc::Raw);
        }
        r.header("x-forwarded-for", xff);
    }
    if rng.chance(40) {
        let mut tp = Template::new();
        tp.lit(&format!(
            "00-{}-{}-01",
            rng.string(32, LOWER_HEX),
            rng.string(16, LOWER_HEX)
        ));
        r.header("traceparent", tp);
    }
}

fn json_body(method: &'static str, path: &str, json: Json) -> Request {
    Request::with_body(
        method,
        "api.shop.test",
        path,
        body("application/json", json.finish(), false),
    )
}

fn address(j: &mut Json, key: &str, p: &Person) {
    j.obj(Some(key))
        .s("line1", p.street())
        .s("city", p.city())
        .s("postal_code", p.postal())
        .s("country", p.country())
        .end_obj();
}

fn signup(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut j = Json::new();
    j.obj(None)
        .s("first_name", p.first())
        .s("last_name", p.last())
        .s("email", p.email())
        .s("password", p.password())
        .s("phone", p.phone())
        .s("date_of_birth", p.dob());
    address(&mut j, "address", &p);
    j.n("marketing_opt_in", boolean(rng))
        .s("locale", plain("locale", *rng.pick(LOCALES)))
        .s("referral_code", sku(rng))
        .s(
            "signup_source",
            plain("word", *rng.pick(&["web", "ios", "android"])),
        );
    let mut r = json_body("POST", "/api/v1/users", j);
    r.header_lit("origin", "https://www.shop.test");
    r
}

fn line_item(j: &mut Json, p: &Person, rng: &mut Rng) {
    // Shop APIs call a product's name `name` as often as anything else.
    let name_key = *rng.pick(&["name", "name", "product_name", "title"]);
    j.obj(None)
        .s("sku", sku(rng))
        .s(name_key, plain("product_name", *rng.pick(PRODUCTS)))
        .n("quantity", quantity(rng))
        .n("unit_price", amount(rng))
        .s("currency", p.currency());
    if rng.chance(30) {
        j.s("gtin", plain("gtin", look::gtin(rng)));
    }
    j.end_obj();
}

fn order(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut j = Json::new();
    j.obj(None).s("order_id", order_code(rng));
    j.obj(Some("customer"))
        .n("id", id(rng))
        .s("email", p.email());
    if rng.chance(70) {
        j.s("name", p.name());
    } else {
        j.obj(Some("name"))
            .s("first", p.first())
            .s("last", p.last())
            .end_obj();
    }
    j.end_obj();
    j.arr(Some("tags"));
    for _ in 0..rng.range(0, 2) {
        j.item(plain(
            "word",
            *rng.pick(&["gift", "priority", "wholesale", "repeat"]),
        ));
    }
    j.end_arr();
    j.arr(Some("items"));
    for _ in 0..rng.range(1, 4) {
        line_item(&mut j, &p, rng);
    }
    j.end_arr();
    address(&mut j, "shipping_address", &p);
    j.n("total", amount(rng))
        .s("currency", p.currency())
        .s(
            "status",
            plain("status", *rng.pick(crate::common::words::ORDER_STATUSES)),
        )
        .s("created_at", timestamp(rng))
        .n("coupon", lit("null"));
    if rng.chance(40) {
        j.sentence(
            "delivery_note",
            &[
                lit("Please call "),
                p.phone(),
                lit(" before delivery, leave with "),
                V::OutOfScope("name_in_prose", rng.pick(FIRST_NAMES).to_string()),
                lit(", thanks"),
            ],
        );
    }
    json_body("POST", "/api/v1/orders", j)
}

fn payment(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut j = Json::new();
    j.obj(None)
        .n("amount", minor_units(rng))
        .s(
            "currency",
            plain("currency", p.currency.to_ascii_lowercase()),
        )
        .s("order_id", order_code(rng));
    j.obj(Some("card"))
        .s("number", detected(Pii::Card, rng))
        .n("exp_month", plain("expiry", rng.range(1, 12).to_string()))
        .n(
            "exp_year",
            plain("expiry", rng.range(2025, 2033).to_string()),
        )
        .s("cvc", pii("card_security_code", digits(rng, 3)))
        .s("cardholder_name", p.name())
        .end_obj();
    j.obj(Some("billing_details"))
        .s("email", p.email())
        .s("postal_code", p.postal())
        .s("country", p.country())
        .end_obj();
    j.s("idempotency_key", uuid(rng))
        .s("client_ip", p.ip())
        .s("device_fingerprint", sha256(rng))
        .n("save_card", boolean(rng));
    if rng.chance(25) {
        j.s("iban", detected(Pii::Iban, rng));
    }
    let mut r = json_body("POST", "/api/v1/payments", j);
    let mut key = Template::new();
    put(&mut key, &uuid(rng), Enc::Raw);
    r.header("idempotency-key", key);
    r
}

fn search(rng: &mut Rng) -> Request {
    let mut path = Template::new();
    let endpoint = *rng.pick::<&str>(&["/search?", "/api/v2/products?", "/s?"]);
    path.lit(endpoint);
    let mut q = Pairs::form();
    q.add("q", plain("search_term", *rng.pick(SEARCH_TERMS)))
        .add("category", plain("category", *rng.pick(CATEGORIES)))
        .add("page", plain("count", rng.range(1, 40).to_string()))
        .add(
            "sort",
            plain("word", *rng.pick(&["price_asc", "relevance", "newest"])),
        )
        .add("min_price", plain("price", rng.range(0, 50).to_string()));
    if rng.chance(25) {
        q.add(
            "utm_source",
            plain("word", *rng.pick(&["newsletter", "google", "facebook"])),
        );
        q.add("utm_campaign", plain("sku", look::sku(rng)));
    }
    if rng.chance(15) {
        // A marketing link that carries the subscriber's address.
        q.add("email", detected(Pii::Email, rng));
    }
    if rng.chance(10) {
        q.add("ts", epoch_ms(rng));
    }
    q.into(&mut path);
    let mut r = Request::get("www.shop.test", path);
    let mut cookie = Pairs::cookie();
    cookie
        .add("cart_id", uuid(rng))
        .add(
            "currency",
            plain("currency", *rng.pick(&["USD", "EUR", "GBP"])),
        )
        .add("sessionid", pii("session_secret", hex_token(rng, 32)))
        .add("consent", boolean(rng));
    if rng.chance(20) {
        cookie.add("last_login_email", detected(Pii::Email, rng));
    }
    if rng.chance(30) {
        cookie.add("recently_viewed", sku(rng));
    }
    r.header("cookie", cookie.finish());
    let mut referer = Template::new();
    referer.lit("https://www.shop.test/c/");
    put(
        &mut referer,
        &plain("category", *rng.pick(CATEGORIES)),
        Enc::Path,
    );
    r.header("referer", referer);
    r
}

fn login(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut f = Pairs::form();
    if rng.chance(50) {
        f.add("username", p.username());
    } else {
        f.add("email", p.email());
    }
    f.add("password", p.password())
        .add("remember_me", boolean(rng))
        .add("csrf_token", pii("csrf_token", hex_token(rng, 40)))
        .add("redirect", plain("url_path", "/account/orders"));
    if rng.chance(20) {
        f.add("otp", pii("one_time_code", digits(rng, 6)));
    }
    Request::with_body(
        "POST",
        "www.shop.test",
        "/login",
        body("application/x-www-form-urlencoded", f.finish(), false),
    )
}

fn profile(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let user_id = look::id(rng);
    let mut j = Json::new();
    j.obj(None)
        .s("display_name", pii("person_name", p.username.clone()))
        .s("phone", p.phone());
    j.sentence(
        "bio",
        &[
            lit("Hi, I'm "),
            V::OutOfScope("name_in_prose", p.first.clone()),
            lit(", based in "),
            p.city(),
            lit(". Reach me at "),
            p.email(),
            lit(" or on "),
            plain("word", *rng.pick(WORDS)),
            lit(" days."),
        ],
    );
    j.s(
        "timezone",
        plain(
            "timezone",
            *rng.pick(&["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"]),
        ),
    )
    .s(
        "avatar_url",
        plain(
            "url",
            format!("https://cdn.shop.test/avatars/{}.png", look::uuid(rng)),
        ),
    )
    .n("newsletter", boolean(rng))
    .s("updated_at", timestamp(rng));
    if rng.chance(30) {
        j.s("payout_iban", detected(Pii::Iban, rng));
    }
    let mut path = Template::new();
    path.lit("/api/v1/users/");
    put(&mut path, &plain("numeric_id", user_id), Enc::Path);
    path.lit("/profile");
    let mut r = json_body("PATCH", "", j);
    r.path = path;
    let mut auth = Template::new();
    put(&mut auth, &detected(Pii::Jwt, rng), Enc::Raw);
    let mut with_scheme = Template::new();
    with_scheme.lit("Bearer ").extend(&auth);
    r.header("authorization", with_scheme);
    r
}

fn upload(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let b = format!("----WebKitFormBoundary{}", rng.string(16, ALNUM));
    let mut t = Template::new();
    let field = |t: &mut Template, name: &str, v: &V| {
        t.lit(&format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
        ));
        put(t, v, Enc::Raw);
        t.lit("\r\n");
    };
    field(&mut t, "title", &plain("product_name", *rng.pick(PRODUCTS)));
    field(&mut t, "order_ref", &order_code(rng));
    field(&mut t, "contact_email", &p.email());
    t.lit(&format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
    ));
    text(
        &mut t,
        &[
            lit("Item arrived damaged, order "),
            order_code(rng),
            lit(", photo attached. Call me on "),
            p.phone(),
            lit(", "),
            V::OutOfScope("name_in_prose", p.full_name()),
        ],
        Enc::Raw,
    );
    t.lit("\r\n");
    t.lit(&format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"IMG_{}.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n",
        rng.range(1000, 9999)
    ));
    // File content: emptied by the default `multipartFiles: empty`, by design.
    t.opaque(&format!("JFIF{}", rng.string(40, ALNUM)));
    t.lit(&format!("\r\n--{b}--\r\n"));
    Request::with_body(
        "POST",
        "upload.shop.test",
        "/api/v1/returns",
        body(&format!("multipart/form-data; boundary={b}"), t, false),
    )
}

fn webhook(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut j = Json::new();
    j.obj(None)
        .s("id", object_id("evt", rng))
        .s("type", plain("event_type", *rng.pick(EVENTS)))
        .n("created", epoch(rng))
        .n("livemode", boolean(rng));
    j.obj(Some("data")).obj(Some("object"));
    j.s("id", object_id("pi", rng))
        .n("amount", minor_units(rng))
        .s(
            "currency",
            plain("currency", p.currency.to_ascii_lowercase()),
        )
        .s("customer", object_id("cus", rng))
        .s("receipt_email", p.email())
        .s("status", plain("status", *rng.pick(PAYMENT_STATUSES)));
    j.obj(Some("billing_details"))
        .s("name", p.name())
        .s("phone", p.phone());
    address(&mut j, "address", &p);
    j.end_obj();
    j.obj(Some("metadata"))
        .s("order_id", order_code(rng))
        .s("cart_size", plain("count", rng.range(1, 9).to_string()))
        .end_obj();
    j.end_obj().end_obj();
    j.n("api_version_date", lit("null"));
    let mut r = json_body("POST", "/webhooks/payments", j);
    // The whole signature header is a secret: it is masked as one value under its name.
    let signature = format!("t={},v1={}", look::epoch(rng), hex_token(rng, 64));
    let mut sig = Template::new();
    put(&mut sig, &pii("signature", signature), Enc::Raw);
    r.header("stripe-signature", sig);
    r
}

fn logs(rng: &mut Rng) -> Request {
    let mut t = Template::new();
    for _ in 0..rng.range(3, 8) {
        let p = Person::new(rng);
        let mut line: Vec<V> = vec![
            lit("ts=\""),
            timestamp(rng),
            lit("\" level="),
            plain("log_level", *rng.pick(&["INFO", "WARN", "ERROR", "DEBUG"])),
            lit(" req="),
            uuid(rng),
            lit(" msg="),
        ];
        match rng.below(8) {
            0 => line.extend([
                lit("login ok user="),
                p.email(),
                lit(" ip="),
                p.ip(),
                lit(" ua=\""),
                plain("user_agent", *rng.pick(USER_AGENTS)),
                lit("\""),
            ]),
            1 => line.extend([
                lit("checkout order="),
                order_code(rng),
                lit(" amount="),
                amount(rng),
                lit(" currency="),
                p.currency(),
                lit(" items="),
                quantity(rng),
            ]),
            2 => line.extend([
                lit("payment declined card="),
                detected(Pii::Card, rng),
                lit(" reason="),
                plain(
                    "word",
                    *rng.pick(&["insufficient_funds", "expired_card", "do_not_honor"]),
                ),
            ]),
            3 => line.extend([
                lit("upstream call failed: GET https://api.partner.test/v2/rates?key="),
                detected(Pii::Google, rng),
                lit(" status="),
                plain("count", rng.pick(&["401", "429", "503"]).to_string()),
                lit(" latency_ms="),
                plain("count", rng.range(3, 4000).to_string()),
            ]),
            4 => line.extend([
                lit("sending request with headers {Authorization: "),
                detected(Pii::Bearer, rng),
                lit(", X-Build: "),
                version(rng),
                lit("}"),
            ]),
            5 => line.extend([
                lit("device "),
                detected(Pii::Mac, rng),
                lit(" joined from "),
                detected(Pii::Ipv6, rng),
                lit(" firmware="),
                version(rng),
            ]),
            6 => line.extend([
                lit("config loaded: DATABASE_URL="),
                detected(Pii::Userinfo, rng),
                lit(" AWS_ACCESS_KEY_ID="),
                detected(Pii::Aws, rng),
                lit(" region=eu-west-1"),
            ]),
            _ => line.extend([
                lit("cache miss key=product:"),
                sku(rng),
                lit(" etag="),
                plain("etag", look::etag(rng)),
                lit(" size="),
                plain("count", rng.range(100, 90_000).to_string()),
            ]),
        }
        line.push(lit("\n"));
        text(&mut t, &line, Enc::Raw);
    }
    Request::with_body(
        "POST",
        "logs.shop.test",
        "/ingest",
        body("text/plain; charset=utf-8", t, false),
    )
}

fn soap(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut t = Template::new();
    t.lit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n    <CreateCustomer xmlns=\"urn:crm\">\n");
    let el = |t: &mut Template, name: &str, v: &V| {
        t.lit(&format!("      <{name}>"));
        put(t, v, Enc::Xml);
        t.lit(&format!("</{name}>\n"));
    };
    el(&mut t, "CustomerId", &id(rng));
    el(&mut t, "FirstName", &p.first());
    el(&mut t, "LastName", &p.last());
    el(&mut t, "Email", &p.email());
    el(&mut t, "Phone", &p.phone());
    el(&mut t, "BirthDate", &p.dob());
    el(&mut t, "City", &p.city());
    el(&mut t, "CountryCode", &p.country());
    if rng.chance(50) {
        el(&mut t, "BankAccount", &detected(Pii::Iban, rng));
    }
    if rng.chance(30) {
        el(
            &mut t,
            "TaxId",
            &pii("national_id", crate::common::pii::ssn(rng)),
        );
    }
    el(&mut t, "CreatedAt", &timestamp(rng));
    t.lit("    </CreateCustomer>\n  </soap:Body>\n</soap:Envelope>\n");
    let mut r = Request::with_body(
        "POST",
        "crm.shop.test",
        "/ws/CustomerService",
        body("text/xml; charset=utf-8", t, false),
    );
    r.header_lit("soapaction", "\"urn:crm/CreateCustomer\"");
    r
}

fn batch(rng: &mut Rng) -> Request {
    let mut j = Json::new();
    j.obj(None).arr(Some("batch"));
    for _ in 0..rng.range(2, 6) {
        let p = Person::new(rng);
        j.obj(None)
            .s(
                "event",
                plain(
                    "event_type",
                    *rng.pick(&["page_view", "add_to_cart", "checkout_started", "purchase"]),
                ),
            )
            .s("anonymous_id", uuid(rng))
            .s("timestamp", timestamp(rng));
        j.obj(Some("properties"))
            .s(
                "url",
                plain("url", format!("https://www.shop.test/p/{}", look::sku(rng))),
            )
            .s("product_name", plain("product_name", *rng.pick(PRODUCTS)))
            .n("price", amount(rng))
            .end_obj();
        j.obj(Some("context"))
            .s("ip", p.ip())
            .s("user_agent", plain("user_agent", *rng.pick(USER_AGENTS)))
            .s("locale", plain("locale", *rng.pick(LOCALES)));
        j.obj(Some("library"))
            .s("name", plain("product_name", "analytics.js"))
            .s("version", version(rng))
            .end_obj();
        j.obj(Some("app"))
            .s("name", plain("product_name", "ShopApp"))
            .s("build", plain("count", rng.range(100, 9999).to_string()))
            .end_obj();
        j.obj(Some("os"))
            .s(
                "name",
                plain("word", *rng.pick(&["iOS", "Android", "Windows", "macOS"])),
            )
            .s("version", version(rng))
            .end_obj();
        j.end_obj();
        if rng.chance(30) {
            j.obj(Some("traits")).s("email", p.email()).end_obj();
        }
        j.end_obj();
    }
    j.end_arr().n("sent_at", epoch_ms(rng));
    Request::with_body(
        "POST",
        "events.shop.test",
        "/v1/batch",
        body("application/json", j.finish(), true),
    )
}

fn integration(rng: &mut Rng) -> Request {
    let mut j = Json::new();
    j.obj(None)
        .s(
            "integration",
            plain(
                "word",
                *rng.pick(&["payments", "chat", "storage", "analytics"]),
            ),
        )
        .n("enabled", boolean(rng));
    j.obj(Some("config"));
    match rng.below(4) {
        0 => j.s("value", detected(Pii::Stripe, rng)),
        1 => j.s("value", detected(Pii::Slack, rng)),
        2 => j.s("value", detected(Pii::Github, rng)),
        _ => j.s("value", detected(Pii::Aws, rng)),
    };
    j.s("endpoint", detected(Pii::Userinfo, rng))
        .s("deploy_key", detected(Pii::PrivateKey, rng))
        .s(
            "region",
            plain(
                "word",
                *rng.pick(&["eu-west-1", "us-east-1", "ap-northeast-1"]),
            ),
        )
        .n(
            "timeout_ms",
            plain("count", rng.range(100, 30_000).to_string()),
        );
    j.end_obj().s("updated_at", timestamp(rng));
    let mut r = json_body("PUT", "/admin/api/integrations", j);
    let mut auth = Template::new();
    auth.lit("Basic ");
    let basic = crate::common::pii::generate(Pii::Basic, rng);
    put(
        &mut auth,
        &V::Pii("basic", basic.fragments[0].clone(), Vec::new()),
        Enc::Raw,
    );
    r.header("authorization", auth);
    r
}

fn payout(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut j = Json::new();
    let (asset, wallet) = if rng.chance(50) {
        ("BTC", detected(Pii::Bitcoin, rng))
    } else {
        ("ETH", detected(Pii::Ethereum, rng))
    };
    j.obj(None)
        .s("payout_id", uuid(rng))
        .s("asset", plain("currency", asset))
        .s(
            "amount",
            plain("price", format!("0.{}", rng.range(1000, 99_999))),
        )
        .s("destination", wallet)
        .s("beneficiary_name", pii("person_name", p.full_name()))
        .s("memo", plain("order_code", look::order_code(rng)))
        .s("requested_at", timestamp(rng));
    json_body("POST", "/api/v1/payouts", j)
}

fn device(rng: &mut Rng) -> Request {
    let mut j = Json::new();
    j.obj(None)
        .s("device_id", uuid(rng))
        .s("mac", detected(Pii::Mac, rng))
        .s("ipv6", detected(Pii::Ipv6, rng))
        .s("lan_ip", detected(Pii::Ipv4, rng))
        .s("firmware", version(rng))
        .s("model", plain("sku", look::sku(rng)))
        .s(
            "serial",
            plain(
                "sku",
                format!(
                    "SN{}",
                    rng.string(10, b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
                ),
            ),
        )
        .n(
            "uptime_s",
            plain("count", rng.range(10, 9_000_000).to_string()),
        )
        .s(
            "checksum",
            plain(Plain::Md5.name(), rng.string(32, LOWER_HEX)),
        )
        .s("last_seen", timestamp(rng));
    json_body("POST", "/iot/v1/devices/register", j)
}

/// An order as an online-store platform's webhook sends it: numeric ids, `line_items` with
/// `name`, a shipping address with `address1`/`zip`, the customer's names as fields.
fn store_order(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut j = Json::new();
    j.obj(None)
        .n(
            "id",
            plain(
                "numeric_id",
                rng.range(4_000_000_000_000, 6_999_999_999_999).to_string(),
            ),
        )
        .s("email", p.email())
        .s("created_at", timestamp(rng))
        .s("currency", p.currency())
        .s("total_price", amount(rng))
        .s(
            "financial_status",
            plain("status", *rng.pick(&["paid", "pending", "refunded"])),
        )
        .n(
            "order_number",
            plain("numeric_id", rng.range(1001, 99_999).to_string()),
        );
    j.arr(Some("line_items"));
    for _ in 0..rng.range(1, 4) {
        j.obj(None)
            .n(
                "id",
                plain(
                    "numeric_id",
                    rng.range(10_000_000_000, 99_999_999_999).to_string(),
                ),
            )
            .s("name", plain("product_name", *rng.pick(PRODUCTS)))
            .s("sku", sku(rng))
            .n("quantity", quantity(rng))
            .s("price", amount(rng))
            .s(
                "vendor",
                plain(
                    "word",
                    *rng.pick(&["Acme", "Globex", "Initech", "Umbrella"]),
                ),
            )
            .end_obj();
    }
    j.end_arr();
    j.obj(Some("shipping_address"))
        .s("first_name", p.first())
        .s("last_name", p.last())
        .s("address1", p.street())
        .s(
            "address2",
            pii("street_address", format!("Apt {}", rng.range(1, 99))),
        )
        .s("city", p.city())
        .s("zip", p.postal())
        .s("country_code", p.country())
        .s("phone", p.phone())
        .end_obj();
    j.obj(Some("customer"))
        .n("id", id(rng))
        .s("first_name", p.first())
        .s("last_name", p.last())
        .n("orders_count", plain("count", rng.range(1, 40).to_string()))
        .end_obj();
    j.obj(Some("client_details"))
        .s("browser_ip", p.ip())
        .s("user_agent", plain("user_agent", *rng.pick(USER_AGENTS)))
        .end_obj();
    let mut r = json_body("POST", "/webhooks/orders/create", j);
    let mut topic = Template::new();
    put(&mut topic, &plain("event_type", "orders/create"), Enc::Raw);
    r.header("x-shop-topic", topic);
    let mut hmac = Template::new();
    put(
        &mut hmac,
        &pii(
            "signature",
            crate::common::encode::base64(hex_token(rng, 32).as_bytes(), false),
        ),
        Enc::Raw,
    );
    r.header("x-shop-hmac-sha256", hmac);
    r
}

/// A contact form: the visitor's details as fields, and a message in their own words.
fn contact_form(rng: &mut Rng) -> Request {
    let p = Person::new(rng);
    let mut f = Pairs::form();
    f.add("name", p.name())
        .add("email", p.email())
        .add("phone", p.phone())
        .add(
            "subject",
            plain(
                "word",
                *rng.pick(&["Order status", "Return request", "Billing question"]),
            ),
        );
    let mut message = Template::new();
    text(
        &mut message,
        &[
            lit("Hello, my order "),
            order_code(rng),
            lit(" placed on "),
            plain("date", look::date(rng)),
            lit(" has not arrived. You can reach me at "),
            p.phone(),
            lit(" or "),
            p.email(),
            lit(". Thanks"),
        ],
        Enc::Form,
    );
    let mut body_t = f.finish();
    body_t.lit("&message=").extend(&message).lit("&consent=on");
    Request::with_body(
        "POST",
        "www.shop.test",
        "/contact",
        body("application/x-www-form-urlencoded", body_t, false),
    )
}
