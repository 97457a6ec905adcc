//! Builds each placement's model from the raw spec, demanding the mirror fields the
//! placement needs and refusing those it would ignore.

use std::collections::BTreeMap;

use super::build::{mirror, unused};
use super::raw::{RawGateway, RawPlacement, RawSpec, RawTlsMode, RawUpstream};
use super::{
    check, CrossClusterTls, EgressGateway, GatewayMirror, GatewayPlacement, Placement,
    ReceiverMirror, ReceiverPlacement, Service, SpecError, SubsetMirror, UpstreamPlacement,
    Workload, DEFAULT_EGRESS_PORT, DEFAULT_MIRROR_SUBSET, ISTIO_SYSTEM,
};

pub(super) fn placement(raw: &RawSpec, service: &Service) -> Result<Placement, SpecError> {
    match &raw.placement {
        RawPlacement::Gateway(g) => gateway(raw, g, service),
        RawPlacement::Upstream(u) => upstream(raw, u, service),
        RawPlacement::Receiver(_) => receiver(raw, service),
    }
}

fn gateway(raw: &RawSpec, g: &RawGateway, service: &Service) -> Result<Placement, SpecError> {
    let egress_ns = match &g.egress.namespace {
        Some(ns) => check::dns_label("placement.gateway.egress.namespace", ns)?,
        None => ISTIO_SYSTEM.to_owned(),
    };
    let gateway_name = g
        .egress
        .gateway_name
        .as_deref()
        .map(|n| check::dns_label("placement.gateway.egress.gatewayName", n))
        .transpose()?;
    let labels = match (&g.egress.selector, &gateway_name) {
        (Some(_), Some(_)) => {
            return Err(SpecError::new(
                "placement.gateway.egress.selector",
                "give either `selector` or `gatewayName`, not both",
            ))
        }
        (Some(l), None) => check::labels("placement.gateway.egress.selector", l)?,
        (None, Some(n)) => [(
            "gateway.networking.k8s.io/gateway-name".to_owned(),
            n.clone(),
        )]
        .into(),
        (None, None) => [("istio".to_owned(), "egressgateway".to_owned())].into(),
    };
    let service_host = match &g.egress.service {
        Some(h) => check::host("placement.gateway.egress.service", h)?,
        None => format!("istio-egressgateway.{egress_ns}.svc.cluster.local"),
    };
    let principals = match &g.egress.principals {
        Some(list) if list.is_empty() => {
            return Err(SpecError::new(
                "placement.gateway.egress.principals",
                "must list at least one principal",
            ))
        }
        Some(list) => list
            .iter()
            .enumerate()
            .map(|(i, p)| check::principal(&format!("placement.gateway.egress.principals[{i}]"), p))
            .collect::<Result<_, _>>()?,
        None => vec![format!(
            "cluster.local/ns/{egress_ns}/sa/istio-egressgateway-service-account"
        )],
    };
    let base_port = check::port(
        "placement.gateway.egress.port",
        g.egress.port.unwrap_or(DEFAULT_EGRESS_PORT),
    )?;
    let ingress = Workload {
        namespace: match &g.ingress.namespace {
            Some(ns) => check::dns_label("placement.gateway.ingress.namespace", ns)?,
            None => ISTIO_SYSTEM.to_owned(),
        },
        labels: match &g.ingress.selector {
            Some(l) => check::labels("placement.gateway.ingress.selector", l)?,
            None => [("istio".to_owned(), "ingressgateway".to_owned())].into(),
        },
    };
    let ingress_port = check::port(
        "placement.gateway.ingress.port",
        g.ingress.port.unwrap_or(443),
    )?;
    let tls = match (g.tls.mode, &g.tls.client_credential, &g.tls.server_credential) {
                (RawTlsMode::IstioMutual, None, None) => CrossClusterTls::IstioMutual,
                (RawTlsMode::IstioMutual, _, _) => {
                    return Err(SpecError::new(
                        "placement.gateway.tls",
                        "credentials are only used with mode MUTUAL",
                    ))
                }
                (RawTlsMode::Mutual, Some(c), Some(s)) => CrossClusterTls::Mutual {
                    client_credential: check::host("placement.gateway.tls.clientCredential", c)?,
                    server_credential: check::host("placement.gateway.tls.serverCredential", s)?,
                },
                (RawTlsMode::Mutual, _, _) => {
                    return Err(SpecError::new(
                        "placement.gateway.tls",
                        "mode MUTUAL needs `clientCredential` (a secret in the egress gateway's namespace) and `serverCredential` (a secret in the target ingress gateway's namespace)",
                    ))
                }
            };
    let mut mirrors = Vec::new();
    for (i, m) in raw.mirrors.iter().enumerate() {
        unused(i, "subset", &m.subset, "gateway")?;
        unused(i, "subsetLabels", &m.subset_labels, "gateway")?;
        unused(i, "workloadSelector", &m.workload_selector, "gateway")?;
        unused(i, "targetPort", &m.target_port, "gateway")?;
        let mirror = mirror(i, m, service, None)?;
        let ingress_host = match &m.ingress_host {
                    Some(h) => check::host(&format!("mirrors[{i}].ingressHost"), h)?,
                    None => {
                        return Err(SpecError::new(
                            format!("mirrors[{i}].ingressHost"),
                            "is required by placement `gateway`: the host name under which the target cluster's ingress accepts this mirror's copies",
                        ))
                    }
                };
        let shadow_host = match &m.shadow_host {
            Some(h) => check::host(&format!("mirrors[{i}].shadowHost"), h)?,
            None => format!("{}.{}.mirrorguard.internal", mirror.name, raw.name),
        };
        let egress_port = u16::try_from(i)
            .ok()
            .and_then(|i| base_port.checked_add(i))
            .ok_or_else(|| {
                SpecError::new(
                    "placement.gateway.egress.port",
                    "leaves no room for one port per mirror",
                )
            })?;
        mirrors.push(GatewayMirror {
            mirror,
            shadow_host,
            egress_port,
            ingress_host,
        });
    }
    Ok(Placement::Gateway(GatewayPlacement {
        egress: EgressGateway {
            workload: Workload {
                namespace: egress_ns,
                labels,
            },
            gateway_name,
            service: service_host,
            principals,
        },
        ingress,
        ingress_port,
        tls,
        mirrors,
    }))
}

