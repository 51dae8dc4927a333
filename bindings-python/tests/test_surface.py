"""The generated surface against the core's catalog (``kassa.operations()``): every request has a
method on the sync and the asyncio client of its provider, whose keyword-only parameters are
exactly the params type's keys (a required key is a parameter without default, and the core
requires it too); every function is a native function with the real signature of its arguments
type; help() shows the namespaces; every generated file says it is generated."""

from __future__ import annotations

import inspect
import pydoc
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import kassa
import kassa.types
from kassa.types import CatalogEntry

PACKAGE = Path(kassa.__file__).parent


def _clients() -> List[Any]:
    return [obj for name in kassa.__all__ if isinstance(obj := getattr(kassa, name), type) and hasattr(obj, "_provider")]


def _requests(provider: str) -> List[CatalogEntry]:
    return [op for op in kassa.operations() if op["kind"] == "request" and op["provider"] == provider]


def _keys(type_name: str) -> Tuple[set[str], set[str]]:
    """The (required, optional) keys of the TypedDict ``kassa.types.<type_name>``."""
    td: Any = getattr(kassa.types, type_name)
    return set(td.__required_keys__), set(td.__optional_keys__)


def _credentials(provider: str) -> Dict[str, Any]:
    known = {
        "passportreader": {"public_key": "public-key-a", "secret": "secret-b"},
        "billit": {"api_key": "key"},
        "solaris": {"client_id": "id", "client_secret": "secret"},
        "digiteal": {"username": "user", "password": "pass"},
    }
    return known[provider]


OPTIONS = set(kassa.RequestOptions.__annotations__)
# The operations whose params carry a key the provider keeps unique (the core's resend keys).
KEYED = {"digiteal.invoices.create", "digiteal.credit_notes.create"}


def _wire(name: str) -> str:
    """The wire name of a parameter: its safe spelling documented in the docstring, else itself."""
    return {"User_Agent": "User-Agent"}.get(name, name)


def test_every_provider_has_a_sync_and_an_async_client() -> None:
    providers = {op["provider"] for op in kassa.operations() if op["kind"] == "request"}
    assert providers == {c._provider for c in _clients()}
    for provider in providers:
        kinds = sorted(inspect.iscoroutinefunction(c.call) for c in _clients() if c._provider == provider)
        assert kinds == [False, True], f"{provider}: need one sync and one async client, found {kinds}"


@pytest.mark.parametrize("client", _clients(), ids=lambda c: c.__name__)
def test_client_methods_are_the_catalog_requests(client: Any) -> None:
    instance = client(**_credentials(client._provider))
    is_async = inspect.iscoroutinefunction(client.call)
    for op in _requests(client._provider):
        target: Any = instance
        for segment in op["id"].split(".")[1:]:
            target = getattr(target, segment)
        assert callable(target) and inspect.iscoroutinefunction(target) == is_async, op["id"]
        assert op["id"] in (target.__doc__ or ""), f"{op['id']}: no docstring"
        signature = inspect.signature(target)
        assert all(p.kind is p.KEYWORD_ONLY for p in signature.parameters.values()), op["id"]
        required, optional = _keys(op["params"])
        params = {_wire(name): p for name, p in signature.parameters.items() if name not in OPTIONS}
        assert set(params) == required | optional, op["id"]
        # The per-call options follow the params, `idempotency_key` only where there is a resend key.
        options = [name for name in signature.parameters if name in OPTIONS]
        expected = [o for o in kassa.RequestOptions.__annotations__ if o != "idempotency_key" or op["id"] in KEYED]
        assert options == expected and list(signature.parameters)[-len(options):] == options, op["id"]
        assert all(signature.parameters[o].default is None for o in options), op["id"]
        assert {n for n, p in params.items() if p.default is p.empty} == required, f"{op['id']}: required keys"
        output = "None" if op["output"] == "null" else op["output"].removesuffix(" | null").removesuffix("[]")
        assert output in str(signature.return_annotation), op["id"]


def test_clients_have_nothing_the_catalog_lacks() -> None:
    for client in _clients():
        ids = {op["id"] for op in _requests(client._provider)}
        found = set()

        def walk(namespace: Any, path: str) -> None:
            for name, value in vars(type(namespace)).items():
                if isinstance(value, kassa._base.Group):
                    walk(getattr(namespace, name), f"{path}.{name}")
                elif callable(value) and not name.startswith("_"):
                    found.add(f"{path}.{name}")

        instance = client(**_credentials(client._provider))
        for name, value in vars(client).items():
            if isinstance(value, kassa._base.Group) and name not in ("identity", "with_raw_response"):
                walk(getattr(instance, name), f"{client._provider}.{name}")
        assert found == ids, client.__name__
        # `with_raw_response` has the same tree (and `call`).
        found.clear()
        walk(instance.with_raw_response, client._provider)
        assert found == ids and callable(instance.with_raw_response.call), client.__name__


def test_every_client_but_digiteal_has_the_identity_flow() -> None:
    for client in _clients():
        instance = client(**_credentials(client._provider))
        if client._provider == "digiteal":
            assert not hasattr(instance, "identity"), client.__name__
            continue
        is_async = inspect.iscoroutinefunction(client.call)
        for name in ("start", "check"):
            method = getattr(instance.identity, name)
            assert inspect.iscoroutinefunction(method) == is_async, f"{client.__name__}.identity.{name}"
        required, optional = _keys("StartParams")
        start = inspect.signature(instance.identity.start).parameters
        assert set(start) == required | optional | (OPTIONS - {"idempotency_key"})
        assert {n for n, p in start.items() if p.default is p.empty} == required


