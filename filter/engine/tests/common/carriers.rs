//! The places a value travels in a request, each as a small realistic request with the value
//! in one slot and ordinary, non-personal data around it.

use super::mirror::{Body, Request};
use super::plain::{self, Plain};
use super::rng::Rng;
use super::template::{Enc, Label, Slot, Template};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// A `text/plain` body: a sentence or a log line.
    Sentence,
    /// A JSON string value under a neutral key.
    JsonString,
    /// Inside a sentence that is a JSON string.
    JsonSentence,
    /// Deep in a JSON document, in an array of objects.
    JsonNested,
    /// A bare JSON number (digit-only values).
    JsonNumber,
    /// The same JSON document, gzip-compressed.
    GzipJson,
    Form,
    Query,
    PathSegment,
    Cookie,
    Header,
    Multipart,
    Xml,
}

impl Carrier {
    pub const ALL: [Carrier; 13] = [
        Carrier::Sentence,
        Carrier::JsonString,
        Carrier::JsonSentence,
        Carrier::JsonNested,
        Carrier::JsonNumber,
        Carrier::GzipJson,
        Carrier::Form,
        Carrier::Query,
        Carrier::PathSegment,
        Carrier::Cookie,
        Carrier::Header,
        Carrier::Multipart,
        Carrier::Xml,
    ];

    /// Whether `value` can travel in this carrier as it is written.
    pub fn fits(self, value: &str) -> bool {
        let single_line = !value.contains('\n');
        match self {
            Carrier::JsonNumber => {
                !value.is_empty()
                    && !value.starts_with('0')
                    && value.bytes().all(|c| c.is_ascii_digit())
            }
            Carrier::PathSegment => !value.contains('/') && !value.contains(' ') && single_line,
            Carrier::Cookie | Carrier::Header => single_line,
            // The sentence "please use 0x…, thanks" does not name an unchecksummed address.
            Carrier::JsonSentence => !super::pii::unchecksummed_address(value),
            _ => true,
        }
    }

