//! Provider API keys recognisable by their documented prefixes and alphabets.
//!
//! Each scanner is called at a prefix the trigger automaton found and checks the body's
//! alphabet and length and that the key is not glued to a longer word.

use crate::detect::bytes::{at, before, is_word, run_len};

fn is_upper_digit(c: u8) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}

fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// A body of `min..=max` bytes of `class` after the prefix ending at `e`, ending a word.
fn body(
    b: &[u8],
    s: usize,
    e: usize,
    min: usize,
    max: usize,
    class: impl Fn(u8) -> bool,
) -> Option<(usize, usize)> {
    if is_word(before(b, s)) {
        return None;
    }
    let len = run_len(b, e, &class);
    let end = e + len;
    ((min..=max).contains(&len) && !is_word(at(b, end))).then_some((s, end))
}

/// The length of an AWS access key id: a four-capital prefix and [`AWS_BODY`] more.
pub(in crate::detect) const AWS_LEN: usize = 4 + AWS_BODY;

const AWS_BODY: usize = 16;

/// AWS access key ids: `AKIA` (long-term), `ASIA` (STS), `ABIA`, `ACCA` + 16 of `[A-Z0-9]`.
pub(in crate::detect) fn aws(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    body(b, s, e, AWS_BODY, AWS_BODY, is_upper_digit)
}

/// GitHub `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` tokens: 36 base62 characters (longer
/// bodies are accepted for forward compatibility).
pub(in crate::detect) fn github(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    body(b, s, e, 36, 251, is_alnum)
}

/// GitHub fine-grained tokens: `github_pat_` + 22 id characters + `_` + 59 secret ones.
pub(in crate::detect) fn github_pat(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    body(b, s, e, 22, 244, is_word)
}

/// Stripe secret and restricted keys, live and test.
pub(in crate::detect) fn stripe(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    body(b, s, e, 10, 247, is_alnum)
}

/// Slack `xoxb-`/`xoxp-`/`xoxa-`/`xoxr-`/`xoxs-`/`xoxe-` tokens and `xapp-` app tokens.
pub(in crate::detect) fn slack(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    let found = body(b, s, e, 10, 250, |c| is_alnum(c) || c == b'-')?;
    // Real tokens are dash-separated numbers and a random part; require a digit.
    b.get(e..found.1)?
        .iter()
        .any(u8::is_ascii_digit)
        .then_some(found)
}

/// `hooks.slack.com/services/T…/B…/…`: the finding is the three secret path segments, so
/// the redacted URL still says where it pointed.
pub(in crate::detect) fn slack_webhook(b: &[u8], _s: usize, e: usize) -> Option<(usize, usize)> {
    let team = run_len(b, e, is_upper_digit);
    let mut i = e + team;
    if at(b, e) != b'T' || team < 8 || at(b, i) != b'/' {
        return None;
    }
    i += 1;
    let bot = run_len(b, i, is_upper_digit);
    if at(b, i) != b'B' || bot < 8 || at(b, i + bot) != b'/' {
        return None;
    }
    i += bot + 1;
    let secret = run_len(b, i, is_alnum);
    let end = i + secret;
    (secret >= 16 && !is_word(at(b, end))).then_some((e, end))
}

/// Google API keys: `AIza` + 35 of `[A-Za-z0-9_-]`.
pub(in crate::detect) fn google(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    if before(b, s) == b'-' {
        return None;
    }
    body(b, s, e, 35, 35, |c| is_word(c) || c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    type Scanner = fn(&[u8], usize, usize) -> Option<(usize, usize)>;

    fn run(scan: Scanner, text: &str, prefix: &str) -> Option<String> {
        let s = text.find(prefix)?;
        scan(text.as_bytes(), s, s + prefix.len()).map(|(a, z)| text[a..z].to_owned())
    }

    #[test]
    fn aws_keys() {
        assert_eq!(
            run(aws, "key=AKIAIOSFODNN7EXAMPLE&x", "AKIA").as_deref(),
            Some("AKIAIOSFODNN7EXAMPLE")
        );
        assert_eq!(run(aws, "AKIAIOSFODNN7EXAMPL", "AKIA"), None);
        assert_eq!(run(aws, "AKIAIOSFODNN7EXAMPLEX", "AKIA"), None);
        assert_eq!(run(aws, "xAKIAIOSFODNN7EXAMPLE", "AKIA"), None);
        assert_eq!(run(aws, "AKIAiosfodnn7example", "AKIA"), None);
    }

    #[test]
    fn github_tokens() {
        let t = "ghp_1A2b3C4d5E6f7G8h9I0j1K2l3M4n5O6p7Q8r";
        assert_eq!(
            run(github, &format!("token {t}."), "ghp_").as_deref(),
            Some(t)
        );
        assert_eq!(run(github, "ghp_short", "ghp_"), None);
        let pat = format!("github_pat_{}_{}", "1".repeat(22), "a".repeat(59));
        assert_eq!(
            run(github_pat, &pat, "github_pat_").as_deref(),
            Some(pat.as_str())
        );
    }

    #[test]
    fn stripe_slack_google() {
        assert_eq!(
            run(stripe, "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_").as_deref(),
            Some("sk_live_4eC39HqLyjWDarjtT1zdp7dc")
        );
        assert_eq!(run(stripe, "sk_live_short", "sk_live_"), None);
        let slack_token = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
        assert_eq!(
            run(slack, slack_token, "xoxb-").as_deref(),
            Some(slack_token)
        );
        assert_eq!(run(slack, "xoxb-notatokenatall", "xoxb-"), None);
        let hook = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
        assert_eq!(
            run(slack_webhook, hook, "hooks.slack.com/services/").as_deref(),
            Some("T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")
        );
        let key = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";
        assert_eq!(
            run(google, &format!("key={key}&"), "AIza").as_deref(),
            Some(key)
        );
        assert_eq!(run(google, "AIzaSyDdI0hCZtE6vySjMm", "AIza"), None);
    }
}
