//! Header rewriting on the copy: configured edits, credential replacement and the authority.

use crate::config::{AuthorityRule, HeaderRules, ValueSource};
use crate::error::ConfigError;
use crate::headers::Headers;

/// Envoy's suffix on a mirrored copy's `:authority`.
pub const SHADOW_SUFFIX: &str = "-shadow";

/// Looks up a VM environment variable. Injected so that compilation is testable natively.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Header rules with every value resolved and every name checked.
#[derive(Debug, Clone, Default)]
pub struct CompiledRules {
    remove: Vec<String>,
    rename: Vec<(String, String)>,
    set: Vec<(String, String)>,
    append: Vec<(String, String)>,
    authority: Authority,
}

#[derive(Debug, Clone, Default)]
enum Authority {
    #[default]
    Keep,
    StripShadowSuffix,
    Literal(String),
}

impl CompiledRules {
    pub fn compile(
        rules: &HeaderRules,
        authority: &AuthorityRule,
        env: EnvLookup<'_>,
    ) -> Result<Self, ConfigError> {
        let remove = rules
            .remove
            .iter()
            .enumerate()
            .map(|(i, name)| header_name(&format!("headers.remove[{i}]"), name))
            .collect::<Result<_, _>>()?;
        let rename = rules
            .rename
            .iter()
            .map(|(from, to)| {
                let field = format!("headers.rename.{from}");
                Ok((header_name(&field, from)?, header_name(&field, to)?))
            })
            .collect::<Result<_, ConfigError>>()?;
        let set = resolve_all("headers.set", &rules.set, env)?;
        let append = resolve_all("headers.append", &rules.append, env)?;
        let authority = match authority {
            AuthorityRule::Keep => Authority::Keep,
            AuthorityRule::StripShadowSuffix => Authority::StripShadowSuffix,
            AuthorityRule::Literal { host } => {
                if host.is_empty() || !host.bytes().all(is_authority_byte) {
                    return Err(ConfigError::new(
                        "authority.host",
                        "must be a host name with an optional port",
                    ));
                }
                Authority::Literal(host.clone())
            }
        };
        Ok(Self {
            remove,
            rename,
            set,
            append,
            authority,
        })
    }

    /// Applies the edits in a fixed order: remove, rename, set, append, authority. Returns
    /// whether anything changed.
    pub fn apply(&self, headers: &mut Headers) -> bool {
        let mut changed = false;
        for name in &self.remove {
            changed |= headers.remove(name);
        }
        for (from, to) in &self.rename {
            changed |= headers.rename(from, to);
        }
        for (name, value) in &self.set {
            headers.set(name, value.clone());
            changed = true;
        }
        for (name, value) in &self.append {
            headers.append(name, value.clone());
            changed = true;
        }
        match &self.authority {
            Authority::Keep => {}
            Authority::StripShadowSuffix => {
                if let Some(host) = headers.get(":authority").and_then(strip_shadow_suffix) {
                    headers.set(":authority", host);
                    changed = true;
                }
            }
            Authority::Literal(host) => {
                headers.set(":authority", host.clone());
                changed = true;
            }
        }
        changed
    }
}

/// The authority of a copy split around Envoy's suffix: the host without it, and the port
/// part (with its colon, or empty). Envoy puts the suffix on the host, before any port:
/// `api-shadow`, `api-shadow:8080`, `[::1]-shadow:8080`. A suffix after the port
/// (`api:8080-shadow`) is recognised too. `None` when the authority carries no suffix.
pub fn shadow_authority(authority: &str) -> Option<(&str, &str)> {
    let non_empty = |host: &&str| !host.is_empty();
    if let Some(host) = authority.strip_suffix(SHADOW_SUFFIX).filter(non_empty) {
        return Some((host, ""));
    }
    let port_start = port_start(authority)?;
    let host = authority
        .get(..port_start)?
        .strip_suffix(SHADOW_SUFFIX)
        .filter(non_empty)?;
    Some((host, authority.get(port_start..)?))
}

/// Where the port of `host:port` starts (at the colon), as Envoy finds it: the last colon,
/// unless it is inside an IPv6 literal (`[::1]`).
fn port_start(authority: &str) -> Option<usize> {
    let colon = authority.rfind(':')?;
    match authority.rfind(']') {
        Some(bracket) if bracket > colon => None,
        _ => Some(colon),
    }
}

/// `api.example.com-shadow` -> `api.example.com`, `api-shadow:8080` -> `api:8080`.
pub fn strip_shadow_suffix(authority: &str) -> Option<String> {
    shadow_authority(authority).map(|(host, port)| [host, port].concat())
}

fn resolve_all(
    section: &str,
    values: &std::collections::BTreeMap<String, ValueSource>,
    env: EnvLookup<'_>,
) -> Result<Vec<(String, String)>, ConfigError> {
    values
        .iter()
        .map(|(name, source)| {
            let field = format!("{section}.{name}");
            let name = header_name(&field, name)?;
            Ok((name, resolve(&field, source, env)?))
        })
        .collect()
}

/// Resolves a configured value; environment variables are read once, at configure time.
pub fn resolve(
    field: &str,
    source: &ValueSource,
    env: EnvLookup<'_>,
) -> Result<String, ConfigError> {
    let value = match source {
        ValueSource::Literal(value) => value.clone(),
        ValueSource::Env(var) => {
            let found = env(&var.from_env).ok_or_else(|| {
                ConfigError::new(
                    field,
                    format!(
                        "environment variable `{}` is not set in the VM",
                        var.from_env
                    ),
                )
            })?;
            format!("{}{}", var.prefix, found)
        }
    };
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(ConfigError::new(field, "value contains CR, LF or NUL"));
    }
    Ok(value)
}

