//! The native client: the core's `kassa::client::Client` (config read and checked once, provider
//! state such as Solaris tokens), one pooled `ReqwestExchange` shared by all its calls (released by
//! `close()`), and a process-wide tokio runtime. A call is three steps: the params and per-call
//! options are read and checked on the caller's thread (`Client::call`, `CallOptions::read`,
//! `check_options`), the request is sent on the runtime with the GIL released
//! (`Client::send_with`: tokens, retries, deadline), and the answer is parsed into Python objects
//! with the GIL (`Client::parse_response`; `raw` adds the core's `meta`). When the `kassa` logger
//! is on, the Python side passes `log`, which hears of every attempt (URL and request id scrubbed
//! of the client's secrets). The binding only moves the work: blocking calls wait with the GIL
//! released and wake up for Ctrl-C; asyncio calls resolve a future of the running loop from the
//! runtime (no thread per call).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kassa::config::Secrets;
use kassa::exchange::{Attempt, CallOptions, Exchange as _};
use kassa::identity::StartParams;
use kassa::transport::{Observer, ReqwestExchange};
use kassa::{Error, Provider, Sink as _, TransportError, TransportKind, ValidationCode};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use tokio::runtime::Runtime;
use tokio::task::AbortHandle;

use crate::errors::to_pyerr;
use crate::functions::{output, PySink};
use crate::input::{read, Input};

/// How often a blocking call wakes up to let Python handle signals (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The runtime and the process it was made in.
static RUNTIME: Mutex<Option<(u32, &'static Runtime)>> = Mutex::new(None);

/// The process-wide runtime every client's requests run on (two I/O worker threads).
///
/// After `os.fork()` the child has the parent's runtime but none of its threads, so a child gets
/// a runtime of its own (the parent's is left alone: it cannot be shut down safely there).
fn runtime() -> Result<&'static Runtime, Error> {
    let pid = std::process::id();
    let mut slot = RUNTIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((owner, rt)) = *slot {
        if owner == pid {
            return Ok(rt);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("kassa-io")
        .enable_all()
        .build()
        .map_err(|e| Error::Transport(kassa::TransportError::new(kassa::TransportKind::Other, e.to_string())))?;
    let rt: &'static Runtime = Box::leak(Box::new(rt));
    *slot = Some((pid, rt));
    Ok(rt)
}

/// The pooled HTTP client of one `Client`, made again in a forked child (pooled connections and
/// their tasks belong to the parent).
struct Transport {
    pid: u32,
    exchange: Arc<ReqwestExchange>,
}

impl Transport {
    fn new() -> Result<Self, Error> {
        let _guard = runtime()?.enter();
        Ok(Transport { pid: std::process::id(), exchange: Arc::new(ReqwestExchange::new()?) })
    }
}

/// What a finished call hands back to Python: made into objects once the GIL is held.
type Done = Box<dyn for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>> + Send>;

/// A call on its way, run on the shared runtime.
type Pending = Pin<Box<dyn Future<Output = Done> + Send + 'static>>;

fn finish(f: impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>> + Send + 'static) -> Done {
    Box::new(f)
}

/// A serialisable result (the identity flow's), made into Python objects at the end.
fn done<T: serde::Serialize + Send + 'static>(result: Result<T, Error>) -> Done {
    finish(move |py| output(py, result.map(|value| kassa::Sink::emit(PySink(py), &value))))
}

/// A provider client (the native half of `kassa.PassportReader` and friends).
#[pyclass(frozen, module = "kassa._kassa", name = "Client")]
pub struct Client {
    inner: Arc<kassa::client::Client>,
    /// `None` once closed.
    transport: Mutex<Option<Transport>>,
}

/// The per-call options: `None` is the defaults.
fn read_options(options: Option<&Bound<'_, PyAny>>) -> Result<CallOptions, Error> {
    options.filter(|o| !o.is_none()).map_or_else(|| Ok(CallOptions::default()), |o| CallOptions::read(Input::new(o)))
}

impl Client {
    /// The pooled HTTP client (made again in a forked child), with every attempt reported to
    /// `log` when given (scrubbed of the client's secrets and `params`', those its call's params
    /// carry); `client_closed` after `close()`.
    fn exchange(&self, log: Option<Py<PyAny>>, params: Secrets) -> Result<Arc<ReqwestExchange>, Error> {
        let mut transport = self.transport.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(current) = transport.as_mut() else {
            return Err(Error::Transport(TransportError::new(
                TransportKind::Closed,
                "this client was closed (close() or the end of its `with` block): make a new one",
            )));
        };
        if current.pid != std::process::id() {
            *current = Transport::new()?;
        }
        let Some(log) = log else { return Ok(current.exchange.clone()) };
        let client = self.inner.clone();
        let observer: Observer = Arc::new(move |a: &Attempt<'_>| {
            // Scrubbed as errors are: a provider may echo a credential as its request id.
            let mut secrets = client.secrets();
            secrets.extend(params.clone());
            let (url, request_id) = (secrets.scrub(a.url), a.request_id.map(|id| secrets.scrub(id)));
            let record = (a.operation, a.method, url, a.attempt, a.status, a.error, a.duration_ms, request_id, a.retry_after_ms);
            // A failing handler is the logging module's business, not the call's.
            Python::attach(|py| drop(log.call1(py, record)));
        });
        Ok(Arc::new(current.exchange.with_observer(observer)))
    }

    /// Reads and checks the params and options (nothing sent yet) and hands back the rest of the
    /// call: the output, or with `raw` the pair `(output, meta)`.
    fn start(&self, py: Python<'_>, operation: &Bound<'_, PyAny>, params: Option<&Bound<'_, PyAny>>, how: How) -> Result<Pending, Error> {
        let operation: String = read(ValidationCode::InvalidParams, "operation", operation)?;
        let empty = PyDict::new(py);
        let params = params.filter(|p| !p.is_none()).unwrap_or(empty.as_any());
        let call = self.inner.call(&operation, Input::new(params))?;
        let options = read_options(how.options)?;
        self.inner.check_options(&call, &options)?;
        let (client, exchange, raw) = (self.inner.clone(), self.exchange(how.log, call.secrets())?, how.raw);
        Ok(Box::pin(async move {
            let sent = client.send_with(&*exchange, &call, &options).await;
            let now = exchange.now_unix();
            finish(move |py| {
                let sent = sent.map_err(|e| to_pyerr(py, &e))?;
                let parsed = output(py, client.parse_response(&call, &sent.response, now, PySink(py)))?;
                if !raw {
                    return Ok(parsed);
                }
                let meta = PySink(py).emit(&client.meta(&call, &sent))?;
                Ok(PyTuple::new(py, [parsed, meta])?.into_any())
            })
        }))
    }

    /// The core's `identity_start_with`, checked first.
    fn start_identity(&self, params: &Bound<'_, PyAny>, how: How) -> Result<Pending, Error> {
        let params: StartParams = read(ValidationCode::InvalidParams, "params", params)?;
        let call = self.inner.identity_call(&params)?;
        let options = read_options(how.options)?;
        self.inner.check_options(&call, &options)?;
        let (client, exchange) = (self.inner.clone(), self.exchange(how.log, Secrets::new())?);
        Ok(Box::pin(async move { done(client.identity_start_with(&*exchange, &params, &options).await) }))
    }

    /// The core's `identity_check_with`.
    fn check_identity(&self, reference: &Bound<'_, PyAny>, expires_at: &Bound<'_, PyAny>, how: How) -> Result<Pending, Error> {
        let reference: String = read(ValidationCode::InvalidParams, "reference", reference)?;
        let expires_at: Option<u64> = read(ValidationCode::InvalidParams, "expires_at", expires_at)?;
        let options = read_options(how.options)?;
        options.check()?;
        if options.idempotency_key.is_some() {
            let why = "identity.check has no idempotency key: a status call is safe to repeat";
            return Err(Error::validation(ValidationCode::InvalidOption, "idempotency_key", why));
        }
        let (client, exchange) = (self.inner.clone(), self.exchange(how.log, Secrets::new())?);
        Ok(Box::pin(async move { done(client.identity_check_with(&*exchange, &reference, expires_at, &options).await) }))
    }
}

