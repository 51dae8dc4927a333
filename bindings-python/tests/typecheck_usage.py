"""Typed use of the kassa surface, checked with ``mypy --strict`` (not collected by pytest). The
``type: ignore[...]`` lines must stay errors: with ``warn_unused_ignores`` (part of --strict) mypy
fails if the stubs stop rejecting them."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Tuple

import kassa
from kassa.types import (
    CallbackResult,
    CatalogEntry,
    Eligibility,
    Identification,
    IdentificationSession,
    IdentificationStarted,
    OperationCall,
    Outcome,
    ParsedPayload,
    PassportReaderOptions,
    PolledEvidence,
    Session,
    SessionCreated,
    SessionStateResponse,
    SolarisOptions,
    Started,
    TokenResponse,
    WebhookEvent,
)

config: PassportReaderOptions = {"public_key": "public-key-a", "secret": "secret-b", "retry": {"max_retries": 1}}

request: kassa.HttpRequest = kassa.build_request("passportreader.session.create", {"reference": "r"}, config=config)
method: str = request.method
url: str = request.url
headers: List[Tuple[str, str]] = request.headers
body: bytes = request.body
parsed: Any = kassa.parse_response("passportreader.session.create", 200, {"content-type": "application/json"}, body)
parsed_too: Any = kassa.parse_response("passportreader.session.create", 200, [("a", "b")], "{}")
ops: List[CatalogEntry] = kassa.operations()
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
    kassa.PassportReader(public_key=1)  # type: ignore[arg-type]
    # One rule per field: a key the core requires is required in the types too.
    missing: PassportReaderOptions = {"public_key": "public-key-a"}  # type: ignore[typeddict-item]
    client.session.get()  # type: ignore[call-arg]
    print(missing)
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


def functions() -> List[object]:
    payload: str = kassa.epc.build(name="A", iban="BE68539007547034", amount="12.30", reference="RF18539007547034")
    cents: str = kassa.epc.build(name="A", iban="BE68539007547034", amount_cents=1230, version="001", charset="UTF-8")
    parsed: ParsedPayload = kassa.epc.parse(payload.encode(), strict=False)
    amount: Optional[str] = parsed["amount"]
    svg: str = kassa.epc.svg(payload, module_px=8)
    png: bytes = kassa.epc.png(payload, border=6)
    kassa.epc.build(name="A", iban="BE68539007547034", amount=12.3)  # type: ignore[arg-type]
    kassa.epc.build("A", "BE68539007547034")  # type: ignore[call-arg]
    kassa.epc.build(name="A")  # type: ignore[call-arg]
    kassa.epc.png(payload).decode("ascii")
    svg.decode()  # type: ignore[attr-defined]
    ids: List[str] = kassa.peppol.be_participant_ids("0123456749")
    texts: List[str] = [
        kassa.ogm.validate("+++123/4567/89002+++"),
        kassa.ogm.generate(1234567890),
        kassa.ogm.generate("97"),
        kassa.rf.validate("RF18539007547034"),
        kassa.rf.format("RF18539007547034"),
        kassa.rf.generate("539007547034"),
        kassa.iban.validate("BE68539007547034"),
        kassa.iban.format("BE68539007547034"),
        kassa.bic.validate("GEBABEBB"),
        kassa.be.enterprise_number("0123456749"),
        kassa.be.vat_number("0123456749"),
        kassa.peppol.validate("0208:0123456749"),
    ]
    kassa.iban.validate(b"BE68539007547034")  # type: ignore[arg-type]
    callback: CallbackResult = kassa.billit.parse_callback("?registrationID=1&success=true")
    body: Any = kassa.billit.verify_webhook(b"{}", "t=1,s=00", b"k", now=1, tolerance=60)
    kassa.billit.verify_webhook(b"{}", "t=1,s=00", b"k")  # type: ignore[call-arg]
    event: WebhookEvent = kassa.solaris.verify_webhook("{}", "sha256=00", "k")
    call: OperationCall = kassa.identity.start_operation("billit", {"subject": "42", "return_url": "https://a.test/"})
    started: Started = kassa.identity.started(
        "billit", {"subject": "42"}, {"status": 200, "headers": [("a", "b")], "body": b"{}"}, now=10
    )
    kassa.identity.started("billit", {"return_url": "x"}, {"status": 200, "headers": {}, "body": ""})  # type: ignore[typeddict-item]
    poll: Optional[OperationCall] = kassa.identity.poll_operation(started["reference"])
    evidence: PolledEvidence = kassa.identity.poll_evidence("passportreader:1", {"status": 200, "headers": {}, "body": "{}"})
    outcome: Outcome = kassa.identity.finish("billit:42", {"redirect_url": "https://a.test/?x"}, now=None)
    kassa.identity.finish("billit:42", {"redirect": "x"})  # type: ignore[typeddict-unknown-key]
    anything: Any = kassa.call_function("iban.validate", ["BE68539007547034"], {})
    names: List[str] = kassa.function_names()
    expires: Any = kassa.parse_response("billit.identification.start", 200, [], b"{}", now=1)
    return [payload, cents, amount, png, ids, texts, callback, body, event, call, poll, evidence, outcome, anything, names, expires]


def new_clients() -> List[object]:
    config: SolarisOptions = {"client_id": "a", "client_secret": "b", "auth_url": "https://auth.test/oauth2/token"}
    request = kassa.build_request("solaris.auth.token", None, config=config)
    solaris = kassa.Solaris(client_id="a", client_secret="b", environment="sandbox", retry={"max_retries": 0})
    eligible: Eligibility = solaris.identification.eligibility_checks(person_id="p", method="bank")
    session: IdentificationSession = solaris.identification_sessions.create(person_id="p", identification_methods=["idnow"])
    got: IdentificationSession = solaris.identification_sessions.get(person_id="p", identification_session_id="s")
    ident: Identification = solaris.identifications.get(person_id="p", identification_session_id="s", id="i")
    sim: Identification = solaris.identification_sessions.simulate_bank_id(person_id="p", identification_session_id="s")
    created: Identification = solaris.identifications.create(
        person_id="p", identification_session_id="s", method="bank", iban="DE89370400440532013000"
    )
    token: TokenResponse = solaris.auth.token(scope="partners")
    expires_in: int = token["expires_in"]
    solaris.identifications.get(person_id="p", identification_session_id="s")  # type: ignore[call-arg]
    kassa.Solaris(client_key="a")  # type: ignore[call-arg]
    billit = kassa.Billit(api_key="k", party_id="p")
    started: IdentificationStarted = billit.identification.start(RegistrationID="1", RedirectURL="https://a.test/")
    at: Optional[int] = started["expires_at"]
    flow: Started = billit.identity.start(subject="1", return_url="https://a.test/")
    checked: Outcome = kassa.PassportReader(public_key="public-key-a", secret="secret-b").identity.check(
        flow["reference"], expires_at=flow["expires_at"]
    )
    billit.identity.start("1")  # type: ignore[call-arg]
    return [request, eligible, session, got, ident, sim, created, expires_in, at, checked]


async def new_async_clients() -> List[object]:
    solaris = kassa.AsyncSolaris(access_token="t", base_url="http://127.0.0.1:1")
    ident: Identification = await solaris.identifications.get(person_id="p", identification_session_id="s", id="i")
    started: Started = await solaris.identity.start(subject="p", method="bank")
    outcome: Outcome = await kassa.AsyncBillit(api_key="k").identity.check("billit:1")
    not_awaited: Outcome = solaris.identity.check("solaris:p:s")  # type: ignore[assignment]
    try:
        kassa.billit.parse_callback("?error=x")
    except kassa.CallbackError as e:
        description: Optional[str] = e.description
        return [description]
    except kassa.SignatureError as e:
        return [e.code]
    return [ident, started, outcome, not_awaited]


if __name__ == "__main__":
    asyncio.run(async_use())


def digiteal_use() -> List[object]:
    client = kassa.Digiteal(username="u", password="p", environment="test")
    created: kassa.types.InvoiceCreated = client.invoices.create(
        customerInternalId="c1", invoiceInternalId="i1", amountInCents=1230, remittanceInfo="x", format="QR_TEXT"
    )
    image: Optional[kassa.types.Image] = created["image"]
    png: Optional[bytes] = image["bytes"] if image else None
    epc = created["epc"]
    cents: Optional[int] = epc["amount_cents"] if epc else None
    uploaded: kassa.types.DocumentUploaded = client.invoices.send_document(uuid=created["uuid"], document=b"%PDF")
    documents: List[kassa.types.DocumentDetails] = client.invoices.list_documents(billId="i1")
    payment: kassa.types.PaymentRequestCreated = client.payments.create(confirmationURL="https://a", errorURL="https://b")
    client.invoices.create(invoiceInternalId="i1")  # type: ignore[call-arg]
    client.invoices.create(customerInternalId="c1", amountInCents="12.30")  # type: ignore[arg-type]
    client.credit_notes.send_document(uuid="u", document=12)  # type: ignore[arg-type]
    kassa.Digiteal(api_key="k")  # type: ignore[call-arg]
    button: kassa.types.PayButtonLinks = kassa.digiteal.pay_buttons.image_url(requesterVAT="BE1", amountInCents=1)
    b2b = kassa.digiteal.pay_buttons.b2b_execute_url(creditorVAT={"representation": "BE1", "belgian": True}, creditorIBAN="BE68539007547034")
    kassa.digiteal.pay_buttons.b2b_execute_url(creditorVAT="BE1")  # type: ignore[call-arg]
    link: kassa.types.Link = kassa.digiteal.links.qr_generator(iban="BE68539007547034", amount="1.00")
    kassa.digiteal.links.company_registration(email=1)  # type: ignore[arg-type]
    return [png, cents, uploaded, documents, payment, button, b2b, link]


async def async_digiteal_use() -> List[object]:
    client = kassa.AsyncDigiteal(username="u", password="p")
    info: kassa.types.CompanyInfo = await client.integrator.company_info(vatNumber="BE0897227828")
    slip: kassa.types.SlipImage = await client.qr.slip_image(amount=100, iban="BE68539007547034")
    return [info, slip]


def client_behaviour_use() -> List[object]:
    """Per-call options, with_options, raw responses, the lifecycle and the error subclasses."""
    client = kassa.Digiteal(username="u", password="p")
    created: kassa.types.InvoiceCreated = client.invoices.create(
        customerInternalId="c1", amountInCents=1, timeout=5, max_retries=0, retry={"initial_delay": 0.1},
        extra_headers={"X-Trace": "t"}, idempotency_key="i1", deadline=30,
    )
    client.payments.create(amountInCents=1, idempotency_key="k")  # type: ignore[call-arg]
    client.invoices.create(customerInternalId="c1", timeout="5")  # type: ignore[arg-type]
    client.invoices.create(customerInternalId="c1", extra_headers=[("X-A", "1")])  # type: ignore[arg-type]
    quick: kassa.Digiteal = client.with_options(timeout=1, extra_headers={"X-A": "1"})
    client.with_options(idempotency_key="k")  # type: ignore[call-arg]
    raw: kassa.RawResponse[kassa.types.InvoiceCreated] = client.with_raw_response.invoices.create(customerInternalId="c1")
    parsed: kassa.types.InvoiceCreated = raw.parsed
    meta: Tuple[int, Optional[str], int, List[Tuple[str, str]]] = (raw.status, raw.request_id, raw.attempts, raw.headers)
    wrong: kassa.RawResponse[kassa.types.CompanyInfo] = client.with_raw_response.invoices.create(customerInternalId="c1")  # type: ignore[assignment]
    options: kassa.RequestOptions = {"timeout": 1, "deadline": 2}
    anything: Any = client.call("digiteal.integrator.company_info", {"vatNumber": "BE1"}, options)
    with kassa.PassportReader(public_key="public-key-a", secret="secret-b") as reader:
        state: SessionStateResponse = reader.session.state(id=1)
    closed: bool = reader.closed
    try:
        client.integrator.company_info(vatNumber="BE1")
    except kassa.RateLimitError as e:
        wait: Optional[int] = e.retry_after
        return [wait]
    except kassa.ApiError as e:
        where: Optional[str] = e.location
        category: str = e.category
        return [where, category]
    return [created, quick, parsed, meta, wrong, anything, state, closed]


async def async_client_behaviour_use() -> List[object]:
    async with kassa.AsyncPassportReader(public_key="public-key-a", secret="secret-b") as client:
        raw: kassa.RawResponse[SessionCreated] = await client.with_raw_response.session.create(reference="r", timeout=2)
        again: kassa.AsyncPassportReader = client.with_options(max_retries=1)
        started: Started = await client.identity.start(subject="s", deadline=5)
        checked: Outcome = await again.identity.check(started["reference"], timeout=2)
    await client.close()
    return [raw, checked]
