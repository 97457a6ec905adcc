//! Deserialization of the configuration's enums that take several shapes: operators and the
//! authority rule (objects tagged by `type` / `mode`) and value sources (a string or an
//! `{"fromEnv": ...}` object).
//!
//! serde's derived `tag`/`untagged` enums buffer the whole value before choosing a variant, so
//! an error in the buffered value surfaces only when the enclosing object ends, far from where
//! serde_json says it is: the field path rebuilt from that position (see `error_path`) would
//! name the wrong field. Reading these values as they stream keeps every error where it
//! happened, and leaves out serde's buffering code, which is large in the module.
//!
//! The accepted documents and the messages are those of the derived code it replaces, except
//! that a field is type-checked even when the variant ignores it, and the array forms serde
//! accepted by accident (`["partial", 4]`) are not.

use std::fmt;

use serde::de::{
    self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor,
};

use super::{AuthorityRule, EnvValue, Operator, ValueSource};

/// The tag of an [`Operator`].
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
enum OperatorType {
    Mask,
    Partial,
    Remove,
    Hash,
    Pseudonymize,
}

/// The tag of an [`AuthorityRule`].
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
enum AuthorityMode {
    Keep,
    StripShadowSuffix,
    Literal,
}

/// The names of an object's fields other than its tag, in document order.
type Keys = Vec<String>;

/// Reads an object tagged by its `tag` field: the tag, and every other field, the ones
/// `field` knows read into it (it returns `false` for the rest, which are skipped). The keys
/// come back in document order so the caller can name the first one its variant does not take.
fn read_tagged<'de, A, T>(
    mut map: A,
    tag: &'static str,
    mut field: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<(T, Keys), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    let mut value = None;
    let mut keys = Keys::new();
    while let Some(key) = map.next_key::<String>()? {
        if key == tag {
            if value.is_some() {
                return Err(de::Error::duplicate_field(tag));
            }
            value = Some(map.next_value()?);
            continue;
        }
        if !field(&key, &mut map)? {
            map.next_value::<IgnoredAny>()?;
        }
        keys.push(key);
    }
    let value = value.ok_or_else(|| de::Error::missing_field(tag))?;
    Ok((value, keys))
}

/// Reads the value of a variant field, once.
fn read_once<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<bool, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(true)
}

/// Fails on the first key a variant with fields `allowed` does not take.
fn only<E: de::Error>(keys: &[String], allowed: &'static [&'static str]) -> Result<(), E> {
    match keys.iter().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(E::unknown_field(key, allowed)),
        None => Ok(()),
    }
}

struct OperatorVisitor;

impl<'de> Visitor<'de> for OperatorVisitor {
    type Value = Operator;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("internally tagged enum Operator")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Operator, A::Error> {
        let mut label: Option<Option<String>> = None;
        let mut keep: Option<usize> = None;
        let (kind, keys) = read_tagged(map, "type", |key, map| match key {
            "label" => read_once(map, &mut label, "label"),
            "keep" => read_once(map, &mut keep, "keep"),
            _ => Ok(false),
        })?;
        Ok(match kind {
            OperatorType::Mask => {
                only(&keys, &["label"])?;
                Operator::Mask {
                    label: label.flatten(),
                }
            }
            OperatorType::Partial => {
                only(&keys, &["keep"])?;
                Operator::Partial {
                    keep: keep.unwrap_or_else(super::default_keep),
                }
            }
            OperatorType::Remove => Operator::Remove,
            OperatorType::Hash => Operator::Hash,
            OperatorType::Pseudonymize => Operator::Pseudonymize,
        })
    }
}

impl<'de> Deserialize<'de> for Operator {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OperatorVisitor)
    }
}

struct AuthorityVisitor;

impl<'de> Visitor<'de> for AuthorityVisitor {
    type Value = AuthorityRule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("internally tagged enum AuthorityRule")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AuthorityRule, A::Error> {
        let mut host: Option<String> = None;
        let (mode, keys) = read_tagged(map, "mode", |key, map| match key {
            "host" => read_once(map, &mut host, "host"),
            _ => Ok(false),
        })?;
        Ok(match mode {
            AuthorityMode::Keep => AuthorityRule::Keep,
            AuthorityMode::StripShadowSuffix => AuthorityRule::StripShadowSuffix,
            AuthorityMode::Literal => {
                only(&keys, &["host"])?;
                AuthorityRule::Literal {
                    host: host.ok_or_else(|| de::Error::missing_field("host"))?,
                }
            }
        })
    }
}

impl<'de> Deserialize<'de> for AuthorityRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(AuthorityVisitor)
    }
}

struct ValueSourceVisitor;

impl<'de> Visitor<'de> for ValueSourceVisitor {
    type Value = ValueSource;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an object with `fromEnv`")
    }

    // A value source is often a credential: a wrong scalar is named by its kind only, where
    // serde would quote it (`integer `12345``).
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<ValueSource, E> {
        Err(E::invalid_type(Unexpected::Other("boolean"), &self))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<ValueSource, E> {
        Err(E::invalid_type(Unexpected::Other("integer"), &self))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<ValueSource, E> {
        Err(E::invalid_type(Unexpected::Other("integer"), &self))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<ValueSource, E> {
        Err(E::invalid_type(Unexpected::Other("floating point"), &self))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ValueSource, E> {
        Ok(ValueSource::Literal(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<ValueSource, E> {
        Ok(ValueSource::Literal(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ValueSource, A::Error> {
        EnvValue::deserialize(de::value::MapAccessDeserializer::new(map)).map(ValueSource::Env)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ValueSource, A::Error> {
        EnvValue::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(ValueSource::Env)
    }
}

impl<'de> Deserialize<'de> for ValueSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueSourceVisitor)
    }
}
