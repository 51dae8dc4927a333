#!/usr/bin/env python3
"""A local stand-in for the provider APIs, for kassa's IO tests. Standard library only.

Listens on 127.0.0.1 only. Every answer carries CORS headers so the browser tests can call it.
A base URL's first two path segments may select a scenario (``/<scenario>/<token>/api/...``), so
tests never share state; see ``tests/README.md`` for the routes.

    python3 tests/server/server.py --port-file target/test-server.port [--port 0]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BIG_ID = 9007199254740993  # 2**53 + 1: not representable as a double.
PR_USER, PR_SECRET = "public-key-test", "secret-test"
SCENARIOS = {"ok", "flaky", "hang", "malformed", "shortlived", "revoke", "resetonce", "echoauth", "echotoken"}
BILLIT_KEY, BILLIT_TOKEN = "billit-key-test", "billit-token-test"
SOLARIS_CLIENT = ("solaris-client-test", "solaris-secret-test")
BILLIT_SANDBOX_TRIALS = 5
DIGITEAL_USER = ("digiteal-user-test", "digiteal-pass-test")
# A real 1x1 PNG (black pixel).
PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
)
DIGITEAL_UPLOADS = {
    "/api/v1/invoice-sendDoc": "uuid",
    "/api/v1/invoice-sendDocWithBillerId": "billId",
    "/api/v1/creditNote-sendDoc": "uuid",
    "/api/v1/creditNote-sendDocWithBillerId": "creditNoteId",
}
HANG_SECONDS = 30.0
# Digiteal onboarding and network (issue 10).
KYC_DOCUMENT_TYPES = {"ID", "SELFIE_WITH_ID", "BY_LAWS"}
PEPPOL_BIS3_INVOICE = ("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant"
                       "#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1")
PEPPOL_BIS3_CREDIT_NOTE = ("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017"
                           "#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1")
PEPPOL_BIS4A = ("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:www.cenbii.eu:transaction:biitrns010:ver2.0"
                ":extended:urn:www.peppol.eu:bis:peppol4a:ver2.0::2.1")
PEPPOL_REMOTE = {  # participants the "network" knows, and what they support
    "0208:0630675588": [PEPPOL_BIS3_INVOICE, PEPPOL_BIS3_CREDIT_NOTE],
    "0208:0123456749": [PEPPOL_BIS4A],
}
PAYMENT_KEYS = {"amountInCents", "benificiary", "comment", "communication", "conditional", "creditorIBAN", "hidden",
                "latestProposalAmountInCents", "paymentID", "subPayments"}
ACTOR_KEYS = {"decide", "digitealIdentifier", "email", "iban", "language", "mandateId", "name", "type", "vatNumber"}
MAX_PAYMENT_DEPTH = 32
UNKNOWN_TRANSFER = "00000000000000000000000000000000"

_lock = threading.Lock()
_counts: dict[str, int] = {}
_token_counts: dict[str, int] = {}
_trials: dict[tuple[str, str], int] = {}
_tokens: dict[str, int] = {}  # Solaris access token -> API requests it may still make (-1: unlimited)
_peppol: dict[str, dict[str, dict[str, Any]]] = {}  # scenario token -> participant id -> registration
_webhooks: dict[str, dict[str, Any]] = {}  # scenario token -> webhook configuration
_requests: dict[str, list[dict[str, Any]]] = {}  # scenario token -> the requests it got (last 50)
_creates: dict[str, list[str]] = {}  # scenario token -> invoiceInternalId of every invoice create received
MAX_RECORDED = 50
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _record(token: str, method: str, path: str, headers: list[list[str]], body: bytes) -> None:
    """Keeps what a request carried, for ``GET /_requests/<token>`` (per-call options are checked
    against it: headers, query, body)."""
    try:
        text: dict[str, Any] = {"body": body.decode()}
    except UnicodeDecodeError:
        text = {"body_hex": body.hex()}
    with _lock:
        log = _requests.setdefault(token, [])
        log.append({"method": method, "path": path, "headers": headers, **text})
        del log[:-MAX_RECORDED]


def _deliver(order: dict[str, Any]) -> dict[str, Any]:
    """Delivers a webhook as Digiteal does (``POST /_deliver``): a JSON body with HTTP Basic
    credentials, to a loopback URL only, ``times`` times (Digiteal resends until it gets 200; a
    test asks for the resends it wants). Returns each delivery's status and body."""
    from urllib.error import HTTPError
    from urllib.parse import urlsplit
    from urllib.request import Request, urlopen

    url = str(order.get("url") or "")
    if urlsplit(url).hostname not in LOOPBACK or urlsplit(url).scheme != "http":
        raise ValueError("url must be http:// on a loopback host")
    body = order.get("body")
    data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if order.get("login") is not None:
        pair = f"{order['login']}:{order.get('password', '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    if order.get("authorization") is not None:  # a raw header, to test refusals
        headers["Authorization"] = str(order["authorization"])
    out = []
    for _ in range(int(order.get("times") or 1)):
        try:
            with urlopen(Request(url, data=data, headers=headers, method="POST"), timeout=10) as answer:
                out.append({"status": answer.status, "body": answer.read().decode(errors="replace")})
        except HTTPError as e:
            out.append({"status": e.code, "body": e.read().decode(errors="replace")})
    return {"deliveries": out}


