"""Issue 11 (Python): the FastAPI example (``examples/fastapi_webhooks.py``) run with uvicorn on a
free loopback port. ``kassa sandbox`` calls it as Digiteal does when an invoice created through the
client is paid (the control endpoint): the payment and invoice webhooks arrive, with the
configured credentials, and are handled; with a wrong password they get 401 and are resent. The
stand-in (``POST /_deliver``, a webhook on demand) delivers what the sandbox should not: a
payment webhook delivered twice although answered 200 (handled once), and wrong or missing
credentials of every kind, or a body that is not JSON. ``kassa.digiteal.webhooks`` itself (verify, parse, types) is run
against ``tests/fixtures/functions/digiteal_webhooks.json`` by ``test_functions.py``."""

from __future__ import annotations

import importlib.util
import json
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

import kassa
from _support import DIGITEAL_USER, FAST_RETRY, control

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fastapi_webhooks.py"
LOGIN, PASSWORD = "hook-user", "hook-P@ss-1"
PAYMENT = {"paymentRequestInformation": {"paymentID": "e529f8b4790f11e7", "remittanceInfo": "Invoice 1",
                                         "currency": "EUR", "amountInCents": 1234},
           "paymentStatus": "INITIATED", "paymentMethod": "SCT", "bankTransactionID": "BT-42"}


