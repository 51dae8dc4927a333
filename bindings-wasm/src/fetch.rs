//! The browser's [`Exchange`]: `fetch` through gloo-net, timers through gloo-timers, the clock and
//! the jitter sample from JS. The retry loop itself is the core's [`kassa::exchange::execute`].

use std::pin::pin;
use std::rc::Rc;

use futures_util::future::{select, Either};
use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use kassa::exchange::{Attempt, Exchange, Limits};
use kassa::{Headers, HttpRequest, HttpResponse, Method, TransportError, TransportKind};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestRedirect};

/// Sends requests with the global `fetch` (window or worker); reports each attempt to the
/// client's hook, when it has one.
#[derive(Clone, Default)]
pub struct FetchExchange {
    hook: Option<Rc<Hook>>,
}

/// The facade's hook dispatcher `(done, event) => ...` of a client (whose secrets are scrubbed
/// from the events).
pub(crate) struct Hook {
    pub(crate) client: Rc<kassa::client::Client>,
    pub(crate) function: js_sys::Function,
}

impl FetchExchange {
    /// An exchange reporting to `hook`.
    pub(crate) fn hooked(hook: Option<Hook>) -> Self {
        FetchExchange { hook: hook.map(Rc::new) }
    }

    fn report(&self, attempt: &Attempt<'_>, done: bool) {
        if let Some(hook) = &self.hook {
            let event = kassa_js::AttemptEvent::new(&hook.client, attempt, done);
            if let Ok(value) = kassa::Sink::emit(kassa_js::Out(crate::host::Web), &event) {
                // The dispatcher catches what a hook throws.
                let _ = hook.function.call2(&JsValue::UNDEFINED, &JsValue::from_bool(done), &value);
            }
        }
    }
}

/// Aborts a fetch that is dropped before it ends (a cancelled call, a timeout).
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// `setTimeout` takes a signed 32-bit delay; longer ones would fire at once.
fn timer_ms(ms: u64) -> u32 {
    ms.min(i32::MAX as u64) as u32
}

impl Exchange for FetchExchange {
    /// Races the fetch (answer and whole body) against a timer; on timeout the fetch is aborted
    /// through its `AbortController` and dropped. A body over the limit is refused (announced by
    /// `Content-Length`, else once read: fetch gives the body whole).
    async fn send(&self, request: &HttpRequest, limits: &Limits) -> Result<HttpResponse, TransportError> {
        let timeout_ms = limits.timeout_ms;
        let guard = AbortOnDrop(AbortController::new().ok());
        let fetch = pin!(send_once(request, guard.0.as_ref(), limits.max_body_bytes));
        match select(fetch, TimeoutFuture::new(timer_ms(timeout_ms))).await {
            Either::Left((result, _)) => result,
            Either::Right(((), _)) => Err(TransportError::new(
                TransportKind::Timeout,
                format!("no complete answer within {timeout_ms} ms"),
            )),
        }
    }

    fn observe(&self, attempt: &Attempt<'_>) {
        self.report(attempt, true);
    }

    fn before_send(&self, attempt: &Attempt<'_>) {
        self.report(attempt, false);
    }

    fn now_ms(&self) -> Option<u64> {
        let ms = js_sys::Date::now();
        (ms.is_finite() && ms >= 0.0).then_some(ms as u64)
    }

    async fn sleep(&self, ms: u64) {
        TimeoutFuture::new(timer_ms(ms)).await;
    }

    fn now_unix(&self) -> Option<u64> {
        let ms = js_sys::Date::now();
        (ms.is_finite() && ms >= 0.0).then(|| (ms / 1000.0) as u64)
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

async fn send_once(request: &HttpRequest, controller: Option<&AbortController>, max_body: u64) -> Result<HttpResponse, TransportError> {
    let method = match request.method {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Put => FetchMethod::PUT,
        Method::Delete => FetchMethod::DELETE,
        other => return Err(TransportError::new(TransportKind::Other, format!("method {other} is not supported"))),
    };
    let headers = web_sys::Headers::new().map_err(|e| other("cannot create headers", &e))?;
    for (name, value) in request.headers.iter() {
        // Invalid names or values are refused by fetch; report them instead of throwing.
        headers.append(name, value).map_err(|e| other(&format!("header `{name}` refused"), &e))?;
    }
    let signal = controller.map(AbortController::signal);
    let builder = RequestBuilder::new(&request.url)
        .method(method)
        .headers(gloo_net::http::Headers::from_raw(headers))
        // A redirect is not followed (as in the native transport): it is reported, see below.
        .redirect(RequestRedirect::Manual)
        .abort_signal(signal.as_ref());
    let built = if request.body.is_empty() {
        builder.build()
    } else {
        builder.body(js_sys::Uint8Array::from(request.body.as_slice()))
    };
    let built = built.map_err(|e| TransportError::new(TransportKind::Other, e.to_string()))?;
    let response = built.send().await.map_err(|e| {
        // fetch rejects with a bare TypeError ("Failed to fetch") for refused connections, DNS
        // failures, CORS refusals and broken connections alike: it cannot prove the request was
        // never sent, so this is not reported as `connect`.
        TransportError::new(TransportKind::Other, e.to_string())
    })?;
    if response.type_() == web_sys::ResponseType::Opaqueredirect {
        return Err(TransportError::new(
            TransportKind::Other,
            "the server answered with a redirect, which kassa does not follow",
        ));
    }
    let status = response.status();
    let headers: Headers = response.headers().entries().collect();
    let too_large = || TransportError::new(TransportKind::BodyTooLarge, format!("the answer is longer than {max_body} bytes (max_response_bytes)"));
    if headers.get("content-length").and_then(|n| n.trim().parse::<u64>().ok()).is_some_and(|n| n > max_body) {
        return Err(too_large());
    }
    // Read chunk by chunk and stop at the limit: an endless body costs at most `max_body`.
    let mut body = Vec::new();
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(|e| body_error(&e))?;
            if js_sys::Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
                break;
            }
            let bytes = js_sys::Uint8Array::new(&js_sys::Reflect::get(&chunk, &"value".into()).unwrap_or_default());
            if (body.len() + bytes.length() as usize) as u64 > max_body {
                let _ = reader.cancel();
                return Err(too_large());
            }
            body.extend_from_slice(&bytes.to_vec());
        }
    }
    Ok(HttpResponse { status, headers, body })
}

fn body_error(e: &JsValue) -> TransportError {
    let mut error = other("the body could not be read", e);
    error.kind = TransportKind::Body;
    error
}

fn other(what: &str, e: &wasm_bindgen::JsValue) -> TransportError {
    let detail = match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_default(),
    };
    TransportError::new(TransportKind::Other, format!("{what}: {detail}"))
}