/// How a call is made besides its params: the per-call options, the raw response or the output
/// alone, the logging callback.
struct How<'a, 'py> {
    options: Option<&'a Bound<'py, PyAny>>,
    raw: bool,
    log: Option<Py<PyAny>>,
}

impl<'a, 'py> How<'a, 'py> {
    fn new(options: Option<&'a Bound<'py, PyAny>>, raw: bool, log: Option<Bound<'py, PyAny>>) -> Self {
        How { options, raw, log: log.filter(|l| !l.is_none()).map(Bound::unbind) }
    }
}

/// Runs `call` on the runtime and waits for it with the GIL released, waking up regularly to let
/// Python handle signals (Ctrl-C aborts the request).
fn block<'py>(py: Python<'py>, call: Result<Pending, Error>) -> PyResult<Bound<'py, PyAny>> {
    let call = call.map_err(|e| to_pyerr(py, &e))?;
    let rt = runtime().map_err(|e| to_pyerr(py, &e))?;
    let mut task = rt.spawn(call);
    loop {
        let waited = py.detach(|| rt.block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut task).await }));
        match waited {
            Ok(Ok(done)) => return done(py),
            Ok(Err(e)) => return Err(PyRuntimeError::new_err(format!("kassa request task failed: {e}"))),
            Err(_) => {
                if let Err(interrupted) = py.check_signals() {
                    task.abort();
                    return Err(interrupted);
                }
            }
        }
    }
}

/// Blocks on `call`, or with `future` returns an `asyncio.Future` of it.
fn run<'py>(py: Python<'py>, call: Result<Pending, Error>, future: bool) -> PyResult<Bound<'py, PyAny>> {
    if future {
        spawn_async(py, call)
    } else {
        block(py, call)
    }
}

