"""Receiving Digiteal webhooks with FastAPI: verify, dedupe, answer.

Digiteal calls each webhook with the login and password set with
``client.webhooks.set_credentials(login=..., password=...)`` (HTTP Basic), and resends a call
until it gets a 200. So the handler:

1. reads the **raw** body (``await request.body()``; never a parsed JSON model: the bytes are what
   the event is read from, and what its ``dedupe_key`` is computed over),
2. verifies the credentials with ``kassa.digiteal.webhooks.verify`` (constant time) and answers
   401 when they do not hold,
3. handles each event once: a resend has the same ``dedupe_key`` (keep them in your database, with
   a unique constraint; a set in memory here), and answers 200 to it without handling it again.

Run it (the credentials from the environment)::

    DIGITEAL_WEBHOOK_LOGIN=... DIGITEAL_WEBHOOK_PASSWORD=... uvicorn --factory fastapi_webhooks:from_env

and give Digiteal ``https://<your host>/webhooks/digiteal/<TYPE>`` for each type
(``kassa.digiteal.webhooks.types()`` lists them): the route says the type.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Set

from fastapi import FastAPI, Request, Response

import kassa


def create_app(login: str, password: str) -> FastAPI:
    """The app, checking calls against ``login`` and ``password``."""
    if not login or not password:
        raise RuntimeError("set the webhook login and password (DIGITEAL_WEBHOOK_LOGIN, DIGITEAL_WEBHOOK_PASSWORD)")
    app = FastAPI()
    seen: Set[str] = set()
    handled: List[Dict[str, Any]] = []
    app.state.handled = handled  # what was handled, for a look (and the tests)

    @app.post("/webhooks/digiteal/{kind}")
    async def digiteal(kind: str, request: Request) -> Response:
        body = await request.body()
        authorization: Optional[str] = request.headers.get("authorization")
        try:
            event = kassa.digiteal.webhooks.verify(body, authorization, login=login, password=password, type=kind)
        except kassa.SignatureError:
            return Response(status_code=401, headers={"WWW-Authenticate": 'Basic realm="webhooks"'})
        except (kassa.DecodeError, kassa.ValidationError):  # not a webhook body (malformed JSON, too large)
            return Response(status_code=400)
        if event["dedupe_key"] in seen:
            return Response(status_code=200)  # a resend of an event already handled
        seen.add(event["dedupe_key"])
        handled.append(dict(event))  # your work here: event["type"], event["family"], event["data"]
        return Response(status_code=200)

    return app


def from_env() -> FastAPI:
    """The app with the credentials of ``$DIGITEAL_WEBHOOK_LOGIN`` and ``$DIGITEAL_WEBHOOK_PASSWORD``
    (``uvicorn --factory fastapi_webhooks:from_env``)."""
    return create_app(os.environ.get("DIGITEAL_WEBHOOK_LOGIN", ""), os.environ.get("DIGITEAL_WEBHOOK_PASSWORD", ""))
