//! A proxy-wasm HTTP filter that does nothing: every callback continues at once. Placed
//! where mirrorguard sits, it measures what Envoy's Wasm machinery costs per copy (VM
//! context per stream, callbacks into V8) before the filter does any work of its own.

use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::{ContextType, LogLevel};

proxy_wasm::main! {{
    proxy_wasm::set_log_level(LogLevel::Warn);
    proxy_wasm::set_root_context(|_| -> Box<dyn RootContext> { Box::new(Root) });
}}

struct Root;

impl Context for Root {}

impl RootContext for Root {
    fn create_http_context(&self, _context_id: u32) -> Option<Box<dyn HttpContext>> {
        Some(Box::new(Nothing))
    }

    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}

struct Nothing;

impl Context for Nothing {}

impl HttpContext for Nothing {}
