//! E-mail addresses: still a syntactically valid address, but at a domain that can never
//! receive mail.
//!
//! The local part keeps its length and character classes (generic mapping, untagged). The
//! domain becomes `<label>.example`: `.example` is reserved by RFC 2606, so a shadow service
//! that sends mail reaches nobody, and no real address is ever taken for a pseudonym. The
//! 10-character label is 6 characters keyed on the original domain (addresses of one domain
//! stay together) and a 4-character keyed tag over the local part and those 6, which is how
//! [`recognises`] tells this key's output from other `.example` addresses (1 in 36^4).

use super::generic::{self, Kept};
use super::{Domain, Keyed, Parsed};

const TLD: &str = "example";
/// `@`, room for the label, and `.example`.
const HOST: [u8; 19] = *b"@0123456789.example";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// A `local@domain` address: a non-empty unquoted local part and a dotted domain of letter,
/// digit and `-` labels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Address<'a> {
    local: &'a str,
    domain: &'a str,
}

pub(super) fn parse(value: &str) -> Option<Address<'_>> {
    let at = value.bytes().position(|b| b == b'@')?;
    let (local, domain) = (value.get(..at)?, value.get(at + 1..)?);
    let ok = if value.is_ascii() {
        ascii_local_ok(local.as_bytes()) && ascii_domain_ok(domain.as_bytes())
    } else {
        local_ok(local) && domain_ok(domain)
    };
    ok.then_some(Address { local, domain })
}

/// A non-empty unquoted local part of at most 64 characters.
fn local_ok(local: &str) -> bool {
    !local.is_empty()
        && local.chars().count() <= 64
        && !local.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '@' | '"' | '<' | '>' | ',' | ';' | '(' | ')' | '[' | ']' | '\\' | ':'
                )
        })
}

/// [`local_ok`] for ASCII text, a byte at a time: ASCII whitespace is all control
/// characters but the space.
fn ascii_local_ok(local: &[u8]) -> bool {
    (1..=64).contains(&local.len()) && local.iter().all(|&c| LOCAL_BYTE[usize::from(c)])
}

/// The ASCII bytes allowed in an unquoted local part, by value (one lookup per byte: this runs
/// on every detected address).
const LOCAL_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = b' ' + 1;
    while c < 0x7f {
        table[c as usize] = !matches!(
            c,
            b'@' | b'"' | b'<' | b'>' | b',' | b';' | b'(' | b')' | b'[' | b']' | b'\\' | b':'
        );
        c += 1;
    }
    table
};

