"""The pure functions: every case of ``tests/fixtures/functions/*.json`` (rules in its README)
through the public modules (``kassa.iban.validate(...)``), and the conversions around the one
native entry point ``kassa.call_function``."""

from __future__ import annotations

import json
import sys
from typing import Any, Callable

import pytest

import kassa
from _support import function_fixture_files, same

ERROR_CLASSES: dict[str, type[kassa.KassaError]] = {
    "validation": kassa.ValidationError,
    "api": kassa.ApiError,
    "transport": kassa.TransportError,
    "decode": kassa.DecodeError,
    "signature": kassa.SignatureError,
    "callback": kassa.CallbackError,
}


def _cases() -> list[Any]:
    cases = []
    for path in function_fixture_files():
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


CASES = _cases()


def _arg(value: Any) -> Any:
    """``{"hex": "..."}`` stands for bytes."""
    if isinstance(value, dict) and list(value) == ["hex"]:
        return bytes.fromhex(value["hex"])
    return value


def _function(name: str) -> Callable[..., Any]:
    """``kassa.<namespace>.<function>``; a name the core does not know has no module attribute,
    so it goes through the generic entry point (the fixtures test ``unknown_function`` too)."""
    target: Any = kassa
    for segment in name.split("."):
        target = getattr(target, segment, None)
        if target is None:
            break
    if target is not None and callable(target):
        found: Callable[..., Any] = target
        return found
    assert name not in kassa.function_names(), f"{name} is a core function but has no kassa.{name}"
    return lambda *args, **kwargs: kassa.call_function(name, args, kwargs)


def test_fixtures_exist_and_cover_every_function() -> None:
    assert function_fixture_files(), "no function fixture files found"
    tested = {case.values[0]["fn"] for case in CASES}
    missing = set(kassa.function_names()) - tested
    assert not missing, f"functions without a fixture case: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: dict[str, Any]) -> None:
    function = _function(case["fn"])
    args = [_arg(a) for a in case.get("args", [])]
    kwargs = {k: _arg(v) for k, v in case.get("kwargs", {}).items()}
    if "error" in case:
        expected = case["error"]
        kind = expected.get("kind", "validation")
        with pytest.raises(kassa.KassaError) as caught:
            function(*args, **kwargs)
        err = caught.value
        assert isinstance(err, ERROR_CLASSES[kind]) and err.kind == kind, repr(err)
        assert err.code == expected["code"], f"{err.code!r} != {expected['code']!r} ({err})"
        if "field" in expected:
            assert isinstance(err, kassa.ValidationError)
            assert err.field == expected["field"], f"{err.field!r} != {expected['field']!r} ({err})"
        if isinstance(err, kassa.ValidationError):
            assert isinstance(err, ValueError)
            assert f"`{err.field}`" in str(err), f"the message does not name the field: {err}"
        return
    output = function(*args, **kwargs)
    if "output_startswith" in case:
        assert isinstance(output, str) and output.startswith(case["output_startswith"]), output[:80]
    elif "output_startswith_hex" in case:
        assert isinstance(output, bytes) and output.hex().startswith(case["output_startswith_hex"])
    else:
        assert same(output, case["output"]), f"{output!r} != {case['output']!r}"


# -- the modules are derived from the core's list ---------------------------------------------


def test_every_core_function_is_a_module_attribute() -> None:
    names = kassa.function_names()
    assert "epc.build" in names and "identity.finish" in names
    assert "digiteal.pay_buttons.image_url" in names  # three segments: kassa.digiteal.pay_buttons
    for name in names:
        namespace, short = name.rsplit(".", 1)
        module: Any = kassa
        for segment in namespace.split("."):
            module = getattr(module, segment)
        assert sys.modules[f"kassa.{namespace}"] is module
        function = getattr(module, short)
        assert function.__module__ == f"kassa.{namespace}" and function.__name__ == short
        assert short in module.__all__ and name in (function.__doc__ or "")

    def public(prefix: str, module: Any) -> set[str]:
        found: set[str] = set()
        for attr in module.__all__:
            value = getattr(module, attr)
            found |= public(f"{prefix}{attr}.", value) if isinstance(value, type(sys)) else {prefix + attr}
        return found

    exported: set[str] = set()
    for top in {n.split(".")[0] for n in names}:
        exported |= public(f"{top}.", getattr(kassa, top))
    assert exported == set(names)


