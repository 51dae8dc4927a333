"""The typed clients. Their namespaces and methods are not written per operation: they are derived
from :func:`kassa.operations` (ids ``provider.group.method`` become ``client.group.method``), so an
operation added to the core appears here by itself. ``_clients.pyi`` gives them their types, and a
test checks that it covers every catalog id."""

from __future__ import annotations

import keyword
import re
from typing import Any, Callable, ClassVar, Dict, Mapping, Optional

from kassa import _kassa
from kassa.types import IdentityOutcome, IdentityStarted, RetryOptions

__all__ = [
    "PassportReader",
    "AsyncPassportReader",
    "Billit",
    "AsyncBillit",
    "Solaris",
    "AsyncSolaris",
    "Digiteal",
    "AsyncDigiteal",
]


def method_name(segment: str) -> str:
    """The Python name of an id segment: ``createCreditNote`` and ``create-credit-note`` become
    ``create_credit_note``."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", segment).replace("-", "_").lower()
    return name + "_" if keyword.iskeyword(name) else name


class Namespace:
    """A group of operations of a client, e.g. ``client.session``."""

    def __init__(self, path: str) -> None:
        self._path = path

    def __repr__(self) -> str:
        return f"<kassa namespace {self._path}>"


def _sync_method(native: _kassa.Client, operation: str, doc: str) -> Callable[..., Any]:
    def method(**params: Any) -> Any:
        return native.call(operation, params)

    method.__doc__ = doc
    return method


def _async_method(native: _kassa.Client, operation: str, doc: str) -> Callable[..., Any]:
    async def method(**params: Any) -> Any:
        return await native.call_async(operation, params)

    method.__doc__ = doc
    return method


class Identity:
    """``client.identity``: the provider-neutral identification flow over this client's provider
    (the core's ``Client::identity_start`` / ``identity_check``)."""

    def __init__(self, native: _kassa.Client) -> None:
        self._native = native

    def start(
        self, *, subject: str, return_url: Optional[str] = None, method: Optional[str] = None
    ) -> IdentityStarted:
        """Starts an identification of ``subject`` (Billit: the RegistrationID, Solaris: the
        person_id, PassportReader: your reference). ``return_url`` is where the user is sent back
        (Billit, required) or the callback (Solaris, PassportReader); ``method`` the Solaris method
        (default ``idnow``). Returns ``{provider, url, token, expires_at, reference}``."""
        result: IdentityStarted = self._native.identity_start(subject, return_url, method)
        return result

    def check(self, reference: str, expires_at: Optional[int] = None) -> IdentityOutcome:
        """Where the identification ``reference`` stands: asks the provider where it has a status
        call (Solaris, PassportReader; Billit's only evidence is the redirect, see
        ``kassa.identity.finish``). ``expires_at`` (Unix seconds, from ``start``) tells pending from
        expired. Returns ``{status, reason, provider_status, reference}``."""
        result: IdentityOutcome = self._native.identity_check(reference, expires_at)
        return result

    def __repr__(self) -> str:
        return "<kassa namespace identity>"


class AsyncIdentity:
    """``client.identity`` of the asyncio clients: :class:`Identity`'s methods as coroutines."""

    def __init__(self, native: _kassa.Client) -> None:
        self._native = native

    async def start(
        self, *, subject: str, return_url: Optional[str] = None, method: Optional[str] = None
    ) -> IdentityStarted:
        """See :meth:`Identity.start`."""
        result: IdentityStarted = await self._native.identity_start_async(subject, return_url, method)
        return result

    async def check(self, reference: str, expires_at: Optional[int] = None) -> IdentityOutcome:
        """See :meth:`Identity.check`."""
        result: IdentityOutcome = await self._native.identity_check_async(reference, expires_at)
        return result

    def __repr__(self) -> str:
        return "<kassa namespace identity>"


class _Client:
    """What every provider client shares: the native client, the derived namespaces, the
    identification flow (``identity``), a repr without credentials."""

    _provider: ClassVar[str]
    _async: ClassVar[bool] = False
    # Whether the provider has an identification flow (`kassa.identity`): not Digiteal.
    _identity: ClassVar[bool] = True

    def __init__(self, config: Dict[str, Any]) -> None:
        config = {key: value for key, value in config.items() if value is not None}
        self._where = config.get("base_url") or config.get("environment")
        # The credentials go to the native client and are not kept on this object.
        self._native = _kassa.Client(self._provider, config)
        if self._identity:
            self.identity = (AsyncIdentity if self._async else Identity)(self._native)
        self._attach_operations()

    def _attach_operations(self) -> None:
        make = _async_method if self._async else _sync_method
        for op in _kassa.operations():
            if op["provider"] != self._provider:
                continue
            *groups, last = op["id"].split(".")[1:]
            target: object = self
            path = type(self).__name__
            for group in groups:
                name = method_name(group)
                path = f"{path}.{name}"
                found = target.__dict__.get(name)
                if found is None:
                    if hasattr(target, name):
                        raise RuntimeError(f"kassa: namespace {path} clashes with an attribute")
                    found = Namespace(path)
                    setattr(target, name, found)
                elif not isinstance(found, Namespace):
                    raise RuntimeError(f"kassa: namespace {path} clashes with an attribute")
                target = found
            name = method_name(last)
            if hasattr(target, name):
                raise RuntimeError(f"kassa: method {path}.{name} clashes with an attribute")
            doc = f"``{op['id']}``: ``{op['method']} {op['path']}``. Keyword arguments are the params."
            setattr(target, name, make(self._native, op["id"], doc))

    def __repr__(self) -> str:
        where = f" {self._where!r}" if self._where else ""
        return f"<kassa.{type(self).__name__}{where}>"


class _SyncClient(_Client):
    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Any:
        """Sends any operation of this provider by id; blocks this thread (not others: the GIL is
        released while the request runs)."""
        return self._native.call(operation, params)


class _AsyncClient(_Client):
    _async = True

    async def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Any:
        """Sends any operation of this provider by id, without blocking the event loop."""
        return await self._native.call_async(operation, params)


class PassportReader(_SyncClient):
    """PassportReader identity sessions, synchronous: ``client.session.create(...)``,
    ``client.session.get(id=...)``, ``client.session.state(id=...)``.

    ``public_key`` starts with ``public-key-``, ``secret`` with ``secret-``. ``timeout`` is in
    seconds (default 60); ``retry`` overrides the documented policy (4 retries after 2, 4, 8, 16 s).
    """

    _provider = "passportreader"

    def __init__(
        self,
        *,
        public_key: str,
        secret: str,
        environment: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        retry: Optional[RetryOptions] = None,
    ) -> None:
        _Client.__init__(
            self,
            dict(
                public_key=public_key,
                secret=secret,
                environment=environment,
                base_url=base_url,
                timeout=timeout,
                retry=retry,
            )
        )


class AsyncPassportReader(_AsyncClient):
    """PassportReader identity sessions for asyncio: the same methods as :class:`PassportReader`,
    as coroutines."""

    _provider = "passportreader"

    # The same keyword arguments as :class:`PassportReader`.
    __init__ = PassportReader.__init__


class Billit(_SyncClient):
    """Billit identification (KYC via itsme), synchronous: ``client.identification.start(
    RegistrationID=..., RedirectURL=...)``. Params use Billit's wire names.

    Give ``api_key`` (``ApiKey`` header) or, for OAuth integrators, ``access_token``; ``party_id``
    is the ``PartyID`` header (default: the RegistrationID of each request). ``environment`` is
    ``production`` (default) or ``sandbox``.
    """

    _provider = "billit"

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        access_token: Optional[str] = None,
        party_id: Optional[str] = None,
        environment: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        retry: Optional[RetryOptions] = None,
    ) -> None:
        _Client.__init__(
            self,
            dict(
                api_key=api_key,
                access_token=access_token,
                party_id=party_id,
                environment=environment,
                base_url=base_url,
                timeout=timeout,
                retry=retry,
            )
        )


