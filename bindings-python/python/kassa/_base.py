"""What every generated client (:mod:`kassa._clients`) shares: the native client, the namespaces
of operations, the calls, a repr without credentials. Nothing here names an operation: the
generated methods hand their ``locals()`` (the params, by wire name) to :meth:`SyncNamespace._call`
or :meth:`AsyncNamespace._call`, and the core reads and checks them."""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Dict, Generic, Mapping, Optional, Type, TypeVar

from kassa import _kassa

_T = TypeVar("_T")

_NO_RENAMES: Mapping[str, str] = {}


def params(values: Mapping[str, Any], renamed: Mapping[str, str] = _NO_RENAMES) -> Dict[str, Any]:
    """A method's ``locals()`` as params: ``self`` and ``None`` (absent) left out, safe spellings
    (``User_Agent``) back to their wire names (``User-Agent``)."""
    return {renamed.get(k, k): v for k, v in values.items() if v is not None and k != "self"}


class Namespace:
    """A group of operations of a client, e.g. ``client.invoices``."""

    def __init__(self, native: _kassa.Client, path: str) -> None:
        self._native = native
        self._path = path

    def __repr__(self) -> str:
        return f"<kassa namespace {self._path}>"


class SyncNamespace(Namespace):
    def _call(self, operation: str, values: Mapping[str, Any], renamed: Mapping[str, str] = _NO_RENAMES) -> Any:
        return self._native.call(operation, params(values, renamed))


class AsyncNamespace(Namespace):
    async def _call(self, operation: str, values: Mapping[str, Any], renamed: Mapping[str, str] = _NO_RENAMES) -> Any:
        return await self._native.call_async(operation, params(values, renamed))


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
            found = owner.__dict__[self._name] = self._namespace(owner._native, path)
        return found

    def __set__(self, owner: Any, value: Any) -> None:
        raise AttributeError(f"{self._name} is read-only")


def docs_from(sync: type) -> Callable[[Type[_T]], Type[_T]]:
    """Class decorator of an asyncio namespace: its methods get the docstrings of ``sync``'s
    (written once, in the generated sync class)."""

    def copy(cls: Type[_T]) -> Type[_T]:
        for name, method in vars(cls).items():
            if callable(method) and not name.startswith("_"):
                method.__doc__ = getattr(sync, name).__doc__
        return cls

    return copy


class Client:
    """What every provider client shares: the native client (which alone holds the credentials) and
    a repr without them."""

    _provider: ClassVar[str]

    def __init__(self, options: Mapping[str, Any]) -> None:
        config = params(options)
        self._where: Optional[str] = config.get("base_url") or config.get("environment")
        self._native = _kassa.Client(self._provider, config)

    def __repr__(self) -> str:
        where = f" {self._where!r}" if self._where else ""
        return f"<kassa.{type(self).__name__}{where}>"


class SyncClient(Client):
    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Any:
        """Sends any operation of this provider by id (``kassa.operations()``); blocks this thread,
        not others (the GIL is released while the request runs)."""
        return self._native.call(operation, params)


class AsyncClient(Client):
    async def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Any:
        """Sends any operation of this provider by id, without blocking the event loop."""
        return await self._native.call_async(operation, params)
