//! Test-only fault injection (feature `fault-injection`, never in the shipped module).

use proxy_wasm::hostcalls;
use proxy_wasm::types::MapType;

/// Panics the VM when the request asks for it. The message is fixed: a panic message is
/// logged by the SDK, and must never carry request data.
#[allow(clippy::panic)]
pub fn maybe_panic() {
    if let Ok(Some(value)) =
        hostcalls::get_map_value_bytes(MapType::HttpRequestHeaders, "x-mirrorguard-fault")
    {
        if value == b"panic" {
            panic!("mirrorguard fault injection");
        }
    }
}
