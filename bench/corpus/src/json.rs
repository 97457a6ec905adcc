//! JSON API bodies: a page of orders, each with a customer, payment, client and items, so
//! about ten personal values fall in every 4 KiB (emails, phones, names, cards or IBANs, IPs).

use crate::pii;
use crate::rng::Rng;
use crate::text::{product_title, timestamp};
use crate::words::{CITIES, COUNTRIES, FEATURES};
use crate::Sample;

/// Personal values in one order record (name, email, phone, card or IBAN, IP).
const PII_PER_ORDER: usize = 5;

/// A `{"orders": [...]}` page of about `len` bytes.
pub fn orders(name: &str, seed: u64, len: usize) -> Sample {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(len + 2048);
    out.push_str("{\"page\":1,\"pageSize\":50,\"orders\":[");
    let mut count = 0;
    // Whole orders only, as long as the document (with its closing brackets) fits in `len`.
    loop {
        let mut next = String::new();
        order(&mut rng, &mut next);
        if count > 0 && out.len() + 1 + next.len() + 2 > len {
            break;
        }
        if count > 0 {
            out.push(',');
        }
        out.push_str(&next);
        count += PII_PER_ORDER;
    }
    out.push_str("]}");
    Sample::new(name, "application/json", out, count)
}

fn order(rng: &mut Rng, out: &mut String) {
    let payment = if rng.chance(60) {
        format!(
            "{{\"type\":\"card\",\"cardNumber\":\"{}\",\"expMonth\":{},\"expYear\":{}}}",
            pii::card(rng),
            rng.range(1, 12),
            rng.range(2026, 2031)
        )
    } else {
        format!(
            "{{\"type\":\"sepa\",\"iban\":\"{}\",\"mandate\":\"MND-{}\"}}",
            pii::iban(rng),
            rng.upper(6)
        )
    };
    let items: Vec<String> = (0..rng.range(4, 7))
        .map(|_| {
            format!(
                "{{\"sku\":\"SKU-{}\",\"title\":\"{}\",\"description\":\"It {}.\",\"qty\":{},\"unitCents\":{}}}",
                rng.upper(3),
                product_title(rng),
                rng.pick(FEATURES),
                rng.range(1, 4),
                rng.range(199, 49_999)
            )
        })
        .collect();
    let record = format!(
        "{{\"id\":\"ord_{}\",\"createdAt\":\"{}\",\"status\":\"{}\",\"currency\":\"EUR\",\
         \"totalCents\":{},\"agent\":\"EMP-{}\",\
         \"customer\":{{\"id\":\"cus_{}\",\"fullName\":\"{}\",\"email\":\"{}\",\"phone\":\"{}\",\"locale\":\"en-GB\"}},\
         \"shipping\":{{\"method\":\"standard\",\"city\":\"{}\",\"country\":\"{}\",\"tracking\":\"TRK-{}\"}},\
         \"payment\":{},\
         \"client\":{{\"ip\":\"{}\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0\"}},\
         \"items\":[{}],\"giftWrap\":{},\"note\":\"Please leave the parcel at the back door.\",\
         \"history\":[{}]}}",
        rng.hex(16),
        timestamp(rng),
        rng.pick(&["paid", "shipped", "delivered", "returned"]),
        rng.range(500, 250_000),
        rng.digits(6),
        rng.hex(12),
        pii::full_name(rng),
        pii::email(rng),
        pii::phone(rng),
        rng.pick(CITIES),
        rng.pick(COUNTRIES),
        rng.upper(8),
        payment,
        pii::ipv4(rng),
        items.join(","),
        rng.chance(20),
        history(rng),
    );
    out.push_str(&record);
}

/// Status changes of an order: timestamps and codes, no personal data.
fn history(rng: &mut Rng) -> String {
    ["created", "paid", "picked", "shipped"]
        .iter()
        .map(|status| {
            format!(
                "{{\"status\":\"{status}\",\"at\":\"{}\",\"by\":\"svc-{}\",\"event\":\"evt_{}\"}}",
                timestamp(rng),
                rng.pick(&["checkout", "warehouse", "carrier"]),
                rng.hex(20)
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}