fn upstream(raw: &RawSpec, u: &RawUpstream, service: &Service) -> Result<Placement, SpecError> {
    let mut mirrors = Vec::new();
    for (i, m) in raw.mirrors.iter().enumerate() {
        unused(i, "workloadSelector", &m.workload_selector, "upstream")?;
        unused(i, "targetPort", &m.target_port, "upstream")?;
        unused(i, "ingressHost", &m.ingress_host, "upstream")?;
        unused(i, "shadowHost", &m.shadow_host, "upstream")?;
        let subset = match &m.subset {
            Some(s) => check::dns_label(&format!("mirrors[{i}].subset"), s)?,
            None => DEFAULT_MIRROR_SUBSET.to_owned(),
        };
        let subset_labels = match &m.subset_labels {
            Some(l) => check::labels(&format!("mirrors[{i}].subsetLabels"), l)?,
            None => BTreeMap::new(),
        };
        mirrors.push(SubsetMirror {
            mirror: mirror(i, m, service, Some(subset.clone()))?,
            subset,
            subset_labels,
        });
    }
    Ok(Placement::Upstream(UpstreamPlacement {
        namespace: match &u.namespace {
            Some(ns) => check::dns_label("placement.upstream.namespace", ns)?,
            None => ISTIO_SYSTEM.to_owned(),
        },
        workload_selector: u
            .workload_selector
            .as_ref()
            .map(|l| check::labels("placement.upstream.workloadSelector", l))
            .transpose()?,
        protocol: u.protocol,
        mirrors,
    }))
}

fn receiver(raw: &RawSpec, service: &Service) -> Result<Placement, SpecError> {
    let mut mirrors = Vec::new();
    for (i, m) in raw.mirrors.iter().enumerate() {
        unused(i, "subsetLabels", &m.subset_labels, "receiver")?;
        unused(i, "ingressHost", &m.ingress_host, "receiver")?;
        unused(i, "shadowHost", &m.shadow_host, "receiver")?;
        let subset = m
            .subset
            .as_deref()
            .map(|s| check::dns_label(&format!("mirrors[{i}].subset"), s))
            .transpose()?;
        let mirror = mirror(i, m, service, subset)?;
        let labels = match &m.workload_selector {
                    Some(l) => check::labels(&format!("mirrors[{i}].workloadSelector"), l)?,
                    None => {
                        return Err(SpecError::new(
                            format!("mirrors[{i}].workloadSelector"),
                            "is required by placement `receiver`: the labels of the shadow workload's pods, whose inbound sidecar runs the filter",
                        ))
                    }
                };
        let target_port = match m.target_port {
            Some(p) => check::port(&format!("mirrors[{i}].targetPort"), p)?,
            None => mirror.destination.port,
        };
        mirrors.push(ReceiverMirror {
            workload: Workload {
                namespace: mirror.namespace.clone(),
                labels,
            },
            mirror,
            target_port,
        });
    }
    Ok(Placement::Receiver(ReceiverPlacement { mirrors }))
}
