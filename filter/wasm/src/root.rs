//! The root context: compiles the plugin configuration once per VM and hands every request
//! the same immutable policy.

use std::rc::Rc;

use mirrorguard_engine::flow::CopyFlow;
use mirrorguard_engine::{Entropy, NoEntropy, Policy};
use proxy_wasm::hostcalls;
use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::{BufferType, ContextType};

use crate::http::CopyContext;
use crate::metrics::Metrics;

/// Random bytes from the host (WASI `random_get`). Without them the engine refuses an
/// ephemeral key and sends copies with no trace context; nothing here makes up bytes.
pub struct HostEntropy;

impl Entropy for HostEntropy {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy> {
        getrandom::getrandom(buf).map_err(|_| NoEntropy)
    }
}

#[derive(Default)]
pub struct MirrorGuardRoot {
    policy: Option<Rc<Policy>>,
    metrics: Option<Rc<Metrics>>,
}

impl Context for MirrorGuardRoot {}

impl RootContext for MirrorGuardRoot {
    fn on_configure(&mut self, plugin_configuration_size: usize) -> bool {
        let config = match hostcalls::get_buffer(
            BufferType::PluginConfiguration,
            0,
            plugin_configuration_size,
        ) {
            Ok(bytes) => bytes.unwrap_or_default(),
            Err(_) => {
                log::error!("the host did not provide the plugin configuration");
                return false;
            }
        };
        let env = |name: &str| std::env::var(name).ok();
        match Policy::from_json(&config, &env, &mut HostEntropy) {
            Ok((policy, warnings)) => {
                for warning in warnings {
                    log::warn!("{warning}");
                }
                if self.metrics.is_none() {
                    self.metrics = Some(Rc::new(Metrics::define()));
                }
                self.policy = Some(Rc::new(policy));
                log::info!("plugin configuration loaded");
                true
            }
            Err(err) => {
                // The error names the field and the reason, never a configured value.
                log::error!("{err}");
                false
            }
        }
    }

    fn create_http_context(&self, _context_id: u32) -> Option<Box<dyn HttpContext>> {
        let policy = self.policy.clone()?;
        let metrics = self.metrics.clone()?;
        Some(Box::new(CopyContext::new(CopyFlow::new(policy), metrics)))
    }

    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}