/// Spawns `call` on the runtime and returns an `asyncio.Future` of the running loop, resolved
/// through `loop.call_soon_threadsafe`. Cancelling the future aborts the request.
fn spawn_async<'py>(py: Python<'py>, call: Result<Pending, Error>) -> PyResult<Bound<'py, PyAny>> {
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let call = call.map_err(|e| to_pyerr(py, &e))?;
    let rt = runtime().map_err(|e| to_pyerr(py, &e))?;
    let future = event_loop.call_method0("create_future")?;
    let (target, loop_ref) = (future.clone().unbind(), event_loop.unbind());
    let task = rt.spawn(async move {
        let done = call.await;
        Python::attach(|py| {
            let resolve = Resolve { future: target, done: Mutex::new(Some(done)) };
            // Fails only when the loop is closed: nobody is waiting any more.
            let _ = Bound::new(py, resolve)
                .and_then(|resolve| loop_ref.bind(py).call_method1("call_soon_threadsafe", (resolve,)));
            drop(loop_ref);
        });
    });
    future.call_method1("add_done_callback", (AbortTask { task: task.abort_handle() },))?;
    Ok(future)
}

#[pymethods]
impl Client {
    /// A client for `provider` (e.g. `"passportreader"`) with the config mapping `config`.
    #[new]
    fn new(py: Python<'_>, provider: &Bound<'_, PyAny>, config: &Bound<'_, PyAny>) -> PyResult<Self> {
        let make = || -> Result<Client, Error> {
            let provider: String = read(ValidationCode::UnknownProvider, "provider", provider)?;
            let inner = kassa::client::Client::new(Provider::from_name(&provider)?, Input::new(config))?;
            Ok(Client { inner: Arc::new(inner), transport: Mutex::new(Some(Transport::new()?)) })
        };
        make().map_err(|e| to_pyerr(py, &e))
    }

    /// The provider this client calls.
    #[getter]
    fn provider(&self) -> &'static str {
        self.inner.provider().as_str()
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.transport.lock().map_or(true, |t| t.is_none())
    }

    /// Releases the connection pool (calls under way finish); a later call is a
    /// `TransportError` `client_closed`.
    fn close(&self) {
        let taken = self.transport.lock().map(|mut t| t.take()).unwrap_or(None);
        drop(taken);
    }

    /// Sends operation `operation` with `params` and the per-call `options` and returns the
    /// parsed output (with `raw`: `(output, meta)`); `log` hears of every attempt. Blocks the
    /// calling thread, not the interpreter (the GIL is released while the request runs); with
    /// `future`, returns an `asyncio.Future` of the running loop instead.
    #[pyo3(signature = (operation, params = None, options = None, *, raw = false, log = None, future = false))]
    #[allow(clippy::too_many_arguments)] // Python's keyword arguments
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &Bound<'py, PyAny>,
        params: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyAny>>,
        raw: bool,
        log: Option<Bound<'py, PyAny>>,
        future: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        run(py, self.start(py, operation, params, How::new(options, raw, log)), future)
    }

    /// Starts an identification (`params`: `{subject, return_url, method}`, the core's
    /// `StartParams`) with this client's provider, like `call`.
    #[pyo3(signature = (params, options = None, *, log = None, future = false))]
    fn identity_start<'py>(
        &self,
        py: Python<'py>,
        params: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyAny>>,
        log: Option<Bound<'py, PyAny>>,
        future: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        run(py, self.start_identity(params, How::new(options, false, log)), future)
    }

    /// Where the identification `reference` stands (asks the provider where it has a status
    /// call); `expires_at` (Unix seconds) tells pending from expired. Like `call`.
    #[pyo3(signature = (reference, expires_at = None, options = None, *, log = None, future = false))]
    fn identity_check<'py>(
        &self,
        py: Python<'py>,
        reference: &Bound<'py, PyAny>,
        expires_at: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyAny>>,
        log: Option<Bound<'py, PyAny>>,
        future: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let none = py.None().into_bound(py);
        run(py, self.check_identity(reference, expires_at.unwrap_or(&none), How::new(options, false, log)), future)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Client(provider={})", PyString::new(py, self.provider()).repr()?))
    }
}

/// Sets the outcome on the asyncio future, on the loop's thread (unless it was cancelled).
#[pyclass(frozen, module = "kassa._kassa")]
struct Resolve {
    future: Py<PyAny>,
    done: Mutex<Option<Done>>,
}

#[pymethods]
impl Resolve {
    fn __call__(&self, py: Python<'_>) -> PyResult<()> {
        let future = self.future.bind(py);
        let taken = self.done.lock().map(|mut d| d.take()).unwrap_or(None);
        let Some(done) = taken.filter(|_| !future.call_method0("done").and_then(|d| d.is_truthy()).unwrap_or(true)) else {
            return Ok(());
        };
        match done(py) {
            Ok(value) => future.call_method1("set_result", (value,))?,
            Err(e) => future.call_method1("set_exception", (e.into_value(py),))?,
        };
        Ok(())
    }
}

/// Done-callback of the asyncio future: stops the request if it still runs (cancellation).
#[pyclass(frozen, module = "kassa._kassa")]
struct AbortTask {
    task: AbortHandle,
}

#[pymethods]
impl AbortTask {
    fn __call__(&self, _future: &Bound<'_, PyAny>) {
        self.task.abort();
    }
}
