"""The sans-IO surface: ``build_request``, ``parse_response``, ``operations``, ``HttpRequest``, and
the conversion of Python values into params and config."""

from __future__ import annotations

import json
import math
import types
from typing import Any

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, same

CREATE, GET, STATE = "passportreader.session.create", "passportreader.session.get", "passportreader.session.state"


def test_operations() -> None:
    """Every catalog entry (``kassa::catalog::entries``): requests, links, callbacks, functions."""
    ops = kassa.operations()
    keys = {"id", "kind", "provider", "method", "path", "retry_safe", "params", "output"}
    assert ops and all(set(op) - {"positional"} == keys for op in ops)
    assert all(("positional" in op) == (op["kind"] in ("function", "callback")) for op in ops)
    ids = [op["id"] for op in ops]
    assert len(ids) == len(set(ids))
    assert {CREATE, GET, STATE} <= set(ids)
    assert {op["kind"] for op in ops} == {"request", "link", "callback", "function"}
    assert set(kassa.function_names()) <= set(ids) | {op["id"] for op in ops if op["kind"] == "link"}
    create = next(op for op in ops if op["id"] == CREATE)
    expected = {"id": CREATE, "kind": "request", "provider": "passportreader", "method": "POST", "path": "/api/v1/session.create"}
    assert same(create, {**expected, "retry_safe": True, "params": "CreateSession", "output": "SessionCreated"})
    validate = next(op for op in ops if op["id"] == "iban.validate")
    assert same(validate, {"id": "iban.validate", "kind": "function", "provider": None, "method": None, "path": None,
                           "retry_safe": True, "params": "IbanValidateArgs", "output": "string", "positional": ["s"]})


def test_build_request_values() -> None:
    request = kassa.build_request(GET, {"id": BIG_ID}, config=CREDENTIALS)
    assert (request.method, request.url) == ("POST", "https://passportreader.app/api/v1/session.get")
    assert request.body == b'{"id":9007199254740993}'
    assert ("Authorization", "Basic cHVibGljLWtleS10ZXN0OnNlY3JldC10ZXN0") in request.headers
    assert all(isinstance(h, tuple) and len(h) == 2 for h in request.headers)
    # None params and missing params are both "no params".
    assert kassa.build_request(CREATE, None, config=CREDENTIALS).body == b"{}"
    assert kassa.build_request(CREATE, config=CREDENTIALS).body == b"{}"


def test_http_request_repr_redacts_credentials() -> None:
    request = kassa.build_request(CREATE, {"reference": "order-9"}, config=CREDENTIALS)
    shown = repr(request)
    assert "cHVibGljLWtleS10ZXN0OnNlY3JldC10ZXN0" not in shown and "secret-test" not in shown
    assert "('Authorization', '[redacted]')" in shown
    assert "('Content-Type', 'application/json')" in shown
    assert "https://passportreader.app/api/v1/session.create" in shown
    assert f"body=<{len(request.body)} bytes>" in shown
    assert str(request) == shown
    with pytest.raises(AttributeError):
        request.url = "https://evil.example"  # type: ignore[misc]


def test_params_accept_any_mapping_and_sequences() -> None:
    proxy = types.MappingProxyType({"reference": "r", "face_verification": False})
    assert json.loads(kassa.build_request(CREATE, proxy, config=CREDENTIALS).body) == {"reference": "r", "face_verification": False}
    config = types.MappingProxyType({**CREDENTIALS, "retry": {"max_retries": 1}, "timeout": 2})
    assert kassa.build_request(STATE, {"id": 1}, config=config).url.endswith("/session.state")


@pytest.mark.parametrize(
    ("params", "field", "fragment"),
    [
        ({"id": 2**64}, "id", "64-bit"),
        ({"id": -(2**63) - 1}, "id", "64-bit"),
        ({"id": 2**63}, "id", ""),  # a u64 reaches the core, which wants an i64
        ({"id": True}, "id", ""),
        ({"id": 1.0}, "id", ""),
        ({"id": b"1"}, "id", "bytes"),  # bytes reach the core as bytes (a document), not an id
        ({"id": object()}, "id", "object"),
        ({1: 2}, "params", "keys must be str"),  # a key that is no text: the whole input is named
        ({"id": float("nan")}, "id", "float"),
    ],
)
def test_bad_params_are_validation_errors(params: Any, field: str, fragment: str) -> None:
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(GET, params, config=CREDENTIALS)
    assert (caught.value.code, caught.value.field) == ("invalid_params", field)
    assert fragment in str(caught.value)


