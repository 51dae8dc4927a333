"""The main job, end to end: a PassportReader identity session through the Python binding.

Runs against the local provider server (no credentials needed) unless PASSPORTREADER_PUBLIC_KEY,
PASSPORTREADER_SECRET and optionally PASSPORTREADER_BASE_URL are set.
    python examples/demo.py http://127.0.0.1:<port>
"""

from __future__ import annotations

import asyncio
import os
import sys

import kassa


def main(base_url: str) -> None:
    public_key = os.environ.get("PASSPORTREADER_PUBLIC_KEY", "public-key-test")
    secret = os.environ.get("PASSPORTREADER_SECRET", "secret-test")
    base_url = os.environ.get("PASSPORTREADER_BASE_URL", base_url)
    client = kassa.PassportReader(public_key=public_key, secret=secret, base_url=base_url)
    print(f"client: {client!r}")

    created = client.session.create(reference="demo-order-1", face_verification=True)
    print(f"session.create -> id={created['id']} token={created['token']}")
    state = client.session.state(id=created["id"])
    print(f"session.state  -> {state['state']}")
    session = client.session.get(id=created["id"])
    print(f"session.get    -> {session['given_names']} {session['surname']}, state {session['state']}, "
          f"document {session['document_type']} {session['document_number']}")

    try:
        client.session.get(id=1)
    except kassa.ApiError as e:
        print(f"session.get(1) -> {type(e).__name__} code={e.code} status={e.status}")

    async def concurrently() -> list[object]:
        c = kassa.AsyncPassportReader(public_key=public_key, secret=secret, base_url=base_url)
        return list(await asyncio.gather(*(c.session.state(id=created["id"]) for _ in range(3))))

    print(f"async x3       -> {asyncio.run(concurrently())}")
    print(f"operations     -> {[op['id'] for op in kassa.operations()]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "https://passportreader.app")
