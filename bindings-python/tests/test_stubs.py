"""The typed surface: every catalog operation has a method in ``_clients.pyi`` on both the sync and
the async client of its provider (and at runtime), and the stubs list nothing the catalog lacks;
every core function has a typed stub in ``kassa/<namespace>.pyi`` whose parameters the core
accepts."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple, Union

import pytest

import kassa
from kassa._clients import method_name

STUB = Path(kassa.__file__).with_name("_clients.pyi")
FuncDef = Union[ast.FunctionDef, ast.AsyncFunctionDef]


def _stub_classes() -> Dict[str, ast.ClassDef]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _members(cls: ast.ClassDef, classes: Dict[str, ast.ClassDef]) -> Iterator[Tuple[str, Any]]:
    """(name, annotation class name or function node) of a stub class."""
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(node.annotation, ast.Name):
            yield node.target.id, node.annotation.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node


def _stub_methods(client: str, classes: Dict[str, ast.ClassDef]) -> Dict[Tuple[str, ...], FuncDef]:
    """Every method reachable from stub class ``client`` through annotated namespaces."""
    found: Dict[Tuple[str, ...], FuncDef] = {}

    def walk(cls: ast.ClassDef, path: Tuple[str, ...]) -> None:
        for name, member in _members(cls, classes):
            if name == "identity" and not path:
                continue  # the identification flow, not an operation namespace (test below)
            if isinstance(member, str) and member in classes:
                walk(classes[member], path + (name,))
            elif not isinstance(member, str) and path:  # methods of namespaces, not of the client
                found[path + (name,)] = member

    walk(classes[client], ())
    return found


def _clients() -> List[Any]:
    return [obj for name in kassa.__all__ if isinstance(obj := getattr(kassa, name), type) and hasattr(obj, "_provider")]


def _path(op_id: str) -> Tuple[str, ...]:
    return tuple(method_name(segment) for segment in op_id.split(".")[1:])


def test_every_provider_has_a_sync_and_an_async_client() -> None:
    providers = {op["provider"] for op in kassa.operations()}
    for provider in providers:
        kinds = sorted(inspect.iscoroutinefunction(c.call) for c in _clients() if c._provider == provider)
        assert kinds == [False, True], f"{provider}: need one sync and one async client, found {kinds}"


def test_stubs_cover_the_catalog() -> None:
    classes = _stub_classes()
    for client in _clients():
        assert client.__name__ in classes, f"{client.__name__} missing from {STUB.name}"
        stub = _stub_methods(client.__name__, classes)
        wanted = {_path(op["id"]) for op in kassa.operations() if op["provider"] == client._provider}
        assert wanted <= set(stub), f"{client.__name__}: catalog ids missing from the stub: {sorted(wanted - set(stub))}"
        if wanted:  # a provider whose operations are not registered yet keeps its stub entries
            assert set(stub) <= wanted, f"{client.__name__}: stub methods not in the catalog: {sorted(set(stub) - wanted)}"
        is_async = inspect.iscoroutinefunction(client.call)
        for path, func in stub.items():
            assert isinstance(func, ast.AsyncFunctionDef) == is_async, f"{client.__name__}.{'.'.join(path)}"
            args = func.args
            assert not args.args[1:] and not args.vararg, f"{'.'.join(path)}: params are keyword-only in the stub"


def _credentials(provider: str) -> Dict[str, Any]:
    known = {
        "passportreader": {"public_key": "public-key-a", "secret": "secret-b"},
        "billit": {"api_key": "key"},
        "solaris": {"client_id": "id", "client_secret": "secret"},
        "digiteal": {"username": "user", "password": "pass"},
    }
    return known.get(provider, {})


def test_runtime_clients_have_the_catalog_methods() -> None:
    for client in _clients():
        instance = client(**_credentials(client._provider))
        is_async = inspect.iscoroutinefunction(client.call)
        for op in kassa.operations():
            if op["provider"] != client._provider:
                continue
            target: Any = instance
            for name in _path(op["id"]):
                target = getattr(target, name)
            assert callable(target) and inspect.iscoroutinefunction(target) == is_async, op["id"]
            assert op["id"] in (target.__doc__ or "")


def test_method_names() -> None:
    assert method_name("create") == "create"
    assert method_name("createCreditNote") == "create_credit_note"
    assert method_name("pay-buttons") == "pay_buttons"
    assert method_name("import") == "import_"


def test_every_client_has_the_identity_flow() -> None:
    """Every client of a provider with an identification flow has ``identity``, typed in the stub;
    Digiteal has none."""
    classes = _stub_classes()
    for client in _clients():
        instance = client(**_credentials(client._provider))
        typed = dict(_members(classes[client.__name__], classes))
        if client._provider == "digiteal":
            assert not hasattr(instance, "identity") and "identity" not in typed, client.__name__
            continue
        assert typed.get("identity") in ("Identity", "AsyncIdentity"), client.__name__
        is_async = inspect.iscoroutinefunction(client.call)
        for name in ("start", "check"):
            method = getattr(instance.identity, name)
            assert inspect.iscoroutinefunction(method) == is_async, f"{client.__name__}.identity.{name}"


# -- the function modules -------------------------------------------------------------------


def _function_stubs() -> Dict[str, ast.FunctionDef]:
    """``namespace.function`` -> its definition in ``kassa/<namespace>.pyi`` (three-segment names
    ``a.b.f``: ``kassa/a/b.pyi``)."""
    found: Dict[str, ast.FunctionDef] = {}
    for namespace in sorted({name.rsplit(".", 1)[0] for name in kassa.function_names()}):
        stub = STUB.parent.joinpath(*namespace.split(".")).with_suffix(".pyi")
        assert stub.exists(), f"no stub {stub.name} for the functions {namespace}.*"
        tree = ast.parse(stub.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found[f"{namespace}.{node.name}"] = node
    return found


def test_function_stubs_cover_the_core() -> None:
    stubs = _function_stubs()
    names = set(kassa.function_names())
    assert names <= set(stubs), f"core functions missing from the stubs: {sorted(names - set(stubs))}"
    assert set(stubs) <= names, f"stub functions the core lacks: {sorted(set(stubs) - names)}"


def test_function_stub_parameters_are_the_cores() -> None:
    """Every stub parameter name is one the core binds (``None`` counts as absent there, so passing
    each one as ``None`` may fail only for a missing required argument, never for an unknown one),
    and positional parameters are positional in the core too."""
    for name, func in _function_stubs().items():
        args = func.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        keyword = [a.arg for a in args.kwonlyargs]
        try:
            kassa.call_function(name, None, {p: None for p in positional + keyword})
        except kassa.ValidationError as e:
            assert "has no argument" not in e.message and "unknown field" not in e.message, f"{name}: {e}"
        try:
            kassa.call_function(name, [None] * len(positional), None)
        except kassa.ValidationError as e:
            assert e.field != "args", f"{name}: {len(positional)} positional parameters refused: {e}"
        # One more positional than the stub lists (not None: the Digiteal link builders read a
        # lone None, or one object, as "keyword arguments only").
        with pytest.raises(kassa.ValidationError) as caught:
            kassa.call_function(name, [None] * len(positional) + [0], None)
        assert caught.value.field == "args", f"{name}: takes more positional parameters than the stub lists"
