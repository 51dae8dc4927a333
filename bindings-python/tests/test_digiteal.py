"""Digiteal through the clients: images come back as ``bytes`` with their media type and the
answer's headers, ``QR_TEXT`` answers as text with the parsed EPC payload (invoices and payment
requests on ``kassa sandbox``, which renders the QR code and keeps the invoice); documents are
uploaded as multipart bodies (the client draws the boundary; the sandbox parses the parts and
keeps the document on the invoice), and Digiteal's ``ErrorMessage`` becomes an ``ApiError`` with its code and
request id."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from typing import Any

import pytest

import kassa
from _support import FAST_RETRY, control
from kassa.types import CompanyKYCInfo, InvoiceCreationRequest

USER: dict[str, Any] = {"username": "digiteal-user-test", "password": "digiteal-pass-test"}
EPC_NAME = "Kassa Sandbox"  # the creditor the sandbox writes in its EPC payloads
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RESPONSE_ENTITY = {"body": None, "statusCode": "OK", "statusCodeValue": 200}  # the upload answers
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\xff trailer\n%%EOF\n"  # not UTF-8


def invoice(internal_id: str, **extra: Any) -> InvoiceCreationRequest:
    params: InvoiceCreationRequest = {
        "customerInternalId": "cust-7",
        "invoiceInternalId": internal_id,
        "amountInCents": 1230,
        "remittanceInfo": "Invoice 42",
        "iban": "BE68539007547034",
        "dueDate": "2030-01-31",
    }
    params.update(extra)  # type: ignore[typeddict-item]
    return params


def on_sandbox(sandbox: str, tenant: str, **options: Any) -> kassa.Digiteal:
    return kassa.Digiteal(**USER, base_url=f"{sandbox}/digiteal/t/{tenant}", retry=FAST_RETRY, **options)


def held_invoice(sandbox: str, tenant: str, uuid: str) -> Any:
    """The invoice the sandbox keeps under ``uuid`` (a 32-hex-digit id it made)."""
    assert len(uuid) == 32 and int(uuid, 16) >= 0
    return control(sandbox, tenant, "/digiteal/invoices")[uuid]


def test_invoice_create_answers_the_image_and_the_headers(sandbox: str, token: str) -> None:
    client = on_sandbox(sandbox, token)
    # An SDD transfer set up auto payment for the customer on the due date.
    client.sdd.transfer_person(debtor={"email": "jan@optin.test"}, debtorIBAN="BE36251230861781",
                               customerInternalId="cust-7", configuration={"executionType": "DUE_DATE"})
    created = client.invoices.create(**invoice("42", customerEmail="jan@optin.test"))
    image = created["image"]
    assert image is not None and image["mediaType"] == "image/png"
    assert type(image["bytes"]) is bytes and image["bytes"].startswith(PNG_SIGNATURE)
    held = held_invoice(sandbox, token, created["uuid"])
    assert (held["request"]["invoiceInternalId"], held["status"]) == ("42", "PUBLISHED")
    assert created["deliveryMethod"] == "S2P" and created["optedIn"] is True
    assert held["auto_payment_date"] == "31/01/2030"
    assert created["autoPaymentDate"] == "2030-01-31"  # dd/MM/yyyy on the wire
    assert created["debtorId"] == "cust-7"
    assert created["qrText"] is None and created["epc"] is None


def test_invoice_create_qr_text_answers_the_parsed_epc_payload(sandbox: str, token: str) -> None:
    created = on_sandbox(sandbox, token).invoices.create(**invoice("43", customerEmail="jan@mail.test", format="QR_TEXT"))
    assert created["image"] is None and created["epcError"] is None
    assert held_invoice(sandbox, token, created["uuid"])["request"]["invoiceInternalId"] == "43"
    assert created["deliveryMethod"] is None and created["optedIn"] is False  # "null" on the wire
    assert created["autoPaymentDate"] is None  # "null" on the wire
    text = created["qrText"]
    assert text is not None and text.startswith("BCD\n002\n1\nSCT\n")
    epc = created["epc"]
    assert epc is not None
    assert (epc["name"], epc["iban"], epc["amount"], epc["amount_cents"]) == (
        EPC_NAME,
        "BE68539007547034",
        "12.30",
        1230,
    )
    assert type(epc["amount_cents"]) is int


def test_payment_create_answers_the_image_and_the_urls(sandbox: str, token: str) -> None:
    created = on_sandbox(sandbox, token).payments.create(
        amountInCents=500,
        iban="BE68539007547034",
        remittanceInfo="Donation",
        confirmationURL="https://shop.test/ok",
        errorURL="https://shop.test/error",
    )
    uuid = created["uuid"]
    assert uuid in control(sandbox, token, "/state")["digiteal"]["payment_requests"]
    assert created["paymentWebUrl"] == f"{sandbox}/digiteal/t/{token}/pay/{uuid}"
    assert created["paymentUrlIntent"] == f"{sandbox}/digiteal/t/{token}/pay/{uuid}?intent=true"
    image = created["image"]
    assert image is not None and image["mediaType"] == "image/png" and image["bytes"].startswith(PNG_SIGNATURE)


def test_upload_a_document_as_bytes_without_a_boundary(sandbox: str, token: str) -> None:
    client = on_sandbox(sandbox, token)
    created = client.invoices.create(**invoice("42", customerEmail="jan@mail.test"))
    uploaded = client.invoices.send_document(uuid=created["uuid"], document=PDF, name="invoice-42.pdf", comment="signed")
    held = held_invoice(sandbox, token, created["uuid"])
    assert held["documents"] == [uploaded["uuid"]] and uploaded["uuid"] != created["uuid"]
    assert (uploaded["status"], uploaded["responseEntity"]) == ("0", RESPONSE_ENTITY)
    # The sandbox read the parts: the document it serves is the bytes sent, as they were.
    with urllib.request.urlopen(f"{sandbox}/digiteal/t/{token}/document/{uploaded['uuid']}", timeout=5) as served:
        assert (served.read(), served.headers["Content-Type"]) == (PDF, "application/pdf")
    by_id = client.invoices.send_document_by_internal_id(billId="42", document=bytearray(PDF))
    assert held_invoice(sandbox, token, created["uuid"])["documents"] == [uploaded["uuid"], by_id["uuid"]]
    note = client.credit_notes.create(invoiceUUID=created["uuid"], creditNoteInternalId="cn-9", amountInCents=230)
    on_note = client.credit_notes.send_document_by_internal_id(creditNoteId="cn-9", document=bytearray(PDF))
    held_note = control(sandbox, token, "/state")["digiteal"]["credit_notes"][note["uuid"]]
    assert held_note["documents"] == [on_note["uuid"]] and on_note["status"] == "0"
    # A document that is neither PDF nor an image is refused by the sandbox, and not kept.
    with pytest.raises(kassa.ApiError) as caught:
        client.invoices.send_document(uuid=created["uuid"], document=b"plain text, not a PDF")
    assert (caught.value.code, caught.value.status) == ("UNSUPPORTED_MEDIA", 415)
    assert len(held_invoice(sandbox, token, created["uuid"])["documents"]) == 2
    # An invoice the sandbox does not hold: 404, nothing kept.
    with pytest.raises(kassa.NotFoundError) as unknown:
        client.invoices.send_document(uuid="f" * 32, document=PDF)
    assert (unknown.value.code, unknown.value.status) == ("INVALID_PARAMETER", 404)


def test_sans_io_upload_gets_a_random_boundary() -> None:
    config = {**USER, "base_url": "http://127.0.0.1:1"}
    drawn = [
        kassa.build_request("digiteal.invoices.send_document", {"uuid": "u", "document": PDF}, config=config)
        for _ in range(2)
    ]
    types = [dict(r.headers)["Content-Type"] for r in drawn]
    assert all(t.startswith("multipart/form-data; boundary=kassa-") for t in types) and types[0] != types[1]
    assert all(PDF in r.body for r in drawn)
    request = kassa.build_request(
        "digiteal.invoices.send_document", {"uuid": "u", "document": PDF, "boundary": "XyZ"}, config=config
    )
    assert ("Content-Type", "multipart/form-data; boundary=XyZ") in request.headers
    assert PDF in request.body  # the bytes as given, not re-encoded
    with pytest.raises(kassa.ValidationError) as refused:  # bytes are params only, never config
        kassa.build_request("digiteal.integrator.company_info", {"vatNumber": "BE1"}, config={**config, "password": b"x"})
    assert (refused.value.code, refused.value.field) == ("invalid_config", "password")


def test_error_message_becomes_an_api_error(sandbox: str, token: str) -> None:
    # The sandbox's ErrorMessage for a state it holds: an invoiceInternalId already PUBLISHED. (Its
    # INVOICE_INFORMATION_MISSING cannot be reached through a client: the core refuses an invoice
    # without a reference before sending.)
    client = on_sandbox(sandbox, token)
    first = client.invoices.create(**invoice("42"))
    with pytest.raises(kassa.ApiError) as caught:
        client.invoices.create(**invoice("42", amountInCents=999, correlationId="corr-77"))
    err = caught.value
    assert (err.code, err.status, err.request_id) == ("INVOICE_PUBLISHED", 400, "corr-77")
    assert isinstance(err, kassa.BadRequestError)
    body = json.loads(err.body)
    assert (body["errorCode"], body["errorSubjects"], body["requestId"]) == ("INVOICE_PUBLISHED", ["invoiceInternalId"], "corr-77")
    assert b"cannot be updated" in err.body and body["errorMessage"] in str(err)
    with pytest.raises(kassa.ApiError) as caught:
        client.invoices.create(**invoice("42"))
    # Without a correlation id, the request id is the one the sandbox wrote in its ErrorMessage.
    request_id = json.loads(caught.value.body)["requestId"]
    assert caught.value.request_id == request_id and request_id and request_id != "corr-77"
    held = control(sandbox, token, "/digiteal/invoices")
    assert list(held) == [first["uuid"]] and held[first["uuid"]]["request"]["amountInCents"] == 1230  # not updated


def test_company_info(sandbox: str, token: str) -> None:
    client = on_sandbox(sandbox, token)
    assert client.integrator.company_info(vatNumber="BE0897227828") == {"status": "NOT_FOUND", "vatNumber": "BE0897227828"}
    company: CompanyKYCInfo = {"vatNumber": "BE0897227828", "companyName": "Kassa Test", "creationDate": "2012-12-31",
               "contactPerson": {"email": "ops@kassa.test"}}
    assert client.kyc.register_company(customerCompany=company)["status"] == "NOT_ACTIVATED"
    control(sandbox, token, "/digiteal/companies/BE0897227828/activate", {})
    held = control(sandbox, token, "/state")["digiteal"]["companies"]["BE0897227828"]
    info = client.integrator.company_info(vatNumber="BE0897227828")
    assert info == {"status": held["status"], "vatNumber": "BE0897227828"} and info["status"] == "PROD"


def test_wrong_password_is_an_api_error_and_never_shown(sandbox: str, token: str) -> None:
    client = kassa.Digiteal(username="digiteal-user-test", password="hunter2-wrong",
                            base_url=f"{sandbox}/digiteal/t/{token}")
    assert "hunter2" not in repr(client)
    with pytest.raises(kassa.ApiError) as caught:
        client.integrator.company_info(vatNumber="BE0897227828")
    assert (caught.value.status, caught.value.code) == (401, "UNAUTHORIZED_ACCES")  # the sandbox runs --strict
    assert "hunter2" not in str(caught.value) and "hunter2" not in repr(caught.value)
    request = kassa.build_request(
        "digiteal.integrator.company_info", {"vatNumber": "BE1"}, config={"username": "u", "password": "hunter2-wrong"}
    )
    assert "hunter2" not in repr(request) and "aHVudGVy" not in repr(request)


def test_async_client(sandbox: str, token: str) -> None:
    async def main() -> tuple[Any, Any]:
        client = kassa.AsyncDigiteal(**USER, base_url=f"{sandbox}/digiteal/t/{token}", retry=FAST_RETRY)
        created = await client.invoices.create(**invoice("44", customerEmail="an@optin.test"))
        uploaded = await client.invoices.send_document(uuid=created["uuid"], document=PDF, name="invoice-44.pdf")
        return created, uploaded

    created, uploaded = asyncio.run(main())
    assert created["image"]["bytes"].startswith(PNG_SIGNATURE) and created["optedIn"] is True
    # The sandbox keeps the document on the invoice: the upload answers the document's own uuid.
    held = held_invoice(sandbox, token, created["uuid"])
    assert held["documents"] == [uploaded["uuid"]] and uploaded["status"] == "0"
