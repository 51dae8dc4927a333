"""Helpers shared by the tests (fixtures themselves live in ``conftest.py``)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from kassa.types import RetryOptions

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SERVER = ROOT / "tests" / "server" / "server.py"
FAULTS = ROOT / "tests" / "server" / "faults.py"
BIG_ID = 9007199254740993  # 2**53 + 1
CREDENTIALS: dict[str, Any] = {"public_key": "public-key-test", "secret": "secret-test"}
FAST_RETRY: RetryOptions = {"initial_delay": 0.01}
BILLIT_KEY = "billit-key-test"
SOLARIS_CLIENT: dict[str, Any] = {"client_id": "solaris-client-test", "client_secret": "solaris-secret-test"}
FUNCTION_FIXTURES = FIXTURES / "functions"


def same(actual: Any, expected: Any) -> bool:
    """Equality that also compares types: ``1 != 1.0 != True`` here, so an int that turned into a
    float (or a bool) is caught."""
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(same(actual[k], expected[k]) for k in expected)
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected))
    return bool(actual == expected)


def unhex(value: Any) -> Any:
    """``{"hex": "..."}`` (an object with only that key) anywhere in ``value`` becomes ``bytes``."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("hex"), str):
            return bytes.fromhex(value["hex"])
        return {key: unhex(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unhex(item) for item in value]
    return value


DIGITEAL_USER: dict[str, Any] = {"username": "digiteal-user-test", "password": "digiteal-pass-test"}


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)


def recorded(server: str, token: str) -> list[dict[str, Any]]:
    """The requests the server got for ``token`` (``GET /_requests/<token>``): ``method``,
    ``path`` (with the query), ``headers`` (pairs) and ``body`` (or ``body_hex``)."""
    found: list[dict[str, Any]] = get_json(f"{server}/_requests/{token}")
    return found


def header(request: dict[str, Any], name: str) -> str | None:
    """A recorded request's header ``name`` (any case)."""
    return next((v for n, v in request["headers"] if n.lower() == name.lower()), None)


def stats(server: str, token: str) -> int:
    """How many API requests the server saw for ``token``."""
    return all_stats(server, token)["requests"]


def all_stats(server: str, token: str) -> dict[str, int]:
    """``{"requests": N, "token_requests": M}`` the server saw for ``token`` (M: Solaris token
    requests)."""
    data = get_json(f"{server}/_stats/{token}")
    return {"requests": int(data["requests"]), "token_requests": int(data["token_requests"])}


def control(sandbox: str, tenant: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """A control endpoint of ``kassa sandbox`` for ``tenant`` (``POST /_sandbox/t/<tenant><path>``
    with a JSON body; ``GET`` when ``body`` is None): the other side of a flow (a payer, a user, the
    provider). Answers the parsed JSON."""
    url = f"{sandbox}/_sandbox/t/{tenant}{path}"
    if body is None:
        return get_json(url)
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.load(answer)


def billit_identifications(sandbox: str, tenant: str, registration: str) -> list[dict[str, Any]]:
    """The identifications the sandbox holds for a Billit registration: ``session`` (the itsme
    URL's ``state``), ``party_id``, ``redirect_url``, ``expires_at``, ``status``."""
    found: list[dict[str, Any]] = control(sandbox, tenant, "/state")["billit"]["registrations"][registration]["identifications"]
    return found


def fault_next(sandbox: str, tenant: str, fault: str, count: int = 1) -> None:
    """Forces ``fault`` (``503``, ``hang``, ``reset``...) on the tenant's next ``count`` requests."""
    control(sandbox, tenant, "/faults/next", {"fault": fault, "count": count})


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.json"))


def function_fixture_files() -> list[Path]:
    return sorted(FUNCTION_FIXTURES.glob("*.json"))
