"""Issue 10 through the Python clients, sync and asyncio (each scenario runs with both), against
``kassa sandbox`` (a fresh tenant per client; what it holds read through its control endpoints)
and, for what the sandbox does not do (tests/README.md), the stand-in's ``/ok/<token>`` scenarios: KYC pre-registration, SDD transfers, the
PEPPOL access point, trusted payments and the webhook configuration. 64-bit ids and thresholds
are exact ``int``s, percentages decimal strings or numbers as given, documents bytes."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Coroutine

import pytest

import kassa
from _support import BIG_ID, DIGITEAL_USER, FAST_RETRY, control

PDF = b"%PDF-1.4\n\x00\xff\r\n--x\r\n%%EOF"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
COMPANY: dict[str, Any] = {
    "customerCompany": {"vatNumber": "BE0000000097", "companyName": "Your Telecom", "creationDate": "2012-12-31",
                        "contactPerson": {"email": "john.doe@gmail.com", "language": "FR"}},
    "contractApproval": {"approvalDate": "2019-11-30", "ipAddress": "203.0.113.7"},
}
SBD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sh:StandardBusinessDocument xmlns:sh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">'
    "<sh:StandardBusinessDocumentHeader><sh:HeaderVersion>1.0</sh:HeaderVersion>"
    '<sh:Sender><sh:Identifier Authority="iso6523-actorid-upis">0208:0123456749</sh:Identifier></sh:Sender>'
    '<sh:Receiver><sh:Identifier Authority="iso6523-actorid-upis">RECEIVER</sh:Identifier></sh:Receiver>'
    '</sh:StandardBusinessDocumentHeader><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    "</sh:StandardBusinessDocument>"
)


class Awaitably:
    """A sync client's namespaces with coroutine methods, so one scenario drives both clients."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._target, name)
        if not callable(found):
            return Awaitably(found)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return found(*args, **kwargs)

        return call


Scenario = Callable[[Any], Coroutine[Any, Any, None]]
TenantScenario = Callable[[Any, str], Coroutine[Any, Any, None]]


def both(server: str, token: str, scenario: Scenario) -> None:
    """Runs ``scenario`` with the sync client, then with the asyncio one (fresh scenario tokens)."""
    base = {**DIGITEAL_USER, "retry": FAST_RETRY}
    asyncio.run(scenario(Awaitably(kassa.Digiteal(**base, base_url=f"{server}/ok/{token}s"))))
    asyncio.run(scenario(kassa.AsyncDigiteal(**base, base_url=f"{server}/ok/{token}a")))


def both_on_sandbox(sandbox: str, token: str, scenario: TenantScenario) -> None:
    """``both`` on ``kassa sandbox``: each client in a fresh tenant of its own, whose name the
    scenario gets (to read what the sandbox holds through its control endpoints)."""
    base = {**DIGITEAL_USER, "retry": FAST_RETRY}
    sync, asynchronous = f"{token}s", f"{token}a"
    asyncio.run(scenario(Awaitably(kassa.Digiteal(**base, base_url=f"{sandbox}/digiteal/t/{sync}")), sync))
    asyncio.run(scenario(kassa.AsyncDigiteal(**base, base_url=f"{sandbox}/digiteal/t/{asynchronous}"), asynchronous))


def held_person(sandbox: str, tenant: str, email: str) -> str:
    """The KYC status the sandbox holds for ``email``."""
    status: str = control(sandbox, tenant, "/state")["digiteal"]["persons"][email]["status"]
    return status


def held_webhooks(sandbox: str, tenant: str) -> Any:
    """The webhook configuration the sandbox holds for the test login (``login``, ``vat_number``,
    ``hooks`` as ``[type, url]`` pairs; never the password)."""
    return control(sandbox, tenant, "/state")["digiteal"]["webhooks"][DIGITEAL_USER["username"]]


