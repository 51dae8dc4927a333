"""Types of the clients. The runtime derives namespaces and methods from ``operations()``; this
file lists them for type checkers (``tests/test_stubs.py`` checks that every catalog id is here)."""

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from kassa import _kassa
from kassa.types import IdentificationStarted, RetryOptions, Session, SessionCreated, SessionStateResponse

__all__ = ["PassportReader", "AsyncPassportReader", "Billit", "AsyncBillit"]

def method_name(segment: str) -> str: ...

class Namespace:
    def __init__(self, path: str) -> None: ...

def _sync_method(native: _kassa.Client, operation: str, doc: str) -> Callable[..., Any]: ...
def _async_method(native: _kassa.Client, operation: str, doc: str) -> Callable[..., Any]: ...

class _Client:
    _provider: ClassVar[str]
    _async: ClassVar[bool]
    _native: _kassa.Client
    _where: str | None
    def __init__(self, config: dict[str, Any]) -> None: ...

class _SyncClient(_Client):
    def call(self, operation: str, params: Mapping[str, Any] | None = None) -> Any: ...

class _AsyncClient(_Client):
    async def call(self, operation: str, params: Mapping[str, Any] | None = None) -> Any: ...

# passportreader.*

class _PassportReaderSession:
    def create(
        self, *, callback_url: str | None = None, face_verification: bool | None = None, reference: str | None = None
    ) -> SessionCreated: ...
    def get(self, *, id: int) -> Session: ...
    def state(self, *, id: int) -> SessionStateResponse: ...

class _AsyncPassportReaderSession:
    async def create(
        self, *, callback_url: str | None = None, face_verification: bool | None = None, reference: str | None = None
    ) -> SessionCreated: ...
    async def get(self, *, id: int) -> Session: ...
    async def state(self, *, id: int) -> SessionStateResponse: ...

class PassportReader(_SyncClient):
    session: _PassportReaderSession
    def __init__(
        self,
        *,
        public_key: str,
        secret: str,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

class AsyncPassportReader(_AsyncClient):
    session: _AsyncPassportReaderSession
    def __init__(
        self,
        *,
        public_key: str,
        secret: str,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

# billit.*

class _BillitIdentification:
    def start(
        self, *, RegistrationID: str, RedirectURL: str, IdentificationProviderTC: str = ...
    ) -> IdentificationStarted: ...

class _AsyncBillitIdentification:
    async def start(
        self, *, RegistrationID: str, RedirectURL: str, IdentificationProviderTC: str = ...
    ) -> IdentificationStarted: ...

class Billit(_SyncClient):
    identification: _BillitIdentification
    def __init__(
        self,
        *,
        api_key: str | None = None,
        access_token: str | None = None,
        party_id: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

class AsyncBillit(_AsyncClient):
    identification: _AsyncBillitIdentification
    def __init__(
        self,
        *,
        api_key: str | None = None,
        access_token: str | None = None,
        party_id: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...
