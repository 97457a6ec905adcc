//! [`Host`] over proxy-wasm host calls. Every call goes through `hostcalls` functions that
//! return `Result`, never through the SDK's trait helpers that unwrap: on an upstream filter
//! Envoy refuses some reads (request headers from the body callback), and a panic would kill
//! the VM.

use std::rc::Rc;

use mirrorguard_engine::flow::{Event, Host, HostError};
use mirrorguard_engine::{DropReason, HeaderEdit, Headers};
use proxy_wasm::hostcalls;
use proxy_wasm::types::{BufferType, MapType, Status};

use crate::metrics::Metrics;

/// Marks the local reply that replaced a dropped copy, for anyone reading upstream logs.
const DROPPED_HEADER: &str = "x-mirrorguard-dropped";

pub struct ProxyHost {
    pub metrics: Rc<Metrics>,
}

fn status(s: Status) -> HostError {
    match s {
        Status::NotFound | Status::Empty => HostError::NotAvailable,
        _ => HostError::Status,
    }
}

impl Host for ProxyHost {
    fn request_headers(&mut self) -> Result<Headers, HostError> {
        // `get_map` would unwrap a non-UTF-8 value into a panic; take bytes and check.
        let pairs = hostcalls::get_map_bytes(MapType::HttpRequestHeaders).map_err(status)?;
        let mut headers = Vec::with_capacity(pairs.len());
        for (name, value) in pairs {
            let value = String::from_utf8(value).map_err(|_| HostError::Malformed)?;
            headers.push((name, value));
        }
        Ok(Headers::from_pairs(headers))
    }

    fn edit_request_headers(&mut self, edits: &[HeaderEdit<'_>]) -> Result<(), HostError> {
        for edit in edits {
            match *edit {
                HeaderEdit::Remove(name) => {
                    hostcalls::remove_map_value(MapType::HttpRequestHeaders, name)
                }
                HeaderEdit::Add(name, value) => {
                    hostcalls::add_map_value(MapType::HttpRequestHeaders, name, value)
                }
                HeaderEdit::Set(name, value) => {
                    hostcalls::set_map_value(MapType::HttpRequestHeaders, name, Some(value))
                }
            }
            .map_err(status)?;
        }
        Ok(())
    }

    fn request_body(&mut self, size: usize) -> Result<Vec<u8>, HostError> {
        match hostcalls::get_buffer(BufferType::HttpRequestBody, 0, size).map_err(status)? {
            Some(bytes) => Ok(bytes),
            None if size == 0 => Ok(Vec::new()),
            None => Err(HostError::NotAvailable),
        }
    }

    fn replace_request_body(&mut self, size: usize, body: &[u8]) -> Result<(), HostError> {
        hostcalls::set_buffer(BufferType::HttpRequestBody, 0, size, body).map_err(status)
    }

    fn drop_copy(&mut self, reason: DropReason) -> Result<(), HostError> {
        log::debug!("mirrored copy dropped: {reason}");
        hostcalls::send_http_response(
            403,
            vec![(DROPPED_HEADER, reason.as_str())],
            Some(b"mirrored copy dropped by mirrorguard\n"),
        )
        .map_err(status)
    }

    fn count(&mut self, event: Event) {
        self.metrics.count(event);
    }
}