def _count(token: str, table: dict[str, int] | None = None) -> int:
    """Counts one request for ``token``; returns how many it has seen, this one included."""
    table = _counts if table is None else table
    with _lock:
        table[token] = table.get(token, 0) + 1
        return table[token]


def _identification(person_id: str, ident_id: str, status: str, method: str = "idnow") -> dict[str, Any]:
    return {
        "id": ident_id,
        "reference": "TST-ELCCJ",
        "url": f"https://go.test.idnow.de/kassa/identifications/{ident_id}",
        "status": status,
        "completed_at": "2021-09-14T18:18:28.000Z" if status == "successful" else None,
        "method": method,
        "proof_of_address_type": "GAS_BILL",
        "proof_of_address_issued_at": "2021-12-03",
        "language": "EN",
        "person_id": person_id,
        "address": {"line_1": "BERLINER STR. 45", "line_2": "Erste Etage", "postal_code": "14169",
                    "city": "Berlin", "country": "DE", "state": "BE"},
        "documents": [{"id": "doc1", "document_type": "ID_CARD"}],
        "failure_reason": None,
        "iban": "DE11010101010101010100" if method.startswith("bank") else None,
        "authorization_expires_at": None,
        "confirmation_expires_at": None,
        "provider_status_code": 1000,
        "account_verification_error": None,
        "idnow_process_type": "eid",
    }