/// Checks a header name: an HTTP token, lowercased (HTTP/2 and Envoy require lowercase).
/// Pseudo-headers other than `:authority` are refused: rewriting `:path` or `:method` of a
/// copy is routing, not redaction.
pub fn header_name(field: &str, name: &str) -> Result<String, ConfigError> {
    let lower = name.to_ascii_lowercase();
    if lower == ":authority" {
        return Ok(lower);
    }
    if lower.is_empty() || !lower.bytes().all(is_token_byte) {
        return Err(ConfigError::new(field, "not a valid HTTP header name"));
    }
    Ok(lower)
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn is_authority_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._:[]".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{EnvValue, PluginConfig};

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn compile(json: &str, env: EnvLookup<'_>) -> Result<CompiledRules, ConfigError> {
        let cfg = PluginConfig::from_json(json.as_bytes()).unwrap();
        CompiledRules::compile(&cfg.headers, &cfg.authority, env)
    }

    #[test]
    fn rules_apply_in_order() {
        let rules = compile(
            r#"{"headers":{"remove":["Cookie"],"rename":{"x-user":"x-original-user"},
                "set":{"x-env":"staging","x-user":"replaced"},"append":{"x-env":"two"}}}"#,
            &no_env,
        )
        .unwrap();
        let mut h = Headers::from_pairs([
            (":authority", "api"),
            ("cookie", "a=b"),
            ("x-user", "alice"),
            ("x-env", "prod"),
        ]);
        assert!(rules.apply(&mut h));
        assert!(!h.contains("cookie"));
        assert_eq!(h.get("x-original-user"), Some("alice"));
        assert_eq!(h.get("x-user"), Some("replaced"));
        assert_eq!(h.get_all("x-env").collect::<Vec<_>>(), ["staging", "two"]);
    }

    #[test]
    fn credential_from_env_with_prefix() {
        let env = |name: &str| (name == "STAGING_TOKEN").then(|| "tok".to_owned());
        let rules = compile(
            r#"{"headers":{"set":{"authorization":{"fromEnv":"STAGING_TOKEN","prefix":"Bearer "}}}}"#,
            &env,
        )
        .unwrap();
        let mut h = Headers::from_pairs([("authorization", "Bearer prod-secret")]);
        rules.apply(&mut h);
        assert_eq!(h.get("authorization"), Some("Bearer tok"));
    }

    #[test]
    fn missing_env_var_names_field_and_variable() {
        let err = compile(
            r#"{"headers":{"set":{"authorization":{"fromEnv":"NOPE"}}}}"#,
            &no_env,
        )
        .unwrap_err();
        assert_eq!(err.field(), "headers.set.authorization");
        assert!(err.reason().contains("NOPE"));
    }

    #[test]
    fn env_value_with_newline_is_rejected() {
        let env = |_: &str| Some("a\r\nx-injected: 1".to_owned());
        let source = ValueSource::Env(EnvValue {
            from_env: "X".into(),
            prefix: String::new(),
        });
        assert!(resolve("f", &source, &env).is_err());
    }

    #[test]
    fn bad_header_name_is_rejected() {
        let err = compile(r#"{"headers":{"remove":["ok","bad name"]}}"#, &no_env).unwrap_err();
        assert_eq!(err.field(), "headers.remove[1]");
        let err = compile(r#"{"headers":{"set":{":path":"/x"}}}"#, &no_env).unwrap_err();
        assert_eq!(err.field(), "headers.set.:path");
    }

    #[test]
    fn authority_strip_and_literal() {
        let strip = compile(r#"{"authority":{"mode":"stripShadowSuffix"}}"#, &no_env).unwrap();
        let mut h = Headers::from_pairs([(":authority", "api.example.com-shadow:8080")]);
        strip.apply(&mut h);
        assert_eq!(h.get(":authority"), Some("api.example.com:8080"));

        let literal = compile(
            r#"{"authority":{"mode":"literal","host":"staging.internal"}}"#,
            &no_env,
        )
        .unwrap();
        literal.apply(&mut h);
        assert_eq!(h.get(":authority"), Some("staging.internal"));

        assert!(compile(r#"{"authority":{"mode":"literal","host":"a b"}}"#, &no_env).is_err());
    }

    #[test]
    fn strip_suffix_only_strips_the_suffix() {
        for (authority, stripped) in [
            ("a-shadow", Some("a")),
            ("a", None),
            ("-shadow", None),
            // Envoy's form with a port: the suffix goes on the host.
            ("api.example.com-shadow:8080", Some("api.example.com:8080")),
            ("api.example.com:8080-shadow", Some("api.example.com:8080")),
            ("10.0.0.1-shadow:80", Some("10.0.0.1:80")),
            ("[::1]-shadow:8080", Some("[::1]:8080")),
            ("[::1]-shadow", Some("[::1]")),
            ("-shadow:8080", None),
            ("api.example.com:8080", None),
            ("api-shadowed:8080", None),
            ("[fe80::1-shadow]", None),
        ] {
            assert_eq!(
                strip_shadow_suffix(authority).as_deref(),
                stripped,
                "{authority}"
            );
        }
    }
}
