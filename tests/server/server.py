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
SCENARIOS = {"ok", "flaky", "hang", "malformed"}
HANG_SECONDS = 30.0

_lock = threading.Lock()
_counts: dict[str, int] = {}


def _count(token: str) -> int:
    """Counts one API request for ``token``; returns how many it has seen, this one included."""
    with _lock:
        _counts[token] = _counts.get(token, 0) + 1
        return _counts[token]


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
                n = _counts.get(token, 0)
            return self._send(200, {"requests": n})
        if path == "/_health":
            return self._send(200, {"ok": True})
        self._send(404, {"error_message": f"no route GET {path}", "error_name": "NotFound"})

    def do_POST(self) -> None:
        scenario, token, path = self._split()
        body = self._body()
        seen = _count(token) if token else 1
        if path.startswith("/api/v1/session."):
            return self._passportreader(scenario, seen, path[len("/api/v1/session."):], body)
        self._send(404, {"error_message": f"no route POST {path}", "error_name": "NotFound"})

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