def test_bad_config_names_the_key() -> None:
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(STATE, {"id": 1}, config={**CREDENTIALS, "timeout": math.nan})
    assert (caught.value.code, caught.value.field) == ("invalid_config", "timeout")
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(STATE, {"id": 1}, config={**CREDENTIALS, "retry": {"max_retries": 2**80}})
    assert (caught.value.code, caught.value.field) == ("invalid_config", "retry.max_retries")
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(STATE, {"id": 1}, config={**CREDENTIALS, "retry": {"max_retries": "x"}})
    assert (caught.value.code, caught.value.field) == ("invalid_config", "retry.max_retries")
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(STATE, {"id": 1}, config={**CREDENTIALS, "retry": [{"x": b""}]})
    assert (caught.value.code, caught.value.field) == ("invalid_config", "retry")
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(STATE, {"id": 1}, config=[1])  # type: ignore[arg-type]
    assert caught.value.code == "invalid_config"


def test_self_referencing_input_is_refused_not_a_crash() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request(CREATE, {"reference": loop}, config=CREDENTIALS)
    assert caught.value.field == "reference"
    # Free-form JSON (an identification given as evidence) is read as deep as it goes: refused.
    for evidence in ({"identification": loop}, {"session": {"a": loop}}):
        with pytest.raises(kassa.ValidationError) as deep:
            kassa.identity.finish("solaris:p1:s1", evidence)  # type: ignore[arg-type]
        assert "nested deeper" in str(deep.value)


def test_parse_response_input_shapes() -> None:
    body = '{"id": 9007199254740993, "token": "t"}'
    expected = {"id": BIG_ID, "token": "t"}
    assert same(kassa.parse_response(CREATE, 200, [], body), expected)
    assert same(kassa.parse_response(CREATE, 200, {}, body.encode()), expected)
    assert same(kassa.parse_response(CREATE, 200, (), bytearray(body.encode())), expected)
    # Headers as a mapping or as pairs; the request id is read either way.
    shapes: list[Any] = [{"X-Request-Id": "abc"}, [("x-request-id", "abc")], (["X-REQUEST-ID", "abc"],)]
    for headers in shapes:
        with pytest.raises(kassa.ApiError) as caught:
            kassa.parse_response(GET, 404, headers, b"{}")
        assert caught.value.request_id == "abc"
        assert caught.value.code == "http_404" and caught.value.provider_code is None


@pytest.mark.parametrize(
    ("status", "headers", "body", "field"),
    [
        ("200", [], b"{}", "status"),
        (True, [], b"{}", "status"),
        (70000, [], b"{}", "status"),
        (-1, [], b"{}", "status"),
        (200, "x: y", b"{}", "headers"),
        (200, [("a",)], b"{}", "headers"),
        (200, [("a", 1)], b"{}", "headers"),
        (200, {"a": None}, b"{}", "headers"),
        (200, 5, b"{}", "headers"),
        (200, [], 5, "body"),
        (200, [], ["{}"], "body"),
    ],
)
def test_parse_response_bad_input(status: Any, headers: Any, body: Any, field: str) -> None:
    """A malformed response is the core's ``invalid_response`` (its one reader of responses),
    naming the part (and where in it: ``headers[0][1]``)."""
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.parse_response(CREATE, status, headers, body)
    assert caught.value.code == "invalid_response"
    assert caught.value.field.startswith(field), caught.value.field


def test_unknown_operation() -> None:
    for call in (
        lambda: kassa.build_request("nope.x.y", {}, config=CREDENTIALS),
        lambda: kassa.parse_response("nope.x.y", 200, [], b"{}"),
    ):
        with pytest.raises(kassa.ValidationError) as caught:
            call()
        assert (caught.value.code, caught.value.field) == ("unknown_operation", "operation")


def test_parse_response_with_now() -> None:
    op = "billit.identification.start"
    body = b'{"URL": "https://itsme.test/go"}'
    assert kassa.parse_response(op, 200, [], body) == {"url": "https://itsme.test/go", "expires_in": 300, "expires_at": None}
    at = kassa.parse_response(op, 200, [], body, now=1_763_900_000)
    assert at == {"url": "https://itsme.test/go", "expires_in": 300, "expires_at": 1_763_900_300}
    assert type(at["expires_at"]) is int
    assert kassa.parse_response(op, 200, [], body, now=None)["expires_at"] is None
    big = kassa.parse_response(op, 200, [], body, now=2**63)
    assert big["expires_at"] == 2**63 + 300
    bad_values: list[Any] = [-1, 1.5, "1000", True, 2**64]
    for bad in bad_values:
        with pytest.raises(kassa.ValidationError) as caught:
            kassa.parse_response(op, 200, [], body, now=bad)
        assert (caught.value.code, caught.value.field) == ("invalid_params", "now")
