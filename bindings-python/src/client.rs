//! The native client: the core's `kassa::client::Client` (config read and checked once, provider
//! state such as Solaris tokens), one pooled `ReqwestExchange` shared by all its calls, and a
//! process-wide tokio runtime. A call is three steps: the params are read and checked on the
//! caller's thread (`Client::call`), the request is sent on the runtime with the GIL released
//! (`Client::send`: tokens, retries), and the answer is parsed into Python objects with the GIL
//! (`parse_response_at`). The binding only moves the work: blocking calls wait with the GIL
//! released and wake up for Ctrl-C; asyncio calls resolve a future of the running loop from the
//! runtime (no thread per call).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kassa::exchange::Exchange as _;
use kassa::identity::StartParams;
use kassa::transport::ReqwestExchange;
use kassa::{Error, Provider, ValidationCode};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
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
    transport: Mutex<Transport>,
}

impl Client {
    /// The pooled HTTP client, made again in a forked child.
    fn exchange(&self) -> Result<Arc<ReqwestExchange>, Error> {
        let mut transport = self.transport.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if transport.pid != std::process::id() {
            *transport = Transport::new()?;
        }
        Ok(transport.exchange.clone())
    }

    /// Reads and checks the params (nothing sent yet) and hands back the rest of the call.
    fn start(&self, py: Python<'_>, operation: &str, params: Option<&Bound<'_, PyAny>>) -> Result<Pending, Error> {
        let empty = PyDict::new(py);
        let params = params.filter(|p| !p.is_none()).unwrap_or(empty.as_any());
        let call = self.inner.call(operation, Input::new(params))?;
        let (client, exchange) = (self.inner.clone(), self.exchange()?);
        Ok(Box::pin(async move {
            let response = client.send(&*exchange, &call).await;
            let now = exchange.now_unix();
            finish(move |py| {
                let parsed = response.and_then(|r| kassa::catalog::parse_response_at(call.id(), &r, now, PySink(py)));
                output(py, parsed)
            })
        }))
    }

    /// The core's `identity_start`, checked first.
    fn start_identity(&self, params: &Bound<'_, PyAny>) -> Result<Pending, Error> {
        let params: StartParams = read(ValidationCode::InvalidParams, "params", params)?;
        self.inner.identity_call(&params)?;
        let (client, exchange) = (self.inner.clone(), self.exchange()?);
        Ok(Box::pin(async move { done(client.identity_start(&*exchange, &params).await) }))
    }

    /// The core's `identity_check`.
    fn check_identity(&self, reference: &Bound<'_, PyAny>, expires_at: &Bound<'_, PyAny>) -> Result<Pending, Error> {
        let reference: String = read(ValidationCode::InvalidParams, "reference", reference)?;
        let expires_at: Option<u64> = read(ValidationCode::InvalidParams, "expires_at", expires_at)?;
        let (client, exchange) = (self.inner.clone(), self.exchange()?);
        Ok(Box::pin(async move { done(client.identity_check(&*exchange, &reference, expires_at).await) }))
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
    fn new(py: Python<'_>, provider: &str, config: &Bound<'_, PyAny>) -> PyResult<Self> {
        let make = || -> Result<Client, Error> {
            let inner = kassa::client::Client::new(Provider::from_name(provider)?, Input::new(config))?;
            Ok(Client { inner: Arc::new(inner), transport: Mutex::new(Transport::new()?) })
        };
        make().map_err(|e| to_pyerr(py, &e))
    }

    /// The provider this client calls.
    #[getter]
    fn provider(&self) -> &'static str {
        self.inner.provider().as_str()
    }

    /// Sends operation `operation` with `params` and returns the parsed output. Blocks the
    /// calling thread, not the interpreter: the GIL is released while the request runs.
    #[pyo3(signature = (operation, params = None))]
    fn call<'py>(&self, py: Python<'py>, operation: &str, params: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        block(py, self.start(py, operation, params))
    }

    /// Like `call`, for asyncio: an `asyncio.Future` of the running loop.
    #[pyo3(signature = (operation, params = None))]
    fn call_async<'py>(&self, py: Python<'py>, operation: &str, params: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        spawn_async(py, self.start(py, operation, params))
    }

    /// Starts an identification (`params`: `{subject, return_url, method}`, the core's
    /// `StartParams`) with this client's provider. Blocks like `call`.
    fn identity_start<'py>(&self, py: Python<'py>, params: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        block(py, self.start_identity(params))
    }

    /// `identity_start` for asyncio (an `asyncio.Future`).
    fn identity_start_async<'py>(&self, py: Python<'py>, params: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        spawn_async(py, self.start_identity(params))
    }

    /// Where the identification `reference` stands (asks the provider where it has a status
    /// call); `expires_at` (Unix seconds) tells pending from expired. Blocks like `call`.
    #[pyo3(signature = (reference, expires_at = None))]
    fn identity_check<'py>(&self, py: Python<'py>, reference: &Bound<'py, PyAny>, expires_at: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let none = py.None().into_bound(py);
        block(py, self.check_identity(reference, expires_at.unwrap_or(&none)))
    }

    /// `identity_check` for asyncio (an `asyncio.Future`).
    #[pyo3(signature = (reference, expires_at = None))]
    fn identity_check_async<'py>(&self, py: Python<'py>, reference: &Bound<'py, PyAny>, expires_at: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let none = py.None().into_bound(py);
        spawn_async(py, self.check_identity(reference, expires_at.unwrap_or(&none)))
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
