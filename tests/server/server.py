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
SCENARIOS = {"ok", "flaky", "hang", "malformed", "shortlived", "revoke"}
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

_lock = threading.Lock()
_counts: dict[str, int] = {}
_token_counts: dict[str, int] = {}
_trials: dict[tuple[str, str], int] = {}
_tokens: dict[str, int] = {}  # Solaris access token -> API requests it may still make (-1: unlimited)


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

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet unless asked
        if os.environ.get("KASSA_TEST_SERVER_LOG"):
            super().log_message(fmt, *args)

    # -- plumbing -------------------------------------------------------------------------------
    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
        self.send_header(
            "Access-Control-Allow-Headers",
            "Authorization, Content-Type, Accept, ApiKey, PartyID, correlation-id",
        )
        self.send_header("Access-Control-Expose-Headers", "*, Retry-After, X-Request-Id")
        self.send_header("Access-Control-Max-Age", "600")

    def _send(self, status: int, body: bytes | str | dict[str, Any], headers: dict[str, str] | None = None) -> None:
        if isinstance(body, dict):
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
        return self.rfile.read(length) if length else b""

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
        if path.startswith("/_stats/"):
            token = path[len("/_stats/"):]
            with _lock:
                n, t = _counts.get(token, 0), _token_counts.get(token, 0)
            return self._send(200, {"requests": n, "token_requests": t})
        if path == "/_health":
            return self._send(200, {"ok": True})
        scenario, token, path = self._split()
        if path.startswith("/v1/persons/"):
            _count(token) if token else None
            return self._solaris("GET", scenario, token, path, b"")
        if path.startswith("/api/v1/"):
            _count(token) if token else None
            return self._digiteal("GET", path, b"")
        self._send(404, {"error_message": f"no route GET {path}", "error_name": "NotFound"})

    def do_POST(self) -> None:
        scenario, token, path = self._split()
        body = self._body()
        if path == "/oauth2/token":
            return self._solaris_token(scenario, token, body)
        seen = _count(token) if token else 1
        if path.startswith("/api/v1/session."):
            return self._passportreader(scenario, seen, path[len("/api/v1/session."):], body)
        if path.startswith("/v1/einvoices/registrations/"):
            return self._billit(scenario, token, seen, path, body)
        if path.startswith("/v1/persons/"):
            return self._solaris("POST", scenario, token, path, body)
        if path.startswith("/api/v1/"):
            return self._digiteal("POST", path, body)
        self._send(404, {"error_message": f"no route POST {path}", "error_name": "NotFound"})

    # -- Digiteal -------------------------------------------------------------------------------
    def _digiteal_error(self, status: int, code: str, message: str, subjects: list[str]) -> None:
        request_id = self.headers.get("correlation-id") or "dig-req-1"
        self._send(status, {"errorCode": code, "errorMessage": message, "errorSubjects": subjects, "requestId": request_id})

    def _send_raw(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
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

    def _digiteal(self, method: str, path: str, body: bytes) -> None:
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