def test_kyc(sandbox: str, token: str) -> None:
    async def scenario(c: Any, tenant: str) -> None:
        assert await c.kyc.register_company(**COMPANY) == {"status": "NOT_ACTIVATED", "vatNumber": "BE0000000097"}
        held = control(sandbox, tenant, "/state")["digiteal"]
        assert held["companies"]["BE0000000097"]["status"] == "NOT_ACTIVATED"
        person = await c.kyc.register_person(customerPerson={"email": "jane@known.test"})
        assert person == {"email": "jane@known.test", "status": held_person(sandbox, tenant, "jane@known.test")}
        assert person["status"] == "OK"  # a known.test address finished Digiteal's KYC already
        contracts = await c.kyc.company_contracts(language="FR")
        assert contracts[0]["id"] == BIG_ID and type(contracts[0]["id"]) is int and contracts[0]["language"] == "fr"
        assert [k["id"] for k in contracts] == [BIG_ID, BIG_ID + 1, BIG_ID + 2]
        assert len(await c.kyc.person_contracts()) == 2
        pdf = await c.kyc.upload_document(document=PDF, email="john.doe@gmail.com", name="id.pdf", requesterVAT="BE0000000097", type="ID")
        jpeg = await c.kyc.upload_document(document=bytearray(JPEG), email="john.doe@gmail.com", type="SELFIE_WITH_ID")
        # The sandbox keeps both documents for the company's contact and answers them.
        documents = control(sandbox, tenant, "/state")["digiteal"]["documents"]
        for answer, media_type, kind in ((pdf, "application/pdf", "ID"), (jpeg, "image/jpeg", "SELFIE_WITH_ID")):
            assert answer is not None, "the sandbox answers an upload"
            kept = documents[answer["uuid"]]
            assert (answer["mediaType"], kept["media_type"], kept["kind"]) == (media_type, media_type, kind)
            assert kept["owner"] == "kyc:john.doe@gmail.com" and answer["id"] == kept["id"] and type(answer["id"]) is int
        assert pdf["fileName"] == "id.pdf"
        with pytest.raises(kassa.ApiError) as media:
            await c.kyc.upload_document(document=b"plain text", email="john.doe@gmail.com", type="BY_LAWS", mediaType="image/png")
        assert (media.value.code, media.value.status) == ("UNSUPPORTED_MEDIA", 415)
        with pytest.raises(kassa.NotFoundError) as stranger:  # nobody pre-registered with that address
            await c.kyc.upload_document(document=PDF, email="nobody@kassa.test", type="ID")
        assert stranger.value.code == "INVALID_PARAMETER"
        assert len(control(sandbox, tenant, "/state")["digiteal"]["documents"]) == 2
        bad = {**COMPANY, "contractApproval": {"approvalDate": "2019-11-31"}}
        with pytest.raises(kassa.ValidationError) as date:
            await c.kyc.register_company(**bad)
        assert date.value.field == "contractApproval.approvalDate"
        sent = len(control(sandbox, tenant, "/requests"))
        blank = {**COMPANY, "customerCompany": {**COMPANY["customerCompany"], "companyName": " "}}
        with pytest.raises(kassa.ValidationError) as missing:
            await c.kyc.register_company(**blank)
        assert missing.value.field == "customerCompany.companyName"
        assert len(control(sandbox, tenant, "/requests")) == sent  # both refused before sending
        # Registered again under another name: the status held is kept, the company updated.
        renamed = {**COMPANY, "customerCompany": {**COMPANY["customerCompany"], "companyName": "Your Telecom 2"}}
        assert await c.kyc.register_company(**renamed) == {"status": "NOT_ACTIVATED", "vatNumber": "BE0000000097"}
        assert control(sandbox, tenant, "/state")["digiteal"]["companies"]["BE0000000097"]["company"]["companyName"] == "Your Telecom 2"

    both_on_sandbox(sandbox, token, scenario)


def test_sdd_transfer_thresholds_are_exact(sandbox: str, token: str) -> None:
    async def scenario(c: Any, tenant: str) -> None:
        conf = await c.sdd.transfer_person(
            debtor={"email": "jane.doe@example.be"}, debtorIBAN="BE36251230861781",
            configuration={"executionType": "DUE_DATE", "periodicity": "YEAR", "thresholdInCents": BIG_ID},
        )
        assert conf == {"currency": "EUR", "executionType": "DUE_DATE", "periodicity": "YEAR", "thresholdInCents": BIG_ID}
        assert type(conf["thresholdInCents"]) is int
        company = await c.sdd.transfer_company(debtor={"vatNumber": "BE0000000097", "companyName": "Your Telecom",
                                                       "creationDate": "2012-12-31", "contactPerson": {"email": "j@d.test"}})
        assert company["executionType"] == "IMMEDIATE"

    both_on_sandbox(sandbox, token, scenario)


