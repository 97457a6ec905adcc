//! VirtualServices: the primary route that makes copies, the egress gateway's routes that
//! carry them out, and the target side's route that admits only tagged copies.

use serde_json::{json, Map, Value};

use super::{destination, object, Options, Versions};
use crate::generate::spec::{
    Destination, GatewayMirror, GatewayPlacement, Percentage, Placement, Spec,
};
use crate::generate::Error;

/// Where one mirror's copies are sent from the source sidecar, and how many.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MirrorTo {
    pub destination: Destination,
    pub percentage: Percentage,
}

pub(crate) fn mirror_destinations(spec: &Spec) -> Vec<MirrorTo> {
    match &spec.placement {
        // The dedicated shadow host resolves to the egress gateway's port for this mirror.
        Placement::Gateway(g) => g
            .mirrors
            .iter()
            .map(|m| MirrorTo {
                destination: Destination {
                    host: m.shadow_host.clone(),
                    port: m.egress_port,
                    subset: None,
                },
                percentage: m.mirror.percentage,
            })
            .collect(),
        Placement::Upstream(_) | Placement::Receiver(_) => spec
            .mirrors()
            .into_iter()
            .map(|m| MirrorTo {
                destination: m.destination.clone(),
                percentage: m.percentage,
            })
            .collect(),
    }
}

/// The fields that make an HTTP route mirror: `mirrors`, or for older Istio the single
/// `mirror` with `mirrorPercentage`.
pub(crate) fn mirror_fields(
    mirrors: &[MirrorTo],
    options: Options,
) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    if options.legacy_mirror {
        let [only] = mirrors else {
            return Err(Error::Unsupported(format!(
                "--legacy-mirror writes the single `mirror` field of older Istio releases, but the spec has {} mirror targets; drop the flag (Istio 1.22 or later) or keep one target",
                mirrors.len()
            )));
        };
        out.insert("mirror".into(), destination(&only.destination));
        out.insert(
            "mirrorPercentage".into(),
            json!({ "value": only.percentage.value() }),
        );
    } else {
        let list: Vec<Value> = mirrors
            .iter()
            .map(|m| {
                json!({
                    "destination": destination(&m.destination),
                    "percentage": { "value": m.percentage.value() },
                })
            })
            .collect();
        out.insert("mirrors".into(), Value::Array(list));
    }
    Ok(out)
}

/// The marker header a caller could send to pass a request off as a copy; removed before
/// the copy is made, so only the filter's own mark survives.
pub(crate) fn strip_marker(spec: &Spec) -> Value {
    json!({ "request": { "remove": [spec.marker_header()] } })
}

pub(super) fn primary(
    spec: &Spec,
    v: Versions,
    mirrors: &[MirrorTo],
    options: Options,
) -> Result<Value, Error> {
    let mut route = Map::new();
    route.insert("name".into(), json!("mirrored"));
    route.insert("headers".into(), strip_marker(spec));
    route.insert(
        "route".into(),
        json!([{ "destination": destination(&spec.primary) }]),
    );
    route.extend(mirror_fields(mirrors, options)?);
    Ok(object(
        spec,
        v.networking,
        "VirtualService",
        &spec.name,
        &spec.service.namespace,
        json!({
            "hosts": [spec.service.host],
            "http": [Value::Object(route)],
        }),
    ))
}

pub(super) fn egress_gateway_name(spec: &Spec) -> String {
    format!("{}-egress", spec.name)
}

/// At the egress gateway: each mirror's port leads to its target cluster's ingress, under
/// the ingress host name the target side routes on. Hosts are `*` because a copy keeps the
/// caller's authority (often with Envoy's `-shadow` suffix), which no fixed list can name;
/// the dedicated ports keep these routes apart from other egress traffic.
pub(super) fn egress(spec: &Spec, v: Versions, g: &GatewayPlacement) -> Value {
    let http: Vec<Value> = g
        .mirrors
        .iter()
        .map(|m| {
            json!({
                "name": m.mirror.name,
                "match": [{ "port": m.egress_port }],
                "rewrite": { "authority": m.ingress_host },
                "route": [{
                    "destination": { "host": m.ingress_host, "port": { "number": g.ingress_port } }
                }],
            })
        })
        .collect();
    object(
        spec,
        v.networking,
        "VirtualService",
        &egress_gateway_name(spec),
        &g.egress.workload.namespace,
        json!({
            "hosts": ["*"],
            "gateways": [egress_gateway_name(spec)],
            "exportTo": ["."],
            "http": http,
        }),
    )
}

pub(super) fn ingress_gateway_name(spec: &Spec) -> String {
    format!("{}-ingress", spec.name)
}

/// In the target cluster: only requests carrying the filter's mark reach the shadow
/// workload; anything else sent to the shadow host finds no route (404).
pub(super) fn shadow_admission(
    spec: &Spec,
    v: Versions,
    g: &GatewayPlacement,
    m: &GatewayMirror,
) -> Value {
    let tag = &spec.plugin.config.tag;
    let mut headers = Map::new();
    headers.insert(tag.header.clone(), json!({ "exact": tag.source }));
    object(
        spec,
        v.networking,
        "VirtualService",
        &format!("{}-{}", spec.name, m.mirror.name),
        &m.mirror.namespace,
        json!({
            "hosts": [m.ingress_host],
            "gateways": [format!("{}/{}", g.ingress.namespace, ingress_gateway_name(spec))],
            "http": [{
                "name": "tagged-copies",
                "match": [{ "headers": headers }],
                "rewrite": { "authority": m.mirror.destination.host },
                "route": [{ "destination": destination(&m.mirror.destination) }],
            }],
        }),
    )
}
