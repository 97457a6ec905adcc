//! How generated documents are written: one multi-document YAML stream, or one file per
//! document under a directory split by cluster.

use std::path::PathBuf;

use serde_json::Value;

use super::istio::{Cluster, Manifest};

/// YAML for one object. serde_json keeps keys sorted, so output is stable run to run.
pub fn yaml(value: &Value) -> String {
    // Serialising a JSON value cannot fail: every key is a string.
    serde_yaml_ng::to_string(value).unwrap_or_default()
}

/// One output document: a generated object, or a patched file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub cluster: Cluster,
    /// `virtualservice-orders`: the file name without number and extension.
    pub stem: String,
    pub text: String,
}

impl Doc {
    pub fn object(m: &Manifest) -> Self {
        Self {
            cluster: m.cluster,
            stem: format!("{}-{}", m.kind().to_ascii_lowercase(), m.name()),
            text: yaml(&m.object),
        }
    }

    pub fn objects(manifests: &[Manifest]) -> Vec<Self> {
        manifests.iter().map(Self::object).collect()
    }
}

/// All documents as one stream, each headed by the cluster it belongs to.
pub fn stream(docs: &[Doc]) -> String {
    docs.iter()
        .map(|d| {
            let body = d.text.strip_prefix("---\n").unwrap_or(&d.text);
            format!("# cluster: {}\n{}", d.cluster.dir(), body)
        })
        .collect::<Vec<_>>()
        .join("---\n")
}

/// One file per document: `source/01-virtualservice-NAME.yaml`, `target/...`, numbered in
/// apply order within each cluster.
pub fn files(docs: &[Doc]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for cluster in [Cluster::Source, Cluster::Target] {
        let mine = docs.iter().filter(|d| d.cluster == cluster);
        for (i, d) in mine.enumerate() {
            let file = format!("{:02}-{}.yaml", i + 1, d.stem);
            out.push((PathBuf::from(cluster.dir()).join(file), d.text.clone()));
        }
    }
    out
}