def test_peppol(sandbox: str, token: str) -> None:
    async def scenario(c: Any, tenant: str) -> None:
        # The sandbox's network: the seed's participant (BIS Billing 3.0 invoices and credit notes).
        bis3 = await c.peppol.check_recipient(identifier="0208:0630675588")
        assert (bis3["recommendation"], bis3["canReceiveInvoice"], bis3["canReceiveCreditNote"]) == ("peppol", True, True)
        assert bis3["inPeppol"] is True
        unknown = await c.peppol.check_recipient(identifier="9925:be0897227828")
        assert (unknown["inPeppol"], unknown["recommendation"]) == (False, "digiteal")
        sent = await c.peppol.send_document(document=SBD.replace("RECEIVER", "0208:0630675588"), comment="INV-1")
        assert sent == {"message": "All clear !", "status": "OK", "ok": True}
        with pytest.raises(kassa.BadRequestError) as not_in:
            await c.peppol.send_document(document=SBD.replace("RECEIVER", "0208:0897227828").encode())
        assert not_in.value.code == "RECIPIENT_NOT_IN_PEPPOL"
        registration = {"peppolIdentifier": "0208:0897227828", "contactPerson": {"email": "john.doe@gmail.com", "language": "NL"}}
        assert (await c.peppol.register_participant(**registration))["ok"] is True
        with pytest.raises(kassa.ApiError) as twice:
            await c.peppol.register_participant(**registration)
        assert twice.value.code == "REGISTER_ALREADY_REGISTERED_TO_DIGITEAL"
        held = control(sandbox, tenant, "/state")["digiteal"]["participants"]["0208:0897227828"]["body"]
        got = await c.peppol.get_participant(identifier="0208:0897227828")
        today = control(sandbox, tenant, "/clock")["now"][:10]  # the tenant's clock
        assert (got["registrationDate"], got["contactPerson"]["language"]) == (today, "NL")
        assert got["registrationDate"] == held["registrationDate"]
        listed = await c.peppol.list_participants()
        assert [p["peppolIdentifier"] for p in listed["participants"]] == ["0208:0897227828"]
        # Registered, it is in the network: a document sent to it arrives as its webhook.
        assert (await c.peppol.check_recipient(identifier="0208:0897227828"))["recommendation"] == "peppol"
        assert (await c.peppol.send_document(document=SBD.replace("RECEIVER", "0208:0897227828")))["ok"] is True
        assert (await c.peppol.unregister_participant(identifier="0208:0897227828"))["status"] == "OK"
        assert control(sandbox, tenant, "/state")["digiteal"]["participants"] == {}
        with pytest.raises(kassa.ApiError) as gone:
            await c.peppol.unregister_participant(identifier="0208:0897227828")
        assert gone.value.code == "NOT_REGISTERD_TO_CALLER"
        with pytest.raises(kassa.NotFoundError):
            await c.peppol.get_participant(identifier="0208:0897227828")

    both_on_sandbox(sandbox, token, scenario)


def test_peppol_recipient_on_a_retired_document_type(server: str, token: str) -> None:
    """A participant that only receives PEPPOL BIS 4A (retired): in PEPPOL, but not reachable
    with BIS Billing 3.0. The sandbox's network has no such participant; the stand-in's has."""

    async def scenario(c: Any) -> None:
        bis4a = await c.peppol.check_recipient(identifier="0208:0123456749")
        assert (bis4a["inPeppol"], bis4a["canReceiveInvoice"], bis4a["recommendation"]) == (True, False, "digiteal")

    both(server, token, scenario)


def payment_tree(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"amountInCents": 100, "benificiary": "leaf", "latestProposalAmountInCents": BIG_ID}
    for level in range(depth - 1, 0, -1):
        node = {"amountInCents": 100 * level, "benificiary": f"level {level}", "subPayments": [node, {"amountInCents": 1}]}
    return node


