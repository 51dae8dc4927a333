"""Issue 11 (Python): the FastAPI example (``examples/fastapi_webhooks.py``) run with uvicorn on a
free loopback port, called by the test server as Digiteal calls a webhook (``POST /_deliver``):
a payment webhook delivered twice (a resend) is answered 200 both times and handled once; wrong
credentials, or none, get 401. ``kassa.digiteal.webhooks`` itself (verify, parse, types) is run
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


def test_the_example_refuses_to_start_without_credentials() -> None:
    with pytest.raises(RuntimeError, match="DIGITEAL_WEBHOOK_PASSWORD"):
        _example().create_app(LOGIN, "")