class AsyncBillit(_AsyncClient):
    """Billit for asyncio: the same methods as :class:`Billit`, as coroutines."""

    _provider = "billit"

    # The same keyword arguments as :class:`Billit`.
    __init__ = Billit.__init__


class Solaris(_SyncClient):
    """Solaris KYC (identification sessions and identifications), synchronous:
    ``client.identification_sessions.create(person_id=..., identification_methods=["idnow"])``,
    ``client.identifications.get(...)``, ... Params use Solaris's wire names.

    Give ``client_id`` and ``client_secret`` (the client obtains the OAuth2 token, reuses it, renews
    it before it expires and once after a 401) or an ``access_token``. ``environment`` is
    ``production`` (default) or ``sandbox``; ``auth_url`` overrides the token endpoint (default:
    the environment's, or ``<base_url>/oauth2/token``).
    """

    _provider = "solaris"

    def __init__(
        self,
        *,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        access_token: Optional[str] = None,
        environment: Optional[str] = None,
        base_url: Optional[str] = None,
        auth_url: Optional[str] = None,
        timeout: Optional[float] = None,
        retry: Optional[RetryOptions] = None,
    ) -> None:
        _Client.__init__(
            self,
            dict(
                client_id=client_id,
                client_secret=client_secret,
                access_token=access_token,
                environment=environment,
                base_url=base_url,
                auth_url=auth_url,
                timeout=timeout,
                retry=retry,
            )
        )


class AsyncSolaris(_AsyncClient):
    """Solaris for asyncio: the same methods as :class:`Solaris`, as coroutines."""

    _provider = "solaris"

    # The same keyword arguments as :class:`Solaris`.
    __init__ = Solaris.__init__


class Digiteal(_SyncClient):
    """Digiteal e-invoicing and payments, synchronous: ``client.invoices.create(...)``,
    ``client.invoices.send_document(uuid=..., document=pdf_bytes)``, ``client.payments.create(...)``,
    ``client.credit_notes.*``, ``client.autopay.request(...)``, ``client.integrator.company_info(
    vatNumber=...)``, ``client.optin.force(...)``, ``client.qr.slip_image(...)``. Params use
    Digiteal's camelCase wire names; images come back as ``{"mediaType", "bytes": bytes}``.

    ``username`` / ``password`` are the HTTP Basic login chosen at registration (only the anonymous
    QR images work without them). ``environment`` is ``production`` (default), ``test`` or
    ``sandbox``. Uploads get a random multipart ``boundary`` unless one is given. Creations are not
    retried once they may have arrived (see the core's Digiteal docs).
    """

    _provider = "digiteal"
    _identity = False

    def __init__(
        self,
        *,
        username: Optional[str] = None,
        password: Optional[str] = None,
        environment: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        retry: Optional[RetryOptions] = None,
    ) -> None:
        _Client.__init__(
            self,
            dict(
                username=username,
                password=password,
                environment=environment,
                base_url=base_url,
                timeout=timeout,
                retry=retry,
            )
        )


class AsyncDigiteal(_AsyncClient):
    """Digiteal for asyncio: the same methods as :class:`Digiteal`, as coroutines."""

    _provider = "digiteal"
    _identity = False

    # The same keyword arguments as :class:`Digiteal`.
    __init__ = Digiteal.__init__