def test_trusted_payments(server: str, token: str) -> None:
    transfer: dict[str, Any] = {
        "projectName": "Corvette VIN 1234567890123456", "hidePaymentDetails": True,
        "actors": [{"type": "_3RD_PARTY", "digitealIdentifier": BIG_ID, "decide": True}],
    }
    time_based: dict[str, Any] = {
        "amountInCents": 20_000_000, "minumumAmountInCents": 10_000_000, "endDate": "31/12/2027",
        "projectName": "Crowd-lending for CompanyX", "creditorPayments": [
            {"creditorIBAN": "BE36251230861781", "percentage": 33.3333},
            {"creditorIBAN": "BE68539007547034", "percentage": "33.3333"},
            {"creditorIBAN": "BE72000000001616", "percentage": 33.3334},
        ],
    }

    async def scenario(c: Any) -> None:
        created = await c.transfers.create_confirmation_based(**transfer, transferPayments=[payment_tree(32)])
        assert created["transferIDx64"] == "payments=63;depth=32"
        uuid = created["transferID"]
        assert await c.transfers.update_confirmation_based(**transfer, uuid=uuid, transferPayments=[payment_tree(2)]) is None
        with pytest.raises(kassa.ValidationError):
            await c.transfers.create_confirmation_based(**transfer, transferPayments=[payment_tree(33)])
        assert await c.transfers.execute(transferID=uuid, validate=True, comment="Glad to participate !") is None
        shares = await c.transfers.create_time_based(**time_based)
        assert shares["transferIDx64"] == "creditors=3;total=100.0000"

    both(server, token, scenario)


def test_webhook_configuration(sandbox: str, token: str) -> None:
    async def scenario(c: Any, tenant: str) -> None:
        hooks = [{"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/myApp/paymentInitiated"},
                 {"type": "TRANSFER_PAYMENT_RECEIVED", "url": "mailto:ops@myIntegrator.com"}]
        assert await c.webhooks.set_configuration(login="hook-user", password="hook-pass-42", vatNumber="BE0000000097", webHooks=hooks) is None
        assert await c.webhooks.upsert(type="PAYMENT_INITIATED", url="https://myIntegrator.com/v2/paymentInitiated") is None
        assert await c.webhooks.set_credentials(login="hook-user-2", password="hook-pass-43") is None
        conf = await c.webhooks.get_configuration()
        held = held_webhooks(sandbox, tenant)
        assert conf["login"] == held["login"] == "hook-user-2" and conf["password"] == "NotProvidedForSecurityReasons"
        assert isinstance(conf["password"], kassa.Secret) and "NotProvided" not in repr(conf)
        assert "Secret('[redacted]')" in repr(conf)
        assert conf["vatNumber"] == held["vat_number"] == "BE0000000097"
        # The hooks as the sandbox holds them (an upsert replaces the type's URL).
        assert conf["webHooks"] == [{"type": kind, "url": url} for kind, url in held["hooks"]]
        assert {"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"} in conf["webHooks"]
        assert len(conf["webHooks"]) == 2
        assert await c.webhooks.delete(type="TRANSFER_PAYMENT_RECEIVED") is None
        with pytest.raises(kassa.ApiError) as twice:
            await c.webhooks.delete(type="TRANSFER_PAYMENT_RECEIVED")
        assert (twice.value.code, twice.value.kind, twice.value.status) == ("INVALID_PARAMETER", "api", 404)
        conf = await c.webhooks.get_configuration()
        assert conf["webHooks"] == [{"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"}]
        assert [kind for kind, _ in held_webhooks(sandbox, tenant)["hooks"]] == ["PAYMENT_INITIATED"]
        with pytest.raises(kassa.ValidationError) as placeholder:  # sending back what the GET answered
            await c.webhooks.set_configuration(login=conf["login"], password=conf["password"], webHooks=[])
        assert placeholder.value.field == "password"
        assert len(held_webhooks(sandbox, tenant)["hooks"]) == 1  # refused before sending

    both_on_sandbox(sandbox, token, scenario)
