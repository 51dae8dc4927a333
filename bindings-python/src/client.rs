//! The native client: the core's `kassa::client::Client` (config converted and checked once), one
//! pooled `ReqwestExchange` shared by all its calls, and a process-wide tokio runtime. A call is
//! the core's build -> `kassa::exchange::execute` (inside `Client::send`) -> `parse_response_at`;
//! the identification flow is the core's `Client::identity_start` / `identity_check`. The binding
//! only converts values and moves the work onto the runtime.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kassa::exchange::Exchange as _;
use kassa::identity::StartParams;
use kassa::transport::ReqwestExchange;
use kassa::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;
use tokio::runtime::Runtime;
use tokio::task::AbortHandle;

use crate::convert::{output_to_py, to_output, to_value, Input, Output, OutputSink};
use crate::errors::to_pyerr;
use crate::request::{params_value, read_now};

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

/// One call, start to end, on the runtime: the core client builds (with its token, when the
/// provider needs one) and runs the retry loop; the core parses with the time the answer arrived.
async fn run(
    client: Arc<kassa::client::Client>,
    exchange: Arc<ReqwestExchange>,
    operation: String,
    params: Value,
) -> Result<Output, Error> {
    let response = client.send(&*exchange, &operation, &params).await?;
    kassa::operation::parse_response_at(&operation, &response, exchange.now_unix(), OutputSink)?
}

/// A provider client (the native half of `kassa.PassportReader` and friends): the core's
/// [`kassa::client::Client`] (config checked once, provider state such as tokens) and one pooled
/// HTTP client shared by all its calls.
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

    /// Converts the params and hands back the whole call, ready for the runtime.
    fn start(&self, operation: &str, params: Option<&Bound<'_, PyAny>>) -> Result<Call, Error> {
        let params = params_value(params)?;
        Ok(Box::pin(run(self.inner.clone(), self.exchange()?, operation.to_owned(), params)))
    }

    /// The core's `identity_start`, ready for the runtime.
    fn start_identity(
        &self,
        subject: &Bound<'_, PyAny>,
        return_url: Option<&Bound<'_, PyAny>>,
        method: Option<&Bound<'_, PyAny>>,
    ) -> Result<Call, Error> {
        let params = StartParams {
            subject: text(Some(subject), "subject")?.unwrap_or_default(),
            return_url: text(return_url, "return_url")?,
            method: text(method, "method")?,
        };
        let (client, exchange) = (self.inner.clone(), self.exchange()?);
        Ok(Box::pin(async move { to_output(&client.identity_start(&*exchange, &params).await?) }))
    }

    /// The core's `identity_check`, ready for the runtime.
    fn check_identity(&self, reference: &Bound<'_, PyAny>, expires_at: Option<&Bound<'_, PyAny>>) -> Result<Call, Error> {
        let reference = text(Some(reference), "reference")?.unwrap_or_default();
        let expires_at = read_now(expires_at).map_err(|_| {
            Error::validation("invalid_params", "expires_at", "expected Unix seconds (int >= 0) or None")
        })?;
        let (client, exchange) = (self.inner.clone(), self.exchange()?);
        Ok(Box::pin(async move { to_output(&client.identity_check(&*exchange, &reference, expires_at).await?) }))
    }
}

/// A call on its way: runs on the shared runtime and ends in an output value or a core error.
type Call = Pin<Box<dyn Future<Output = Result<Output, Error>> + Send + 'static>>;

/// An optional `str` argument (`None`: absent); anything else is refused naming `field`.
fn text(value: Option<&Bound<'_, PyAny>>, field: &'static str) -> Result<Option<String>, Error> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => v
            .cast::<PyString>()
            .ok()
            .and_then(|s| s.to_cow().ok().map(|c| c.into_owned()))
            .map(Some)
            .ok_or_else(|| Error::validation("invalid_params", field, format!("`{field}` must be a str"))),
    }
}

/// Runs `call` on the runtime and waits for it with the GIL released, waking up regularly to let
/// Python handle signals (Ctrl-C aborts the request).
fn block<'py>(py: Python<'py>, call: Result<Call, Error>) -> PyResult<Bound<'py, PyAny>> {
    let call = call.map_err(|e| to_pyerr(py, &e))?;
    let rt = runtime().map_err(|e| to_pyerr(py, &e))?;
    let mut task = rt.spawn(call);
    let joined = loop {
        let waited = py.detach(|| rt.block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut task).await }));
        match waited {
            Ok(joined) => break joined,
            Err(_) => {
                if let Err(interrupted) = py.check_signals() {
                    task.abort();
                    return Err(interrupted);
                }
            }
        }
    };
    match joined {
        Ok(Ok(value)) => output_to_py(py, &value),
        Ok(Err(e)) => Err(to_pyerr(py, &e)),
        Err(e) => Err(PyRuntimeError::new_err(format!("kassa request task failed: {e}"))),
    }
}

