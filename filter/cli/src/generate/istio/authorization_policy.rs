//! The target side's limit on who may send copies.

use serde_json::{json, Value};

use super::{object, Versions};
use crate::generate::spec::{GatewayPlacement, Spec};

/// DENY rather than ALLOW: an ALLOW policy on the ingress gateway would refuse all of its
/// other traffic. This denies requests for the shadow hosts from anyone but the source
/// cluster's egress gateway, whatever headers they carry.
pub(super) fn shadow_senders(spec: &Spec, v: Versions, g: &GatewayPlacement) -> Value {
    let hosts: Vec<String> = g
        .mirrors
        .iter()
        .flat_map(|m| [m.ingress_host.clone(), format!("{}:*", m.ingress_host)])
        .collect();
    object(
        spec,
        v.security,
        "AuthorizationPolicy",
        &format!("{}-shadow-senders", spec.name),
        &g.ingress.namespace,
        json!({
            "selector": { "matchLabels": g.ingress.labels },
            "action": "DENY",
            "rules": [{
                "from": [{ "source": { "notPrincipals": g.egress.principals } }],
                "to": [{ "operation": { "hosts": hosts } }],
            }],
        }),
    )
}
