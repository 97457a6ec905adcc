//! The per-request context: forwards each callback to the engine's flow.

use std::rc::Rc;

use mirrorguard_engine::flow::{CopyFlow, Step};
use proxy_wasm::traits::{Context, HttpContext};
use proxy_wasm::types::Action;

use crate::host::ProxyHost;
use crate::metrics::Metrics;
use crate::root::HostEntropy;

pub struct CopyContext {
    flow: CopyFlow,
    host: ProxyHost,
}

impl CopyContext {
    pub fn new(flow: CopyFlow, metrics: Rc<Metrics>) -> Self {
        Self {
            flow,
            host: ProxyHost { metrics },
        }
    }
}

fn action(step: Step) -> Action {
    match step {
        Step::Continue => Action::Continue,
        Step::Pause => Action::Pause,
    }
}

impl Context for CopyContext {}

impl HttpContext for CopyContext {
    fn on_http_request_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        #[cfg(feature = "fault-injection")]
        crate::fault::maybe_panic();
        action(
            self.flow
                .on_headers(&mut self.host, end_of_stream, &mut HostEntropy),
        )
    }

    fn on_http_request_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        action(self.flow.on_body(&mut self.host, body_size, end_of_stream))
    }

    fn on_http_request_trailers(&mut self, _num_trailers: usize) -> Action {
        action(self.flow.on_trailers(&mut self.host))
    }
}