def test_help_lists_the_namespaces_and_constructor_options() -> None:
    text = pydoc.plain(pydoc.render_doc(kassa.Digiteal))
    for namespace in ("invoices", "credit_notes", "payments", "autopay", "integrator", "optin", "qr"):
        assert namespace in text
    options = inspect.signature(kassa.Digiteal).parameters
    assert list(options) == ["environment", "base_url", "timeout", "retry", "max_response_bytes", "username", "password"]
    assert inspect.signature(kassa.AsyncDigiteal).parameters.keys() == options.keys()
    # Credentials may be left out of the signature (read from KASSA_* variables), not out of the config.
    assert all(p.default is None for p in inspect.signature(kassa.PassportReader).parameters.values())
    assert _keys("PassportReaderOptions")[0] == {"public_key", "secret"}
    assert "public-key-" in (kassa.PassportReader.__init__.__doc__ or "")
    create = kassa.Digiteal(username="u", password="p").invoices.create
    assert "Args:" in (create.__doc__ or "") and "invoiceInternalId" in (create.__doc__ or "")
    assert kassa.AsyncDigiteal(username="u", password="p").invoices.create.__doc__ == create.__doc__


# -- the function modules -------------------------------------------------------------------


def _function(name: str) -> Any:
    target: Any = kassa
    for segment in name.split("."):
        target = getattr(target, segment)
    return target


def test_every_function_is_a_native_function_with_its_signature() -> None:
    entries = {op["id"]: op for op in kassa.operations()}
    for name in kassa.function_names():
        function = _function(name)
        namespace, short = name.rsplit(".", 1)
        assert function is getattr(kassa._kassa, name.replace(".", "__")), name  # the native function itself
        assert (function.__module__, function.__name__) == (f"kassa.{namespace}", short)
        assert sys.modules[f"kassa.{namespace}"].__all__.count(short) == 1
        parameters = inspect.signature(function).parameters
        positional = [n for n, p in parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
        entry = entries[name] if entries[name]["kind"] == "function" else None
        if entry is not None:
            assert positional == entry["positional"], name
            required, optional = _keys(entry["params"])
            assert set(parameters) == required | optional, name
            assert {n for n, p in parameters.items() if p.default is p.empty} == required, name
        assert name in (function.__doc__ or ""), name


def test_function_signatures_are_what_the_core_binds() -> None:
    """Every parameter name is one the core binds (``None`` counts as absent, so passing each as
    ``None`` may fail only for a missing required argument, never for an unknown one), and one
    positional argument more than the signature lists is refused."""
    for name in kassa.function_names():
        parameters = inspect.signature(_function(name)).parameters
        positional = [n for n, p in parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
        try:
            kassa.call_function(name, None, {p: None for p in parameters})
        except kassa.ValidationError as e:
            assert "unknown field" not in e.message, f"{name}: {e}"
        with pytest.raises(kassa.ValidationError) as caught:
            _function(name)(*([None] * len(positional) + [0]))
        assert caught.value.field == "args", f"{name}: takes more positional parameters than it shows"


def test_wrong_arguments_are_validation_errors_naming_them() -> None:
    cases: List[Tuple[Any, Any, Any, str]] = [
        (kassa.epc.build, (), {"name": "A"}, "iban"),  # missing
        (kassa.epc.build, (), {"name": "A", "iban": "BE68539007547034", "nam": 1}, "nam"),  # unknown
        (kassa.iban.validate, (42,), {}, "s"),  # wrong type
        (kassa.iban.validate, ("BE68\udc80",), {}, "s"),  # a lone surrogate
        (kassa.epc.parse, ("x",), {"strict": "no"}, "strict"),  # not a bool (no truthiness)
        (kassa.iban.validate, ("a", "b"), {}, "args"),  # too many positional
        (kassa.iban.validate, ("a",), {"s": "b"}, "s"),  # both ways
    ]
    for function, args, kwargs, field in cases:
        with pytest.raises(kassa.ValidationError) as caught:
            function(*args, **kwargs)
        assert (caught.value.code, caught.value.field) == ("invalid_params", field), (function, caught.value)
        assert isinstance(caught.value, ValueError)


def test_a_required_field_is_required_everywhere() -> None:
    """One rule per field: ``customerInternalId`` is required by the core (``InvoiceCreationRequest``),
    so it is a required key of the TypedDict, a keyword-only parameter without default (Python's
    own TypeError when left out) and a ValidationError naming it through ``call`` and
    ``build_request``."""
    required, _ = _keys("InvoiceCreationRequest")
    assert required == {"customerInternalId"}
    client = kassa.Digiteal(username="u", password="p", base_url="http://127.0.0.1:9")
    with pytest.raises(TypeError, match="customerInternalId"):
        client.invoices.create(invoiceInternalId="i1")  # type: ignore[call-arg]
    for send in (
        lambda: client.call("digiteal.invoices.create", {"invoiceInternalId": "i1"}),
        lambda: kassa.build_request("digiteal.invoices.create", {"invoiceInternalId": "i1"}, config={"username": "u", "password": "p"}),
    ):
        with pytest.raises(kassa.ValidationError) as caught:
            send()
        assert (caught.value.code, caught.value.field) == ("invalid_params", "customerInternalId")


def test_generated_files_say_so() -> None:
    generated = [PACKAGE / name for name in ("__init__.py", "types.py", "_clients.py", "_kassa.pyi", "epc.py")]
    generated += [PACKAGE / "digiteal" / "__init__.py", PACKAGE / "digiteal" / "pay_buttons.py"]
    for path in generated:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Generated by `cargo run -p xtask -- codegen`"), path.name
    for path in (PACKAGE / "_base.py", PACKAGE / "_errors.py"):
        assert "Generated" not in path.read_text(encoding="utf-8").splitlines()[0], path.name