/// Spawns `call` on the runtime and returns an `asyncio.Future` of the running loop, resolved
/// through `loop.call_soon_threadsafe`. Cancelling the future aborts the request.
fn spawn_async<'py>(py: Python<'py>, call: Result<Call, Error>) -> PyResult<Bound<'py, PyAny>> {
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let call = call.map_err(|e| to_pyerr(py, &e))?;
    let rt = runtime().map_err(|e| to_pyerr(py, &e))?;
    let future = event_loop.call_method0("create_future")?;
    let target = future.clone().unbind();
    let loop_ref = event_loop.unbind();
    let task = rt.spawn(async move {
        let result = call.await;
        Python::attach(|py| {
            let resolve = Resolve { future: target, result: Mutex::new(Some(result)) };
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
            let config = to_value(config, Input::Config)?;
            let inner = kassa::client::Client::new(provider, &config)?;
            Ok(Client { inner: Arc::new(inner), transport: Mutex::new(Transport::new()?) })
        };
        make().map_err(|e| to_pyerr(py, &e))
    }

    /// The provider this client calls.
    #[getter]
    fn provider(&self) -> &'static str {
        self.inner.provider()
    }

    /// Sends operation `operation` with `params` and returns the parsed output. Blocks the
    /// calling thread, not the interpreter: the GIL is released while the request runs.
    #[pyo3(signature = (operation, params = None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        block(py, self.start(operation, params))
    }

    /// Like `call`, for asyncio: returns an `asyncio.Future` of the running loop, resolved from
    /// the runtime through `loop.call_soon_threadsafe`. Cancelling the future aborts the request.
    #[pyo3(signature = (operation, params = None))]
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        spawn_async(py, self.start(operation, params))
    }

    /// Starts an identification of `subject` with this client's provider (the core's
    /// `Client::identity_start`): `{provider, url, token, expires_at, reference}`. Blocks like
    /// `call`.
    #[pyo3(signature = (subject, return_url = None, method = None))]
    fn identity_start<'py>(
        &self,
        py: Python<'py>,
        subject: &Bound<'py, PyAny>,
        return_url: Option<&Bound<'py, PyAny>>,
        method: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        block(py, self.start_identity(subject, return_url, method))
    }

    /// `identity_start` for asyncio (an `asyncio.Future`).
    #[pyo3(signature = (subject, return_url = None, method = None))]
    fn identity_start_async<'py>(
        &self,
        py: Python<'py>,
        subject: &Bound<'py, PyAny>,
        return_url: Option<&Bound<'py, PyAny>>,
        method: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        spawn_async(py, self.start_identity(subject, return_url, method))
    }

    /// Where the identification `reference` stands (the core's `Client::identity_check`): asks
    /// the provider where it has a status call, then `{status, reason, provider_status,
    /// reference}`. `expires_at` (Unix seconds) tells pending from expired. Blocks like `call`.
    #[pyo3(signature = (reference, expires_at = None))]
    fn identity_check<'py>(
        &self,
        py: Python<'py>,
        reference: &Bound<'py, PyAny>,
        expires_at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        block(py, self.check_identity(reference, expires_at))
    }

    /// `identity_check` for asyncio (an `asyncio.Future`).
    #[pyo3(signature = (reference, expires_at = None))]
    fn identity_check_async<'py>(
        &self,
        py: Python<'py>,
        reference: &Bound<'py, PyAny>,
        expires_at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        spawn_async(py, self.check_identity(reference, expires_at))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Client(provider={})", PyString::new(py, self.inner.provider()).repr()?))
    }
}

/// Sets the outcome on the asyncio future, on the loop's thread (unless it was cancelled).
#[pyclass(frozen, module = "kassa._kassa")]
struct Resolve {
    future: Py<PyAny>,
    result: Mutex<Option<Result<Output, Error>>>,
}

#[pymethods]
impl Resolve {
    fn __call__(&self, py: Python<'_>) -> PyResult<()> {
        let future = self.future.bind(py);
        if future.call_method0("done")?.is_truthy()? {
            return Ok(());
        }
        let taken = self.result.lock().map(|mut r| r.take()).unwrap_or(None);
        match taken {
            Some(Ok(value)) => match output_to_py(py, &value) {
                Ok(obj) => future.call_method1("set_result", (obj,))?,
                Err(e) => future.call_method1("set_exception", (e.into_value(py),))?,
            },
            Some(Err(e)) => future.call_method1("set_exception", (to_pyerr(py, &e).into_value(py),))?,
            None => return Ok(()),
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
