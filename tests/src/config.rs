//! An Envoy bootstrap loaded from the repository and adjusted for a test run: ports, the
//! module path and the plugin configuration. Everything else stays as users get it.

use std::path::Path;

use serde_yaml_ng::{Mapping, Value};

#[derive(Debug, Clone)]
pub struct EnvoyConfig {
    root: Value,
    concurrency: u32,
    env: Vec<(String, String)>,
    process_env: Vec<(String, String)>,
    /// Baselines for the load benchmark, applied when the config is rendered so that every
    /// other adjustment (ports, module, plugin config) still finds what it edits.
    mirroring: bool,
    filter: bool,
}

fn key(k: &str) -> Value {
    Value::String(k.to_owned())
}

fn get<'a>(v: &'a mut Value, k: &str) -> &'a mut Value {
    v.as_mapping_mut()
        .and_then(|m| m.get_mut(key(k)))
        .unwrap_or_else(|| panic!("Envoy config has no `{k}` where the harness expects it"))
}

fn seq(v: &mut Value) -> &mut Vec<Value> {
    v.as_sequence_mut().expect("a YAML sequence")
}

fn is_wasm_filter(filter: &Value) -> bool {
    filter
        .get("typed_config")
        .and_then(|t| t.get("@type"))
        .and_then(Value::as_str)
        == Some("type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm")
}

fn cluster_in<'a>(root: &'a mut Value, name: &str) -> &'a mut Value {
    let resources = get(root, "static_resources");
    seq(get(resources, "clusters"))
        .iter_mut()
        .find(|c| c.get("name").and_then(Value::as_str) == Some(name))
        .unwrap_or_else(|| panic!("Envoy config has no cluster `{name}`"))
}

/// The first route's `route` action of the first listener.
fn route_of(root: &mut Value) -> &mut Value {
    let resources = get(root, "static_resources");
    let listener = seq(get(resources, "listeners"))
        .get_mut(0)
        .expect("a listener");
    let chain = seq(get(listener, "filter_chains"))
        .get_mut(0)
        .expect("a filter chain");
    let hcm = seq(get(chain, "filters"))
        .get_mut(0)
        .expect("a network filter");
    let vhost = seq(get(
        get(get(hcm, "typed_config"), "route_config"),
        "virtual_hosts",
    ))
    .get_mut(0)
    .expect("a virtual host");
    let route = seq(get(vhost, "routes")).get_mut(0).expect("a route");
    get(route, "route")
}

impl EnvoyConfig {
    /// `envoy/demo.yaml`, rendered by `mirrorguard generate envoy` from
    /// `examples/specs/demo.yaml`: the filter as an upstream filter on the mirror cluster.
    /// Envoy gets the demo's pseudonym key in its environment, as a proxy would from a secret.
    pub fn upstream_placement() -> Self {
        Self::load(&crate::repo_root().join("envoy/demo.yaml"))
            .process_env("MIRRORGUARD_KEY", "demo-only-key-replace-in-production")
    }

    pub fn load(path: &Path) -> Self {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let root: Value = serde_yaml_ng::from_str(&text).expect("Envoy config is YAML");
        let mut cfg = Self {
            root,
            concurrency: 1,
            env: Vec::new(),
            process_env: Vec::new(),
            mirroring: true,
            filter: true,
        };
        cfg = cfg.listener_and_admin_on_free_ports();
        cfg.set_wasm_path(&crate::wasm_module());
        cfg
    }

    /// A bootstrap built by a test (e.g. from [`crate::bootstrap`]) and used as it is: its
    /// listeners and admin should use port 0, and find them with [`crate::Envoy::listeners`].
    /// The upstream-placement helpers of this type (ports of the primary and shadow clusters,
    /// plugin settings) expect `envoy/demo.yaml`'s layout and do not apply.
    pub fn from_bootstrap(bootstrap: &serde_json::Value) -> Self {
        Self {
            root: serde_yaml_ng::to_value(bootstrap).expect("a JSON bootstrap is YAML"),
            concurrency: 1,
            env: Vec::new(),
            process_env: Vec::new(),
            mirroring: true,
            filter: true,
        }
    }

