"""What every generated client (:mod:`kassa._clients`) shares: the native client, the namespaces
of operations, the calls and their per-call options, raw responses, logging, the lifecycle, the
credentials from the environment, a repr without credentials. Nothing here names an operation or
an option: the generated methods hand their ``locals()`` (params by wire name, and the options of
:class:`kassa.types.RequestOptions`) to :meth:`SyncNamespace._call` or
:meth:`AsyncNamespace._call`, and the core reads and checks both."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, Callable, ClassVar, Dict, Generic, List, Mapping, Optional, Tuple, Type, TypeVar

from kassa import _kassa
from kassa.types import RequestOptions

_T = TypeVar("_T")
_C = TypeVar("_C", bound="Client")

_NO_RENAMES: Mapping[str, str] = {}

#: The per-call options (``timeout``, ``max_retries``, ...): the keys of the core's
#: ``RequestOptions``. The generator checks that no operation has a param of these names.
OPTIONS = frozenset(RequestOptions.__annotations__)

#: The logger of every request attempt (``logging.getLogger("kassa")``).
logger = logging.getLogger("kassa")


def log_from_env() -> None:
    """``KASSA_LOG=debug`` (or ``info``) in the environment: a stderr handler on the ``kassa``
    logger at that level, for a quick look (added once; configure ``logging`` yourself for more)."""
    level = logging.getLevelName(os.environ.get("KASSA_LOG", "").strip().upper() or "-")
    if not isinstance(level, int) or any(getattr(h, "_kassa_env", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler._kassa_env = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)


log_from_env()


def _attempt(
    operation: str,
    method: str,
    url: str,
    attempt: int,
    status: Optional[int],
    error: Optional[str],
    duration_ms: Optional[int],
    request_id: Optional[str],
    retry_in_ms: Optional[int],
) -> None:
    """One record per attempt (called by the native client; the URL and request id are already
    scrubbed of the client's secrets): DEBUG, or INFO when the attempt is retried."""
    outcome = status if status is not None else error
    retry = "" if retry_in_ms is None else f", retried in {retry_in_ms} ms"
    extra = {"operation": operation, "method": method, "url": url, "attempt": attempt, "status": status,
             "error": error, "duration_ms": duration_ms, "request_id": request_id, "retry_in_ms": retry_in_ms}
    level = logging.DEBUG if retry_in_ms is None else logging.INFO
    logger.log(level, "%s %s -> %s in %s ms (%s, attempt %d%s)", method, url, outcome, duration_ms, operation,
               attempt, retry, extra=extra)


def _log() -> Optional[Callable[..., None]]:
    """The attempt callback when the ``kassa`` logger would record something, else ``None`` (the
    native client then reports nothing: no cost)."""
    return _attempt if logger.isEnabledFor(logging.INFO) else None


def merged(base: Mapping[str, Any], extra: Mapping[str, Any]) -> Dict[str, Any]:
    """Options ``extra`` over ``base``: a given value replaces, ``retry`` and ``extra_headers``
    are merged key by key."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            value = {**out[key], **value}
        out[key] = value
    return out


class Secret(str):
    """A credential in an output (Digiteal's webhook ``password``): the text itself (compare it,
    send it), but ``repr()`` (and so the repr of the dict holding it) never shows it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Secret('[redacted]')"


#: Operation id -> the output fields holding a credential (filled by the generated clients).
SECRET_OUTPUTS: Dict[str, Tuple[str, ...]] = {}


def _redacted(operation: str, out: Any) -> Any:
    for field in SECRET_OUTPUTS.get(operation, ()):
        if isinstance(out, dict) and isinstance(out.get(field), str):
            out[field] = Secret(out[field])
    return out


class RawResponse(Generic[_T]):
    """An output with what came with it (``client.with_raw_response.<ns>.<method>(...)``).

    Attributes:
        parsed: the output, as the method without ``with_raw_response`` returns it.
        operation: the operation id.
        status: the HTTP status of the final answer.
        headers: its headers, as ``(name, value)`` pairs as received.
        request_id: the provider's request id, when it sent one.
        attempts: how many attempts the call took (retries included).
    """

    __slots__ = ("parsed", "operation", "status", "headers", "request_id", "attempts")

    def __init__(self, parsed: _T, meta: Mapping[str, Any]) -> None:
        self.parsed = parsed
        self.operation: str = meta["operation"]
        self.status: int = meta["status"]
        self.headers: List[Tuple[str, str]] = [(name, value) for name, value in meta["headers"]]
        self.request_id: Optional[str] = meta["request_id"]
        self.attempts: int = meta["attempts"]

    def header(self, name: str) -> Optional[str]:
        """The first value of header ``name`` (any case), or ``None``."""
        return next((v for n, v in self.headers if n.lower() == name.lower()), None)

    def __repr__(self) -> str:
        return f"<kassa.RawResponse {self.operation} {self.status}, {self.attempts} attempt(s)>"


class Core:
    """What a client's namespaces call through: the native client and the default options (held
    apart from the client, so that its cached namespaces make no reference cycle with it)."""

    __slots__ = ("native", "defaults")

    def __init__(self, native: _kassa.Client, defaults: Dict[str, Any]) -> None:
        self.native = native
        self.defaults = defaults


class Namespace:
    """A group of operations of a client, e.g. ``client.invoices``."""

    _raw: ClassVar[bool] = False
    _core: Core

    def __init__(self, core: Core, path: str) -> None:
        self._core = core
        self._path = path

    def __repr__(self) -> str:
        return f"<kassa namespace {self._path}>"

    def _split(self, values: Mapping[str, Any], renamed: Mapping[str, str]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        """A method's ``locals()`` as params (``None`` and ``self`` left out, safe spellings such as
        ``User_Agent`` back to their wire names) and options (over the client's defaults)."""
        params: Dict[str, Any] = {}
        options: Dict[str, Any] = {}
        for key, value in values.items():
            if value is None or key == "self":
                continue
            if key in OPTIONS:
                options[key] = value
            else:
                params[renamed.get(key, key)] = value
        return params, self._options(options)

    def _options(self, given: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
        defaults = self._core.defaults
        return merged(defaults, given) if given else dict(defaults)

    def _result(self, operation: str, out: Any) -> Any:
        if self._raw:
            return RawResponse(_redacted(operation, out[0]), out[1])
        return _redacted(operation, out)


class SyncNamespace(Namespace):
    def _send(self, operation: str, params: Optional[Mapping[str, Any]], options: Mapping[str, Any]) -> Any:
        native = self._core.native
        return self._result(operation, native.call(operation, params, options, raw=self._raw, log=_log()))

    def _call(self, operation: str, values: Mapping[str, Any], renamed: Mapping[str, str] = _NO_RENAMES) -> Any:
        return self._send(operation, *self._split(values, renamed))

    def _start(self, values: Mapping[str, Any]) -> Any:
        params, options = self._split(values, _NO_RENAMES)
        return self._core.native.identity_start(params, options, log=_log())

    def _check(self, reference: str, expires_at: Optional[int], values: Mapping[str, Any]) -> Any:
        _, options = self._split({k: v for k, v in values.items() if k in OPTIONS}, _NO_RENAMES)
        return self._core.native.identity_check(reference, expires_at, options, log=_log())


class AsyncNamespace(Namespace):
    async def _send(self, operation: str, params: Optional[Mapping[str, Any]], options: Mapping[str, Any]) -> Any:
        native = self._core.native
        return self._result(operation, await native.call(operation, params, options, raw=self._raw, log=_log(), future=True))

    async def _call(self, operation: str, values: Mapping[str, Any], renamed: Mapping[str, str] = _NO_RENAMES) -> Any:
        return await self._send(operation, *self._split(values, renamed))

    async def _start(self, values: Mapping[str, Any]) -> Any:
        params, options = self._split(values, _NO_RENAMES)
        return await self._core.native.identity_start(params, options, log=_log(), future=True)

    async def _check(self, reference: str, expires_at: Optional[int], values: Mapping[str, Any]) -> Any:
        _, options = self._split({k: v for k, v in values.items() if k in OPTIONS}, _NO_RENAMES)
        return await self._core.native.identity_check(reference, expires_at, options, log=_log(), future=True)


class SyncCalls(SyncNamespace):
    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None, options: Optional[RequestOptions] = None) -> Any:
        """Sends any operation of this provider by id (``kassa.operations()``) with per-call
        ``options`` (:class:`kassa.types.RequestOptions`); blocks this thread, not others (the GIL
        is released while the request runs)."""
        return self._send(operation, params, self._options(options))


class AsyncCalls(AsyncNamespace):
    async def call(self, operation: str, params: Optional[Mapping[str, Any]] = None, options: Optional[RequestOptions] = None) -> Any:
        """Sends any operation of this provider by id, with per-call ``options``, without blocking
        the event loop."""
        return await self._send(operation, params, self._options(options))


class RawSyncNamespace(SyncNamespace):
    """A namespace below ``client.with_raw_response``: its methods return :class:`RawResponse`."""

    _raw = True


class RawAsyncNamespace(AsyncNamespace):
    """A namespace below ``client.with_raw_response`` of an asyncio client."""

    _raw = True


class RawSyncView(SyncCalls):
    """``client.with_raw_response``: the client's namespaces (and ``call``), answering
    :class:`RawResponse`."""

    _raw = True


class RawAsyncView(AsyncCalls):
    """``client.with_raw_response`` of an asyncio client."""

    _raw = True


_N = TypeVar("_N", bound=Namespace)


class Group(Generic[_N]):
    """A namespace attribute of a client or namespace (``client.invoices``): made on first use,
    read-only. On the class it is itself (``help()`` lists it with the namespace's doc)."""

    def __init__(self, namespace: Type[_N]) -> None:
        self._namespace = namespace
        self._name = ""
        self.__doc__ = namespace.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, owner: Any, cls: Optional[type] = None) -> _N:
        if owner is None:
            return self  # type: ignore[return-value]
        found: Optional[_N] = owner.__dict__.get(self._name)
        if found is None:
            path = f"{getattr(owner, '_path', type(owner).__name__)}.{self._name}"
            found = owner.__dict__[self._name] = self._namespace(owner._core, path)
        return found

    def __set__(self, owner: Any, value: Any) -> None:
        raise AttributeError(f"{self._name} is read-only")


def docs_from(sync: type) -> Callable[[Type[_T]], Type[_T]]:
    """Class decorator of an asyncio or raw namespace: its methods get the docstrings of
    ``sync``'s (written once, in the generated sync class)."""

    def copy(cls: Type[_T]) -> Type[_T]:
        for name, method in vars(cls).items():
            if callable(method) and not name.startswith("_"):
                method.__doc__ = getattr(sync, name).__doc__
        return cls

    return copy


class Client:
    """What every provider client shares: the native client (which alone holds the credentials and
    the connection pool), the default per-call options, a repr without credentials."""

    _provider: ClassVar[str]
    #: ``(variable, config key)``: where a key left out is read from (the core's ``env_keys``).
    _env: ClassVar[Tuple[Tuple[str, str], ...]] = ()
    _native: _kassa.Client

    def __init__(self, config: Mapping[str, Any]) -> None:
        given = {k: v for k, v in config.items() if v is not None and k != "self"}
        for variable, key in self._env:
            if key not in given and os.environ.get(variable):
                given[key] = os.environ[variable]
        log_from_env()
        self._where: Optional[str] = given.get("base_url") or given.get("environment")
        self._native = _kassa.Client(self._provider, given)
        self._core = Core(self._native, {})
        self._path = type(self).__name__

    def _copy(self: _C, values: Mapping[str, Any]) -> _C:
        """``with_options``: a client sharing this one's native client (config, token, connection
        pool) with other default options."""
        copy = object.__new__(type(self))
        given = {k: v for k, v in values.items() if v is not None and k != "self"}
        core = Core(self._native, merged(self._core.defaults, given))
        copy.__dict__.update(_native=self._native, _where=self._where, _path=self._path, _core=core)
        return copy

    @property
    def closed(self) -> bool:
        """Whether the connection pool was released (``close()``, or the end of a ``with``)."""
        return self._native.closed

    def __repr__(self) -> str:
        where = f" {self._where!r}" if self._where else ""
        return f"<kassa.{type(self).__name__}{where}>"


class SyncClient(Client, SyncCalls):
    def close(self) -> None:
        """Releases the connection pool (shared with the clients of :meth:`with_options`); a call
        after it raises :class:`kassa.TransportError` ``client_closed``."""
        self._native.close()

    def __enter__(self: _C) -> _C:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(Client, AsyncCalls):
    async def close(self) -> None:
        """Releases the connection pool (shared with the clients of :meth:`with_options`); a call
        after it raises :class:`kassa.TransportError` ``client_closed``."""
        self._native.close()

    async def __aenter__(self: _C) -> _C:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