    /// A request with `slot` in this carrier.
    pub fn build(self, slot: Slot, rng: &mut Rng) -> Request {
        let id = plain::id(rng);
        let ts = plain::timestamp(rng);
        match self {
            Carrier::Sentence => {
                let mut t = Template::new();
                match rng.below(3) {
                    0 => t
                        .lit("Hi team, the customer asked us to update the record to ")
                        .slot(slot)
                        .lit(", thanks!\n"),
                    // In prose there is no key to say a number is an identifier, and a
                    // 10-digit one may well be a phone number: ids here are shorter.
                    1 => t
                        .lit("2024-05-01T10:00:00Z INFO req=")
                        .plain(
                            "numeric_id",
                            &rng.range(1, 999_999_999).to_string(),
                            Enc::Raw,
                        )
                        .lit(" value=")
                        .slot(slot)
                        .lit("; status=ok\n"),
                    _ => t.lit("Note: ").slot(slot),
                };
                Request::with_body(
                    "POST",
                    "support.shop.test",
                    "/tickets",
                    body("text/plain; charset=utf-8", t, false),
                )
            }
            Carrier::JsonString | Carrier::GzipJson => {
                let mut t = Template::new();
                t.lit("{\"id\": ")
                    .plain("numeric_id", &id, Enc::JsonNum)
                    .lit(", \"note\": ")
                    .slot(with_enc(slot, Enc::JsonStr))
                    .lit(", \"created_at\": ")
                    .plain("timestamp", &ts, Enc::JsonStr)
                    .lit(", \"tags\": [\"a\", \"b\"]}");
                let gzip = self == Carrier::GzipJson;
                Request::with_body(
                    "POST",
                    "api.shop.test",
                    "/v1/notes",
                    body("application/json", t, gzip),
                )
            }
            Carrier::JsonSentence => {
                let mut t = Template::new();
                t.lit("{\"message\": \"Customer says: please use ")
                    .slot(with_enc(slot, Enc::JsonInner))
                    .lit(", thanks\", \"ticket_id\": ")
                    .plain("numeric_id", &id, Enc::JsonNum)
                    .lit("}");
                Request::with_body(
                    "POST",
                    "api.shop.test",
                    "/v1/messages",
                    body("application/json", t, false),
                )
            }
            Carrier::JsonNested => {
                let mut t = Template::new();
                t.lit("{\"data\": {\"items\": [{\"value\": ")
                    .slot(with_enc(slot, Enc::JsonStr))
                    .lit("}, {\"value\": \"ok\", \"at\": ")
                    .plain("timestamp", &ts, Enc::JsonStr)
                    .lit("}]}, \"page\": 2}");
                Request::with_body(
                    "PUT",
                    "api.shop.test",
                    "/v1/records/7",
                    body("application/vnd.api+json", t, false),
                )
            }
            Carrier::JsonNumber => {
                let mut t = Template::new();
                t.lit("{\"value\": ")
                    .slot(with_enc(slot, Enc::JsonNum))
                    .lit(", \"qty\": 2, \"id\": ")
                    .plain("numeric_id", &id, Enc::JsonNum)
                    .lit("}");
                Request::with_body(
                    "POST",
                    "api.shop.test",
                    "/v1/refs",
                    body("application/json", t, false),
                )
            }
            Carrier::Form => {
                let mut t = Template::new();
                t.lit("action=save&note=")
                    .slot(with_enc(slot, Enc::Form))
                    .lit("&id=")
                    .plain("numeric_id", &id, Enc::Form)
                    .lit("&page=2");
                Request::with_body(
                    "POST",
                    "www.shop.test",
                    "/account/notes",
                    body("application/x-www-form-urlencoded", t, false),
                )
            }
            Carrier::Query => {
                let mut p = Template::new();
                p.lit("/api/search?q=")
                    .slot(with_enc(slot, Enc::Form))
                    .lit("&since=")
                    .plain("timestamp", &ts, Enc::Form)
                    .lit("&page=2");
                Request::get("api.shop.test", p)
            }
            Carrier::PathSegment => {
                let mut p = Template::new();
                p.lit("/v1/lookup/")
                    .slot(with_enc(slot, Enc::Path))
                    .lit("/details?id=")
                    .plain("numeric_id", &id, Enc::Form);
                Request::get("api.shop.test", p)
            }
            Carrier::Cookie => {
                let mut c = Template::new();
                c.lit("theme=dark; pref=")
                    .slot(with_enc(slot, Enc::Cookie))
                    .lit("; visitor_id=")
                    .plain("numeric_id", &id, Enc::Cookie)
                    .lit("; lang=en");
                let mut r = Request::get("www.shop.test", lit("/"));
                r.header("cookie", c);
                r
            }
            Carrier::Header => {
                let mut h = Template::new();
                h.slot(with_enc(slot, Enc::Raw));
                let mut r = Request::get("api.shop.test", lit("/v1/ping"));
                r.header_lit("user-agent", "ShopApp/3.18.2 (Android 14; Pixel 8)");
                r.header("x-customer-note", h);
                r
            }
            Carrier::Multipart => {
                let b = "----mirrorguardFormBoundary7MA4YWxk";
                let mut t = Template::new();
                t.lit(&format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n"
                ))
                .plain("numeric_id", &id, Enc::Raw)
                .lit(&format!(
                    "\r\n--{b}\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n"
                ))
                .slot(with_enc(slot, Enc::Raw))
                .lit(&format!("\r\n--{b}--\r\n"));
                Request::with_body(
                    "POST",
                    "upload.shop.test",
                    "/v1/upload",
                    body(&format!("multipart/form-data; boundary={b}"), t, false),
                )
            }
            Carrier::Xml => {
                let mut t = Template::new();
                t.lit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request><id>")
                    .plain("numeric_id", &id, Enc::Xml)
                    .lit("</id><note>")
                    .slot(with_enc(slot, Enc::Xml))
                    .lit("</note></request>\n");
                Request::with_body(
                    "POST",
                    "soap.shop.test",
                    "/ws",
                    body("text/xml; charset=utf-8", t, false),
                )
            }
        }
    }
}

pub fn body(content_type: &str, template: Template, gzip: bool) -> Body {
    Body {
        content_type: content_type.to_owned(),
        template,
        gzip,
    }
}

pub fn lit(text: &str) -> Template {
    let mut t = Template::new();
    t.lit(text);
    t
}

fn with_enc(slot: Slot, enc: Enc) -> Slot {
    Slot { enc, ..slot }
}

/// A slot holding a look-alike of the given kind.
pub fn lookalike(kind: Plain, rng: &mut Rng) -> Slot {
    Slot {
        value: plain::generate(kind, rng),
        enc: Enc::Raw,
        label: Label::Plain {
            category: kind.name(),
        },
    }
}
