//! The `cookie` header: each cookie redacted as a field under its name.
//!
//! Cookie names are the server's own vocabulary, so only values are scanned. A value is
//! percent-decoded for scanning because applications commonly store `jane%40example.com`;
//! a rewritten value is encoded back to valid `cookie-octet`s, inside its quotes if it had
//! them.

use super::percent::{self, Component, Plus};
use super::{split_once, Joined, Scan};
use crate::redact::{FieldAction, Tally};

/// What becomes of one `cookie` header value: kept byte for byte when no cookie changed,
/// rewritten with `; ` separators when one did, removed when no cookie is left.
pub fn redact(scan: &impl Scan, header: &str, tally: &mut Tally) -> FieldAction {
    let pairs = || header.split(';').map(trim_ows).filter(|p| !p.is_empty());
    // Built from the first cookie that changes: an untouched header allocates nothing.
    let mut out: Option<Joined> = None;
    for (index, pair) in pairs().enumerate() {
        let action = redact_pair(scan, pair, tally);
        let out = match (&mut out, &action) {
            (Some(out), _) => out,
            (None, FieldAction::Keep) => continue,
            (None, _) => {
                // The cookies before this one, as they were but with normalised separators.
                let mut joined = Joined::with_capacity(header.len() + 16, "; ");
                pairs().take(index).for_each(|kept| joined.push(kept));
                out.insert(joined)
            }
        };
        match &action {
            FieldAction::Keep => out.push(pair),
            FieldAction::Replace(new) => out.push(new),
            FieldAction::Remove => {}
        }
    }
    match out {
        None => FieldAction::Keep,
        Some(Joined { any: false, .. }) => FieldAction::Remove,
        Some(Joined { text, .. }) => FieldAction::Replace(text),
    }
}

/// One `name=value` pair; a pair without `=` is a bare value under an empty name.
fn redact_pair(scan: &impl Scan, pair: &str, tally: &mut Tally) -> FieldAction {
    let (name, raw_value) = match split_once(pair, b'=') {
        Some((name, value)) => (Some(trim_ows(name)), trim_ows(value)),
        None => (None, pair),
    };
    let (quoted, inner) = match raw_value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
    {
        Some(inner) => (true, inner),
        None => (false, raw_value),
    };
    let value = percent::decode(inner, Plus::Literal);
    let new = match scan.field(name.unwrap_or(""), &value, tally) {
        FieldAction::Keep => return FieldAction::Keep,
        FieldAction::Replace(new) if new == *value => return FieldAction::Keep,
        FieldAction::Remove => return FieldAction::Remove,
        FieldAction::Replace(new) => new,
    };
    let mut out = String::with_capacity(pair.len() + new.len());
    if let Some(name) = name {
        out.push_str(name);
        out.push('=');
    }
    if quoted {
        out.push('"');
    }
    percent::encode_into(&mut out, &new, Component::Cookie);
    if quoted {
        out.push('"');
    }
    FieldAction::Replace(out)
}

fn trim_ows(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::tests::{custom_redactor, Classifying, EMAIL};
    use proptest::prelude::*;
    use regex::Regex;

    fn run(scan: &impl Scan, header: &str) -> FieldAction {
        redact(scan, header, &mut Tally::default())
    }

    fn replaced(s: &str) -> FieldAction {
        FieldAction::Replace(s.to_owned())
    }

    #[test]
    fn cookies_are_redacted_one_by_one() {
        let r = custom_redactor(r#"{"type":"mask"}"#, "");
        let cases = [
            ("a=1;b=2", FieldAction::Keep),
            ("", FieldAction::Keep),
            ("u=jane@mail.com", replaced("u=[MAIL]")),
            (
                "a=1;u=jane%40mail.com ;  b=2",
                replaced("a=1; u=[MAIL]; b=2"),
            ),
            ("u=\"jane@mail.com\"; a=1", replaced("u=\"[MAIL]\"; a=1")),
            ("jane@mail.com", replaced("[MAIL]")),
            ("a=\"x;u=jane@mail.com", replaced("a=\"x; u=[MAIL]")),
            // A replacement is encoded to valid cookie octets.
            ("u=jane@mail.com, x", replaced("u=[MAIL]%2C%20x")),
        ];
        for (header, want) in cases {
            assert_eq!(run(&r, header), want, "{header}");
        }
    }

    #[test]
    fn removed_cookies_disappear_and_an_empty_header_goes() {
        let c = Classifying(custom_redactor(r#"{"type":"mask"}"#, ""));
        assert_eq!(
            run(&c, "a=1; password=hunter2; name=Jane; b=2"),
            replaced("a=1; name=[NAME]; b=2")
        );
        assert_eq!(run(&c, "password=x;;password=y"), FieldAction::Remove);
    }

    proptest! {
        #[test]
        fn a_header_without_matches_is_unchanged(header in "[a-z0-9%=; \"@.\t]{0,60}") {
            prop_assume!(!Regex::new(EMAIL).unwrap().is_match(&percent::decode(&header, Plus::Literal)));
            let r = custom_redactor(r#"{"type":"mask"}"#, "");
            prop_assert_eq!(run(&r, &header), FieldAction::Keep);
        }

        #[test]
        fn no_match_survives(header in "[a-z0-9%=; \"@.]{0,30}", name in "[a-z]{1,5}", remove in any::<bool>()) {
            let op = if remove { r#"{"type":"remove"}"# } else { r#"{"type":"mask"}"# };
            let header = format!("{header}; {name}=jane%40mail.com; {header}");
            let out = match run(&custom_redactor(op, ""), &header) {
                FieldAction::Keep => header,
                FieldAction::Replace(new) => new,
                FieldAction::Remove => String::new(),
            };
            let email = Regex::new(EMAIL).unwrap();
            for pair in out.split(';') {
                prop_assert!(!email.is_match(&percent::decode(pair, Plus::Literal)), "{}", out);
            }
        }
    }
}
