"""The exception hierarchy and its attributes, and that no secret leaks into errors or reprs."""

from __future__ import annotations

import pickle

import pytest

import kassa
from _support import CREDENTIALS

SECRET = "secret-very-private-42"


def test_hierarchy() -> None:
    classes = (
        kassa.ValidationError,
        kassa.ApiError,
        kassa.TransportError,
        kassa.DecodeError,
        kassa.SignatureError,
        kassa.CallbackError,
    )
    for cls in classes:
        assert issubclass(cls, kassa.KassaError) and issubclass(cls, Exception)
    assert issubclass(kassa.ValidationError, ValueError)
    assert not issubclass(kassa.ApiError, ValueError)
    assert not issubclass(kassa.SignatureError, ValueError)


def test_signature_error_attributes() -> None:
    body = b'{"a": 1}'
    with pytest.raises(kassa.SignatureError) as caught:
        kassa.solaris.verify_webhook(body, "sha256=" + "0" * 64, b"secret-very-private-42")
    err = caught.value
    assert (err.kind, err.code) == ("signature", "signature_mismatch")
    assert str(err).startswith("webhook signature refused (signature_mismatch): ")
    assert err.message and err.message in str(err)
    for shown in (str(err), repr(err), repr(vars(err))):
        assert "very-private" not in shown
    with pytest.raises(kassa.SignatureError) as malformed:
        kassa.solaris.verify_webhook(body, "md5=00", "k")
    assert malformed.value.code == "malformed_signature"


def test_callback_error_attributes() -> None:
    url = "https://oidc.prd.itsme.services/oops.html?error=invalid_redirect&error_description=Bad%20URI"
    with pytest.raises(kassa.CallbackError) as caught:
        kassa.billit.parse_callback(url)
    err = caught.value
    assert (err.kind, err.code, err.description, err.message) == ("callback", "invalid_redirect", "Bad URI", "Bad URI")
    assert str(err) == "the provider's flow failed (invalid_redirect): Bad URI"
    with pytest.raises(kassa.CallbackError) as bare:
        kassa.billit.parse_callback("?error=access_denied")
    assert (bare.value.code, bare.value.description) == ("access_denied", None)
    assert bare.value.message == str(bare.value)


def test_validation_error_attributes() -> None:
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.build_request("passportreader.session.get", {"id": "x"}, config=CREDENTIALS)
    err = caught.value
    assert (err.kind, err.code, err.field) == ("validation", "invalid_params", "id")
    assert str(err).startswith("invalid `id`: ")
    assert err.message and err.message in str(err)


def test_api_error_attributes() -> None:
    body = b'{"error_message": "Nope", "error_name": "Unauthorized"}'
    with pytest.raises(kassa.ApiError) as caught:
        kassa.parse_response("passportreader.session.create", 401, [("X-Request-Id", "r-9")], body)
    err = caught.value
    assert (err.kind, err.code, err.status, err.provider_code, err.request_id) == ("api", "Unauthorized", 401, "Unauthorized", "r-9")
    assert (err.message, err.body) == ("Nope", body)
    assert str(err) == "HTTP 401 Unauthorized: Nope (request id r-9)"


def test_decode_error_attributes() -> None:
    with pytest.raises(kassa.DecodeError) as caught:
        kassa.parse_response("passportreader.session.create", 200, [], b'{"id": "1", "token": "t"}')
    err = caught.value
    assert (err.kind, err.code, err.field) == ("decode", "decode", "id")
    assert isinstance(err.offset, int) and 0 < err.offset <= len(b'{"id": "1"')
    assert str(err).startswith("cannot decode the response at `id`")


def test_errors_pickle() -> None:
    with pytest.raises(kassa.ApiError) as caught:
        kassa.parse_response("passportreader.session.get", 404, [], b'{"error_name": "SessionNotFound"}')
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is kassa.NotFoundError
    assert (copy.code, copy.status, copy.body, str(copy)) == ("SessionNotFound", 404, caught.value.body, str(caught.value))
    with pytest.raises(kassa.CallbackError) as callback:
        kassa.billit.parse_callback("?error=access_denied&error_description=No")
    again = pickle.loads(pickle.dumps(callback.value))
    assert (type(again), again.code, again.description, str(again)) == (
        kassa.CallbackError,
        "access_denied",
        "No",
        str(callback.value),
    )


@pytest.mark.parametrize(
    ("public_key", "secret", "field"),
    [
        ("public-key-test", "oops-" + SECRET, "secret"),
        (SECRET, "public-key-test", "public_key"),  # swapped
        ("public-key-test", "", "secret"),
        ("public-key-x", 42, "secret"),  # not even a string
    ],
)
def test_credentials_never_leak(public_key: str, secret: str, field: str) -> None:
    for make in (kassa.PassportReader, kassa.AsyncPassportReader):
        with pytest.raises(kassa.ValidationError) as caught:
            make(public_key=public_key, secret=secret)
        err = caught.value
        assert err.field == field
        assert err.code in {"passportreader_credentials", "invalid_config"}
        for shown in (str(err), repr(err), err.message, repr(err.args), repr(vars(err))):
            assert "very-private" not in shown


def test_client_repr_and_state_hide_the_secret() -> None:
    for make in (kassa.PassportReader, kassa.AsyncPassportReader):
        c = make(public_key="public-key-test", secret=SECRET, base_url="http://127.0.0.1:9")
        for shown in (repr(c), str(c), repr(vars(c)), repr(c.session), repr(c._native)):
            assert SECRET not in shown
        assert repr(c) == f"<kassa.{make.__name__} 'http://127.0.0.1:9'>"
    assert repr(kassa.PassportReader(**CREDENTIALS)) == "<kassa.PassportReader>"


def test_unknown_provider() -> None:
    with pytest.raises(kassa.ValidationError) as caught:
        kassa._kassa.Client("nobody", {})
    assert (caught.value.code, caught.value.field) == ("unknown_provider", "provider")


def test_billit_config_reaches_the_core() -> None:
    for make in (kassa.Billit, kassa.AsyncBillit):
        with pytest.raises(kassa.ValidationError) as caught:
            make()
        assert (caught.value.code, caught.value.field) == ("billit_credentials", "api_key")
        c = make(api_key="billit-key-very-private", environment="sandbox")
        assert "very-private" not in repr(c) + repr(vars(c))
        assert repr(c) == f"<kassa.{make.__name__} 'sandbox'>"


def test_solaris_credentials_never_leak() -> None:
    for make in (kassa.Solaris, kassa.AsyncSolaris):
        with pytest.raises(kassa.ValidationError) as caught:
            make(client_secret="very-private-secret")
        assert (caught.value.code, caught.value.field) == ("solaris_credentials", "client_id")
        c = make(client_id="id", client_secret="very-private-secret", environment="sandbox")
        t = make(access_token="very-private-token", base_url="http://127.0.0.1:9")
        shown = repr(c) + repr(vars(c)) + repr(t) + repr(vars(t)) + repr(c.identity) + repr(c._native)
        assert "very-private" not in shown
        assert repr(c) == f"<kassa.{make.__name__} 'sandbox'>"
