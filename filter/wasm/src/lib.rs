//! mirrorguard's proxy-wasm filter: a thin adapter between Envoy's host calls and
//! [`mirrorguard_engine`]. It gathers headers and bodies, hands them to the engine's
//! [`CopyFlow`](mirrorguard_engine::flow::CopyFlow), and applies what comes back.
//!
//! This crate is the only place that names `proxy_wasm::hostcalls`.

#[cfg(feature = "fault-injection")]
mod fault;
mod host;
mod http;
mod metrics;
mod root;

proxy_wasm::main! {{
    proxy_wasm::set_log_level(proxy_wasm::types::LogLevel::Info);
    proxy_wasm::set_root_context(|_| -> Box<dyn proxy_wasm::traits::RootContext> {
        Box::new(root::MirrorGuardRoot::default())
    });
}}
