"""The native module (Rust, pyo3). Use it through the ``kassa`` package."""

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, final

from kassa.types import OperationInfo

__all__ = [
    "__version__",
    "build_request",
    "parse_response",
    "operations",
    "call_function",
    "function_names",
    "HttpRequest",
    "Client",
]

__version__: str

@final
class HttpRequest:
    """A request built by kassa. ``repr()`` redacts credential headers; the attributes are real."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    @property
    def body(self) -> bytes: ...

@final
class Client:
    """The native half of a provider client: config, pooled HTTP client, shared runtime."""

    def __new__(cls, provider: str, config: Mapping[str, Any]) -> Client: ...
    @property
    def provider(self) -> str: ...
    def call(self, operation: str, params: Mapping[str, Any] | None = None) -> Any: ...
    def call_async(self, operation: str, params: Mapping[str, Any] | None = None) -> asyncio.Future[Any]: ...
    def identity_start(self, subject: str, return_url: str | None = None, method: str | None = None) -> Any: ...
    def identity_start_async(
        self, subject: str, return_url: str | None = None, method: str | None = None
    ) -> asyncio.Future[Any]: ...
    def identity_check(self, reference: str, expires_at: int | None = None) -> Any: ...
    def identity_check_async(self, reference: str, expires_at: int | None = None) -> asyncio.Future[Any]: ...

def build_request(
    operation: str, params: Mapping[str, Any] | None = None, *, config: Mapping[str, Any]
) -> HttpRequest: ...
def parse_response(
    operation: str,
    status: int,
    headers: Sequence[tuple[str, str]] | Mapping[str, str],
    body: bytes | bytearray | str,
    *,
    now: int | None = None,
) -> Any: ...
def operations() -> list[OperationInfo]: ...
def call_function(name: str, args: Sequence[Any] | None = None, kwargs: Mapping[str, Any] | None = None) -> Any:
    """Calls the kassa function ``name`` (``"epc.build"``) with positional ``args`` and keyword
    ``kwargs``; ``bytes`` arguments stay bytes, ``epc.png`` returns ``bytes``."""
def function_names() -> list[str]:
    """Every function :func:`call_function` knows, ``namespace.function``."""