def _full_session(session_id: int) -> dict[str, Any]:
    return {
        "id": session_id,
        "created": "2024-01-27T00:00:00Z",
        "expires": "2024-01-28T00:00:00Z",
        "state": "COMPLETED",
        "reference": "ref-1",
        "user_ip": "127.0.0.1",
        "user_agent": "kassa-tests",
        "given_names": "Jane",
        "surname": "Doe",
        "nationality": "BE",
        "sex": "F",
        "date_of_birth": "1990-01-31",
        "personal_number": "90013100123",
        "document_type": "P",
        "document_number": "EM000000",
        "expiry_date": "2030-01-01",
        "issuing_country": "BE",
        "issuer": "BEL",
        "portrait": "aW1hZ2U=",
        "face": "ZmFjZQ==",
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kassa-test-server/1"
    # Headers and body are written separately: without TCP_NODELAY every answer waits ~40 ms
    # (Nagle against the client's delayed ACK), which would make the load test measure that.
    disable_nagle_algorithm = True

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet unless asked
        if os.environ.get("KASSA_TEST_SERVER_LOG"):
            super().log_message(fmt, *args)

    # -- plumbing -------------------------------------------------------------------------------
    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
        # Whatever the page asks to send (per-call extra headers, idempotency keys).
        self.send_header(
            "Access-Control-Allow-Headers",
            self.headers.get("Access-Control-Request-Headers")
            or "Authorization, Content-Type, Accept, ApiKey, PartyID, correlation-id",
        )
        self.send_header("Access-Control-Expose-Headers", "*, Retry-After, X-Request-Id")
        self.send_header("Access-Control-Max-Age", "600")

    def _echo_secrets(self, body: bytes) -> None:
        """The ``echoauth`` scenario: a careless provider that quotes the whole request (every
        header, the credentials among them, and the body) in its error, in every provider's error
        shape at once, and as the request id. The secrets tests check none of it reaches an error."""
        quoted = "; ".join(f"{n}: {v}" for n, v in self.headers.items()) + "; body: " + body.decode(errors="replace")
        auth = self.headers.get("Authorization") or self.headers.get("ApiKey") or quoted
        self._send(400, {
            "error_message": quoted, "error_name": auth,  # PassportReader
            "errorCode": auth, "errorMessage": quoted, "errorSubjects": [quoted], "requestId": auth,  # Digiteal, Billit
            "code": auth, "description": quoted,  # Billit
            "errors": [{"id": auth, "code": auth, "title": quoted, "detail": quoted}],  # Solaris
            "error": auth, "error_description": quoted,  # OAuth2 token endpoint
        }, {"X-Request-Id": auth})

    def _reset_instead(self) -> bool:
        """In the ``resetonce`` scenario the first request of a token is handled (its effects
        kept: an invoice is created) and then the connection is reset instead of answered: the
        client cannot know whether the request arrived."""
        if not getattr(self, "reset_pending", False):
            return False
        import socket
        import struct

        self.reset_pending = False
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()
        return True

    def _send(self, status: int, body: bytes | str | dict[str, Any] | list[Any], headers: dict[str, str] | None = None) -> None:
        if self._reset_instead():
            return
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        scenario, token, path = self._split()
        if token:
            _record(token, self.command, self.path, [[n, v] for n, v in self.headers.items()], body)
        # echoauth: every API request (a Solaris token is still handed out, so its Bearer form is
        # echoed); echotoken: the Solaris token request only (its client secret is echoed).
        self.echo_pending = (scenario == "echoauth" and path != "/oauth2/token") or (
            scenario == "echotoken" and path == "/oauth2/token")
        return body

    def _echoed(self, body: bytes) -> bool:
        if getattr(self, "echo_pending", False):
            self.echo_pending = False
            self._echo_secrets(body)
            return True
        return False

    def _split(self) -> tuple[str, str, str]:
        """Returns (scenario, token, rest of the path)."""
        path = self.path.split("?", 1)[0]
        parts = path.split("/", 3)  # ['', scenario, token, rest]
        if len(parts) == 4 and parts[1] in SCENARIOS:
            return parts[1], parts[2], "/" + parts[3]
        return "ok", "", path

    # -- verbs ----------------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:  # CORS preflight: never counted
        self.send_response(204)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if not path.startswith("/_") and self._echoed(self._body()):  # recorded
            return
        if path.startswith("/_stats/"):
            token = path[len("/_stats/"):]
            with _lock:
                n, t = _counts.get(token, 0), _token_counts.get(token, 0)
                creates = list(_creates.get(token, []))
            stats = {"requests": n, "token_requests": t}
            if creates:  # only for tokens that created Digiteal invoices
                stats.update({"invoice_creates": len(creates), "invoices": len(set(creates))})
            return self._send(200, stats)
        if path.startswith("/_requests/"):
            with _lock:
                return self._send(200, list(_requests.get(path[len("/_requests/"):], [])))
        if path == "/_health":
            return self._send(200, {"ok": True})
        scenario, token, path = self._split()
        if path.startswith("/v1/persons/"):
            _count(token) if token else None
            return self._solaris("GET", scenario, token, path, b"")
        if path.startswith("/api/v1/"):
            _count(token) if token else None
            return self._digiteal("GET", path, b"", token)
        self._send(404, {"error_message": f"no route GET {path}", "error_name": "NotFound"})

    def do_PUT(self) -> None:
        self._digiteal_only("PUT")

    def do_DELETE(self) -> None:
        self._digiteal_only("DELETE")

    def _digiteal_only(self, method: str) -> None:
        _, token, path = self._split()
        body = self._body()
        if self._echoed(body):
            return
        if path.startswith("/api/v1/"):
            _count(token) if token else None
            return self._digiteal(method, path, body, token)
        self._send(404, {"error_message": f"no route {method} {path}", "error_name": "NotFound"})

    def do_POST(self) -> None:
        scenario, token, path = self._split()
        body = self._body()
        if self._echoed(body):
            return
        if path == "/_deliver":
            try:
                return self._send(200, _deliver(json.loads(body)))
            except (ValueError, TypeError, OSError) as e:
                return self._send(400, {"error_message": str(e), "error_name": "BadDelivery"})
        if path == "/oauth2/token":
            return self._solaris_token(scenario, token, body)
        seen = _count(token) if token else 1
        self.reset_pending = scenario == "resetonce" and seen == 1
        self.dedupe = scenario == "resetonce"
        if path.startswith("/api/v1/session."):
            return self._passportreader(scenario, seen, path[len("/api/v1/session."):], body)
        if path.startswith("/v1/einvoices/registrations/"):
            return self._billit(scenario, token, seen, path, body)
        if path.startswith("/v1/persons/"):
            return self._solaris("POST", scenario, token, path, body)
        if path.startswith("/api/v1/"):
            return self._digiteal("POST", path, body, token)
        self._send(404, {"error_message": f"no route POST {path}", "error_name": "NotFound"})

    # -- Digiteal -------------------------------------------------------------------------------
    def _digiteal_error(self, status: int, code: str, message: str, subjects: list[str]) -> None:
        request_id = self.headers.get("correlation-id") or "dig-req-1"
        self._send(status, {"errorCode": code, "errorMessage": message, "errorSubjects": subjects, "requestId": request_id})

    def _send_raw(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        if self._reset_instead():
            return
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        if self.headers.get("correlation-id"):
            self.send_header("correlation-id", self.headers["correlation-id"])
        self.end_headers()
        self.wfile.write(body)

    def _digiteal(self, method: str, path: str, body: bytes, token: str = "") -> None:
        from urllib.parse import parse_qs, urlsplit

        query = parse_qs(urlsplit(self.path).query)
        expected = "Basic " + base64.b64encode(":".join(DIGITEAL_USER).encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._digiteal_error(401, "UNAUTHORIZED_ACCES", "Bad credentials", [])
        if method == "GET" and path == "/api/v1/integrator/company-info":
            vat = (query.get("vatNumber") or [""])[0]
            if not vat:
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", "vatNumber is required", ["vatNumber"])
            return self._send(200, {"status": "PROD", "vatNumber": vat})
        if method == "POST" and path in ("/api/v1/invoice-request", "/api/v1/payment-request"):
            try:
                params = json.loads(body or b"{}")
            except ValueError:
                return self._digiteal_error(400, "BAD_REQUEST", "invalid JSON", [])
            if path == "/api/v1/payment-request":
                uuid = "pay-1"
                return self._send_raw(200, PNG_1x1, "image/png", {
                    "uuid": uuid,
                    "payment-url-intent": f"https://app.digiteal.test/intent/{uuid}",
                    "payment-web-url": f"https://app.digiteal.test/pay/{uuid}",
                })
            internal = params.get("invoiceInternalId") or ""
            if internal == "missing-info":
                return self._digiteal_error(400, "INVOICE_INFORMATION_MISSING", "dueDate is missing", ["dueDate"])
            if token and getattr(self, "dedupe", False):  # resetonce: Digiteal's one invoice per id
                with _lock:
                    again = bool(internal) and internal in _creates.get(token, [])
                    _creates.setdefault(token, []).append(internal)
                if again and params.get("publicationStatus") != "DRAFT":
                    return self._digiteal_error(400, "INVOICE_PUBLISHED", f"Invoice {internal} is published", ["invoiceInternalId"])
            headers = {"uuid": f"inv-{internal}"}
            if str(params.get("customerEmail", "")).endswith("@optin.test"):
                headers.update({"deliveryMethod": "S2P", "autoPaymentDate": "31/12/2019", "debtorId": str(params.get("customerInternalId"))})
            else:
                headers.update({"deliveryMethod": "EMAIL", "autoPaymentDate": "null"})
            if params.get("format") in ("QR_TEXT", "NONE"):
                cents = int(params.get("amountInCents") or 0)
                text = "\n".join(["BCD", "002", "1", "SCT", params.get("bic") or "", "Kassa Test",
                                  params.get("iban") or "BE68539007547034", f"EUR{cents // 100}.{cents % 100:02d}",
                                  "", params.get("creditorReference") or "", "", ""]).rstrip("\n")
                return self._send_raw(200, text.encode(), "text/plain;charset=UTF-8", headers)
            return self._send_raw(200, PNG_1x1, "image/png", headers)
        if method == "POST" and path in DIGITEAL_UPLOADS:
            return self._digiteal_upload(path, body)
        if path.startswith(("/api/v1/kyc/", "/api/v1/sdd/")):
            return self._digiteal_kyc(method, path, body, query)
        if path.startswith("/api/v1/peppol/"):
            return self._digiteal_peppol(method, path, body, token)
        if path.startswith("/api/v1/transfers/"):
            return self._digiteal_transfers(method, path, body)
        if path.startswith("/api/v1/webhook"):
            return self._digiteal_webhooks(method, path, body, token)
        self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])

    # -- Digiteal onboarding and network --------------------------------------------------------
    def _json(self, body: bytes) -> Any:
        """The JSON body, decimals as `Decimal` (percentages are checked as decimals); None if invalid."""
        from decimal import Decimal

        try:
            return json.loads(body or b"null", parse_float=Decimal)
        except ValueError:
            return None

    def _form(self, body: bytes) -> tuple[dict[str, bytes], dict[str, tuple[str | None, str]]] | None:
        """A multipart/form-data body parsed with the stdlib email parser: (fields, files), where files
        maps a part name to (file name, media type). None when the body is not multipart."""
        from email.parser import BytesParser
        from email.policy import HTTP

        content_type = self.headers.get("Content-Type") or ""
        if not content_type.startswith("multipart/form-data; boundary="):
            return None
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        if not message.is_multipart():
            return None
        fields: dict[str, bytes] = {}
        files: dict[str, tuple[str | None, str]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            fields[name] = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[name] = (part.get_filename(), part.get_content_type())
        return fields, files

    @staticmethod
    def _real_date(value: Any, dmy_ok: bool = False) -> bool:
        import datetime

        if not isinstance(value, str):
            return False
        for fmt in (["%Y-%m-%d", "%d/%m/%Y"] if dmy_ok else ["%Y-%m-%d"]):
            try:
                datetime.datetime.strptime(value, fmt)
                if len(value) == 10:
                    return True
            except ValueError:
                pass
        return False

    def _digiteal_kyc(self, method: str, path: str, body: bytes, query: dict[str, list[str]]) -> None:
        if method == "GET" and path in ("/api/v1/kyc/contractsForCompany", "/api/v1/kyc/contractsForPerson"):
            language = (query.get("language") or ["en"])[0].lower()
            who = "company" if path.endswith("Company") else "person"
            return self._send(200, [
                {"id": BIG_ID, "language": language, "name": f"General terms and conditions ({who})",
                 "url": f"https://docs.digiteal.test/{who}/terms-{language}.pdf"},
                {"id": 42, "language": language, "name": "Personal data protection policy",
                 "url": f"https://docs.digiteal.test/privacy-{language}.pdf"},
            ])
        if method == "POST" and path == "/api/v1/kyc/document":
            return self._digiteal_kyc_document(body)
        if method != "POST":
            return self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])
        params = self._json(body)
        if not isinstance(params, dict):
            return self._digiteal_error(400, "INCORRECT_CONTENT", "only correct json is supported", [])
        approval = params.get("contractApproval") or {}
        if "approvalDate" in approval and not self._real_date(approval["approvalDate"]):
            return self._digiteal_error(400, "INVALID_PARAMETER", "approvalDate is not a date", ["contractApproval.approvalDate"])
        if path == "/api/v1/kyc/company":
            company = params.get("customerCompany") or {}
            missing = [f for f in ("vatNumber", "companyName", "creationDate") if not company.get(f)]
            if not (company.get("contactPerson") or {}).get("email"):
                missing.append("contactPerson.email")
            if missing:
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", f"Missing fields: {missing}", missing)
            if company["companyName"] == "duplicate":
                return self._digiteal_error(400, "BAD_REQUEST", "this company is already registered", ["vatNumber"])
            return self._send_raw(200, json.dumps({"status": "NOT_ACTIVATED", "vatNumber": company["vatNumber"]}).encode(),
                                  "application/json", {})
        if path == "/api/v1/kyc/person":
            email = (params.get("customerPerson") or {}).get("email")
            if not email:
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", "Missing fields: [email]", ["email"])
            status = "OK" if str(email).endswith("@known.test") else "NOT_ACTIVATED"
            return self._send_raw(200, json.dumps({"email": email, "status": status}).encode(), "application/json", {})
        if path in ("/api/v1/sdd/transferCompany", "/api/v1/sdd/transferPerson"):
            debtor = params.get("debtor")
            if not isinstance(debtor, dict):
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", "Missing fields: [debtor]", ["debtor"])
            key = "vatNumber" if path.endswith("Company") else "email"
            if not debtor.get(key):
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", f"Missing fields: [debtor.{key}]", [f"debtor.{key}"])
            configuration = {"currency": "EUR", "executionType": "IMMEDIATE", "periodicity": "MONTH", "thresholdInCents": 100000}
            given = params.get("configuration") or {}
            for k in configuration:
                if k in given:
                    configuration[k] = int(given[k]) if k == "thresholdInCents" else given[k]
            return self._send_raw(200, json.dumps(configuration).encode(), "application/json", {})
        self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])

    def _digiteal_kyc_document(self, body: bytes) -> None:
        form = self._form(body)
        if form is None:
            return self._digiteal_error(415, "UNSUPPORTED_MEDIA", "multipart/form-data expected", [])
        fields, files = form
        missing = [f for f in ("email", "type", "document") if not fields.get(f)]
        if missing or "document" not in files:
            return self._digiteal_error(400, "BAD_REQUEST", "missing parts", missing or ["document"])
        kind = fields["type"].decode()
        if kind not in KYC_DOCUMENT_TYPES:
            return self._digiteal_error(400, "BAD_REQUEST", f"unknown document type {kind}", ["type"])
        media_type = files["document"][1]
        data = fields["document"]
        signatures = (b"%PDF", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
        if (media_type != "application/pdf" and not media_type.startswith("image/")) or not data.startswith(signatures):
            return self._digiteal_error(415, "UNSUPPORTED_MEDIA", "a PDF or an image is expected", ["document"])
        self._send_raw(200, b"", "application/json", {})

    def _peppol_result(self, status: int, code: str, message: str) -> None:
        self._send_raw(status, json.dumps({"message": message, "status": code}).encode(), "application/json", {})

    def _digiteal_peppol(self, method: str, path: str, body: bytes, token: str) -> None:
        from urllib.parse import unquote

        with _lock:
            registry = _peppol.setdefault(token, {})
        if method == "POST" and path == "/api/v1/peppol/outbound-documents":
            return self._digiteal_peppol_send(body)
        if path == "/api/v1/peppol/registered-participants":
            if method == "GET":
                with _lock:
                    listed = list(registry.values())
                return self._send(200, {"body": listed, "statusCode": "OK", "statusCodeValue": 200})
            if method == "POST":
                params = self._json(body)
                ident = params.get("peppolIdentifier") if isinstance(params, dict) else None
                if not isinstance(ident, str) or ":" not in ident:
                    return self._peppol_result(400, "UNSUPPORTED_PEPPOL_IDENTIFIER_TYPE", "scheme:value expected")
                if ident.startswith("9925:be0999"):
                    return self._digiteal_error(400, "REGISTER_ALREADY_REGISTERED_TO_OTHER_AP",
                                                "the participant is already registered to another access point", [ident])
                with _lock:
                    if ident in registry:
                        taken = True
                    else:
                        taken = False
                        registry[ident] = {"contactPerson": params.get("contactPerson"), "peppolIdentifier": ident,
                                           "registrationDate": "2026-12-01"}
                if taken:
                    return self._digiteal_error(400, "REGISTER_ALREADY_REGISTERED_TO_DIGITEAL",
                                                "the participant was already registered through Digiteal", [ident])
                return self._peppol_result(200, "OK", "All clear !")
        prefix = "/api/v1/peppol/registered-participants/"
        if path.startswith(prefix):
            ident = unquote(path[len(prefix):])
            with _lock:
                found = registry.get(ident)
                if method == "DELETE" and found is not None:
                    del registry[ident]
            if method == "GET":
                return self._send(200, found) if found else self._send(404, b"")
            if method == "DELETE":
                if found is None:
                    return self._digiteal_error(400, "NOT_REGISTERD_TO_CALLER",
                                                "the participant is not registered to the calling PEPPOL integrator", [ident])
                return self._peppol_result(200, "OK", "All clear !")
        remote = "/api/v1/peppol/remote-participants/"
        if method == "GET" and path.startswith(remote) and path.endswith("/supported-document-types"):
            ident = unquote(path[len(remote):-len("/supported-document-types")])
            with _lock:
                registered = ident in registry
            types = PEPPOL_REMOTE.get(ident) or ([PEPPOL_BIS3_INVOICE] if registered else None)
            if types is None:
                return self._send(404, b"")
            # One type is answered as a string, as the seed's example does; several as a list.
            value: Any = types[0] if len(types) == 1 else types
            return self._send(200, {"documentTypes": value, "peppolIdentifier": ident})
        self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])

    def _digiteal_peppol_send(self, body: bytes) -> None:
        import xml.etree.ElementTree as ET

        form = self._form(body)
        if form is None:
            return self._digiteal_error(415, "UNSUPPORTED_MEDIA", "multipart/form-data expected", [])
        fields, files = form
        if "document" not in files or not fields.get("document"):
            return self._peppol_result(400, "MISSING_DOCUMENT", "the expected document was not attached")
        media_type = files["document"][1]
        if not (media_type in ("application/xml", "text/xml") or media_type.endswith("+xml")):
            return self._digiteal_error(415, "UNSUPPORTED_MEDIA", f"an XML document is expected, not {media_type}", ["document"])
        try:
            root = ET.fromstring(fields["document"])
        except ET.ParseError as e:
            return self._digiteal_error(400, "INVALID_DOCUMENT", f"not well-formed XML: {e}", ["document"])
        if root.tag.rsplit("}", 1)[-1] != "StandardBusinessDocument":
            return self._digiteal_error(400, "INVALID_DOCUMENT", "a Standard Business Document is expected", ["document"])
        receiver = next((e.text for e in root.iter() if e.tag.endswith("}Identifier") and e.text
                         and any(p.tag.endswith("}Receiver") and e in list(p) for p in root.iter())), None)
        if receiver not in PEPPOL_REMOTE:
            return self._digiteal_error(400, "RECIPIENT_NOT_IN_PEPPOL", f"{receiver} is not in the SMP", ["document"])
        self._peppol_result(200, "OK", "All clear !")

    def _payment_tree(self, payments: Any, path: str, depth: int, seen: list[int]) -> str | None:
        """Checks a (recursive) list of payments; returns the path of the first problem, or None."""
        if not isinstance(payments, list):
            return path
        for i, p in enumerate(payments):
            at = f"{path}[{i}]"
            if depth > MAX_PAYMENT_DEPTH or not isinstance(p, dict) or set(p) - PAYMENT_KEYS:
                return at
            for k in ("amountInCents", "latestProposalAmountInCents"):
                if k in p and (type(p[k]) is not int or p[k] < 0):
                    return f"{at}.{k}"
            seen[0] += 1
            seen[1] = max(seen[1], depth)
            if "subPayments" in p:
                problem = self._payment_tree(p["subPayments"], f"{at}.subPayments", depth + 1, seen)
                if problem:
                    return problem
        return None

    def _digiteal_transfers(self, method: str, path: str, body: bytes) -> None:
        from decimal import Decimal

        if method != "POST":
            return self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])
        params = self._json(body)
        if not isinstance(params, dict):
            return self._digiteal_error(400, "INCORRECT_CONTENT", "only correct json is supported", [])
        parts = path.split("/")  # ['', 'api', 'v1', 'transfers', kind, uuid?]
        kind, uuid = parts[4], (parts[5] if len(parts) > 5 else None)
        if uuid == UNKNOWN_TRANSFER:
            return self._digiteal_error(404, "INVALID_PARAMETER", f"no trusted payment {uuid}", ["uuid"])
        if kind == "execute" and uuid is None:
            if not isinstance(params.get("validate"), bool) or not params.get("transferID"):
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", "transferID and validate are required", [])
            if str(params["transferID"]).replace("-", "") == UNKNOWN_TRANSFER:
                return self._digiteal_error(404, "INVALID_PARAMETER", "no such trusted payment", ["transferID"])
            return self._send_raw(200, b"", "application/json", {})
        if kind == "confirmation-based":
            actors = params.get("actors") or []
            if not isinstance(actors, list) or any(not isinstance(a, dict) or set(a) - ACTOR_KEYS for a in actors):
                return self._digiteal_error(400, "INVALID_PARAMETER", "malformed actors", ["actors"])
            for i, a in enumerate(actors):
                for k in ("digitealIdentifier", "mandateId"):
                    if k in a and type(a[k]) is not int:
                        return self._digiteal_error(400, "INVALID_PARAMETER", "an integer (int64) is expected", [f"actors[{i}].{k}"])
            seen = [0, 0]
            problem = self._payment_tree(params.get("transferPayments") or [], "transferPayments", 1, seen)
            if problem:
                return self._digiteal_error(400, "INVALID_PARAMETER", "malformed payment tree", [problem])
            summary = f"payments={seen[0]};depth={seen[1]}"
        elif kind == "time-based":
            payments = params.get("creditorPayments")
            if not isinstance(payments, list) or not payments:
                return self._digiteal_error(400, "MISSING_INPUT_FIELDS", "at least one creditor payment", ["creditorPayments"])
            total = Decimal(0)
            for p in payments:
                if not isinstance(p, dict) or not p.get("creditorIBAN"):
                    return self._digiteal_error(400, "MISSING_INPUT_FIELDS", "creditorIBAN is required", ["creditorIBAN"])
                pct = p.get("percentage", 100)
                if isinstance(pct, bool) or not isinstance(pct, (int, Decimal)) or Decimal(pct).as_tuple().exponent < -4:
                    return self._digiteal_error(400, "INVALID_PARAMETER", "at most 4 decimals", ["percentage"])
                total += Decimal(pct)
            if total != 100:
                return self._digiteal_error(400, "INVALID_PARAMETER", f"percentages add up to {total}", ["creditorPayments"])
            if "minimumAmountInCents" in params or not self._real_date(params.get("endDate"), dmy_ok=True):
                return self._digiteal_error(400, "INVALID_PARAMETER", "minumumAmountInCents and endDate", ["endDate"])
            summary = f"creditors={len(payments)};total={total}"
        else:
            return self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])
        if uuid is not None:
            return self._send_raw(200, b"", "application/json", {})
        # transferIDx64 (undocumented in the seed) carries what the server read, for the IO tests.
        result = {"creditorReference": "+++000/6002/32562+++", "transferID": "e529f8b4790f11e7b5a5be2e44b06b52",
                  "transferIDx64": summary}
        self._send_raw(200, json.dumps(result).encode(), "application/json", {})

    def _digiteal_webhooks(self, method: str, path: str, body: bytes, token: str) -> None:
        from urllib.parse import unquote

        with _lock:
            conf = _webhooks.setdefault(token, {"login": None, "password": None, "vatNumber": "BE0000000097", "webHooks": {}})

        def bad_url(url: Any) -> bool:
            return not isinstance(url, str) or not (url.startswith("https://") or url.startswith("mailto:"))

        if path == "/api/v1/webhook" and method == "GET":
            with _lock:
                out = {"login": conf["login"], "password": "NotProvidedForSecurityReasons", "vatNumber": conf["vatNumber"],
                       "webHooks": [{"type": t, "url": u} for t, u in conf["webHooks"].items()]}
            return self._send(200, out)
        params = self._json(body) if method in ("POST", "PUT") else {}
        if not isinstance(params, dict):
            return self._digiteal_error(400, "INCORRECT_CONTENT", "only correct json is supported", [])
        if path == "/api/v1/webhook" and method == "POST":
            if not params.get("type") or bad_url(params.get("url")):
                return self._digiteal_error(400, "INVALID_PARAMETER", "type and an https:// or mailto: url", ["url"])
            with _lock:
                conf["webHooks"][params["type"]] = params["url"]
            return self._send_raw(200, b"", "application/json", {})
        if path == "/api/v1/webhook/configuration" and method in ("POST", "PUT"):
            password = params.get("password")
            if password == "NotProvidedForSecurityReasons":
                return self._digiteal_error(400, "INVALID_PARAMETER", "not a password", ["password"])
            if method == "PUT":
                if not params.get("login") or not password or "webHooks" in params:
                    return self._digiteal_error(400, "INVALID_PARAMETER", "login and password only", ["login"])
                with _lock:
                    conf.update(login=params["login"], password=password)
                return self._send_raw(200, b"", "application/json", {})
            hooks = params.get("webHooks")
            if not isinstance(hooks, list) or any(not isinstance(h, dict) or bad_url(h.get("url")) for h in hooks):
                return self._digiteal_error(400, "INVALID_PARAMETER", "webHooks with https:// or mailto: urls", ["webHooks"])
            with _lock:
                conf.update(login=params.get("login"), password=password,
                            webHooks={h["type"]: h["url"] for h in hooks})
            return self._send_raw(200, b"", "application/json", {})
        if path.startswith("/api/v1/webhook/") and method == "DELETE":
            kind = unquote(path[len("/api/v1/webhook/"):])
            with _lock:
                gone = conf["webHooks"].pop(kind, None)
            if gone is None:
                return self._digiteal_error(404, "INVALID_PARAMETER", f"no webhook of type {kind}", ["type"])
            return self._send_raw(200, b"", "application/json", {})
        self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])

    def _digiteal_upload(self, path: str, body: bytes) -> None:
        from email.parser import BytesParser
        from email.policy import HTTP

        content_type = self.headers.get("Content-Type") or ""
        if not content_type.startswith("multipart/form-data; boundary="):
            return self._digiteal_error(415, "UNSUPPORTED_MEDIA", "multipart/form-data expected", [])
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        if not message.is_multipart():
            return self._digiteal_error(400, "INCORRECT_CONTENT", "not a multipart body", [])
        fields: dict[str, bytes] = {}
        filename = None
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if name == "document":
                filename = part.get_filename()
            if isinstance(name, str):
                fields[name] = payload
        key = DIGITEAL_UPLOADS[path]
        missing = [f for f in (key, "document") if not fields.get(f)]
        if missing or not filename:
            return self._digiteal_error(400, "INCORRECT_CONTENT", "missing parts", missing or ["document"])
        if fields["document"].startswith(b"%PDF") is False and not fields["document"].startswith(b"\x89PNG"):
            return self._digiteal_error(400, "UNSUPPORTED_MEDIA", "a PDF or PNG document is expected", ["document"])
        ident = fields[key].decode()
        self._send_raw(200, b"", "text/plain", {"uuid": ident if key == "uuid" else f"doc-{ident}", "status": "1"})

    # -- Billit ---------------------------------------------------------------------------------
    def _billit(self, scenario: str, token: str, seen: int, path: str, body: bytes) -> None:
        parts = path.split("/")  # ['', 'v1', 'einvoices', 'registrations', id, 'identification']
        if len(parts) != 6 or parts[5] != "identification":
            return self._send(404, {"Code": "NotFound", "Description": f"no route {path}"})
        registration = parts[4]
        auth_ok = (self.headers.get("ApiKey") == BILLIT_KEY
                   or self.headers.get("Authorization") == f"Bearer {BILLIT_TOKEN}")
        if not auth_ok or registration == "401":
            return self._send(401, b"")
        if registration == "404":
            return self._send(404, b"")
        if not self.headers.get("PartyID"):
            return self._send(400, {"Code": "MissingPartyID", "Description": "The PartyID header is required"})
        if scenario == "flaky" and seen == 1:
            return self._send(503, b"")
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            return self._send(400, {"Code": "BadRequest", "Description": "invalid JSON"})
        if params.get("IdentificationProviderTC") != "ItsMe" or not params.get("RedirectURL"):
            return self._send(400, {"Code": "BadRequest", "Description": "IdentificationProviderTC and RedirectURL are required"})
        with _lock:
            key = (token, registration)
            _trials[key] = _trials.get(key, 0) + 1
            trials = _trials[key]
        if trials > BILLIT_SANDBOX_TRIALS:
            return self._send(400, {"Code": "TooManyTrials", "Description": "Too many attempts"})
        url = f"https://oidc.itsme.test/authorize?state={registration}&party={self.headers.get('PartyID')}"
        field = "RedirectURL" if registration.startswith("alt") else "URL"
        self._send(200, {field: url})

    # -- Solaris --------------------------------------------------------------------------------
    def _solaris_token(self, scenario: str, token: str, body: bytes) -> None:
        _count(token, _token_counts) if token else None
        expected = "Basic " + base64.b64encode(":".join(SOLARIS_CLIENT).encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._send(401, {"error": "invalid_client", "error_description": "Bad client credentials"})
        if b"grant_type=client_credentials" not in body:
            return self._send(400, {"error": "unsupported_grant_type"})
        with _lock:
            value = f"sol-tok-{len(_tokens) + 1}"
            _tokens[value] = 1 if scenario == "revoke" else -1
        expires_in = 1 if scenario == "shortlived" else 3599
        self._send(200, {"access_token": value, "expires_in": expires_in, "scope": "partners", "token_type": "bearer"})

    def _solaris_error(self, status: int, code: str, detail: str) -> None:
        self._send(status, {"errors": [{"id": f"err-{code}", "status": status, "code": code, "title": code.replace("_", " "),
                                        "detail": detail, "source": {"pointer": "/"}},
                                       {"id": "err-2", "status": status, "code": "second_error", "title": "second"}]})

    def _solaris(self, method: str, scenario: str, token: str, path: str, body: bytes) -> None:
        auth = self.headers.get("Authorization") or ""
        value = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        with _lock:
            left = _tokens.get(value)
            if left is not None and left > 0:
                _tokens[value] = left - 1
            elif left == 0:
                left = None
        if left is None:
            return self._solaris_error(401, "unauthorized", "invalid or expired token")
        parts = path.split("/")[3:]  # after ['', 'v1', 'persons']
        person = parts[0]
        if person == "missing":
            return self._solaris_error(404, "person_not_found", f"person {person} not found")
        try:
            params = json.loads(body) if body else {}
        except ValueError:
            return self._solaris_error(400, "invalid_json", "invalid JSON")
        rest = parts[1:]
        if method == "POST" and rest == ["identification_eligibility_checks"]:
            eligible = person != "ineligible"
            return self._send(201, {"method": params.get("method"), "eligible": eligible,
                                    "reasons": [] if eligible else ["iban_not_supported"]})
        if method == "POST" and rest == ["identification_sessions"]:
            return self._send(201, {"id": "ises-1", "url": "https://person-onboarding.test/ises-1",
                                    "callback_url": params.get("callback_url"),
                                    "identification_methods": params.get("identification_methods"), "status": "created"})
        if len(rest) >= 2 and rest[0] == "identification_sessions":
            session = rest[1]
            tail = rest[2:]
            if method == "GET" and not tail:
                status = "successful" if session == "ises-done" else "created"
                return self._send(200, {"id": session, "url": f"https://person-onboarding.test/{session}",
                                        "callback_url": None, "identification_methods": ["idnow"], "status": status})
            if method == "GET" and tail == ["configuration"]:
                return self._send(200, {"terms_and_conditions_pre_accepted": True, "fourthline_provider": "fourthline"})
            if method == "POST" and tail == ["identifications"]:
                return self._send(201, _identification(person, "cidt-1", "created", params.get("method", "idnow")))
            if method == "GET" and len(tail) == 2 and tail[0] == "identifications":
                return self._send(200, _identification(person, tail[1], "successful"))
            if method == "POST" and tail == ["simulate_bank_id_until_identification_data_required"]:
                return self._send(200, _identification(person, "cidt-sim", "identification_data_required", "bank_id"))
        self._solaris_error(404, "not_found", f"no route {method} {path}")

    # -- PassportReader -------------------------------------------------------------------------
    def _passportreader(self, scenario: str, seen: int, method: str, body: bytes) -> None:
        expected = "Basic " + base64.b64encode(f"{PR_USER}:{PR_SECRET}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._send(401, {"error_message": "Invalid credentials", "error_name": "Unauthorized"})
        if scenario == "flaky" and seen == 1:
            return self._send(503, {"error_message": "Try again", "error_name": "ServiceUnavailable"})
        if scenario == "hang":
            time.sleep(HANG_SECONDS)
        if scenario == "malformed":
            return self._send(200, '{"id": 1, "token": ')
        try:
            params = json.loads(body or b"{}")
            if not isinstance(params, dict):
                raise ValueError("not an object")
        except ValueError as e:
            return self._send(400, {"error_message": f"Invalid JSON body: {e}", "error_name": "BadRequest"})
        if method == "create":
            reference = params.get("reference")
            return self._send(200, {"id": BIG_ID, "token": f"tok-{reference or 'none'}"})
        session_id = params.get("id")
        if method == "get" and session_id == BIG_ID:
            return self._send(200, _full_session(BIG_ID))
        if method == "state" and session_id == BIG_ID:
            return self._send(200, {"state": "CREATED"})
        if method == "state" and session_id == 7:
            return self._send(200, {"state": "VERIFYING_CHIP"})
        if method in ("get", "state"):
            return self._send(
                404,
                {"error_message": f"No session found with id: {session_id}", "error_name": "SessionNotFound"},
                {"X-Request-Id": "req-404"},
            )
        self._send(404, {"error_message": f"No method session.{method}", "error_name": "NotFound"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Clients open many connections at once (the load test: 64): a backlog of 5 would reset some.
    request_queue_size = 256


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", help="write the bound port here once listening")
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print(f"kassa test server on http://127.0.0.1:{port}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
