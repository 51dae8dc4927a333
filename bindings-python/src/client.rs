//! The native client: the core's `kassa::client::Client` (config converted and checked once), one
//! pooled `ReqwestExchange` shared by all its calls, and a process-wide tokio runtime. A call is
//! the core's build -> `kassa::exchange::execute` (inside `Client::send`) -> `parse_response_at`;
//! the binding only converts values and moves the work onto the runtime.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kassa::exchange::Exchange as _;
use kassa::operation::JsonSink;
use kassa::transport::ReqwestExchange;
use kassa::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;
use tokio::runtime::Runtime;
use tokio::task::AbortHandle;

use crate::convert::{to_py, to_value, Input};
use crate::errors::to_pyerr;
use crate::request::params_value;

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
) -> Result<Value, Error> {
    let response = client.send(&*exchange, &operation, &params).await?;
    kassa::operation::parse_response_at(&operation, &response, exchange.now_unix(), JsonSink)?
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
    /// Converts the params and hands back the whole call, ready for the runtime.
    fn start(
        &self,
        operation: &str,
        params: Option<&Bound<'_, PyAny>>,
    ) -> Result<impl Future<Output = Result<Value, Error>> + Send + 'static, Error> {
        let params = params_value(params)?;
        let exchange = {
            let mut transport = self.transport.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if transport.pid != std::process::id() {
                *transport = Transport::new()?;
            }
            transport.exchange.clone()
        };
        Ok(run(self.inner.clone(), exchange, operation.to_owned(), params))
    }
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
        let request = self.start(operation, params).map_err(|e| to_pyerr(py, &e))?;
        let rt = runtime().map_err(|e| to_pyerr(py, &e))?;
        let mut task = rt.spawn(request);
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
            Ok(Ok(value)) => to_py(py, &value),
            Ok(Err(e)) => Err(to_pyerr(py, &e)),
            Err(e) => Err(PyRuntimeError::new_err(format!("kassa request task failed: {e}"))),
        }
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
        let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
        let request = self.start(operation, params).map_err(|e| to_pyerr(py, &e))?;
        let rt = runtime().map_err(|e| to_pyerr(py, &e))?;
        let future = event_loop.call_method0("create_future")?;
        let target = future.clone().unbind();
        let loop_ref = event_loop.unbind();
        let task = rt.spawn(async move {
            let result = request.await;
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

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Client(provider={})", PyString::new(py, self.inner.provider()).repr()?))
    }
}

/// Sets the outcome on the asyncio future, on the loop's thread (unless it was cancelled).
#[pyclass(frozen, module = "kassa._kassa")]
struct Resolve {
    future: Py<PyAny>,
    result: Mutex<Option<Result<Value, Error>>>,
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
            Some(Ok(value)) => match to_py(py, &value) {
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