def _example() -> Any:
    spec = importlib.util.spec_from_file_location("fastapi_webhooks", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[str, Any]]:
    """The example app served by uvicorn in a thread: (its URL, the app)."""
    app = _example().create_app(LOGIN, PASSWORD)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def deliver(server: str, **order: Any) -> list[int]:
    request = urllib.request.Request(f"{server}/_deliver", data=json.dumps(order).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return [d["status"] for d in json.load(answer)["deliveries"]]


def test_a_resent_payment_webhook_is_handled_once(server: str, receiver: tuple[str, Any]) -> None:
    url, app = receiver
    before = len(app.state.handled)
    hook = f"{url}/webhooks/digiteal/PAYMENT_INITIATED"
    assert deliver(server, url=hook, body=PAYMENT, login=LOGIN, password=PASSWORD, times=2) == [200, 200]
    handled = app.state.handled[before:]
    assert len(handled) == 1
    event = handled[0]
    assert (event["type"], event["family"], event["known"]) == ("PAYMENT_INITIATED", "payment", True)
    assert event["data"]["paymentRequestInformation"]["amountInCents"] == 1234
    # The key is the core's, computed over the raw bytes the server sent.
    assert event["dedupe_key"] == kassa.digiteal.webhooks.parse(json.dumps(PAYMENT), type="PAYMENT_INITIATED")["dedupe_key"]
    assert "PAYMENT_INITIATED" in [t["type"] for t in kassa.digiteal.webhooks.types()]


def test_wrong_or_missing_credentials_get_401(server: str, receiver: tuple[str, Any]) -> None:
    url, app = receiver
    before = len(app.state.handled)
    hook = f"{url}/webhooks/digiteal/PAYMENT_INITIATED"
    assert deliver(server, url=hook, body=PAYMENT, login=LOGIN, password="not-it") == [401]
    assert deliver(server, url=hook, body=PAYMENT, login="someone", password=PASSWORD) == [401]
    assert deliver(server, url=hook, body=PAYMENT) == [401]
    assert deliver(server, url=hook, body=PAYMENT, authorization="Bearer " + PASSWORD) == [401]
    assert deliver(server, url=hook, body="{not json", login=LOGIN, password=PASSWORD) == [400]
    assert len(app.state.handled) == before


def wait_for(what: Any, seconds: float = 10) -> Any:
    """Polls ``what()`` until it answers something true."""
    deadline = time.monotonic() + seconds
    while not (found := what()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
    return found


def test_the_sandbox_delivers_a_paid_invoice(sandbox: str, token: str, receiver: tuple[str, Any]) -> None:
    url, app = receiver
    before = len(app.state.handled)
    # kassa requires https:// webhook URLs; the sandbox calls a loopback one over plain HTTP.
    hooks = url.replace("http://", "https://") + "/webhooks/digiteal"
    digiteal = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{sandbox}/digiteal/t/{token}", retry=FAST_RETRY)
    digiteal.webhooks.set_configuration(login=LOGIN, password=PASSWORD, webHooks=[
        {"type": "PAYMENT_INITIATED", "url": f"{hooks}/PAYMENT_INITIATED"}, {"type": "INVOICE_PAID", "url": f"{hooks}/INVOICE_PAID"}])
    invoice = digiteal.invoices.create(customerInternalId="c-7", invoiceInternalId="inv-42", amountInCents=1234,
                                       remittanceInfo="Invoice 42", iban="BE68539007547034", customerEmail="jan@example.be")
    [held] = control(sandbox, token, "/digiteal/invoices").values()
    assert invoice["uuid"] == held["uuid"] and len(invoice["uuid"]) == 32 and held["status"] == "PUBLISHED"
    image = invoice["image"]
    assert image is not None and image["bytes"].startswith(b"\x89PNG\r\n\x1a\n")
    control(sandbox, token, f"/digiteal/invoices/{invoice['uuid']}/pay", {})
    handled = wait_for(lambda: len(app.state.handled) >= before + 2 and app.state.handled[before:])
    by_type = {event["type"]: event for event in handled}
    assert sorted(by_type) == ["INVOICE_PAID", "PAYMENT_INITIATED"]
    payment = by_type["PAYMENT_INITIATED"]["data"]
    assert payment["paymentRequestInformation"]["amountInCents"] == 1234
    assert payment["paymentRequestInformation"]["remittanceInfo"] == "Invoice 42"
    paid = by_type["INVOICE_PAID"]["data"]
    assert (paid["invoiceUUID"], paid["invoiceInternalId"], paid["amountInCents"]) == (invoice["uuid"], "inv-42", 1234)

    def delivered() -> list[Any]:
        sent: list[Any] = control(sandbox, token, "/webhooks")
        return sent if all(w["status"] == "delivered" for w in sent) else []

    sent = wait_for(delivered)
    assert sorted((w["type"], w["status"], w["url"]) for w in sent) == [
        ("INVOICE_PAID", "delivered", f"{hooks}/INVOICE_PAID"), ("PAYMENT_INITIATED", "delivered", f"{hooks}/PAYMENT_INITIATED")]
    assert all([a["status"] for a in w["attempts"]] == [200] for w in sent)  # answered 200: not resent


def test_the_sandbox_resends_a_refused_webhook(sandbox: str, token: str, receiver: tuple[str, Any]) -> None:
    url, app = receiver
    before = len(app.state.handled)
    digiteal = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{sandbox}/digiteal/t/{token}", retry=FAST_RETRY)
    hook = url.replace("http://", "https://") + "/webhooks/digiteal/INVOICE_PAID"
    digiteal.webhooks.set_configuration(login=LOGIN, password="not-it", webHooks=[{"type": "INVOICE_PAID", "url": hook}])
    invoice = digiteal.invoices.create(customerInternalId="c-8", invoiceInternalId="inv-43", amountInCents=500,
                                       remittanceInfo="Invoice 43", iban="BE68539007547034")
    control(sandbox, token, f"/digiteal/invoices/{invoice['uuid']}/pay", {})
    # Refused (401) at every attempt: resent every 0.2 s, until the sandbox gives up (5 attempts).
    [webhook] = wait_for(lambda: [w for w in control(sandbox, token, "/webhooks") if w["status"] == "failed"])
    assert webhook["type"] == "INVOICE_PAID" and len(webhook["attempts"]) >= 2
    assert {a["status"] for a in webhook["attempts"]} == {401}
    assert len(app.state.handled) == before


def test_the_example_refuses_to_start_without_credentials() -> None:
    with pytest.raises(RuntimeError, match="DIGITEAL_WEBHOOK_PASSWORD"):
        _example().create_app(LOGIN, "")
