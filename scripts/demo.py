"""A user's day with kassa, end to end, against `kassa sandbox` (no credentials, nothing leaves
this machine). Run through scripts/demo.sh, which builds what it needs:

1. a Digiteal invoice with its EPC QR code (shown in the terminal, written as SVG);
2. the customer pays it (the sandbox's control endpoint plays the customer);
3. the payment and invoice webhooks arrive at a local receiver and are verified with
   kassa.digiteal.webhooks.verify (a resend of the same event is recognised by its dedupe_key);
4. an identity check through Billit, Solaris and PassportReader with the one flow:
   client.identity.start(...), the user finishes (control endpoint), client.identity.check(...).

Every step prints what happened; the sandbox and the receiver are stopped at the end, also on
failure. Exits non-zero when a step does not give what it should.

    python scripts/demo.py --kassa target/debug/kassa [--out target/demo]
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from typing import Any, Dict, List, Tuple

import kassa

HOOK_LOGIN, HOOK_PASSWORD = "shop-webhooks", "a-long-webhook-password"


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def say(text: str) -> None:
    print(f"   {text}", flush=True)


class Sandbox:
    """`kassa sandbox --port 0`, read until its first line names the URL; stopped by PID."""

    def __init__(self, binary: str) -> None:
        self.process = subprocess.Popen(
            [binary, "sandbox", "--port", "0", "--resend-seconds", "0.2", "--resend-max", "5"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        first = self.process.stdout.readline() if self.process.stdout else ""
        if not first.startswith("kassa sandbox listening on http://127.0.0.1:"):
            self.stop()
            raise SystemExit(f"the sandbox did not start: {first!r}")
        self.base = first.split()[-1]

    def control(self, path: str, body: Dict[str, Any] | None = None, method: str = "POST") -> Any:
        """The other side of the day: the payer, the user at the identity provider."""
        data = json.dumps(body or {}).encode() if method == "POST" else None
        request = urllib.request.Request(f"{self.base}/_sandbox{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


class Receiver:
    """The shop's webhook endpoint: verifies each call with kassa, answers 200 (401 when the
    credentials are wrong), and keeps one event per dedupe_key."""

    def __init__(self) -> None:
        self.events: Dict[str, Dict[str, Any]] = {}
        self.calls: List[Tuple[str, int]] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                kind = self.path.rsplit("/", 1)[-1]
                try:
                    event = kassa.digiteal.webhooks.verify(body, self.headers.get("Authorization"),
                                                            login=HOOK_LOGIN, password=HOOK_PASSWORD, type=kind)
                except kassa.SignatureError:
                    status = 401
                else:
                    status = 200
                    receiver.events.setdefault(event["dedupe_key"], event)
                receiver.calls.append((kind, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def wait_for(self, types: List[str], seconds: float = 10.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if set(types) <= {e["type"] for e in self.events.values()}:
                return
            time.sleep(0.05)
        raise SystemExit(f"webhooks missing: wanted {types}, got {[e['type'] for e in self.events.values()]}")

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def invoice_day(sandbox: Sandbox, receiver: Receiver, out: str) -> None:
    digiteal = kassa.Digiteal(username="shop", password="shop-password", base_url=f"{sandbox.base}/digiteal")
    step("Digiteal: where the shop's webhooks go")
    digiteal.webhooks.set_configuration(login=HOOK_LOGIN, password=HOOK_PASSWORD, webHooks=[
        {"type": "INVOICE_PAID", "url": f"{receiver.url}/INVOICE_PAID"},
        {"type": "PAYMENT_INITIATED", "url": f"{receiver.url}/PAYMENT_INITIATED"},
    ])
    say(f"INVOICE_PAID and PAYMENT_INITIATED -> {receiver.url}/<type> (Basic credentials)")

    step("Digiteal: an invoice with its EPC QR code")
    invoice = digiteal.invoices.create(
        customerInternalId="customer-7", invoiceInternalId="invoice-2026-042", amountInCents=12_300,
        remittanceInfo="Invoice 2026-042", customerEmail="jan.peeters@example.be", format="QR_TEXT",
        iban="BE68539007547034", bic="GKCCBEBB", dueDate="2026-12-31")
    payload = invoice.get("qrText") or ""
    parsed = kassa.epc.parse(payload)
    say(f"invoice {invoice['uuid']}: {parsed['amount']} EUR to {parsed['iban']} ({parsed['text'] or parsed['reference'] or ''})")
    print(kassa.epc.text(payload, invert=True), end="")
    os.makedirs(out, exist_ok=True)
    svg_path = os.path.join(out, "invoice-qr.svg")
    with open(svg_path, "w") as f:
        f.write(kassa.epc.svg(payload))
    say(f"the same QR code as SVG: {svg_path}")
    try:
        digiteal.invoices.create(customerInternalId="customer-7", invoiceInternalId="invoice-2026-042",
                                 amountInCents=12_300, remittanceInfo="Invoice 2026-042")
        raise SystemExit("the same invoiceInternalId made a second invoice")
    except kassa.ApiError as e:
        say(f"sent again with the same invoiceInternalId: {e.code} (one invoice: resending it is safe)")

    step("The customer pays (the sandbox plays the customer's bank)")
    sandbox.control(f"/digiteal/invoices/{invoice['uuid']}/pay")
    receiver.wait_for(["INVOICE_PAID", "PAYMENT_INITIATED"])
    for event in receiver.events.values():
        data = event.get("data") or {}
        amount = ((data.get("paymentRequestInformation") or {}).get("amountInCents")) or data.get("amountInCents")
        say(f"webhook {event['type']} verified (family {event['family']}, {amount} cents, dedupe_key {event['dedupe_key'][:12]}...)")

    step("A forged webhook is refused")
    forged = urllib.request.Request(f"{receiver.url}/INVOICE_PAID", data=b'{"invoiceUUID": "x"}', method="POST",
                                    headers={"Authorization": "Basic c2hvcDpndWVzcw==", "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(forged, timeout=5)
        raise SystemExit("a forged webhook was accepted")
    except urllib.error.HTTPError as e:
        say(f"wrong credentials: HTTP {e.code}")


def identity_day(sandbox: Sandbox) -> None:
    base = sandbox.base
    step("Identity, one flow for three providers")
    billit = kassa.Billit(api_key="billit-key", party_id="party-1", base_url=f"{base}/billit")
    started = billit.identity.start(subject="42", return_url="https://shop.example/identified")
    say(f"billit: send the user to {started['url']} (until {started['expires_at']})")
    back = sandbox.control("/billit/registrations/42/identification/complete", {"success": True})["redirect_url"]
    say(f"billit: the user comes back on {back}")
    outcome = kassa.identity.finish(started["reference"], {"redirect_url": back})
    say(f"billit: {outcome['status']}")
    expect(outcome["status"], "verified", "billit")

    solaris = kassa.Solaris(client_id="solaris-client", client_secret="solaris-secret", base_url=f"{base}/solaris")
    started = solaris.identity.start(subject="person-1", return_url="https://shop.example/solaris-callback")
    say(f"solaris: send the user to {started['url']}")
    session_id = started["reference"].rsplit(":", 1)[-1]          # solaris:<person_id>:<session id>
    identification = solaris.identifications.create(person_id="person-1", identification_session_id=session_id,
                                                    method="idnow")  # the user picks IDnow on that page
    sandbox.control(f"/solaris/identifications/{identification['id']}/complete", {"success": True})
    say(f"solaris: identification {identification['id']} completed by the user")
    outcome = solaris.identity.check(started["reference"])
    say(f"solaris: {outcome['status']}")
    expect(outcome["status"], "verified", "solaris")

    passportreader = kassa.PassportReader(public_key="public-key-shop", secret="secret-shop",
                                          base_url=f"{base}/passportreader")
    started = passportreader.identity.start(subject="order-42")
    say(f"passportreader: session token for the app: {started['token']}")
    session = sandbox.control("/passportreader/sessions", method="GET")[-1]
    sandbox.control(f"/passportreader/sessions/{session['id']}/complete", {"outcome": "approved"})
    outcome = passportreader.identity.check(started["reference"])
    say(f"passportreader: {outcome['status']}")
    expect(outcome["status"], "verified", "passportreader")


def expect(got: Any, wanted: Any, what: str) -> None:
    if got != wanted:
        raise SystemExit(f"{what}: expected {wanted!r}, got {got!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kassa", required=True, help="the kassa binary")
    parser.add_argument("--out", default="target/demo", help="where the QR code's SVG goes")
    args = parser.parse_args()
    sandbox = Sandbox(args.kassa)
    receiver = Receiver()
    try:
        say(f"kassa {kassa.__version__}, sandbox on {sandbox.base}")
        invoice_day(sandbox, receiver, args.out)
        identity_day(sandbox)
        deliveries = sandbox.control("/webhooks", method="GET")
        refused = sum(1 for _, status in receiver.calls if status == 401)
        say(f"\nthe sandbox sent {len(deliveries)} webhooks; the receiver answered {len(receiver.calls)} calls "
            f"({refused} refused) and kept {len(receiver.events)} events")
    finally:
        receiver.stop()
        sandbox.stop()
    print("\nall done: everything started was stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
