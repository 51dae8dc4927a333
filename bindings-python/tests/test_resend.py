"""Issue 9 (Python): a request that reached the provider but whose answer was lost (``kassa
sandbox``'s ``resetonce`` scenario, the former test server's layout ``/resetonce/<tenant>``,
handles the first request, then resets the connection). With a resend key
(``invoiceInternalId``, or the ``idempotency_key`` option) the call is resent and the provider
keeps one invoice: as the core documents, the resend of a published invoice is refused with
``INVOICE_PUBLISHED`` (the sign that the first one arrived), a DRAFT is updated. Without a key the
call is not resent: ``outcome_unknown``, saying what to look up, after exactly one request."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, DIGITEAL_USER, FAST_RETRY, control, get_json, stats

INVOICE: dict[str, Any] = {"customerInternalId": "c-1", "amountInCents": 100, "remittanceInfo": "x", "iban": "BE68539007547034"}
PAYMENT: dict[str, Any] = {"amountInCents": 500, "iban": "BE68539007547034", "remittanceInfo": "Donation",
                           "confirmationURL": "https://shop.test/ok", "errorURL": "https://shop.test/error"}


def digiteal(sandbox: str, token: str) -> kassa.Digiteal:
    return kassa.Digiteal(**DIGITEAL_USER, base_url=f"{sandbox}/resetonce/{token}", retry=FAST_RETRY)


def invoices(sandbox: str, token: str) -> tuple[int, int]:
    """(create requests received, distinct invoiceInternalIds)."""
    found = get_json(f"{sandbox}/_stats/{token}")
    return found["invoice_creates"], found["invoices"]


def test_a_keyed_create_is_resent_and_the_provider_keeps_one_invoice(sandbox: str, token: str) -> None:
    with pytest.raises(kassa.BadRequestError) as caught:
        digiteal(sandbox, token).invoices.create(**INVOICE, invoiceInternalId="inv-1")
    assert (caught.value.code, caught.value.status) == ("INVOICE_PUBLISHED", 400)
    assert invoices(sandbox, token) == (2, 1)


def test_the_idempotency_key_option_makes_the_resend_safe_too(sandbox: str, token: str) -> None:
    with pytest.raises(kassa.BadRequestError) as caught:
        digiteal(sandbox, token).invoices.create(**INVOICE, idempotency_key="inv-2")
    assert caught.value.code == "INVOICE_PUBLISHED"
    assert invoices(sandbox, token) == (2, 1)


def test_a_draft_is_updated_by_the_resend(sandbox: str, token: str) -> None:
    raw = digiteal(sandbox, token).with_raw_response.invoices.create(**INVOICE, invoiceInternalId="inv-3", publicationStatus="DRAFT")
    [held] = control(sandbox, token, "/digiteal/invoices").values()  # one invoice, updated in place
    assert (held["request"]["invoiceInternalId"], held["status"]) == ("inv-3", "DRAFT")
    assert (raw.parsed["uuid"], raw.attempts) == (held["uuid"], 2)
    assert invoices(sandbox, token) == (2, 1)


def test_without_a_key_the_outcome_is_unknown_after_one_request(sandbox: str, token: str) -> None:
    with pytest.raises(kassa.TransportError) as payment:
        digiteal(sandbox, token).payments.create(**PAYMENT)
    err = payment.value
    assert err.code == "outcome_unknown" and err.kind == "transport"
    assert err.message.startswith("digiteal.payments.create may have reached the provider, but its answer was lost")
    assert "check with the provider" in err.message  # what to look up
    assert stats(sandbox, token) == 1
    with pytest.raises(kassa.TransportError) as invoice:
        digiteal(sandbox, token + "i").invoices.create(**INVOICE)
    assert invoice.value.code == "outcome_unknown"
    assert "with an invoiceInternalId next time" in invoice.value.message and "INVOICE_PUBLISHED webhook" in invoice.value.message
    # One create received, and the invoice it made is held (it has no invoiceInternalId to count).
    assert invoices(sandbox, token + "i") == (1, 0)
    assert len(control(sandbox, token + "i", "/digiteal/invoices")) == 1


def test_an_operation_the_core_calls_safe_is_resent(sandbox: str, token: str) -> None:
    # PassportReader's calls are retry-safe in the catalog (the provider recommends retrying).
    assert {op["id"]: op["retry_safe"] for op in kassa.operations()}["passportreader.session.create"] is True
    c = kassa.PassportReader(**CREDENTIALS, base_url=f"{sandbox}/resetonce/{token}", retry=FAST_RETRY)
    created = c.session.create(reference="r")
    # The first create was processed too: its session is left unused, the answer is the resend's.
    sessions = {s["id"]: s for s in control(sandbox, token, "/passportreader/sessions")}
    assert sorted(sessions) == [BIG_ID, BIG_ID + 1] and {s["reference"] for s in sessions.values()} == {"r"}
    assert created == {"id": BIG_ID + 1, "token": sessions[BIG_ID + 1]["token"]}
    assert stats(sandbox, token) == 2


def test_async(sandbox: str, token: str) -> None:
    async def main() -> None:
        c = kassa.AsyncDigiteal(**DIGITEAL_USER, base_url=f"{sandbox}/resetonce/{token}", retry=FAST_RETRY)
        with pytest.raises(kassa.BadRequestError) as keyed:
            await c.invoices.create(**INVOICE, invoiceInternalId="inv-a")
        assert keyed.value.code == "INVOICE_PUBLISHED"
        other = kassa.AsyncDigiteal(**DIGITEAL_USER, base_url=f"{sandbox}/resetonce/{token}p", retry=FAST_RETRY)
        with pytest.raises(kassa.TransportError) as unknown:
            await other.payments.create(**PAYMENT)
        assert unknown.value.code == "outcome_unknown"

    asyncio.run(main())
    assert invoices(sandbox, token) == (2, 1)
    assert stats(sandbox, token + "p") == 1
