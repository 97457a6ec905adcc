//! Checks for the names, hosts, labels and digests a spec carries. Each returns a
//! [`SpecError`] naming the field; none repeats the offending value.

use std::collections::BTreeMap;

use super::SpecError;

/// A Kubernetes object name segment or Istio subset name: a DNS-1123 label.
pub(super) fn dns_label(path: &str, value: &str) -> Result<String, SpecError> {
    if is_dns_label(value) {
        Ok(value.to_owned())
    } else {
        Err(SpecError::new(
            path,
            "must be a DNS-1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
        ))
    }
}

/// A fully written host name (no wildcard, no port): a DNS-1123 subdomain.
pub(super) fn host(path: &str, value: &str) -> Result<String, SpecError> {
    if !value.is_empty() && value.len() <= 253 && value.split('.').all(is_dns_label) {
        Ok(value.to_owned())
    } else {
        Err(SpecError::new(
            path,
            "must be a host name: dot-separated DNS-1123 labels, no wildcard, no port",
        ))
    }
}

pub(super) fn port(path: &str, value: u16) -> Result<u16, SpecError> {
    if value == 0 {
        Err(SpecError::new(
            path,
            "must be a port number from 1 to 65535",
        ))
    } else {
        Ok(value)
    }
}

/// Pod labels used as a selector: non-empty, with Kubernetes-valid keys and values.
pub(super) fn labels(
    path: &str,
    value: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, SpecError> {
    if value.is_empty() {
        return Err(SpecError::new(path, "must name at least one label"));
    }
    for (key, val) in value {
        let (prefix, name) = match key.rsplit_once('/') {
            Some((prefix, name)) => (Some(prefix), name),
            None => (None, key.as_str()),
        };
        let prefix_ok = prefix.is_none_or(|p| host(path, p).is_ok());
        if !prefix_ok || !is_label_value(name) || name.is_empty() {
            return Err(SpecError::new(
                format!("{path}.{key}"),
                "is not a valid Kubernetes label key",
            ));
        }
        if !is_label_value(val) {
            return Err(SpecError::new(
                format!("{path}.{key}"),
                "value is not a valid Kubernetes label value",
            ));
        }
    }
    Ok(value.clone())
}

/// An Istio principal, written as Istio writes it: `trust-domain/ns/NS/sa/SA`, without the
/// `spiffe://` scheme that Istio adds itself.
pub(super) fn principal(path: &str, value: &str) -> Result<String, SpecError> {
    if value.starts_with("spiffe://") {
        return Err(SpecError::new(
            path,
            "write principals without `spiffe://`: Istio adds the scheme itself",
        ));
    }
    let parts: Vec<&str> = value.split('/').collect();
    let shaped = matches!(parts.as_slice(), [td, "ns", ns, "sa", sa] if !td.is_empty() && !ns.is_empty() && !sa.is_empty());
    if !shaped || value.chars().any(char::is_whitespace) {
        return Err(SpecError::new(
            path,
            "must look like `cluster.local/ns/NAMESPACE/sa/SERVICE_ACCOUNT`",
        ));
    }
    Ok(value.to_owned())
}

/// A hex SHA-256 digest, as Istio's WasmPlugin `sha256` field takes it.
pub(super) fn sha256(path: &str, value: &str) -> Result<String, SpecError> {
    let hex = value.strip_prefix("sha256:").unwrap_or(value);
    if hex.len() == 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(hex.to_owned())
    } else {
        Err(SpecError::new(
            path,
            "must be 64 lowercase hexadecimal characters (optionally prefixed with `sha256:`)",
        ))
    }
}

fn is_dns_label(value: &str) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes.first().is_some_and(|b| *b != b'-')
        && bytes.last().is_some_and(|b| *b != b'-')
}

fn is_label_value(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
        && bytes.first().is_none_or(u8::is_ascii_alphanumeric)
        && bytes.last().is_none_or(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels() {
        for ok in ["a", "orders", "v1-shadow", "a0"] {
            assert!(dns_label("x", ok).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "a-", "Orders", "a.b", "a_b", &"a".repeat(64)] {
            assert!(dns_label("x", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts() {
        assert!(host("x", "orders.shop.svc.cluster.local").is_ok());
        for bad in ["*.example.com", "a..b", "a:80", "", "A.example.com"] {
            assert!(host("x", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn label_selectors() {
        let ok: BTreeMap<String, String> =
            [("app.kubernetes.io/name".into(), "orders".into())].into();
        assert!(labels("s", &ok).is_ok());
        let bad: BTreeMap<String, String> = [("app".into(), "no spaces".into())].into();
        let err = labels("s", &bad).unwrap_err();
        assert_eq!(err.path(), "s.app");
        assert!(labels("s", &BTreeMap::new()).is_err());
    }

    #[test]
    fn principals() {
        assert!(principal("p", "cluster.local/ns/istio-system/sa/egress").is_ok());
        assert!(principal("p", "spiffe://cluster.local/ns/a/sa/b").is_err());
        assert!(principal("p", "cluster.local/ns/a").is_err());
    }

    #[test]
    fn digests() {
        let hex = "ab".repeat(32);
        assert_eq!(sha256("d", &hex).unwrap(), hex);
        assert_eq!(sha256("d", &format!("sha256:{hex}")).unwrap(), hex);
        assert!(sha256("d", &"AB".repeat(32)).is_err());
        assert!(sha256("d", "abc").is_err());
    }
}
