//! Operators: what a detected value becomes.
//!
//! OWNER NOTE (skeleton): the operators helper completes `partial` and the per-entity
//! format-preserving pseudonyms in [`super::pseudonym`].

use crate::config::Operator;
use crate::entity::Entity;

use super::Keyed;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement {
    Text(String),
    /// Cut the value out (in text) or drop the field that holds it.
    Remove,
}

/// Applies `op` to `value`. `name` is the rule's name, used for the default mask label.
pub fn apply(
    op: &Operator,
    entity: Option<Entity>,
    name: &str,
    value: &str,
    keyed: &Keyed,
) -> Replacement {
    match op {
        Operator::Mask { label } => Replacement::Text(
            label
                .clone()
                .unwrap_or_else(|| format!("[{}]", name.to_ascii_uppercase())),
        ),
        Operator::Partial { keep } => {
            let chars: Vec<char> = value.chars().collect();
            let visible = chars.len().saturating_sub(*keep);
            Replacement::Text(
                chars
                    .iter()
                    .enumerate()
                    .map(|(i, c)| if i < visible { '*' } else { *c })
                    .collect(),
            )
        }
        Operator::Remove => Replacement::Remove,
        Operator::Hash => Replacement::Text(keyed.hash_hex(value)),
        Operator::Pseudonymize => Replacement::Text(keyed.pseudonymize(entity, value)),
    }
}