    /// Sets a variable in the Envoy process's environment (read by the VM through
    /// `host_env_keys`).
    pub fn process_env(mut self, name: &str, value: &str) -> Self {
        self.process_env.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn process_env_vars(&self) -> &[(String, String)] {
        &self.process_env
    }

    pub fn concurrency(&self) -> u32 {
        self.concurrency
    }

    /// Envoy worker threads; each runs its own Wasm VM.
    pub fn with_concurrency(mut self, workers: u32) -> Self {
        self.concurrency = workers;
        self
    }

    fn listener_and_admin_on_free_ports(mut self) -> Self {
        let admin = get(
            get(get(&mut self.root, "admin"), "address"),
            "socket_address",
        );
        *get(admin, "port_value") = Value::from(0);
        let resources = get(&mut self.root, "static_resources");
        for listener in seq(get(resources, "listeners")) {
            let addr = get(get(listener, "address"), "socket_address");
            *get(addr, "port_value") = Value::from(0);
        }
        self
    }

    /// The cluster the route sends primaries to.
    pub fn primary_cluster(&self) -> String {
        self.route_value(&["cluster"])
    }

    /// The cluster the route mirrors to (the first mirror policy).
    pub fn shadow_cluster(&self) -> String {
        self.route_value(&["request_mirror_policies", "0", "cluster"])
    }

    fn route_value(&self, path: &[&str]) -> String {
        let route = self
            .root
            .get("static_resources")
            .and_then(|r| r.get("listeners"))
            .and_then(|l| l.get(0))
            .and_then(|l| l.get("filter_chains"))
            .and_then(|c| c.get(0))
            .and_then(|c| c.get("filters"))
            .and_then(|f| f.get(0))
            .and_then(|f| f.get("typed_config"))
            .and_then(|t| t.get("route_config"))
            .and_then(|r| r.get("virtual_hosts"))
            .and_then(|v| v.get(0))
            .and_then(|v| v.get("routes"))
            .and_then(|r| r.get(0))
            .and_then(|r| r.get("route"))
            .expect("the first listener routes somewhere");
        let mut v = route;
        for step in path {
            v = match step.parse::<usize>() {
                Ok(i) => v.get(i),
                Err(_) => v.get(*step),
            }
            .unwrap_or_else(|| panic!("route has no {path:?}"));
        }
        v.as_str().expect("a cluster name").to_owned()
    }

    pub fn primary_port(self, port: u16) -> Self {
        let name = self.primary_cluster();
        self.cluster_port(&name, port)
    }

    pub fn shadow_port(self, port: u16) -> Self {
        let name = self.shadow_cluster();
        self.cluster_port(&name, port)
    }

    /// Points every endpoint of cluster `name` at 127.0.0.1:`port`.
    pub fn cluster_port(mut self, name: &str, port: u16) -> Self {
        let cluster = self.cluster(name);
        let assignment = get(cluster, "load_assignment");
        for locality in seq(get(assignment, "endpoints")) {
            for lb in seq(get(locality, "lb_endpoints")) {
                let addr = get(get(get(lb, "endpoint"), "address"), "socket_address");
                *get(addr, "address") = Value::from("127.0.0.1");
                *get(addr, "port_value") = Value::from(port);
            }
        }
        self
    }

    fn cluster(&mut self, name: &str) -> &mut Value {
        cluster_in(&mut self.root, name)
    }

    /// The Wasm filter's `config` (envoy.extensions.wasm.v3.PluginConfig) on the shadow
    /// cluster's upstream filter chain.
    fn wasm_plugin(&mut self) -> &mut Value {
        let shadow = self.shadow_cluster();
        let cluster = self.cluster(&shadow);
        let options = get(
            get(cluster, "typed_extension_protocol_options"),
            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        );
        let filter = seq(get(options, "http_filters"))
            .iter_mut()
            .find(|f| is_wasm_filter(f))
            .expect("shadow cluster has a Wasm upstream filter");
        get(get(filter, "typed_config"), "config")
    }

    /// Runs another build of the module (e.g. [`crate::fault_wasm_module`]).
    pub fn module(mut self, path: &Path) -> Self {
        self.set_wasm_path(path);
        self
    }

    fn set_wasm_path(&mut self, path: &Path) {
        let vm = get(self.wasm_plugin(), "vm_config");
        let local = get(get(vm, "code"), "local");
        *get(local, "filename") = Value::from(path.display().to_string());
    }

    /// Replaces the plugin configuration (the JSON the filter parses in `on_configure`).
    pub fn plugin_config(mut self, json: &str) -> Self {
        let config = get(self.wasm_plugin(), "configuration");
        *get(config, "value") = Value::from(json);
        self
    }

    /// The plugin configuration the filter will be given.
    pub fn plugin_config_json(&mut self) -> String {
        let config = get(self.wasm_plugin(), "configuration");
        get(config, "value")
            .as_str()
            .expect("the plugin configuration is a string")
            .to_owned()
    }

    /// Sets a VM environment variable (Envoy `vm_config.environment_variables`).
    pub fn vm_env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        let pairs: Mapping = self
            .env
            .iter()
            .map(|(k, v)| (key(k), Value::from(v.as_str())))
            .collect();
        let vm = get(self.wasm_plugin(), "vm_config");
        let mut env = Mapping::new();
        env.insert(key("key_values"), Value::Mapping(pairs));
        vm.as_mapping_mut()
            .expect("vm_config is a mapping")
            .insert(key("environment_variables"), Value::Mapping(env));
        self
    }

    /// Sets `failure_policy` of the Wasm plugin (`FAIL_RELOAD`, `FAIL_CLOSED`, `FAIL_OPEN`).
    pub fn failure_policy(mut self, policy: &str) -> Self {
        let plugin = self
            .wasm_plugin()
            .as_mapping_mut()
            .expect("plugin config is a mapping");
        plugin.insert(key("failure_policy"), Value::from(policy));
        self
    }

    /// Baseline without mirroring: the route's `request_mirror_policies` are removed.
    pub fn without_mirroring(mut self) -> Self {
        self.mirroring = false;
        self
    }

    /// Baseline that mirrors without the filter: the Wasm filter is removed from the shadow
    /// cluster's upstream filter chain (only the codec remains).
    pub fn without_filter(mut self) -> Self {
        self.filter = false;
        self
    }

    pub fn to_yaml(&self) -> String {
        let mut root = self.root.clone();
        if !self.filter {
            let shadow = self.shadow_cluster();
            let options = get(
                get(
                    cluster_in(&mut root, &shadow),
                    "typed_extension_protocol_options",
                ),
                "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
            );
            seq(get(options, "http_filters")).retain(|f| !is_wasm_filter(f));
        }
        if !self.mirroring {
            route_of(&mut root)
                .as_mapping_mut()
                .expect("route is a mapping")
                .remove(key("request_mirror_policies"));
        }
        serde_yaml_ng::to_string(&root).expect("serialise Envoy config")
    }
}
