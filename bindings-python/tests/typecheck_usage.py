"""Typed use of the kassa surface, checked with ``mypy --strict`` (not collected by pytest). The
``type: ignore[...]`` lines must stay errors: with ``warn_unused_ignores`` (part of --strict) mypy
fails if the stubs stop rejecting them."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Tuple

import kassa
from kassa.types import OperationInfo, PassportReaderConfig, Session, SessionCreated, SessionStateResponse

config: PassportReaderConfig = {"public_key": "public-key-a", "secret": "secret-b", "retry": {"max_retries": 1}}

request: kassa.HttpRequest = kassa.build_request("passportreader.session.create", {"reference": "r"}, config=config)
method: str = request.method
url: str = request.url
headers: List[Tuple[str, str]] = request.headers
body: bytes = request.body
parsed: Any = kassa.parse_response("passportreader.session.create", 200, {"content-type": "application/json"}, body)
parsed_too: Any = kassa.parse_response("passportreader.session.create", 200, [("a", "b")], "{}")
ops: List[OperationInfo] = kassa.operations()
retry_safe: bool = ops[0]["retry_safe"]
version: str = kassa.__version__


def sync_use() -> int:
    client = kassa.PassportReader(public_key="public-key-a", secret="secret-b", timeout=2.5, retry={"initial_delay": 0.5})
    created: SessionCreated = client.session.create(reference="order-1", face_verification=True)
    state: SessionStateResponse = client.session.state(id=created["id"])
    session: Session = client.session.get(id=created["id"])
    surname: Optional[str] = session["surname"]
    anything: Any = client.call("passportreader.session.state", {"id": 1})
    client.session.get(id="1")  # type: ignore[arg-type]
    client.session.get(1)  # type: ignore[call-arg]
    client.session.delete(id=1)  # type: ignore[attr-defined]
    kassa.PassportReader(public_key="public-key-a")  # type: ignore[call-arg]
    print(state["state"], surname, anything)
    return created["id"] + session["id"]


async def async_use() -> str:
    client = kassa.AsyncPassportReader(public_key="public-key-a", secret="secret-b", base_url="http://127.0.0.1:1")
    created: SessionCreated = await client.session.create()
    state = await client.session.state(id=created["id"])
    generic: Any = await client.call("passportreader.session.get", {"id": 1})
    not_awaited: SessionCreated = client.session.create()  # type: ignore[assignment]
    print(generic, not_awaited)
    return state["state"]


def errors() -> Dict[str, object]:
    try:
        sync_use()
    except kassa.ValidationError as e:
        as_value_error: ValueError = e
        return {"field": e.field, "code": e.code, "kind": e.kind, "message": e.message, "v": as_value_error}
    except kassa.ApiError as e:
        status: int = e.status
        raw: bytes = e.body
        provider_code: Optional[str] = e.provider_code
        request_id: Optional[str] = e.request_id
        return {"status": status, "raw": raw, "provider_code": provider_code, "request_id": request_id}
    except kassa.DecodeError as e:
        offset: Optional[int] = e.offset
        field: Optional[str] = e.field
        return {"offset": offset, "field": field}
    except kassa.TransportError as e:
        return {"code": e.code}
    except kassa.KassaError as e:
        return {"code": e.code}
    return {}


if __name__ == "__main__":
    asyncio.run(async_use())
