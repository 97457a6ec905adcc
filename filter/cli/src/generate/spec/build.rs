//! Turns the raw spec into the validated model: defaults filled in, every name checked.

use std::net::{Ipv4Addr, SocketAddr};

use super::raw::{RawMirror, RawSpec, RawWorkload};
use super::{
    check, placement, Destination, EnvoySettings, Filter, FilterUrl, Mirror, Percentage, Service,
    Spec, SpecError, Workload, DEFAULT_WASM_PATH, ISTIO_SYSTEM,
};
use crate::generate::plugin;

fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

impl RawSpec {
    pub(super) fn validate(self, plugin_value: serde_json::Value) -> Result<Spec, SpecError> {
        let name = check::dns_label("name", &self.name)?;
        if name.len() > 40 {
            return Err(SpecError::new(
                "name",
                "must be at most 40 characters: generated resource names add suffixes to it",
            ));
        }
        let service = Service {
            host: check::host("service.host", &self.service.host)?,
            namespace: check::dns_label("service.namespace", &self.service.namespace)?,
            port: check::port("service.port", self.service.port)?,
        };
        let primary = match &self.primary {
            None => Destination {
                host: service.host.clone(),
                port: service.port,
                subset: None,
            },
            Some(p) => Destination {
                host: match &p.host {
                    Some(h) => check::host("primary.host", h)?,
                    None => service.host.clone(),
                },
                port: match p.port {
                    Some(port) => check::port("primary.port", port)?,
                    None => service.port,
                },
                subset: p
                    .subset
                    .as_deref()
                    .map(|s| check::dns_label("primary.subset", s))
                    .transpose()?,
            },
        };
        if self.mirrors.is_empty() {
            return Err(SpecError::new("mirrors", "must list at least one mirror"));
        }
        let mut seen = Vec::new();
        for (i, m) in self.mirrors.iter().enumerate() {
            if seen.contains(&&m.name) {
                return Err(SpecError::new(
                    format!("mirrors[{i}].name"),
                    "repeats the name of an earlier mirror",
                ));
            }
            seen.push(&m.name);
        }
        let placement = placement::placement(&self, &service)?;
        let filter = filter(&self)?;
        let plugin = plugin::check(plugin_value, &placement)?;
        let source_ingress = workload(
            "sourceIngress",
            self.source_ingress.as_ref(),
            &[("istio", "ingressgateway")],
        )?;
        let routes = self
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if r.is_empty() {
                    Err(SpecError::new(format!("routes[{i}]"), "must not be empty"))
                } else {
                    Ok(r.clone())
                }
            })
            .collect::<Result<_, _>>()?;
        let mirror_count = self.mirrors.len();
        let envoy = EnvoySettings {
            listener: self.envoy.listener.unwrap_or(loopback(10000)),
            admin: self.envoy.admin.unwrap_or(loopback(9901)),
            primary: self.envoy.primary.unwrap_or(loopback(18080)),
            shadows: match self.envoy.shadows {
                Some(s) if s.len() == mirror_count => s,
                Some(_) => {
                    return Err(SpecError::new(
                        "envoy.shadows",
                        "must list one address per mirror, in the same order",
                    ))
                }
                None => (0..mirror_count)
                    .map(|i| loopback(18081u16.saturating_add(u16::try_from(i).unwrap_or(0))))
                    .collect(),
            },
            wasm_path: self
                .envoy
                .wasm_path
                .unwrap_or_else(|| DEFAULT_WASM_PATH.to_owned()),
        };
        Ok(Spec {
            name,
            service,
            primary,
            placement,
            filter,
            plugin,
            source_ingress,
            routes,
            envoy,
        })
    }
}

fn workload(
    path: &str,
    raw: Option<&RawWorkload>,
    default_labels: &[(&str, &str)],
) -> Result<Workload, SpecError> {
    let namespace = match raw.and_then(|r| r.namespace.as_deref()) {
        Some(ns) => check::dns_label(&format!("{path}.namespace"), ns)?,
        None => ISTIO_SYSTEM.to_owned(),
    };
    let labels = match raw.and_then(|r| r.selector.as_ref()) {
        Some(l) => check::labels(&format!("{path}.selector"), l)?,
        None => default_labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    Ok(Workload { namespace, labels })
}

/// The fields every placement needs from a mirror entry.
pub(super) fn mirror(
    i: usize,
    m: &RawMirror,
    service: &Service,
    subset: Option<String>,
) -> Result<Mirror, SpecError> {
    let at = |field: &str| format!("mirrors[{i}].{field}");
    Ok(Mirror {
        name: check::dns_label(&at("name"), &m.name)?,
        destination: Destination {
            host: check::host(&at("host"), &m.host)?,
            port: check::port(&at("port"), m.port)?,
            subset,
        },
        namespace: match &m.namespace {
            Some(ns) => check::dns_label(&at("namespace"), ns)?,
            None => service.namespace.clone(),
        },
        percentage: Percentage::new(&at("percentage"), m.percentage)?,
    })
}

/// Rejects a mirror field that the chosen placement does not use, so that a spec never
/// silently carries settings that have no effect.
pub(super) fn unused<T>(
    i: usize,
    field: &str,
    value: &Option<T>,
    placement: &str,
) -> Result<(), SpecError> {
    match value {
        Some(_) => Err(SpecError::new(
            format!("mirrors[{i}].{field}"),
            format!("is not used by placement `{placement}`"),
        )),
        None => Ok(()),
    }
}

fn filter(raw: &RawSpec) -> Result<Filter, SpecError> {
    let text = raw.filter.url.trim();
    let (scheme, rest) = text.split_once("://").ok_or_else(|| {
        SpecError::new(
            "filter.url",
            "must start with oci://, https://, http:// or file://",
        )
    })?;
    let url =
        match scheme {
            "oci" if !rest.is_empty() => FilterUrl::Oci,
            "http" | "https" => {
                let authority = rest.split('/').next().unwrap_or_default();
                let (host, port) = match authority.rsplit_once(':') {
                    Some((h, p)) => (
                        h,
                        p.parse::<u16>()
                            .map_err(|_| SpecError::new("filter.url", "has an invalid port"))?,
                    ),
                    None => (authority, if scheme == "https" { 443 } else { 80 }),
                };
                FilterUrl::Http {
                    host: check::host("filter.url", host)?,
                    port: check::port("filter.url", port)?,
                }
            }
            "file" if rest.starts_with('/') => FilterUrl::File {
                path: rest.to_owned(),
            },
            _ => return Err(SpecError::new(
                "filter.url",
                "must be oci://IMAGE, https://HOST/PATH, http://HOST/PATH or file:///ABSOLUTE/PATH",
            )),
        };
    let sha256 = raw
        .filter
        .sha256
        .as_deref()
        .map(|s| check::sha256("filter.sha256", s))
        .transpose()?;
    if sha256.is_none() && !matches!(url, FilterUrl::File { .. }) {
        return Err(SpecError::new(
            "filter.sha256",
            "is required for oci:// and http(s):// modules: without it a changed module would load unnoticed (`mirrorguard package` prints the value)",
        ));
    }
    Ok(Filter {
        url,
        url_text: text.to_owned(),
        sha256,
        image_pull_policy: raw.filter.image_pull_policy,
    })
}
