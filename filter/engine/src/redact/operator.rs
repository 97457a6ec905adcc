//! Operators: what a detected value becomes.
//!
//! `mask` and `hash` give values no detector finds again, `remove` leaves nothing, and
//! `pseudonymize` recognises its own output (see [`super::pseudonym`]), so applying the same
//! policy to an already redacted copy changes nothing.

use crate::config::Operator;
use crate::entity::Entity;

use super::Keyed;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement {
    Text(String),
    /// Cut the value out (in text) or drop the field that holds it.
    Remove,
}

/// What [`apply_into`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The value stays as it is (already redacted: our own pseudonym, a mask label); it was
    /// appended unchanged.
    Unchanged,
    /// The replacement was appended.
    Replaced,
    /// Nothing was appended: cut the value out, or drop the field that holds it.
    Removed,
}

/// Applies `op` to `value`. `name` is the rule's name, used for the default mask label.
pub fn apply(
    op: &Operator,
    entity: Option<Entity>,
    name: &str,
    value: &str,
    keyed: &Keyed,
) -> Replacement {
    let mut out = String::new();
    match apply_into(op, entity, name, value, keyed, &mut out) {
        Applied::Removed => Replacement::Remove,
        Applied::Unchanged | Applied::Replaced => Replacement::Text(out),
    }
}

/// [`apply`], appending the result to `out` (free text is rebuilt in one buffer).
pub fn apply_into(
    op: &Operator,
    entity: Option<Entity>,
    name: &str,
    value: &str,
    keyed: &Keyed,
    out: &mut String,
) -> Applied {
    let start = out.len();
    match op {
        Operator::Mask { label } => match label {
            Some(label) => out.push_str(label),
            None => {
                out.push('[');
                out.extend(name.chars().map(|c| c.to_ascii_uppercase()));
                out.push(']');
            }
        },
        Operator::Partial { keep } => out.push_str(&partial(value, *keep)),
        Operator::Remove => return Applied::Removed,
        Operator::Hash => out.push_str(&keyed.hash_hex(value)),
        Operator::Pseudonymize => {
            return if keyed.pseudonymize_into(entity, value, out) {
                Applied::Replaced
            } else {
                Applied::Unchanged
            };
        }
    }
    if out.get(start..) == Some(value) {
        Applied::Unchanged
    } else {
        Applied::Replaced
    }
}

/// The `partial` operator: the last `keep` letters and digits stay, the others become `*`,
/// and everything else (`-`, ` `, `.`, `@`, ...) stays where it was, so the value keeps its
/// layout: `4111-1111-1111-1111` → `****-****-****-1111`.
///
/// Only letters and digits count toward `keep`. A value with no more than `keep` of them is
/// masked entirely: revealing all of it would not be a partial mask.
pub fn partial(value: &str, keep: usize) -> String {
    let hidden = value.chars().filter(|c| c.is_alphanumeric()).count();
    let visible = if hidden > keep { keep } else { 0 };
    let mut to_mask = hidden - visible;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                c
            } else if to_mask > 0 {
                to_mask -= 1;
                '*'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keyed() -> Keyed {
        Keyed::from_secret(b"operator test key material")
    }

    #[test]
    fn partial_keeps_separators() {
        for (value, keep, expected) in [
            ("4111-1111-1111-1111", 4, "****-****-****-1111"),
            ("4111 1111 1111 1111", 4, "**** **** **** 1111"),
            ("4111111111111111", 4, "************1111"),
            ("123-45-6789", 4, "***-**-6789"),
            ("alice@example.com", 3, "*****@*******.com"),
            ("+1 (415) 555-2671", 2, "+* (***) ***-**71"),
            ("192.168.1.42", 2, "***.***.*.42"),
            ("secret", 0, "******"),
            ("1234", 4, "****"),
            ("12", 8, "**"),
            ("", 4, ""),
            ("----", 2, "----"),
            ("Jörg Müller", 3, "**** ***ler"),
        ] {
            assert_eq!(partial(value, keep), expected, "{value} keep {keep}");
        }
    }

    #[test]
    fn mask_labels() {
        let k = keyed();
        let mask = Operator::Mask { label: None };
        for (entity, name, expected) in [
            (Some(Entity::Email), "email", "[EMAIL]"),
            (Some(Entity::CreditCard), "credit_card", "[CREDIT_CARD]"),
            (None, "order_id", "[ORDER_ID]"),
        ] {
            assert_eq!(
                apply(&mask, entity, name, "value", &k),
                Replacement::Text(expected.to_owned())
            );
        }
        let custom = Operator::Mask {
            label: Some("<redacted>".to_owned()),
        };
        assert_eq!(
            apply(&custom, Some(Entity::Email), "email", "a@b.c", &k),
            Replacement::Text("<redacted>".to_owned())
        );
    }

    #[test]
    fn remove_hash_and_pseudonymize() {
        let k = keyed();
        assert_eq!(
            apply(&Operator::Remove, None, "x", "anything", &k),
            Replacement::Remove
        );
        let Replacement::Text(h) = apply(&Operator::Hash, None, "x", "alice", &k) else {
            panic!("hash gives text");
        };
        assert_eq!(h, k.hash_hex("alice"));
        assert_eq!(h.len(), 64);
        let Replacement::Text(p) = apply(
            &Operator::Pseudonymize,
            Some(Entity::CreditCard),
            "credit_card",
            "4111-1111-1111-1111",
            &k,
        ) else {
            panic!("pseudonymize gives text");
        };
        assert!(p.starts_with("4111-11"));
        assert!(k.is_pseudonym(Some(Entity::CreditCard), &p));
    }

    proptest! {
        #[test]
        fn partial_keeps_length_layout_and_at_most_keep(value in "\\PC{0,30}", keep in 0usize..8) {
            let out = partial(&value, keep);
            prop_assert_eq!(out.chars().count(), value.chars().count());
            let mut shown = 0;
            for (a, b) in value.chars().zip(out.chars()) {
                if a.is_alphanumeric() {
                    if b == a { shown += 1 } else { prop_assert_eq!(b, '*') }
                } else {
                    prop_assert_eq!(a, b);
                }
            }
            let total = value.chars().filter(|c| c.is_alphanumeric()).count();
            prop_assert!(shown <= keep && (shown < total || total == 0));
        }
    }
}
