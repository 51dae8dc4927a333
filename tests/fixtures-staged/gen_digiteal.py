"""Writes digiteal.json and functions/digiteal.json (staged Digiteal fixtures) from the seeds'
examples (001, 004), copied verbatim below. Run: python3 gen_digiteal.py"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))

AUTH = ["Authorization", "Basic ZGlnaXRlYWwtdXNlci10ZXN0OmRpZ2l0ZWFsLXBhc3MtdGVzdA=="]
API = "https://api.digiteal.eu"
TEST = "https://test.digiteal.eu"
JSON_CT = ["Content-Type", "application/json"]
ACC_ANY = ["Accept", "*/*"]
ACC_JSON = ["Accept", "application/json"]

# ---- seed request examples, verbatim (001) ----
AUTOPAY = {
  "amountInCents": 1234, "bic": "GKCCBEBB", "creationDate": "2019-12-31", "creditorReference": "000600232562",
  "currency": "EUR", "customerAddressCity": "Bruxelles", "customerAddressCountry": "BE", "customerAddressNumber": 14,
  "customerAddressStreet": "Rue de la Paix", "customerAddressZip": 1000, "customerEmail": "john.doe@me.com",
  "customerFirstName": "Jean", "customerInternalId": "TEST12345", "customerLastName": "Dujardin",
  "customerMobile": "+32123456789", "customerVAT": "BE0000000097", "directPayment": False,
  "expectingDocumentAttached": True, "iban": "BE40251230861709", "language": "EN", "purpose": "GDDS",
  "remittanceInfo": "Invoice 1", "requesterEmail": "requestor@company.com", "requesterID": 1234,
  "requesterVAT": "BE0000000196", "secondaryLanguage": "NL"
}
CREDIT_NOTE = {
  "amountInCents": 1234, "creationDate": "2019-12-31", "creditNoteInternalId": "CreditNote1234", "format": "QR",
  "invoiceUUID": "e529f8b4790f11e7b5a5be2e44b06b52", "language": "EN", "secondaryLanguage": "NL", "size": 600
}
INVOICE = {
  "alreadyPaid": False, "amountInCents": 1234, "bic": "GKCCBEBB", "creationDate": "2019-12-31",
  "creditorReference": "000600232562", "currency": "EUR", "customerAddressCity": "Bruxelles",
  "customerAddressCountry": "BE", "customerAddressNumber": 14, "customerAddressStreet": "Rue de la Paix",
  "customerAddressZip": 1000, "customerEmail": "john.doe@me.com", "customerFirstName": "Jean",
  "customerInternalId": "TEST12345", "customerLastName": "Dujardin", "customerMobile": "+32123456789",
  "customerVAT": "BE0000000097", "directPayment": False, "dueDate": "2019-12-31", "expectingDocumentAttached": True,
  "format": "QR", "iban": "BE40251230861709", "invoiceInternalId": "Bill1234", "language": "EN",
  "languages": ["string"], "publicationStatus": "PUBLISHED", "purpose": "GDDS", "remittanceInfo": "Invoice 1",
  "requesterEmail": "requestor@company.com", "requesterID": 1234, "requesterVAT": "BE0000000196",
  "secondaryLanguage": "NL", "size": 600
}
PAYMENT = {
  "amountInCents": 1234, "bic": "GKCCBEBB", "cancelURL": "https://api.myservice.com/paymentCancelled",
  "confirmationURL": "https://api.myservice.com/paymentConfirmed", "creationDate": "2019-12-31",
  "creditorReference": "000600232562", "currency": "EUR", "customerAddressCity": "Bruxelles",
  "customerAddressCountry": "BE", "customerAddressNumber": 14, "customerAddressStreet": "Rue de la Paix",
  "customerAddressZip": 1000, "customerEmail": "john.doe@me.com", "customerFirstName": "Jean",
  "customerInternalId": "TEST12345", "customerLastName": "Dujardin", "customerMobile": "+32123456789",
  "customerVAT": "BE0000000097", "directPayment": False, "errorURL": "https://api.myservice.com/paymentError",
  "expectingDocumentAttached": True, "iban": "BE40251230861709", "language": "EN", "maxAmountInCents": 50000,
  "minAmountInCents": 500, "multiple": False, "paymentInternalId": "Payment1234", "purpose": "GDDS",
  "remittanceInfo": "Invoice 1", "requesterEmail": "requestor@company.com", "requesterID": 1234,
  "requesterVAT": "BE0000000196", "secondaryLanguage": "NL", "suggestedAmountInCents": 50000, "validityInMinutes": 10
}
INVOICE_PAYMENT = {
  "cancelURL": "https://api.myservice.com/paymentCancelled", "confirmationURL": "https://api.myservice.com/paymentConfirmed",
  "errorURL": "https://api.myservice.com/paymentError", "invoiceInternalId": "Bill1234", "requesterID": 12,
  "uuid": "e529f8b4790f11e7b5a5be2e44b06b52"
}
UUID = "e529f8b4790f11e7b5a5be2e44b06b52"

def without(d, *keys):
    return {k: v for k, v in d.items() if k not in keys}

def req(method, url, headers, **kw):
    r = {"method": method, "url": url, "headers": headers}
    r.update(kw)
    return r

def mp(boundary, parts):
    out = ""
    for name, value, filename, ctype in parts:
        out += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        if filename is not None:
            out += f"; filename=\"{filename}\""
        out += "\r\n"
        if ctype is not None:
            out += f"Content-Type: {ctype}\r\n"
        out += "\r\n" + value + "\r\n"
    return out + f"--{boundary}--\r\n"

B = "kassa-test-boundary"
PDF = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF"
MP_HEADERS = [AUTH, ["Content-Type", f"multipart/form-data; boundary={B}"], ACC_ANY]

build = []
def case(name, op, params, request=None, error=None, config=None):
    c = {"name": name, "operation": op}
    if config is not None:
        c["config"] = config
    c["params"] = params
    if request is not None:
        c["request"] = request
    if error is not None:
        c["error"] = error
    build.append(c)

def verr(field, code="invalid_params"):
    return {"kind": "validation", "code": code, "field": field}

# invoices.create
inv_fixed = dict(INVOICE, languages=["EN", "NL"])
case("invoices.create: the seed's example, with languages [EN, NL] for its [\"string\"]", "digiteal.invoices.create",
     inv_fixed, req("POST", API + "/api/v1/invoice-request", [AUTH, JSON_CT, ACC_ANY], json=inv_fixed))
case("invoices.create: the seed's example verbatim is refused: languages holds \"string\"", "digiteal.invoices.create",
     INVOICE, error=verr("languages[0]"))
minimal = {"customerInternalId": "TEST12345", "remittanceInfo": "Invoice 1", "name": "Invoice 1.pdf",
           "correlationId": "corr-42", "format": "QR_TEXT", "publicationStatus": "DRAFT",
           "customerAddressNumber": "14A", "customerAddressZip": "1012 AB"}
case("invoices.create: name as a query parameter, correlation-id header, text house number and zip, test environment",
     "digiteal.invoices.create", minimal,
     req("POST", TEST + "/api/v1/invoice-request?name=Invoice%201.pdf",
         [AUTH, JSON_CT, ACC_ANY, ["correlation-id", "corr-42"]],
         json={"customerInternalId": "TEST12345", "remittanceInfo": "Invoice 1", "format": "QR_TEXT",
               "publicationStatus": "DRAFT", "customerAddressNumber": "14A", "customerAddressZip": "1012 AB"}),
     config={"username": "digiteal-user-test", "password": "digiteal-pass-test", "environment": "test"})
case("invoices.create: customerInternalId is mandatory", "digiteal.invoices.create",
     without(inv_fixed, "customerInternalId"), error=verr("customerInternalId"))
case("invoices.create: creditorReference or remittanceInfo, not neither", "digiteal.invoices.create",
     without(inv_fixed, "creditorReference", "remittanceInfo"), error=verr("creditorReference"))
case("invoices.create: remittanceInfo alone is enough", "digiteal.invoices.create",
     {"customerInternalId": "C1", "remittanceInfo": "Invoice 1", "amountInCents": 0},
     req("POST", API + "/api/v1/invoice-request", [AUTH, JSON_CT, ACC_ANY],
         json={"customerInternalId": "C1", "remittanceInfo": "Invoice 1", "amountInCents": 0}))
case("invoices.create: a creditorReference whose OGM check digits are wrong", "digiteal.invoices.create",
     dict(inv_fixed, creditorReference="000600232563"), error=verr("creditorReference", "ogm_checksum"))
case("invoices.create: size at most 4000", "digiteal.invoices.create", dict(inv_fixed, size=4001), error=verr("size"))
case("invoices.create: dates are YYYY-MM-DD", "digiteal.invoices.create", dict(inv_fixed, dueDate="31/12/2019"),
     error=verr("dueDate"))
case("invoices.create: an impossible date", "digiteal.invoices.create", dict(inv_fixed, creationDate="2019-02-30"),
     error=verr("creationDate"))
case("invoices.create: format must be one of the nine", "digiteal.invoices.create", dict(inv_fixed, format="JPEG"),
     error=verr("format"))
case("invoices.create: publicationStatus PUBLISHED or DRAFT", "digiteal.invoices.create",
     dict(inv_fixed, publicationStatus="FINAL"), error=verr("publicationStatus"))
case("invoices.create: purpose is a 4-letter ISO 20022 code", "digiteal.invoices.create",
     dict(inv_fixed, purpose="GOODS"), error=verr("purpose"))
case("invoices.create: amounts are integer cents", "digiteal.invoices.create",
     dict(inv_fixed, amountInCents=12.34), error=verr("amountInCents"))
case("invoices.create: amounts are never negative", "digiteal.invoices.create",
     dict(inv_fixed, amountInCents=-1), error=verr("amountInCents"))
case("invoices.create: an IBAN with wrong check digits", "digiteal.invoices.create",
     dict(inv_fixed, iban="BE41251230861709"), error=verr("iban", "iban_checksum"))
case("invoices.create: an unknown field", "digiteal.invoices.create", dict(inv_fixed, amount=1234),
     error=verr("amount"))
case("invoices.create: credentials are required", "digiteal.invoices.create", inv_fixed,
     error=verr("username", "digiteal_credentials"), config={})

# list_documents
case("invoices.list_documents: billId in the query", "digiteal.invoices.list_documents", {"billId": "Bill 1234/5"},
     req("GET", API + "/api/v1/invoice-getDocumentList?billId=Bill%201234%2F5", [AUTH, ACC_JSON]))
case("invoices.list_documents: billId is required", "digiteal.invoices.list_documents", {}, error=verr("billId"))

# uploads
def upload_case(op, path, idname, idval, extra_name, extra_parts, **more):
    params = {idname: idval, "name": "Invoice1234.pdf", "comment": "Invoice for May 2019", "document": PDF,
              "boundary": B}
    params.update(more)
    parts = [(idname, idval, None, None), ("name", "Invoice1234.pdf", None, None),
             ("comment", "Invoice for May 2019", None, None)] + extra_parts + \
            [("document", PDF, more.get("fileName", "Invoice1234.pdf"), more.get("mediaType", "application/pdf"))]
    case(extra_name, op, params, req("POST", API + path, MP_HEADERS, body=mp(B, parts)))

upload_case("digiteal.invoices.send_document", "/api/v1/invoice-sendDoc", "uuid", UUID,
            "invoices.send_document: multipart with uuid, name, comment and the PDF", [])
upload_case("digiteal.invoices.send_document_by_internal_id", "/api/v1/invoice-sendDocWithBillerId", "billId", "Bill1234",
            "invoices.send_document_by_internal_id: billId, and requesterID as an integrator",
            [("requesterID", "1234", None, None)], requesterID=1234)
upload_case("digiteal.credit_notes.send_document", "/api/v1/creditNote-sendDoc", "uuid", UUID,
            "credit_notes.send_document: an XML document with its own file name and media type", [],
            fileName="creditnote.xml", mediaType="application/xml")
upload_case("digiteal.credit_notes.send_document_by_internal_id", "/api/v1/creditNote-sendDocWithBillerId",
            "creditNoteId", "CreditNote1234", "credit_notes.send_document_by_internal_id: creditNoteId", [])
case("invoices.send_document: the document as bytes, no name: file name document.pdf",
     "digiteal.invoices.send_document", {"uuid": UUID, "document": {"hex": "25504446"}, "boundary": "b0undary"},
     req("POST", API + "/api/v1/invoice-sendDoc",
         [AUTH, ["Content-Type", "multipart/form-data; boundary=b0undary"], ACC_ANY],
         body=mp("b0undary", [("uuid", UUID, None, None), ("document", "%PDF", "document.pdf", "application/pdf")])))
case("invoices.send_document: the core draws no random boundary: it is required", "digiteal.invoices.send_document",
     {"uuid": UUID, "document": PDF}, error=verr("boundary"))
case("invoices.send_document: a boundary with characters that would need quoting", "digiteal.invoices.send_document",
     {"uuid": UUID, "document": PDF, "boundary": "a b"}, error=verr("boundary"))
case("invoices.send_document: a boundary that occurs in the document", "digiteal.invoices.send_document",
     {"uuid": UUID, "document": "%PDF\r\n--abc\r\n", "boundary": "abc"}, error=verr("boundary"))
case("invoices.send_document: the document is required", "digiteal.invoices.send_document",
     {"uuid": UUID, "boundary": B}, error=verr("document"))
case("invoices.send_document: the invoice uuid is required", "digiteal.invoices.send_document",
     {"document": PDF, "boundary": B}, error=verr("uuid"))
case("credit_notes.send_document_by_internal_id: creditNoteId is required",
     "digiteal.credit_notes.send_document_by_internal_id", {"document": PDF, "boundary": B}, error=verr("creditNoteId"))

# credit notes
case("credit_notes.create: the seed's example", "digiteal.credit_notes.create", CREDIT_NOTE,
     req("POST", API + "/api/v1/credit-note", [AUTH, JSON_CT, ACC_ANY], json=CREDIT_NOTE))
case("credit_notes.create: the related invoice is required", "digiteal.credit_notes.create",
     without(CREDIT_NOTE, "invoiceUUID"), error=verr("invoiceUUID"))
case("credit_notes.create: an amount is required", "digiteal.credit_notes.create",
     without(CREDIT_NOTE, "amountInCents"), error=verr("amountInCents"))
case("credit_notes.create: size at most 4000", "digiteal.credit_notes.create", dict(CREDIT_NOTE, size=5000),
     error=verr("size"))

# payments.create
p1 = without(PAYMENT, "amountInCents")
p2 = without(PAYMENT, "minAmountInCents", "maxAmountInCents", "suggestedAmountInCents")
case("payments.create: the seed's example verbatim is refused: amountInCents with min/max/suggested amounts",
     "digiteal.payments.create", PAYMENT, error=verr("minAmountInCents"))
case("payments.create: the seed's example without amountInCents (a range and a suggestion)", "digiteal.payments.create",
     p1, req("POST", API + "/api/v1/payment-request", [AUTH, JSON_CT, ACC_ANY], json=p1))
case("payments.create: the seed's example without the range (a fixed amount)", "digiteal.payments.create",
     p2, req("POST", API + "/api/v1/payment-request", [AUTH, JSON_CT, ACC_ANY], json=p2))
case("payments.create: confirmationURL is mandatory", "digiteal.payments.create", without(p1, "confirmationURL"),
     error=verr("confirmationURL"))
case("payments.create: errorURL is mandatory", "digiteal.payments.create", without(p1, "errorURL"),
     error=verr("errorURL"))
case("payments.create: URLs are absolute", "digiteal.payments.create", dict(p1, cancelURL="/cancelled"),
     error=verr("cancelURL"))
case("payments.create: validityInMinutes fits the seed's -128..127 and is positive", "digiteal.payments.create",
     dict(p1, validityInMinutes=128), error=verr("validityInMinutes"))
case("payments.create: the minimum above the maximum", "digiteal.payments.create",
     dict(p1, minAmountInCents=60000), error=verr("minAmountInCents"))

# create_for_invoice
case("payments.create_for_invoice: the seed's example", "digiteal.payments.create_for_invoice", INVOICE_PAYMENT,
     req("POST", API + "/api/v1/payment-request/invoice", [AUTH, JSON_CT, ACC_ANY], json=INVOICE_PAYMENT))
case("payments.create_for_invoice: the invoice is named by uuid or invoiceInternalId",
     "digiteal.payments.create_for_invoice", without(INVOICE_PAYMENT, "uuid", "invoiceInternalId"), error=verr("uuid"))

# autopay
case("autopay.request: the seed's example", "digiteal.autopay.request", AUTOPAY,
     req("POST", API + "/api/v1/autopay-request", [AUTH, JSON_CT, ACC_JSON], json=AUTOPAY))
case("autopay.request: an amount is required", "digiteal.autopay.request", without(AUTOPAY, "amountInCents"),
     error=verr("amountInCents"))
case("autopay.request: the customer is required", "digiteal.autopay.request",
     without(AUTOPAY, "customerInternalId", "customerEmail"), error=verr("customerInternalId"))
case("autopay.request: amountInCents typed string in the schema is refused as a string", "digiteal.autopay.request",
     dict(AUTOPAY, amountInCents="1234"), error=verr("amountInCents"))

# optin
case("optin.force: the three path parameters and the User-Agent header", "digiteal.optin.force",
     {"requestorVAT": "BE0000000196", "clientInternalId": "TEST12345", "clientEmail": "john.doe@me.com",
      "User-Agent": "Mozilla/5.0 (kassa test)"},
     req("POST", API + "/api/v1/optin/force/BE0000000196/TEST12345/john.doe%40me.com",
         [AUTH, ACC_ANY, ["User-Agent", "Mozilla/5.0 (kassa test)"]]))
case("optin.force: a customer id cannot change the path", "digiteal.optin.force",
     {"requestorVAT": "BE0000000196", "clientInternalId": "../x", "clientEmail": "john.doe@me.com"},
     req("POST", API + "/api/v1/optin/force/BE0000000196/..%2Fx/john.doe%40me.com", [AUTH, ACC_ANY]))
case("optin.force: the customer's email is required", "digiteal.optin.force",
     {"requestorVAT": "BE0000000196", "clientInternalId": "TEST12345"}, error=verr("clientEmail"))
case("optin.force: the customer's id is required", "digiteal.optin.force",
     {"requestorVAT": "BE0000000196", "clientEmail": "john.doe@me.com"}, error=verr("clientInternalId"))
case("optin.force: the email must be one", "digiteal.optin.force",
     {"requestorVAT": "BE0000000196", "clientInternalId": "TEST12345", "clientEmail": "john.doe"}, error=verr("clientEmail"))

# integrator
case("integrator.company_info: vatNumber in the query", "digiteal.integrator.company_info", {"vatNumber": "BE0000000097"},
     req("GET", API + "/api/v1/integrator/company-info?vatNumber=BE0000000097", [AUTH, ACC_JSON]))
case("integrator.company_info: vatNumber is required", "digiteal.integrator.company_info", {}, error=verr("vatNumber"))
case("integrator.person_info: email in the query, with a correlation-id", "digiteal.integrator.person_info",
     {"email": "john.doe@yopmail.com", "correlation_id": "c-7"},
     req("GET", API + "/api/v1/integrator/person-info?email=john.doe@yopmail.com",
         [AUTH, ACC_JSON, ["correlation-id", "c-7"]]))
case("integrator.person_info: email is required", "digiteal.integrator.person_info", {}, error=verr("email"))

# slip images
guide = {"iban": "BE72000000001616", "billerName": "Red Cross of Belgium", "amount": 1, "remittanceInfo": "Urgency fund",
         "format": "qr", "language": "en"}
GUIDE_Q = "iban=BE72000000001616&billerName=Red%20Cross%20of%20Belgium&amount=1&remittanceInfo=Urgency%20fund&format=qr&language=en"
case("qr.slip_image: the guide's example, anonymous (no credentials in the config, none sent)", "digiteal.qr.slip_image",
     guide, req("GET", API + "/api/v1/image-request/slip-image-anonymous?" + GUIDE_Q, [ACC_ANY]), config={})
case("qr.slip_image: credentials in the config are not sent to the anonymous endpoint", "digiteal.qr.slip_image",
     dict(guide, languages=["FR", "NL"], size=400, dueDate="2030-12-31", creditorReference="+++014/1340/00443+++"),
     req("GET", API + "/api/v1/image-request/slip-image-anonymous?iban=BE72000000001616&billerName=Red%20Cross%20of%20Belgium&amount=1&creditorReference=%2B%2B%2B014%2F1340%2F00443%2B%2B%2B&remittanceInfo=Urgency%20fund&dueDate=2030-12-31&format=qr&size=400&language=en&languages=FR&languages=NL",
         [ACC_ANY]))
case("qr.slip_image: size at most 4000", "digiteal.qr.slip_image", dict(guide, size=4001), error=verr("size"),
     config={})
case("qr.slip_image: amount is integer cents, not a float", "digiteal.qr.slip_image", dict(guide, amount=0.5),
     error=verr("amount"), config={})
case("qr.slip_image: requestStatus DRAFT or FINAL", "digiteal.qr.slip_image", dict(guide, requestStatus="SENT"),
     error=verr("requestStatus"), config={})
case("qr.slip_image_inline: the same query, answered as JSON", "digiteal.qr.slip_image_inline", guide,
     req("GET", API + "/api/v1/image-request/slip-image-anonymous-inline?" + GUIDE_Q, [ACC_JSON]), config={})

# ---- parse ----
parse = []
def pcase(name, op, status, headers, body=None, body_hex=None, output=None, error=None):
    r = {"status": status, "headers": headers}
    if body_hex is not None:
        r["body_hex"] = body_hex
    else:
        r["body"] = body
    c = {"name": name, "operation": op, "response": r}
    if output is not None:
        c["output"] = output
    if error is not None:
        c["error"] = error
    parse.append(c)

PNG_HEX = "89504e470d0a1a0a0000000d49484452"
PNG = {"hex": PNG_HEX}
SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"
EPC = "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR12.34\nGDDS\n000600232562"
EPC_OUT = {"version": "002", "charset": 1, "identification": "SCT", "bic": "BPOTBEB1", "name": "Red Cross of Belgium",
           "iban": "BE72000000001616", "amount": "12.34", "amount_cents": 1234, "purpose": "GDDS",
           "reference": "000600232562", "text": None, "information": None, "tolerated": []}
def inv_out(**kw):
    o = {"uuid": UUID, "deliveryMethod": None, "optedIn": False, "autoPaymentDate": None, "debtorId": None,
         "image": None, "qrText": None, "epc": None, "epcError": None}
    o.update(kw)
    return o

pcase("invoices.create: PNG image, the client opted in (S2P), auto payment scheduled (dd/MM/yyyy)",
      "digiteal.invoices.create", 200,
      [["Content-Type", "image/png"], ["uuid", UUID], ["deliveryMethod", "S2P"], ["autoPaymentDate", "31/12/2019"],
       ["debtorId", "TEST12345"]], body_hex=PNG_HEX,
      output=inv_out(deliveryMethod="S2P", optedIn=True, autoPaymentDate="2019-12-31", debtorId="TEST12345",
                     image={"mediaType": "image/png", "bytes": PNG}))
pcase("invoices.create: an SVG with Content-Type */* (sniffed), unknown client (no deliveryMethod)",
      "digiteal.invoices.create", 200, [["Content-Type", "*/*"], ["uuid", UUID]], body=SVG,
      output=inv_out(image={"mediaType": "image/svg+xml", "bytes": {"hex": SVG.encode().hex()}}))
pcase("invoices.create: format QR_TEXT answers the EPC payload as text, parsed with kassa's EPC parser",
      "digiteal.invoices.create", 200, [["Content-Type", "text/plain;charset=UTF-8"], ["uuid", UUID],
                                       ["deliveryMethod", "null"]], body=EPC,
      output=inv_out(qrText=EPC, epc=EPC_OUT))
pcase("invoices.create: format NONE, a trailing newline tolerated by the lenient parser",
      "digiteal.invoices.create", 200, [["Content-Type", "text/plain"], ["uuid", UUID]], body=EPC + "\n",
      output=inv_out(qrText=EPC + "\n", epc=dict(EPC_OUT, tolerated=[{"code": "trailing_newline", "field": "payload", "message": "the last field is followed by a line break (or empty lines)"}])))
pcase("invoices.create: EPC text kassa cannot read: the invoice is still created, epcError says why",
      "digiteal.invoices.create", 200, [["Content-Type", "text/plain"], ["uuid", UUID]], body="BCD\n002\n1\nSCT\n\nName\nBE00\nEUR1",
      output=inv_out(qrText="BCD\n002\n1\nSCT\n\nName\nBE00\nEUR1", epcError={"code": "iban_length", "field": "iban", "message": "an IBAN of Belgium (BE) has 16 characters, this one has 4"}))
pcase("invoices.create: a 200 without the uuid header", "digiteal.invoices.create", 200, [["Content-Type", "image/png"]],
      body_hex=PNG_HEX, error={"kind": "decode", "code": "decode", "field": "uuid"})
pcase("invoices.create: an autoPaymentDate that is not dd/MM/yyyy", "digiteal.invoices.create", 200,
      [["uuid", UUID], ["autoPaymentDate", "12/31/2019"]], body="",
      error={"kind": "decode", "code": "decode", "field": "autoPaymentDate"})

def err_body(code, message, subjects=None, rid="req-1"):
    return json.dumps({"errorCode": code, "errorMessage": message, "errorSubjects": subjects or [], "requestId": rid})

INVOICE_ERRORS = [
    (400, "BANK_ACCOUNT_NOT_FOUND", "provided information does not match any of your bank accounts", ["iban"]),
    (400, "BANK_ACCOUNT_NOT_PROVIDED", "more than one bank account and no IBAN/BIC given", ["iban", "bic"]),
    (400, "CUSTOMER_INFORMATION_MISSING", "Missing fields for the customer creation. [customerInternalId]", ["customerInternalId"]),
    (400, "INVOICE_INFORMATION_MISSING", "mandatory fields for the invoice request are missing", ["amountInCents"]),
    (400, "INVOICE_PUBLISHED", "Invoices that are flagged as PUBLISHED cannot be updated.", ["Bill1234"]),
    (400, "CONTENT_MISSING", "There was no input present in the request.", []),
    (400, "INVALID_FORMAT", "The specified format is incorrect", ["format"]),
    (400, "INVALID_PURPOSE", "The purpose is not ISO compliant", ["purpose"]),
    (401, "UNAUTHORIZED_ACCES", "there were no or incorrect credentials provided", []),
    (403, "ISSUER_CANNOT_EMIT", "your profile is not yet activated or invalid", []),
    (415, "UNSUPPORTED_MEDIA", "Only JSON is supported when performing a POST.", []),
    (500, "GENERAL", "An internal server error occured.", []),
]
for status, code, msg, subj in INVOICE_ERRORS:
    pcase(f"invoices.create: {status} {code}", "digiteal.invoices.create", status, [["Content-Type", "application/json"]],
          body=err_body(code, msg, subj, f"req-{code.lower()}"),
          error={"kind": "api", "code": code, "status": status, "message": msg, "request_id": f"req-{code.lower()}"})
pcase("invoices.create: the reference's error example (INVALID_PARAMETER)", "digiteal.invoices.create", 400,
      [["Content-Type", "application/json"]],
      body="{\n  \"errorCode\": \"INVALID_PARAMETER\",\n  \"errorMessage\": \"Error message\",\n  \"errorSubjects\": [\n    \"string\"\n  ],\n  \"requestId\": \"Error message\"\n}",
      error={"kind": "api", "code": "INVALID_PARAMETER", "status": 400, "message": "Error message", "request_id": "Error message"})
pcase("invoices.create: an unknown error code is kept as sent; the correlation-id comes back as requestId",
      "digiteal.invoices.create", 409, [], body=err_body("DUPLICATE_SOMETHING", "new code", [], "corr-42"),
      error={"kind": "api", "code": "DUPLICATE_SOMETHING", "status": 409, "request_id": "corr-42"})
pcase("invoices.create: a bare 401 (no ErrorMessage body)", "digiteal.invoices.create", 401, [], body="",
      error={"kind": "api", "code": "http_401", "status": 401, "message": None, "request_id": None})

DOCS = [{"comment": "Invoice for May 2019", "fileName": "Invoice1234.pdf", "id": 12, "mediaType": "application/pdf",
         "url": "https://api.digiteal.eu/document/e529f8b4790f11e7b5a5be2e44b06b52", "uuid": UUID}]
pcase("invoices.list_documents: the seed's example", "digiteal.invoices.list_documents", 200,
      [["Content-Type", "application/json"]], body=json.dumps(DOCS, indent=2), output=DOCS)
pcase("invoices.list_documents: a 64-bit id and no documents besides", "digiteal.invoices.list_documents", 200, [],
      body="[{\"id\": 9007199254740993}]",
      output=[{"comment": None, "fileName": None, "id": 9007199254740993, "mediaType": None, "url": None, "uuid": None}])
pcase("invoices.list_documents: an empty body is an empty list", "digiteal.invoices.list_documents", 200, [], body="",
      output=[])

UP = {"uuid": "f00dbabe790f11e7b5a5be2e44b06b52", "status": None, "responseEntity": None}
for op in ["digiteal.invoices.send_document", "digiteal.invoices.send_document_by_internal_id",
           "digiteal.credit_notes.send_document", "digiteal.credit_notes.send_document_by_internal_id"]:
    short = op.split(".", 1)[1]
    pcase(f"{short}: 200 with an empty body (the guide), the document's uuid in a header", op, 200,
          [["uuid", "f00dbabe790f11e7b5a5be2e44b06b52"]], body="", output=UP)
    for status, code, msg in [(400, "BAD_REQUEST", "Some input field is missing or wrong values were provided."),
                              (401, "UNAUTHORIZED_ACCES", "there were no or incorrect credentials provided"),
                              (415, "UNSUPPORTED_MEDIA", "The service only accepts PDF files.")]:
        pcase(f"{short}: {status} {code}", op, status, [["Content-Type", "application/json"]],
              body=err_body(code, msg), error={"kind": "api", "code": code, "status": status, "message": msg})
pcase("credit_notes.send_document: the status header and a ResponseEntity body (the seed)",
      "digiteal.credit_notes.send_document", 200, [["status", "OK"], ["uuid", "f00dbabe790f11e7b5a5be2e44b06b52"]],
      body="{\"body\": null, \"statusCode\": \"OK\", \"statusCodeValue\": 200}",
      output=dict(UP, status="OK", responseEntity={"body": None, "statusCode": "OK", "statusCodeValue": 200}))
pcase("invoices.send_document: a 200 without the uuid header", "digiteal.invoices.send_document", 200, [], body="",
      error={"kind": "decode", "code": "decode", "field": "uuid"})

pcase("credit_notes.create: a PNG and the uuid header", "digiteal.credit_notes.create", 200,
      [["Content-Type", "image/png"], ["uuid", UUID]], body_hex=PNG_HEX,
      output={"uuid": UUID, "image": {"mediaType": "image/png", "bytes": PNG}, "qrText": None, "epc": None, "epcError": None})
pcase("credit_notes.create: an empty body (the guide)", "digiteal.credit_notes.create", 200, [["uuid", UUID]], body="",
      output={"uuid": UUID, "image": None, "qrText": None, "epc": None, "epcError": None})
pcase("credit_notes.create: QR_TEXT", "digiteal.credit_notes.create", 200, [["Content-Type", "text/plain"], ["uuid", UUID]],
      body=EPC, output={"uuid": UUID, "image": None, "qrText": EPC, "epc": EPC_OUT, "epcError": None})
pcase("credit_notes.create: 400 BAD_REQUEST", "digiteal.credit_notes.create", 400, [],
      body=err_body("BAD_REQUEST", "invoiceUUID unknown", ["invoiceUUID"]),
      error={"kind": "api", "code": "BAD_REQUEST", "status": 400, "message": "invoiceUUID unknown"})

PAY_H = [["Content-Type", "image/png"], ["payment-url-intent", "intent://pay/abc#Intent;scheme=digiteal;end"],
         ["payment-web-url", "https://app.digiteal.eu/#/pay/abc"], ["uuid", UUID]]
PAY_OUT = {"uuid": UUID, "paymentUrlIntent": "intent://pay/abc#Intent;scheme=digiteal;end",
           "paymentWebUrl": "https://app.digiteal.eu/#/pay/abc", "image": {"mediaType": "image/png", "bytes": PNG}}
for op in ["digiteal.payments.create", "digiteal.payments.create_for_invoice"]:
    short = op.split(".", 1)[1]
    pcase(f"{short}: the QR image and the three headers", op, 200, PAY_H, body_hex=PNG_HEX, output=PAY_OUT)
    pcase(f"{short}: 400 (the reference's example)", op, 400, [],
          body=err_body("INVALID_PARAMETER", "Error message", ["string"], "Error message"),
          error={"kind": "api", "code": "INVALID_PARAMETER", "status": 400, "request_id": "Error message"})
pcase("payments.create: no image, no URL headers", "digiteal.payments.create", 200, [["uuid", UUID]], body="",
      output={"uuid": UUID, "paymentUrlIntent": None, "paymentWebUrl": None, "image": None})

AUTOPAY_OUT = {"comment": "A comment", "originBankAccount": "BE40251230861709", "paymentConfirmationDate": "2019-04-15",
               "paymentID": "e529f8b4790f11e7b5a5be2e44b06b52", "paymentRequestDate": "2019-04-30", "status": "EXECUTED"}
pcase("autopay.request: the seed's example", "digiteal.autopay.request", 200, [["Content-Type", "application/json"]],
      body=json.dumps(AUTOPAY_OUT, indent=2), output=AUTOPAY_OUT)
pcase("autopay.request: a status kassa does not know is kept", "digiteal.autopay.request", 200, [],
      body="{\"status\": \"POSTPONED\"}",
      output={"comment": None, "originBankAccount": None, "paymentConfirmationDate": None, "paymentID": None,
              "paymentRequestDate": None, "status": "POSTPONED"})
for status, code, msg in [(400, "INCORRECT_CONTENT", "only correct json is supported"),
                          (400, "MISSING_INPUT_FIELDS", "Missing field: customerInternalId"),
                          (400, "UNSUPPORTED_REQUEST_METHOD", "This service only accepts POST."),
                          (401, "UNAUTHORIZED_ACCES", "There were no or incorrect credentials provided."),
                          (415, "UNSUPPORTED_MEDIA", "POST only consumes application/json"),
                          (415, "FORBIDDEN", "Not allowed to perform this action.")]:
    pcase(f"autopay.request: {status} {code}", "digiteal.autopay.request", status, [["Content-Type", "application/json"]],
          body=err_body(code, msg), error={"kind": "api", "code": code, "status": status, "message": msg})
pcase("autopay.request: a 200 whose body is not JSON", "digiteal.autopay.request", 200, [], body="{\"status\": ",
      error={"kind": "decode", "code": "decode"})

pcase("optin.force: 200 with an empty body (the guide)", "digiteal.optin.force", 200, [], body="",
      output={"responseEntity": None})
pcase("optin.force: 200 with a ResponseEntity (the seed)", "digiteal.optin.force", 200, [["Content-Type", "text/plain"]],
      body="{\"body\": \"done\", \"statusCode\": \"OK\", \"statusCodeValue\": 200}",
      output={"responseEntity": {"body": "done", "statusCode": "OK", "statusCodeValue": 200}})
for status, code, msg in [(400, "BAD_REQUEST", "clientEmail is not a valid email address"),
                          (401, "UNAUTHORIZED_ACCES", "There were no or incorrect credentials provided."),
                          (415, "UNSUPPORTED_MEDIA", "The uploaded document has an unsupported media type.")]:
    pcase(f"optin.force: {status} {code}", "digiteal.optin.force", status, [["Content-Type", "application/json"]],
          body=err_body(code, msg), error={"kind": "api", "code": code, "status": status, "message": msg})

pcase("integrator.company_info: the seed's example", "digiteal.integrator.company_info", 200, [],
      body="{\n  \"status\": \"PROD\",\n  \"vatNumber\": \"BE0000000097\"\n}",
      output={"status": "PROD", "vatNumber": "BE0000000097"})
pcase("integrator.company_info: NONE (named in the description)", "digiteal.integrator.company_info", 200, [],
      body="{\"status\": \"NONE\", \"vatNumber\": \"BE0000000196\"}", output={"status": "NONE", "vatNumber": "BE0000000196"})
pcase("integrator.company_info: 404 (the reference's example)", "digiteal.integrator.company_info", 404, [],
      body=err_body("INVALID_PARAMETER", "Error message", ["string"], "Error message"),
      error={"kind": "api", "code": "INVALID_PARAMETER", "status": 404, "message": "Error message"})
pcase("integrator.person_info: the seed's example", "digiteal.integrator.person_info", 200, [],
      body="{\n  \"email\": \"john.doe@yopmail.com\",\n  \"status\": \"OK\"\n}",
      output={"email": "john.doe@yopmail.com", "status": "OK"})
pcase("integrator.person_info: 500", "digiteal.integrator.person_info", 500, [],
      body=err_body("GENERAL", "Internal server error occured"),
      error={"kind": "api", "code": "GENERAL", "status": 500})

pcase("qr.slip_image: a PNG, status 0 (OK)", "digiteal.qr.slip_image", 200, [["Content-Type", "image/png"], ["status", "0"]],
      body_hex=PNG_HEX, output={"image": {"mediaType": "image/png", "bytes": PNG}, "status": "0", "ok": True})
pcase("qr.slip_image: status 1 (not OK)", "digiteal.qr.slip_image", 200, [["Content-Type", "image/png"], ["status", "1"]],
      body_hex=PNG_HEX, output={"image": {"mediaType": "image/png", "bytes": PNG}, "status": "1", "ok": False})
pcase("qr.slip_image_inline: a JSON string and status 0", "digiteal.qr.slip_image_inline", 200,
      [["Content-Type", "application/json"], ["status", "0"]], body="\"iVBORw0KGgo=\"",
      output={"content": "iVBORw0KGgo=", "status": "0", "ok": True})
pcase("qr.slip_image_inline: a body that is not a JSON string", "digiteal.qr.slip_image_inline", 200, [], body="oops",
      error={"kind": "decode", "code": "decode", "field": "body"})

fixture = {"provider": "digiteal",
           "config": {"username": "digiteal-user-test", "password": "digiteal-pass-test"},
           "build": build, "parse": parse}

# ---- functions (links) ----
cases = []
def fcase(name, fn, kwargs, output=None, error=None):
    c = {"name": name, "fn": fn, "args": [], "kwargs": kwargs}
    if output is not None:
        c["output"] = output
    if error is not None:
        c["error"] = error
    cases.append(c)

def esc(u):
    return u.replace("&", "&amp;")
def btn(img, exe, url):
    return {"url": url, "imageUrl": img, "executeUrl": exe, "html": f"<a href=\"{esc(exe)}\"><img src=\"{esc(img)}\"></a>"}

APP = "https://app.digiteal.eu"
Q = "requesterVAT=BE0406729809&amountInCents=4000&iban=BE72000000001616&language=en&remittanceInfo=Urgency%20Fund"
img = APP + "/api/v1/payment-request/pay-button?" + Q
exe = APP + "/api/v1/payment-request/pay-button/execute?" + Q
kw = {"requesterVAT": "BE0406729809", "amountInCents": 4000, "iban": "BE72000000001616", "language": "en",
      "remittanceInfo": "Urgency Fund"}
fcase("pay_buttons.image_url: the guide's example, URL for URL", "digiteal.pay_buttons.image_url", kw, output=btn(img, exe, img))
fcase("pay_buttons.execute_url: the guide's example, URL for URL, and the HTML snippet", "digiteal.pay_buttons.execute_url",
      kw, output=btn(img, exe, exe))
Q2 = ("requesterVAT=BE0406729809&minAmountInCents=500&maxAmountInCents=50000&suggestedAmountInCents=2000&iban=BE72000000001616"
      "&creditorReference=%2B%2B%2B014%2F1340%2F00443%2B%2B%2B&customerEMail=john.doe@me.com&multiple=true&direct=false"
      "&confirmationURL=https:%2F%2Fshop.example%2Fok%3Forder%3D1%26x%3Dy&errorURL=https:%2F%2Fshop.example%2Fko&type=SVG")
TEST_APP = "https://test.digiteal.eu"
kw2 = {"requesterVAT": "BE0406729809", "minAmountInCents": 500, "maxAmountInCents": 50000, "suggestedAmountInCents": 2000,
       "iban": "BE72000000001616", "creditorReference": "+++014/1340/00443+++", "customerEMail": "john.doe@me.com",
       "multiple": True, "direct": False, "confirmationURL": "https://shop.example/ok?order=1&x=y",
       "errorURL": "https://shop.example/ko", "type": "SVG", "environment": "test"}
img2 = TEST_APP + "/api/v1/payment-request/pay-button?" + Q2
exe2 = TEST_APP + "/api/v1/payment-request/pay-button/execute?" + Q2
fcase("pay_buttons.image_url: a range, a structured reference, redirect URLs encoded, SVG, test environment",
      "digiteal.pay_buttons.image_url", kw2, output=btn(img2, exe2, img2))
kw3 = {"requesterVAT": "BE0406729809", "invoiceUUID": UUID, "baseUrl": "http://127.0.0.1:8080/"}
Q3 = "requesterVAT=BE0406729809&invoiceUUID=" + UUID
img3 = "http://127.0.0.1:8080/api/v1/payment-request/pay-button?" + Q3
exe3 = "http://127.0.0.1:8080/api/v1/payment-request/pay-button/execute?" + Q3
fcase("pay_buttons.execute_url: linked to an invoice (no IBAN, no reference), custom base URL",
      "digiteal.pay_buttons.execute_url", kw3, output=btn(img3, exe3, exe3))
fcase("pay_buttons.image_url: amountInCents never with min/max/suggested", "digiteal.pay_buttons.image_url",
      dict(kw, suggestedAmountInCents=5000), error={"code": "invalid_params", "field": "suggestedAmountInCents"})
fcase("pay_buttons.image_url: requesterVAT is required", "digiteal.pay_buttons.image_url",
      {k: v for k, v in kw.items() if k != "requesterVAT"}, error={"code": "invalid_params", "field": "requesterVAT"})
fcase("pay_buttons.image_url: without invoiceUUID, a reference or a communication", "digiteal.pay_buttons.image_url",
      {k: v for k, v in kw.items() if k != "remittanceInfo"}, error={"code": "invalid_params", "field": "creditorReference"})
fcase("pay_buttons.image_url: without invoiceUUID, the IBAN", "digiteal.pay_buttons.image_url",
      {k: v for k, v in kw.items() if k != "iban"}, error={"code": "invalid_params", "field": "iban"})
fcase("pay_buttons.image_url: type SVG or PNG", "digiteal.pay_buttons.image_url", dict(kw, type="JPG"),
      error={"code": "invalid_params", "field": "type"})
fcase("pay_buttons.execute_url: URLs are absolute", "digiteal.pay_buttons.execute_url", dict(kw, errorURL="ko.html"),
      error={"code": "invalid_params", "field": "errorURL"})

BQ = ("creditorVAT.representation=BE555554325&creditorName=CompanyB&debtorVAT.representation=BE0897227828"
      "&remittanceInfo=18124&creditorEmail=companyB@yopmail.com&creditorIBAN=BE68130191571783&amountInCents=52109&language=EN")
bkw = {"creditorVAT": "BE555554325", "creditorName": "CompanyB", "debtorVAT": "BE0897227828", "remittanceInfo": "18124",
       "creditorEmail": "companyB@yopmail.com", "creditorIBAN": "BE68130191571783", "amountInCents": 52109,
       "language": "EN", "environment": "test"}
bimg = TEST_APP + "/api/v1/payment-request/b2b-pay-button?" + BQ
bexe = TEST_APP + "/api/v1/payment-request/b2b-pay-button/execute?" + BQ
fcase("pay_buttons.b2b_image_url: the guide's example, with the reference's creditorVAT.representation names",
      "digiteal.pay_buttons.b2b_image_url", bkw, output=btn(bimg, bexe, bimg))
fcase("pay_buttons.b2b_execute_url: the guide's example", "digiteal.pay_buttons.b2b_execute_url", bkw,
      output=btn(bimg, bexe, bexe))
BQ2 = ("creditorVAT.representation=BE0406729809&creditorVAT.belgian=true&debtorVAT.representation=FR40303265045"
       "&debtorVAT.belgian=false&creditorReference=RF18539007547034&creditorIBAN=BE68539007547034&amountInCents=100"
       "&currency=EUR&confirmationURL=https:%2F%2Fshop.example%2Fok&cancelURL=https:%2F%2Fshop.example%2Fcancel")
bkw2 = {"creditorVAT": {"representation": "BE0406729809", "belgian": True},
        "debtorVAT": {"representation": "FR40303265045", "belgian": False}, "creditorReference": "RF18539007547034",
        "creditorIBAN": "BE68539007547034", "amountInCents": 100, "currency": "EUR",
        "confirmationURL": "https://shop.example/ok", "cancelURL": "https://shop.example/cancel"}
bimg2 = APP + "/api/v1/payment-request/b2b-pay-button?" + BQ2
bexe2 = APP + "/api/v1/payment-request/b2b-pay-button/execute?" + BQ2
fcase("pay_buttons.b2b_execute_url: VAT numbers as {representation, belgian}, an RF reference",
      "digiteal.pay_buttons.b2b_execute_url", bkw2, output=btn(bimg2, bexe2, bexe2))
fcase("pay_buttons.b2b_image_url: a reference or a communication is required", "digiteal.pay_buttons.b2b_image_url",
      {k: v for k, v in bkw.items() if k != "remittanceInfo"}, error={"code": "invalid_params", "field": "creditorReference"})
fcase("pay_buttons.b2b_image_url: the creditor's IBAN is required", "digiteal.pay_buttons.b2b_image_url",
      {k: v for k, v in bkw.items() if k != "creditorIBAN"}, error={"code": "invalid_params", "field": "creditorIBAN"})
fcase("pay_buttons.b2b_image_url: an RF reference with a wrong checksum", "digiteal.pay_buttons.b2b_image_url",
      dict(bkw2, creditorReference="RF19539007547034"), error={"code": "rf_checksum", "field": "creditorReference"})

fcase("links.company_registration: the guide's parameters, test environment", "digiteal.links.company_registration",
      {"email": "jane@company.be", "vatNumber": "BE0897227828", "integratorID": 1234, "companyName": "Company & Sons",
       "environment": "test"},
      output={"url": "https://test.digiteal.eu/#/register/jane@company.be/?vatNumber=BE0897227828&integratorID=1234&companyName=Company%20%26%20Sons"})
fcase("links.company_registration: neither vatNumber nor companyName: forBusiness=true",
      "digiteal.links.company_registration", {"email": "jane@company.be", "integratorID": "INT-7"},
      output={"url": "https://app.digiteal.eu/#/register/jane@company.be/?integratorID=INT-7&forBusiness=true"})
fcase("links.company_registration: the email is required", "digiteal.links.company_registration",
      {"vatNumber": "BE0897227828"}, error={"code": "invalid_params", "field": "email"})
fcase("links.person_registration: the guide's example (John Doe)", "digiteal.links.person_registration",
      {"email": "john.doe@gmail.com", "firstName": "John", "lastName": "Doe", "integratorID": 1234},
      output={"url": "https://app.digiteal.eu/#/register/john.doe@gmail.com/?firstName=John&lastName=Doe&integratorID=1234"})
fcase("links.person_registration: only the email: the /? stays (the guide)", "digiteal.links.person_registration",
      {"email": "jean+test@exemple.be", "lastName": "Dupont-Lefèvre"},
      output={"url": "https://app.digiteal.eu/#/register/jean%2Btest@exemple.be/?lastName=Dupont-Lef%C3%A8vre"})
fcase("links.person_registration: a malformed email", "digiteal.links.person_registration", {"email": "john"},
      error={"code": "invalid_params", "field": "email"})
fcase("links.person_registration: an unknown environment", "digiteal.links.person_registration",
      {"email": "a@b.be", "environment": "staging"}, error={"code": "unknown_environment", "field": "environment"})

fcase("links.qr_generator: the guide's sample URL with every parameter (except remittanceInfo)",
      "digiteal.links.qr_generator",
      {"creditorName": "Les amis de Demoucelle Parkinson Charity", "bic": "BPOTBEB1", "iban": "BE10000000000404",
       "amount": "12.34", "creditorReference": "014134000443", "email": "support@digiteal.eu", "purpose": "CHAR",
       "purposeName": "Charity", "info": "https://www.scan2pay.info", "dueDate": "2030-12-31", "language": "en",
       "format": "PAYMENT_SLIP_WITH_BANNER"},
      output={"url": "https://app.digiteal.eu/#/qr-generator?creditorName=Les%20amis%20de%20Demoucelle%20Parkinson%20Charity&bic=BPOTBEB1&iban=BE10000000000404&amount=12.34&creditorReference=014134000443&email=support@digiteal.eu&purpose=CHAR&purposeName=Charity&info=https:%2F%2Fwww.scan2pay.info&dueDate=2030-12-31&language=en&format=PAYMENT_SLIP_WITH_BANNER"})
fcase("links.qr_generator: amount from integer cents, remittanceInfo", "digiteal.links.qr_generator",
      {"creditorName": "Red Cross of Belgium", "iban": "BE72000000001616", "amountInCents": 2050,
       "remittanceInfo": "Urgency fund", "format": "QR"},
      output={"url": "https://app.digiteal.eu/#/qr-generator?creditorName=Red%20Cross%20of%20Belgium&iban=BE72000000001616&amount=20.50&remittanceInfo=Urgency%20fund&format=QR"})
fcase("links.qr_generator: the amount is a decimal string, never a float", "digiteal.links.qr_generator",
      {"amount": 12.34}, error={"code": "invalid_params", "field": "amount"})
fcase("links.qr_generator: no thousands separators or decimal commas", "digiteal.links.qr_generator",
      {"amount": "12,34"}, error={"code": "invalid_params", "field": "amount"})
fcase("links.qr_generator: the generator's formats only", "digiteal.links.qr_generator", {"format": "QR_TEXT"},
      error={"code": "invalid_params", "field": "format"})
fcase("links.qr_generator: purpose is 4 capital letters", "digiteal.links.qr_generator", {"purpose": "Charity"},
      error={"code": "invalid_params", "field": "purpose"})

functions = {"cases": cases}

os.makedirs(os.path.join(HERE, "functions"), exist_ok=True)
print(len(build), len(parse), len(cases))

def compact(v, indent=0, width=110):
    one = json.dumps(v, ensure_ascii=False)
    pad = "  " * indent
    if len(one) + len(pad) <= width or not isinstance(v, (dict, list)) or not v:
        return one
    inner = "  " * (indent + 1)
    if isinstance(v, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {compact(x, indent + 1, width)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + compact(x, indent + 1, width) for x in v]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"

with open(os.path.join(HERE, "digiteal.json"), "w") as f:
    f.write(compact(fixture) + "\n")
with open(os.path.join(HERE, "functions", "digiteal.json"), "w") as f:
    f.write(compact(functions) + "\n")
