//! Patch mode: add the mirror to the matching routes of an existing VirtualService and leave
//! everything else as it was: other documents, other routes, key order, comments, quoting.
//!
//! The edit is made on the text (line insertions found with [`yaml_text`]) and then checked:
//! the patched text must parse to exactly the original document plus the intended changes.
//! A layout the line editor does not understand (flow style, anchors) is refused rather
//! than rewritten.

use serde_json::{json, Map, Value};

use super::istio::virtual_service::{mirror_destinations, mirror_fields, strip_marker};
use super::istio::Options;
use super::spec::Spec;
use super::yaml_text::{indented, Entry, Lines};
use super::Error;

/// Fields that already make a route mirror; mirrorguard does not merge mirror policies.
const MIRROR_KEYS: [&str; 5] = [
    "mirror",
    "mirrors",
    "mirrorPercentage",
    "mirrorPercent",
    "mirror_percent",
];

/// The result: the whole file with the one VirtualService patched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patched {
    pub text: String,
    /// Name and namespace of the patched VirtualService.
    pub name: String,
    pub namespace: String,
    /// Indices in `spec.http` of the routes that now mirror.
    pub routes: Vec<usize>,
}

fn fail(msg: impl Into<String>) -> Error {
    Error::Patch(msg.into())
}

/// Splits a multi-document file at `---` lines, keeping every byte.
fn documents(text: &str) -> Vec<&str> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        if offset > 0 && (bare == "---" || bare.starts_with("--- ")) {
            docs.push(text.get(start..offset).unwrap_or_default());
            start = offset;
        }
        offset += line.len();
    }
    docs.push(text.get(start..).unwrap_or_default());
    docs
}

/// Whether a host written in a VirtualService (possibly a short name, resolved in the
/// VirtualService's namespace) names `fqdn`.
fn names_host(written: &str, namespace: &str, fqdn: &str) -> bool {
    written == fqdn
        || format!("{written}.{namespace}.svc.cluster.local") == fqdn
        || format!("{written}.svc.cluster.local") == fqdn
}

fn parse(doc: &str) -> Option<Value> {
    serde_yaml_ng::from_str::<Value>(doc).ok()
}

pub fn patch(existing: &str, spec: &Spec, options: Options) -> Result<Patched, Error> {
    let docs = documents(existing);
    let mut found = None;
    for (i, doc) in docs.iter().enumerate() {
        let Some(value) = parse(doc) else { continue };
        if value.get("kind").and_then(Value::as_str) != Some("VirtualService") {
            continue;
        }
        let ns = value
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or(&spec.service.namespace)
            .to_owned();
        let hosts = value.pointer("/spec/hosts").and_then(Value::as_array);
        let serves = hosts.is_some_and(|h| {
            h.iter()
                .filter_map(Value::as_str)
                .any(|h| names_host(h, &ns, &spec.service.host))
        });
        if serves {
            if found.is_some() {
                return Err(fail(
                    "the file holds more than one VirtualService for the service host; pass the one to patch",
                ));
            }
            found = Some((i, value, ns));
        }
    }
    let Some((index, original, namespace)) = found else {
        return Err(fail(
            "the file holds no VirtualService whose `hosts` name the spec's `service.host`",
        ));
    };
    let routes = select_routes(&original, spec, &namespace)?;
    let mirrors = mirror_fields(&mirror_destinations(spec), options)?;
    let marker = spec.marker_header();
    let doc = docs.get(index).copied().unwrap_or_default();
    let patched_doc = edit(doc, &routes, &mirrors, marker, spec)?;
    let expected = expected(&original, &routes, &mirrors, marker);
    if parse(&patched_doc) != Some(expected) {
        return Err(fail(
            "the VirtualService's layout (flow style, anchors or unusual indentation) is beyond what mirrorguard edits in place; write `spec.http` in block style, or apply the generated VirtualService instead",
        ));
    }
    let text: String = docs
        .iter()
        .enumerate()
        .map(|(i, d)| if i == index { patched_doc.as_str() } else { d })
        .collect();
    Ok(Patched {
        text,
        name: original
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        namespace,
        routes,
    })
}

/// The routes to patch: those named in the spec's `routes`, or else every route that sends
/// traffic to the primary host.
fn select_routes(vs: &Value, spec: &Spec, namespace: &str) -> Result<Vec<usize>, Error> {
    let http = vs
        .pointer("/spec/http")
        .and_then(Value::as_array)
        .ok_or_else(|| fail("the VirtualService has no `spec.http` routes"))?;
    let chosen: Vec<usize> = if spec.routes.is_empty() {
        http.iter()
            .enumerate()
            .filter(|(_, r)| {
                r.get("route")
                    .and_then(Value::as_array)
                    .is_some_and(|dests| {
                        dests.iter().any(|d| {
                            d.pointer("/destination/host")
                                .and_then(Value::as_str)
                                .is_some_and(|h| names_host(h, namespace, &spec.primary.host))
                        })
                    })
            })
            .map(|(i, _)| i)
            .collect()
    } else {
        let mut out = Vec::new();
        for (n, wanted) in spec.routes.iter().enumerate() {
            let pos = http
                .iter()
                .position(|r| r.get("name").and_then(Value::as_str) == Some(wanted.as_str()))
                .ok_or_else(|| {
                    fail(format!(
                        "no route has the name given in the spec's `routes[{n}]`"
                    ))
                })?;
            out.push(pos);
        }
        out.sort_unstable();
        out.dedup();
        out
    };
    if chosen.is_empty() {
        return Err(fail(
            "no route sends traffic to the spec's primary host; name the routes in the spec's `routes`",
        ));
    }
    for i in &chosen {
        let route = http.get(*i).and_then(Value::as_object);
        if let Some(key) = MIRROR_KEYS
            .iter()
            .find(|k| route.is_some_and(|r| r.contains_key(**k)))
        {
            return Err(fail(format!(
                "route spec.http[{i}] already has `{key}`; remove it first (mirrorguard does not merge mirror policies)"
            )));
        }
    }
    Ok(chosen)
}

