//! `application/x-www-form-urlencoded` bodies: a support form with contact details and a
//! long free-text message that itself mentions personal data.

use crate::pii;
use crate::rng::Rng;
use crate::text::product_copy;
use crate::Sample;

/// About `len` bytes of form fields.
pub fn support_form(seed: u64, len: usize) -> Sample {
    let mut rng = Rng::new(seed);
    let mut fields: Vec<(String, String)> = vec![
        ("full_name".into(), pii::full_name(&mut rng)),
        ("email".into(), pii::email(&mut rng)),
        ("phone".into(), pii::phone(&mut rng)),
        ("order_id".into(), format!("ord_{}", rng.hex(16))),
        ("topic".into(), "refund".into()),
        ("csrf_token".into(), rng.hex(32)),
        ("newsletter".into(), "on".into()),
        ("utm_source".into(), "spring-sale".into()),
    ];
    let mut count = 3;
    let mut message = String::new();
    let fixed_len = fields
        .iter()
        .map(|(k, v)| encode(k).len() + encode(v).len() + 2)
        .sum::<usize>();
    while fixed_len + "message=".len() + encode(&message).len() < len {
        if rng.chance(40) {
            let value = match rng.below(3) {
                0 => pii::card(&mut rng),
                1 => pii::iban(&mut rng),
                _ => pii::email(&mut rng),
            };
            count += 1;
            message.push_str(&format!("Please use {value} for this. "));
        } else {
            product_copy(&mut rng, &mut message);
            message.push(' ');
        }
    }
    fields.push(("message".into(), message));
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Sample::new("form-4k", "application/x-www-form-urlencoded", body, count)
}

/// `application/x-www-form-urlencoded` encoding: space as `+`, unreserved bytes as they are.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 5 / 4);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