def test_import_from_a_function_module() -> None:
    from kassa.iban import validate
    from kassa.identity import poll_operation

    assert validate("be68 5390 0754 7034") == "BE68539007547034"
    assert poll_operation("billit:42") is None
    from kassa.digiteal.links import person_registration
    from kassa.digiteal.pay_buttons import image_url

    link = person_registration(email="jan@example.be", firstName="Jan", environment="test")
    assert link["url"].startswith("https://test.digiteal.eu/#/register/jan@example.be/")
    button = image_url(requesterVAT="BE0406729809", amountInCents=4000, iban="BE72000000001616", remittanceInfo="x")
    assert button["url"] == button["imageUrl"] != button["executeUrl"]


def test_clients_keep_their_own_names() -> None:
    # The function modules billit/solaris do not hide the client classes.
    assert isinstance(kassa.billit, type(sys)) and isinstance(kassa.Billit, type)
    assert isinstance(kassa.solaris, type(sys)) and isinstance(kassa.Solaris, type)


# -- conversions --------------------------------------------------------------------------------

EPC = "BCD\n002\n1\nSCT\n\nJan Peeters\nBE68539007547034\nEUR12.30"


def test_floats_reach_the_core_as_floats() -> None:
    for amount in (12.3, 12.0, 1e2):
        with pytest.raises(kassa.ValidationError) as caught:
            kassa.epc.build(name="A", iban="BE68539007547034", amount=amount)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == ("epc_amount_type", "amount")
        assert "a float" in str(caught.value)
    with pytest.raises(kassa.ValidationError) as cents:
        kassa.epc.build(name="A", iban="BE68539007547034", amount_cents=1230.0)  # type: ignore[arg-type]
    assert cents.value.code == "epc_amount_type"
    assert kassa.epc.build(name="A", iban="BE68539007547034", amount_cents=1230).endswith("\nEUR12.30")


def test_bytes_are_bytes_both_ways() -> None:
    png = kassa.epc.png(EPC, module_px=1)
    assert type(png) is bytes and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert kassa.epc.parse(EPC.encode("utf-8")) == kassa.epc.parse(EPC)
    assert kassa.epc.parse(bytearray(EPC.encode("utf-8")))["name"] == "Jan Peeters"
    # Bytes the QR code holds, in ISO-8859-1 (charset 2): decoded by the core, not by Python.
    latin = EPC.replace("\n1\n", "\n2\n", 1).replace("Jan Peeters", "Café").encode("latin-1")
    assert kassa.epc.parse(latin)["name"] == "Café"


def test_webhook_body_and_secret_as_bytes_or_text() -> None:
    body = '{"EventType":"Identification","RegistrationID":"42","Success":true}'
    signature = "t=1763900000,s=88a1e1cc2638a3c45cb8af196cc2f527316268f0c58284e4f4393b691b3e2949"
    expected = {"EventType": "Identification", "RegistrationID": "42", "Success": True}
    for b in (body, body.encode()):
        for secret in ("whsec_test", b"whsec_test"):
            assert kassa.billit.verify_webhook(b, signature, secret, now=1763900010) == expected
    with pytest.raises(kassa.SignatureError) as caught:
        kassa.billit.verify_webhook(body.encode() + b" ", signature, b"whsec_test", now=1763900010)
    assert (caught.value.kind, caught.value.code) == ("signature", "signature_mismatch")
    assert "whsec_test" not in str(caught.value) + repr(caught.value)
    with pytest.raises(kassa.ValidationError) as missing:
        kassa.billit.verify_webhook(body, signature, "whsec_test")  # type: ignore[call-arg]
    assert missing.value.field == "now"


def test_ints_stay_exact() -> None:
    started = kassa.identity.started(
        "passportreader",
        {"subject": "order-1"},
        {"status": 200, "headers": {}, "body": b'{"id": 9007199254740993, "token": "t"}'},
    )
    assert started["reference"] == "passportreader:9007199254740993"
    evidence = kassa.identity.poll_operation("passportreader:9007199254740993")
    assert evidence is not None and evidence["params"] == {"id": 9007199254740993}
    assert type(evidence["params"]["id"]) is int
    assert kassa.ogm.generate(2**33) == kassa.ogm.generate(str(2**33))


