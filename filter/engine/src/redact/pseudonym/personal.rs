//! Values under keys that name personal data (`name`, `address`, `dob`, `email`, `phone`...).
//!
//! The key says the value is personal, not what it is, so the value's own shape picks the
//! pseudonym: an e-mail address still goes to a `.example` domain, a date of birth keeps its
//! decade and format, an international phone number keeps its country code, a card stays
//! Luhn-valid. Everything else gets the generic class-keeping mapping.
//!
//! Sniffing is strict (a card must pass Luhn, an IBAN mod-97, a phone number must start with
//! `+`) so that a name or a plain number is not mistaken for one, and the order is chosen so
//! that every format's pseudonyms sniff as that same format again.

use super::generic::{self, Kept};
use super::{card, date, email, iban, phone, ssn, Format, Keyed};

fn sniff(value: &str) -> Option<Format> {
    if email::parse(value).is_some() {
        Some(Format::Email)
    } else if date::parse(value).is_some() {
        Some(Format::Date)
    } else if value.starts_with('+') && phone::parse(value).is_some() {
        Some(Format::Phone)
    } else if card::parse(value)
        .is_some_and(|c| c.digits().len() >= 13 && crate::luhn::is_valid(c.digits()))
    {
        Some(Format::Card)
    } else if ssn::is_dashed(value) {
        Some(Format::Ssn)
    } else if iban::parse(value).is_some_and(|i| iban::is_valid(&i)) {
        Some(Format::Iban)
    } else {
        None
    }
}

pub(super) fn pseudonymize(keyed: &Keyed, value: &str) -> String {
    if let Some(out) = sniff(value).and_then(|f| f.make(keyed, value)) {
        return out;
    }
    let mapped = generic::pseudonymize(keyed, value, &Kept::none());
    // The mapping kept the shape but may have produced, say, a Luhn-valid number from one that
    // was not: then it must become that format's pseudonym, or it would not be recognised.
    sniff(&mapped)
        .and_then(|f| f.make(keyed, &mapped))
        .unwrap_or(mapped)
}

pub(super) fn recognises(keyed: &Keyed, value: &str) -> bool {
    match sniff(value).and_then(|f| f.check(keyed, value)) {
        Some(ours) => ours,
        None => generic::recognises(keyed, value, &Kept::none()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;

    #[test]
    fn sniffs_what_the_value_is() {
        for (value, format) in [
            ("alice@example.org", Some(Format::Email)),
            ("1990-05-17", Some(Format::Date)),
            ("17/05/1990", Some(Format::Date)),
            ("+44 7911 123456", Some(Format::Phone)),
            ("4111 1111 1111 1111", Some(Format::Card)),
            ("123-45-6789", Some(Format::Ssn)),
            ("DE89 3704 0044 0532 0130 00", Some(Format::Iban)),
            ("Alice Smith", None),
            ("4111 1111 1111 1112", None),
            ("12345", None),
            ("221B Baker Street", None),
        ] {
            assert_eq!(sniff(value), format, "{value}");
        }
    }

    #[test]
    fn each_format_is_pseudonymized_as_itself() {
        let k = keyed();
        for value in [
            "alice@example.org",
            "1990-05-17",
            "+44 7911 123456",
            "4111 1111 1111 1111",
            "123-45-6789",
            "DE89 3704 0044 0532 0130 00",
            "Alice Smith",
        ] {
            let out = pseudonymize(&k, value);
            assert_ne!(out, value);
            assert_eq!(sniff(&out), sniff(value), "{value} -> {out}");
            assert!(recognises(&k, &out), "{value} -> {out}");
            assert!(!recognises(&k, value), "{value}");
        }
        assert!(pseudonymize(&k, "alice@example.org").ends_with(".example"));
        assert!(pseudonymize(&k, "1990-05-17").starts_with("199"));
    }
}