/// A dotted domain of letter, digit and `-` labels, none empty or starting or ending in `-`.
fn domain_ok(domain: &str) -> bool {
    !domain.is_empty()
        && domain.len() <= 255
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// [`domain_ok`] for ASCII text, a byte at a time.
fn ascii_domain_ok(domain: &[u8]) -> bool {
    if domain.is_empty() || domain.len() > 255 {
        return false;
    }
    // The byte before the current one, `.` at the start of each label.
    let mut previous = b'.';
    for &c in domain {
        let ok = match c {
            b'.' => previous != b'.' && previous != b'-',
            b'-' => previous != b'.',
            _ => c.is_ascii_alphanumeric(),
        };
        if !ok {
            return false;
        }
        previous = c;
    }
    previous != b'.' && previous != b'-'
}

/// The 4-character tag over the local part and the 6-character keyed head of the label.
fn tag(keyed: &Keyed, local: &str, head: &[u8]) -> [u8; 4] {
    let mut stream = keyed
        .tag(Domain::Email)
        .bytes(local.as_bytes())
        .bytes(&[0])
        .bytes(head)
        .stream();
    [0; 4].map(|_| stream.pick(ALNUM, b'0'))
}

impl<'a> Parsed<'a> for Address<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        parse(value)
    }

    fn ours(&self, keyed: &Keyed) -> bool {
        // Settled by length and suffix for nearly every address, before any search.
        if self.domain.len() != HOST.len() - 1 || !self.domain.ends_with(TLD) {
            return false;
        }
        match self.domain.split_once('.') {
            Some((label, TLD)) if label.len() == 10 => match (label.get(..6), label.get(6..)) {
                (Some(head), Some(found)) => {
                    tag(keyed, self.local, head.as_bytes()) == found.as_bytes()
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        let mut stream = keyed
            .seed(Domain::Email)
            .lower(self.local)
            .bytes(b"@")
            .lower(self.domain)
            .stream();
        let start = out.len();
        generic::fill_into(self.local, &Kept::none(), &mut stream, out);
        let mut domain_stream = keyed.seed(Domain::EmailHost).lower(self.domain).stream();
        let mut label = [0u8; 6];
        label[0] = domain_stream.pick(b"abcdefghijklmnopqrstuvwxyz", b'a');
        for c in label.iter_mut().skip(1) {
            *c = domain_stream.pick(ALNUM, b'0');
        }
        let tag = tag(keyed, out.get(start..).unwrap_or(""), &label);
        // `@`, the label and `.example`, appended at once.
        let mut host = HOST;
        for (slot, &c) in host.iter_mut().skip(1).zip(label.iter().chain(&tag)) {
            *slot = c;
        }
        super::push_ascii(out, &host);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;
    use crate::redact::pseudonym::{check, make};

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Address>(keyed, value)
    }

    fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
        check::<Address>(keyed, value)
    }

    /// A deliberately independent check of the syntax most validators apply.
    fn looks_valid(s: &str) -> bool {
        let Some((local, domain)) = s.rsplit_once('@') else {
            return false;
        };
        !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && domain.contains('.')
            && domain
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric()))
    }

    #[test]
    fn table() {
        let k = keyed();
        for input in [
            "alice@gmail.com",
            "Alice.Smith+news@mail.example.co.uk",
            "j_doe-42@sub.domain.org",
            "x@y.io",
            "josé@correo.es",
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert!(looks_valid(&out), "{input} -> {out}");
            assert!(out.ends_with(".example"), "{out}");
            let (local, _) = out.split_once('@').unwrap();
            let (in_local, _) = input.split_once('@').unwrap();
            assert_eq!(local.chars().count(), in_local.chars().count());
            assert_ne!(local, in_local);
            assert_eq!(recognises(&k, &out), Some(true));
            assert_eq!(recognises(&k, input), Some(false));
        }
    }

    #[test]
    fn the_host_template_has_room_for_the_label_then_the_tld() {
        assert_eq!(HOST.len(), 1 + 10 + 1 + TLD.len());
        assert!(HOST.ends_with(format!(".{TLD}").as_bytes()));
    }

    #[test]
    fn one_domain_one_label_prefix() {
        let k = keyed();
        let a = pseudonymize(&k, "alice@corp.com").unwrap();
        let b = pseudonymize(&k, "bob@CORP.com").unwrap();
        let c = pseudonymize(&k, "carol@other.com").unwrap();
        let label = |s: &str| s.split_once('@').unwrap().1[..6].to_owned();
        assert_eq!(label(&a), label(&b));
        assert_ne!(label(&a), label(&c));
    }

    #[test]
    fn other_example_addresses_are_not_ours() {
        let k = keyed();
        assert_eq!(recognises(&k, "someone@abcdefghij.example"), Some(false));
        assert_eq!(recognises(&k, "someone@example.com"), Some(false));
        let out = pseudonymize(&k, "alice@gmail.com").unwrap();
        assert_eq!(
            recognises(&Keyed::from_secret(b"another key entirely"), &out),
            Some(false)
        );
    }

    proptest::proptest! {
        /// The byte-at-a-time checks for ASCII text say what the general ones say.
        #[test]
        fn ascii_checks_agree(
            local in "[ -~\t\n\x7f]{0,70}",
            domain in "[a-zA-Z0-9._ -]{0,20}",
        ) {
            proptest::prop_assert_eq!(ascii_local_ok(local.as_bytes()), local_ok(&local));
            proptest::prop_assert_eq!(ascii_domain_ok(domain.as_bytes()), domain_ok(&domain));
        }
    }

    #[test]
    fn not_an_address() {
        let k = keyed();
        for v in [
            "",
            "@x.com",
            "alice@",
            "a b@c.d",
            "alice@-x.com",
            "a@b@c",
            "alice@x..com",
            "plain",
        ] {
            assert_eq!(pseudonymize(&k, v), None, "{v}");
        }
    }
}