fn already_removes(route: &Value, marker: &str) -> bool {
    route
        .pointer("/headers/request/remove")
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().any(|h| h.as_str() == Some(marker)))
}

/// The document as it must parse after the edit.
fn expected(
    original: &Value,
    routes: &[usize],
    mirrors: &Map<String, Value>,
    marker: &str,
) -> Value {
    let mut out = original.clone();
    for i in routes {
        let Some(route) = out
            .pointer_mut(&format!("/spec/http/{i}"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for (k, v) in mirrors {
            route.insert(k.clone(), v.clone());
        }
        let headers = route.entry("headers").or_insert_with(|| json!({}));
        if let Some(request) = headers
            .as_object_mut()
            .map(|h| h.entry("request").or_insert_with(|| json!({})))
        {
            if let Some(remove) = request
                .as_object_mut()
                .map(|r| r.entry("remove").or_insert_with(|| json!([])))
                .and_then(Value::as_array_mut)
            {
                if !remove.iter().any(|h| h.as_str() == Some(marker)) {
                    remove.push(json!(marker));
                }
            }
        }
    }
    out
}

fn yaml(value: &Value) -> String {
    serde_yaml_ng::to_string(value).unwrap_or_default()
}

/// Makes the line insertions for every chosen route.
fn edit(
    doc: &str,
    routes: &[usize],
    mirrors: &Map<String, Value>,
    marker: &str,
    spec: &Spec,
) -> Result<String, Error> {
    let layout = || fail("cannot find `spec.http` in block style in the VirtualService's text");
    let lines = Lines::new(doc);
    let root = lines.child_indent(0..lines.len()).ok_or_else(layout)?;
    let spec_key = lines.key(0..lines.len(), root, "spec").ok_or_else(layout)?;
    let spec_indent = lines
        .child_indent(spec_key.body.clone())
        .ok_or_else(layout)?;
    let http = lines
        .key(spec_key.body.clone(), spec_indent, "http")
        .ok_or_else(layout)?;
    if !http.inline.is_empty() {
        return Err(layout());
    }
    let items = lines.items(http.body.clone()).ok_or_else(layout)?;
    let parsed = parse(doc).unwrap_or(Value::Null);
    let mut insertions = Vec::new();
    for i in routes {
        let (item, column) = items.get(*i).cloned().ok_or_else(layout)?;
        let route = parsed
            .pointer(&format!("/spec/http/{i}"))
            .cloned()
            .unwrap_or(Value::Null);
        let end = lines.after_last_content(item.clone());
        insertions.push((
            end,
            indented(&yaml(&Value::Object(mirrors.clone())), column),
        ));
        if already_removes(&route, marker) {
            continue;
        }
        match lines.item_key(item.clone(), column, "headers") {
            None => insertions.push((
                end,
                indented(&yaml(&json!({ "headers": strip_marker(spec) })), column),
            )),
            Some(headers) => {
                insertions.push(add_removal(&lines, &headers, marker).ok_or_else(layout)?)
            }
        }
    }
    Ok(lines.with_insertions(insertions))
}

/// Adds the marker to `headers.request.remove`, creating the keys that are missing.
fn add_removal(lines: &Lines<'_>, headers: &Entry, marker: &str) -> Option<(usize, String)> {
    if !headers.inline.is_empty() {
        return None;
    }
    let inner = lines.child_indent(headers.body.clone())?;
    let Some(request) = lines.key(headers.body.clone(), inner, "request") else {
        let text = yaml(&json!({ "request": { "remove": [marker] } }));
        return Some((headers.line + 1, indented(&text, inner)));
    };
    if !request.inline.is_empty() {
        return None;
    }
    let inner = lines.child_indent(request.body.clone())?;
    let Some(remove) = lines.key(request.body.clone(), inner, "remove") else {
        let text = yaml(&json!({ "remove": [marker] }));
        return Some((request.line + 1, indented(&text, inner)));
    };
    if !remove.inline.is_empty() {
        return None;
    }
    let dash = lines.child_indent(remove.body.clone())?;
    let at = lines.after_last_content(remove.body.clone());
    Some((at, indented(&yaml(&json!([marker])), dash)))
}