def test_positional_and_keyword_binding_is_the_cores() -> None:
    assert kassa.iban.validate(s="BE68539007547034") == "BE68539007547034"
    with pytest.raises(kassa.ValidationError) as many:
        kassa.iban.validate("BE68539007547034", "x")  # type: ignore[call-arg, arg-type]
    assert (many.value.code, many.value.field) == ("invalid_params", "args")
    with pytest.raises(kassa.ValidationError) as unknown:
        kassa.iban.validate("BE68539007547034", strict=True)  # type: ignore[call-arg]
    assert unknown.value.field == "strict"
    with pytest.raises(kassa.ValidationError) as positional:
        kassa.epc.build("A")  # type: ignore[call-arg]
    assert positional.value.code == "invalid_params"
    with pytest.raises(kassa.ValidationError) as wrong_type:
        kassa.iban.validate(42)  # type: ignore[arg-type]
    assert (wrong_type.value.code, wrong_type.value.field) == ("invalid_params", "s")
    # None counts as absent, as in the core.
    assert kassa.epc.svg(EPC, module_px=None) == kassa.epc.svg(EPC)


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ("not a sequence", None, "args"),
        ([object()], None, "s"),  # the argument is named by its parameter
        ([], {1: "x"}, "kwargs"),  # a keyword name that is not text
        ([], [("s", "x")], "kwargs"),
        ([{"a": {1, 2}}], None, "s"),
    ],
)
def test_call_function_refuses_bad_shapes(args: Any, kwargs: Any, field: str) -> None:
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.call_function("iban.validate", args, kwargs)
    assert (caught.value.code, caught.value.field) == ("invalid_params", field)


def test_call_function_is_the_generic_entry_point() -> None:
    assert kassa.call_function("iban.format", ["be68539007547034"]) == "BE68 5390 0754 7034"
    assert kassa.call_function("iban.format", ("be68539007547034",), None) == "BE68 5390 0754 7034"
    assert kassa.call_function("rf.generate", None, {"ref": "539007547034"}) == "RF18539007547034"
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.call_function("nope.nothing")
    assert (caught.value.code, caught.value.field) == ("unknown_function", "fn")


class _Text(str):
    pass


class _Count(int):
    pass


def _answer(call: Callable[[], Any]) -> Any:
    try:
        return ("ok", call())
    except kassa.KassaError as e:
        return ("error", type(e), e.code, getattr(e, "field", None), str(e))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": "Jan Peeters", "iban": "BE68 5390 0754 7034", "amount": "12.30", "reference": "RF18539007547034"},
        {"name": _Text("Jan"), "iban": _Text("be68539007547034"), "amount_cents": _Count(1230)},
        {"name": "Jan", "iban": "BE68539007547034", "amountCents": 1230, "text": "Réf. 12 😀"},
        {"name": "Jan", "iban": "BE68539007547034", "amount_cents": 2**63},
        {"name": "Jan", "iban": "BE68539007547034", "amount_cents": True},
        {"name": "Jan", "iban": "BE68539007547034", "amount": 12.3},
        {"name": "Jan", "iban": "BE68539007547034", "allow_no_amount": True, "bic": None, "unknown": None},
        {"name": "Jan", "iban": "BE68539007547034", "allow_no_amount": 1},
        {"name": "Jan", "iban": "BE68539007547034", "amount": "1", "version": 1, "bic": "gkccbebb", "charset": "ISO-8859-1"},
        {"name": "Jan", "iban": "BE68539007547034", "amount": "1", "nam": "x"},
        {"name": "Jan\ud800", "iban": "BE68539007547034", "amount": "1"},
        {"name": 7, "iban": "BE68539007547034", "amount": "1"},
        {"iban": "BE68539007547034", "amount": "1"},
        {"name": "Jan", "iban": "BE68539007547035", "amount": "1"},
        {"name": "Jan", "iban": "BE68539007547034", "amount": "1", "reference": "invoice 12"},
    ],
)
def test_epc_build_keywords_read_in_place_answer_as_the_general_path(kwargs: dict[str, Any]) -> None:
    # `kassa.epc.build(**kwargs)` reads str/int/bool/None keywords where CPython keeps them (the
    # core's keyword form); `call_function` binds the same arguments through the core's Args:
    # the same payload, or the same error.
    fast = _answer(lambda: kassa.epc.build(**kwargs))
    general = _answer(lambda: kassa.call_function("epc.build", [], kwargs))
    assert fast == general
