//! Validation of generated manifests against Istio's official CRD schemas: the
//! `openAPIV3Schema` of the served version, with JSON Schema (draft 4, as OpenAPI v3
//! schemas are), plus a check JSON Schema cannot make here: that every field is declared.
//! Kubernetes prunes undeclared fields silently, so one in our output would be a bug that
//! applies cleanly and does nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use super::repo_root;

/// `../shared/istio/` beside the project (as CI has it), else the nearest ancestor holding
/// `shared/istio/`, else `MIRRORGUARD_ISTIO_CRDS`.
fn crd_file() -> PathBuf {
    if let Some(path) = std::env::var_os("MIRRORGUARD_ISTIO_CRDS") {
        return PathBuf::from(path);
    }
    let rel = "shared/istio/customresourcedefinitions.gen.yaml";
    let root = repo_root();
    root.ancestors()
        .skip(1)
        .map(|dir| dir.join(rel))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "Istio CRDs not found: expected ../{rel} beside {} (or set MIRRORGUARD_ISTIO_CRDS)",
                root.display()
            )
        })
}

/// Schemas by (apiVersion, kind), for every served version.
pub struct Schemas(BTreeMap<(String, String), Value>);

impl Schemas {
    pub fn load() -> Self {
        let text = std::fs::read_to_string(crd_file()).expect("read CRDs");
        let mut map = BTreeMap::new();
        for doc in serde_yaml_ng::Deserializer::from_str(&text) {
            let crd: Value = serde::Deserialize::deserialize(doc).expect("CRD document");
            if crd.is_null() {
                continue;
            }
            let group = crd["spec"]["group"].as_str().expect("group").to_owned();
            let kind = crd["spec"]["names"]["kind"]
                .as_str()
                .expect("kind")
                .to_owned();
            for version in crd["spec"]["versions"].as_array().expect("versions") {
                if version["served"] != Value::Bool(true) {
                    continue;
                }
                let name = version["name"].as_str().expect("version name");
                let schema = version["schema"]["openAPIV3Schema"].clone();
                map.insert((format!("{group}/{name}"), kind.clone()), schema);
            }
        }
        assert!(map.len() > 10, "parsed too few CRD versions");
        Self(map)
    }

    /// Every problem with `object`, as `path: message` lines; empty when valid.
    pub fn problems(&self, object: &Value) -> Vec<String> {
        let api = object["apiVersion"].as_str().unwrap_or_default();
        let kind = object["kind"].as_str().unwrap_or_default();
        let Some(schema) = self.0.get(&(api.to_owned(), kind.to_owned())) else {
            return vec![format!("no served CRD version for {api} {kind}")];
        };
        let validator = jsonschema::draft4::new(schema).expect("CRD schema compiles");
        let mut out: Vec<String> = validator
            .iter_errors(object)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        undeclared(schema, object, "", true, &mut out);
        let name = object["metadata"]["name"].as_str().unwrap_or_default();
        if name.is_empty() || name.len() > 253 {
            out.push("metadata.name: missing or too long".into());
        }
        out
    }
}

/// Reports fields that the schema does not declare, unless it keeps unknown fields.
fn undeclared(schema: &Value, value: &Value, path: &str, root: bool, out: &mut Vec<String>) {
    if schema["x-kubernetes-preserve-unknown-fields"] == Value::Bool(true) {
        return;
    }
    match value {
        Value::Object(fields) => {
            let declared = schema["properties"].as_object();
            let additional = &schema["additionalProperties"];
            for (key, child) in fields {
                if root && ["apiVersion", "kind", "metadata"].contains(&key.as_str()) {
                    continue;
                }
                let at = format!("{path}/{key}");
                match (declared.and_then(|d| d.get(key)), additional) {
                    (Some(s), _) => undeclared(s, child, &at, false, out),
                    (None, Value::Object(_)) => undeclared(additional, child, &at, false, out),
                    (None, Value::Bool(true)) => {}
                    (None, _) => out.push(format!("{at}: field not declared by the CRD schema")),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                undeclared(&schema["items"], item, &format!("{path}/{i}"), false, out);
            }
        }
        _ => {}
    }
}
