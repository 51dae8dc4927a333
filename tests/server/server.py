#!/usr/bin/env python3
"""A local stand-in for the provider APIs, for the answers ``kassa sandbox`` (cli/) deliberately
never gives: a truncated JSON body, credentials quoted back in an error, a PassportReader state
kassa does not know, a Solaris error list with a second entry, a PEPPOL participant that only
receives BIS 4A, a Digiteal delivery method kassa does not know, ``transferIDx64`` reporting what
was read of a trusted payment, and webhooks delivered on demand. Every other IO test runs on the
sandbox (tests/README.md, "What runs where, and why"). Standard library only.

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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BIG_ID = 9007199254740993  # 2**53 + 1: not representable as a double.
PR_USER, PR_SECRET = "public-key-test", "secret-test"
SCENARIOS = {"ok", "malformed", "echoauth", "echotoken"}
BILLIT_KEY, BILLIT_TOKEN = "billit-key-test", "billit-token-test"
SOLARIS_CLIENT = ("solaris-client-test", "solaris-secret-test")
DIGITEAL_USER = ("digiteal-user-test", "digiteal-pass-test")
# A real 1x1 PNG (black pixel).
PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
)
PEPPOL_BIS4A = ("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:www.cenbii.eu:transaction:biitrns010:ver2.0"
                ":extended:urn:www.peppol.eu:bis:peppol4a:ver2.0::2.1")
# The one participant of the stand-in's "network": it only receives BIS 4A (retired), one type
# answered as a string, as the seed's example does.
PEPPOL_BIS4A_ONLY = "0208:0123456749"
PAYMENT_KEYS = {"amountInCents", "benificiary", "comment", "communication", "conditional", "creditorIBAN", "hidden",
                "latestProposalAmountInCents", "paymentID", "subPayments"}
ACTOR_KEYS = {"decide", "digitealIdentifier", "email", "iban", "language", "mandateId", "name", "type", "vatNumber"}
MAX_PAYMENT_DEPTH = 32
UNKNOWN_TRANSFER = "00000000000000000000000000000000"

_lock = threading.Lock()
_counts: dict[str, int] = {}
_token_counts: dict[str, int] = {}
_tokens: set[str] = set()  # Solaris access tokens handed out
_requests: dict[str, list[dict[str, Any]]] = {}  # scenario token -> the requests it got (last 50)
MAX_RECORDED = 50
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _record(token: str, method: str, path: str, headers: list[list[str]], body: bytes) -> None:
    """Keeps what a request carried, for ``GET /_requests/<token>`` (the secrets tests check that
    no URL carried a credential, and read the Solaris token the client was given)."""
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

    def _send(self, status: int, body: bytes | str | dict[str, Any] | list[Any], headers: dict[str, str] | None = None) -> None:
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
            return self._send(200, {"requests": n, "token_requests": t})
        if path.startswith("/_requests/"):
            with _lock:
                return self._send(200, list(_requests.get(path[len("/_requests/"):], [])))
        scenario, token, path = self._split()
        if path.startswith("/v1/persons/"):
            _count(token) if token else None
            return self._solaris(path)
        if path.startswith("/api/v1/"):
            _count(token) if token else None
            return self._digiteal("GET", path, b"")
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
            return self._digiteal(method, path, body)
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
            return self._solaris_token(token, body)
        _count(token) if token else None
        if path.startswith("/api/v1/session."):
            return self._passportreader(scenario, path[len("/api/v1/session."):], body)
        if path.startswith("/v1/einvoices/registrations/"):
            return self._billit()
        if path.startswith("/v1/persons/"):
            return self._solaris(path)
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
        self.end_headers()
        self.wfile.write(body)

    def _digiteal(self, method: str, path: str, body: bytes) -> None:
        expected = "Basic " + base64.b64encode(":".join(DIGITEAL_USER).encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._digiteal_error(401, "UNAUTHORIZED_ACCES", "Bad credentials", [])
        if method == "POST" and path == "/api/v1/invoice-request":
            # A delivery method kassa does not know (EMAIL): the sandbox answers S2P or null.
            try:
                params = json.loads(body or b"{}")
            except ValueError:
                return self._digiteal_error(400, "BAD_REQUEST", "invalid JSON", [])
            headers = {"uuid": f"inv-{params.get('invoiceInternalId') or ''}", "deliveryMethod": "EMAIL", "autoPaymentDate": "null"}
            return self._send_raw(200, PNG_1x1, "image/png", headers)
        if method == "GET" and path.startswith("/api/v1/peppol/remote-participants/"):
            return self._digiteal_peppol_remote(path)
        if path.startswith("/api/v1/transfers/"):
            return self._digiteal_transfers(method, path, body)
        self._digiteal_error(404, "UNSUPPORTED_REQUEST_METHOD", f"no route {method} {path}", [])

    # -- Digiteal network: PEPPOL, trusted payments ---------------------------------------------
    def _json(self, body: bytes) -> Any:
        """The JSON body, decimals as `Decimal` (percentages are checked as decimals); None if invalid."""
        from decimal import Decimal

        try:
            return json.loads(body or b"null", parse_float=Decimal)
        except ValueError:
            return None

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

    def _digiteal_peppol_remote(self, path: str) -> None:
        """The supported document types of a remote participant: BIS 4A only for the stand-in's
        one participant (one type answered as a string, as the seed's example), else 404."""
        from urllib.parse import unquote

        remote, suffix = "/api/v1/peppol/remote-participants/", "/supported-document-types"
        ident = unquote(path[len(remote):-len(suffix)]) if path.endswith(suffix) else None
        if ident != PEPPOL_BIS4A_ONLY:
            return self._send(404, b"")
        self._send(200, {"documentTypes": PEPPOL_BIS4A, "peppolIdentifier": ident})

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

    # -- Billit ---------------------------------------------------------------------------------
    def _billit(self) -> None:
        """Bad credentials: 401 with an empty body (the secrets tests, whose Billit clients send a
        wrong key); everything else Billit does runs on the sandbox."""
        if self.headers.get("ApiKey") != BILLIT_KEY and self.headers.get("Authorization") != f"Bearer {BILLIT_TOKEN}":
            return self._send(401, b"")
        self._send(404, {"Code": "NotFound", "Description": "the stand-in answers only bad credentials: use kassa sandbox"})

    # -- Solaris --------------------------------------------------------------------------------
    def _solaris_token(self, token: str, body: bytes) -> None:
        _count(token, _token_counts) if token else None
        expected = "Basic " + base64.b64encode(":".join(SOLARIS_CLIENT).encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._send(401, {"error": "invalid_client", "error_description": "Bad client credentials"})
        if b"grant_type=client_credentials" not in body:
            return self._send(400, {"error": "unsupported_grant_type"})
        with _lock:
            value = f"sol-tok-{len(_tokens) + 1}"
            _tokens.add(value)
        self._send(200, {"access_token": value, "expires_in": 3599, "scope": "partners", "token_type": "bearer"})

    def _solaris_error(self, status: int, code: str, detail: str) -> None:
        self._send(status, {"errors": [{"id": f"err-{code}", "status": status, "code": code, "title": code.replace("_", " "),
                                        "detail": detail, "source": {"pointer": "/"}},
                                       {"id": "err-2", "status": status, "code": "second_error", "title": "second"}]})

    def _solaris(self, path: str) -> None:
        """An issued token's requests for person ``missing``: 404 with two errors (Solaris, and the
        sandbox, answer one per failure); anything else 404 ``not_found``."""
        auth = self.headers.get("Authorization") or ""
        value = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        with _lock:
            issued = value in _tokens
        if not issued:
            return self._solaris_error(401, "unauthorized", "invalid or expired token")
        person = path.split("/")[3]  # after ['', 'v1', 'persons']
        if person == "missing":
            return self._solaris_error(404, "person_not_found", f"person {person} not found")
        self._solaris_error(404, "not_found", f"no route {path}: the stand-in answers only person `missing`")

    # -- PassportReader -------------------------------------------------------------------------
    def _passportreader(self, scenario: str, method: str, body: bytes) -> None:
        """``malformed``: a 200 with truncated JSON; session 7's state ``VERIFYING_CHIP`` (a state
        kassa does not know); ``session.create``'s fixed answer, for ``bench/load.py`` (its
        default server: the cheapest answer, so the numbers are about the clients)."""
        expected = "Basic " + base64.b64encode(f"{PR_USER}:{PR_SECRET}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._send(401, {"error_message": "Invalid credentials", "error_name": "Unauthorized"})
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
        if method == "state" and params.get("id") == 7:
            return self._send(200, {"state": "VERIFYING_CHIP"})
        self._send(404, {"error_message": f"No session found with id: {params.get('id')}", "error_name": "SessionNotFound"})


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
