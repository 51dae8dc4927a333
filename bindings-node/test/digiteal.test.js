// The Digiteal client on `kassa sandbox` (which renders the QR code and keeps what it is sent):
// invoices answered with a PNG or with the EPC text, payment requests, multipart document uploads
// (the boundary drawn by the core) kept on the invoice, Digiteal's error body with its request
// id, the integrator look-up, bad credentials; on the stand-in (tests/server/server.py) a delivery
// method kassa does not know; plus what needs no server: the sans-IO build of an upload and the
// link builders.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, Digiteal, ValidationError, buildRequest, callFunction, digiteal } from '../index.js';
import { assertKassaError, control, rejection, sandboxStats, scenario, stats, tenant } from './helpers.js';

const CREDENTIALS = Object.freeze({ username: 'digiteal-user-test', password: 'digiteal-pass-test' });
const FAST = Object.freeze({ timeout: 5, retry: { initialDelay: 0.01 } });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A minimal PDF document: the server checks the `%PDF` signature of the uploaded part. */
/** What the sandbox answers an upload with (Spring's `ResponseEntity`). */
const RESPONSE_ENTITY = Object.freeze({ body: null, statusCode: 'OK', statusCodeValue: 200 });
const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A Digiteal client on a fresh scenario. */
async function client(credentials = CREDENTIALS) {
  const { baseUrl, token } = await scenario('ok');
  return { client: new Digiteal({ ...credentials, ...FAST, baseUrl }), token };
}

/** A Digiteal client in a fresh sandbox tenant. */
async function onSandbox() {
  const { baseUrl, tenant: name } = await tenant('digiteal');
  return { client: new Digiteal({ ...CREDENTIALS, ...FAST, baseUrl }), tenant: name, baseUrl };
}

/** The invoice the sandbox keeps under `uuid` (32 hex digits it made). */
async function heldInvoice(name, uuid) {
  assert.match(uuid, /^[0-9a-f]{32}$/);
  return (await control(name, '/digiteal/invoices'))[uuid];
}

/** The creditor the sandbox writes in its EPC payloads. */
const EPC_NAME = 'Kassa Sandbox';

/** Invoice params the core accepts (a customer id and a reference are required). */
const invoice = (extra = {}) => ({
  invoiceInternalId: 'INV-1',
  customerInternalId: 'CUST-9',
  amountInCents: 1234,
  iban: 'BE68539007547034',
  remittanceInfo: 'Invoice INV-1',
  ...extra,
});

/** Asserts `image` is the server's PNG, as bytes (a Uint8Array, not an array of bigints). */
function assertPng(image) {
  assert.ok(image, 'no image');
  assert.equal(image.mediaType, 'image/png');
  assert.ok(image.bytes instanceof Uint8Array, inspect(image.bytes).slice(0, 80));
  assert.deepEqual([...image.bytes.subarray(0, 8)], PNG_SIGNATURE);
  assert.ok(image.bytes.length > 50);
}

describe('Digiteal against the sandbox', () => {
  test('invoices.create: the PNG as bytes, uuid, deliveryMethod, optedIn, autoPaymentDate', async () => {
    const { client: dig, tenant: name } = await onSandbox();
    // An SDD transfer set up auto payment on the due date for the customer.
    await dig.sdd.transferPerson({ debtor: { email: 'jane@optin.test' }, debtorIBAN: 'BE36251230861781', customerInternalId: 'CUST-9', configuration: { executionType: 'DUE_DATE' } });
    const optedIn = await dig.invoices.create(invoice({ customerEmail: 'jane@optin.test', dueDate: '2030-01-31' }));
    assertPng(optedIn.image);
    const held = await heldInvoice(name, optedIn.uuid);
    assert.deepEqual([held.request.invoiceInternalId, held.auto_payment_date], ['INV-1', '31/01/2030']);
    assert.deepStrictEqual(
      { ...optedIn, image: null },
      { uuid: optedIn.uuid, deliveryMethod: 'S2P', optedIn: true, autoPaymentDate: '2030-01-31', debtorId: 'CUST-9', image: null, qrText: null, epc: null, epcError: null },
    );
    const notOptedIn = await dig.invoices.create(invoice({ invoiceInternalId: 'INV-2', customerInternalId: 'CUST-10', customerEmail: 'joe@mail.test' }));
    assertPng(notOptedIn.image);
    assert.equal((await heldInvoice(name, notOptedIn.uuid)).request.invoiceInternalId, 'INV-2');
    assert.equal(notOptedIn.deliveryMethod, null);
    assert.equal(notOptedIn.optedIn, false);
    assert.equal(notOptedIn.autoPaymentDate, null);
    // A creation is sent once (never retried blindly).
    assert.equal((await sandboxStats(name)).requests, 3);
  });

  test('invoices.create with format QR_TEXT: the EPC text and its parsed payment', async () => {
    const { client: dig, tenant: name } = await onSandbox();
    const created = await dig.invoices.create(invoice({ format: 'QR_TEXT', amountInCents: 4205n, creditorReference: 'RF18539007547034', remittanceInfo: null }));
    assert.equal(created.image, null);
    assert.equal((await heldInvoice(name, created.uuid)).request.invoiceInternalId, 'INV-1');
    assert.equal(created.qrText, `BCD\n002\n1\nSCT\n\n${EPC_NAME}\nBE68539007547034\nEUR42.05\n\nRF18539007547034`);
    assert.equal(created.epcError, null);
    assert.deepStrictEqual(created.epc, {
      version: '002',
      charset: 1,
      identification: 'SCT',
      bic: null,
      name: EPC_NAME,
      iban: 'BE68539007547034',
      amount: '42.05',
      amount_cents: 4205,
      purpose: null,
      reference: 'RF18539007547034',
      text: null,
      information: null,
      tolerated: [],
    });
  });

  test('payments.create: the PNG and both payment URLs', async () => {
    const { client: dig, tenant: name, baseUrl } = await onSandbox();
    const payment = await dig.payments.create({
      amountInCents: 500,
      iban: 'BE68539007547034',
      remittanceInfo: 'Donation',
      confirmationURL: 'https://shop.test/ok',
      errorURL: 'https://shop.test/error',
    });
    assertPng(payment.image);
    assert.ok(payment.uuid in (await control(name, '/state')).digiteal.payment_requests);
    assert.deepStrictEqual(
      { ...payment, image: null },
      { uuid: payment.uuid, paymentUrlIntent: `${baseUrl}/pay/${payment.uuid}?intent=true`, paymentWebUrl: `${baseUrl}/pay/${payment.uuid}`, image: null },
    );
  });

  test('sendDocument: a multipart upload of bytes (no boundary given) the sandbox parses and keeps', async () => {
    const { client: dig, tenant: name, baseUrl } = await onSandbox();
    const created = await dig.invoices.create(invoice());
    const uploaded = await dig.invoices.sendDocument({ uuid: created.uuid, document: PDF, name: 'INV-1.pdf', comment: 'the invoice' });
    assert.deepStrictEqual(uploaded, { uuid: (await heldInvoice(name, created.uuid)).documents[0], status: '0', responseEntity: RESPONSE_ENTITY });
    assert.notEqual(uploaded.uuid, created.uuid);
    // The sandbox read the parts: the document it serves is the bytes sent.
    const served = await fetch(`${baseUrl}/document/${uploaded.uuid}`);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), PDF);
    // A Buffer, the by-internal-id upload and the credit note uploads reach the sandbox the same way.
    const byId = await dig.invoices.sendDocumentByInternalId({ billId: 'INV-1', document: Buffer.from(PDF) });
    assert.deepEqual((await heldInvoice(name, created.uuid)).documents, [uploaded.uuid, byId.uuid]);
    const note = await dig.creditNotes.create({ invoiceUUID: created.uuid, creditNoteInternalId: 'CN-1', amountInCents: 234 });
    const onNote = await dig.creditNotes.sendDocument({ uuid: note.uuid, document: PDF });
    const byNoteId = await dig.creditNotes.sendDocumentByInternalId({ creditNoteId: 'CN-1', document: PDF.buffer });
    const heldNote = (await control(name, '/state')).digiteal.credit_notes[note.uuid];
    assert.deepEqual(heldNote.documents, [onNote.uuid, byNoteId.uuid]);
    // The sandbox reads the document part: bytes that are no PDF are refused, and not kept.
    const refused = await rejection(dig.invoices.sendDocument({ uuid: created.uuid, document: new Uint8Array([1, 2, 3]) }));
    assertKassaError(refused, { kind: 'api', code: 'UNSUPPORTED_MEDIA', status: 415 });
    const unknown = await rejection(dig.invoices.sendDocument({ uuid: 'f'.repeat(32), document: PDF }));
    assertKassaError(unknown, { kind: 'api', code: 'INVALID_PARAMETER', status: 404 });
    assert.equal((await heldInvoice(name, created.uuid)).documents.length, 2);
    assert.equal((await sandboxStats(name)).requests, 9, 'eight calls and the document fetched');
  });

  test('an error answer: ApiError with the Digiteal code and the request id', async () => {
    // The sandbox's ErrorMessage for a state it holds: an invoiceInternalId already PUBLISHED. (Its
    // INVOICE_INFORMATION_MISSING cannot be reached through a client: the core refuses an invoice
    // without a reference before sending.)
    const { client: dig, tenant: name } = await onSandbox();
    const first = await dig.invoices.create(invoice());
    const withId = await rejection(dig.invoices.create(invoice({ amountInCents: 999, correlationId: 'corr-42' })));
    assert.ok(withId instanceof ApiError);
    assertKassaError(withId, { kind: 'api', code: 'INVOICE_PUBLISHED', status: 400, request_id: 'corr-42', message: 'Invoices that are flagged as PUBLISHED cannot be updated' });
    assert.equal(withId.providerCode, 'INVOICE_PUBLISHED');
    const body = JSON.parse(new TextDecoder().decode(withId.body));
    assert.deepEqual([body.errorCode, body.errorSubjects, body.requestId], ['INVOICE_PUBLISHED', ['invoiceInternalId'], 'corr-42']);
    // Without a correlation id: the request id the sandbox wrote in its ErrorMessage.
    const withoutId = await rejection(dig.invoices.create(invoice()));
    const written = JSON.parse(new TextDecoder().decode(withoutId.body)).requestId;
    assert.ok(written && written !== 'corr-42', written);
    assertKassaError(withoutId, { kind: 'api', code: 'INVOICE_PUBLISHED', request_id: written });
    const held = await control(name, '/digiteal/invoices');
    assert.deepEqual(Object.keys(held), [first.uuid]);
    assert.equal(held[first.uuid].request.amountInCents, 1234n, 'not updated');
  });

  test('bad credentials: a 401 whose message holds no password', async () => {
    const { baseUrl } = await tenant('digiteal');
    const dig = new Digiteal({ username: 'digiteal-user-test', password: 'wrong-pass-not-printed-7731', ...FAST, baseUrl });
    const error = await rejection(dig.integrator.companyInfo({ vatNumber: 'BE0897227828' }));
    assertKassaError(error, { kind: 'api', code: 'UNAUTHORIZED_ACCES', status: 401 }); // the sandbox runs --strict
    for (const text of [error.message, inspect(error), String(dig), inspect(dig), JSON.stringify(dig)]) {
      assert.ok(!text.includes('wrong-pass-not-printed-7731'), text);
    }
  });

  test('integrator.companyInfo: the status the sandbox holds; call() reaches any Digiteal id', async () => {
    const { client: dig, tenant: name } = await onSandbox();
    assert.deepStrictEqual(await dig.integrator.companyInfo({ vatNumber: 'BE0897227828' }), { status: 'NOT_FOUND', vatNumber: 'BE0897227828' });
    const company = { vatNumber: 'BE0897227828', companyName: 'Kassa Test', creationDate: '2012-12-31', contactPerson: { email: 'ops@kassa.test' } };
    assert.equal((await dig.kyc.registerCompany({ customerCompany: company })).status, 'NOT_ACTIVATED');
    assert.deepStrictEqual(await dig.call('digiteal.integrator.company_info', { vatNumber: 'BE0897227828' }), { status: 'NOT_ACTIVATED', vatNumber: 'BE0897227828' });
    await control(name, '/digiteal/companies/BE0897227828/activate', {});
    const held = (await control(name, '/state')).digiteal.companies.BE0897227828;
    assert.equal(held.status, 'PROD');
    assert.deepStrictEqual(await dig.integrator.companyInfo({ vatNumber: 'BE0897227828' }), { status: held.status, vatNumber: 'BE0897227828' });
  });

  test('bad params reject before anything is sent, naming the field', async () => {
    const { client: dig, tenant: name } = await onSandbox();
    assertKassaError(await rejection(dig.invoices.create(invoice({ customerInternalId: undefined }))), { kind: 'validation', code: 'invalid_params', field: 'customerInternalId' });
    assertKassaError(await rejection(dig.invoices.create(invoice({ amountInCents: 12.5 }))), { kind: 'validation', code: 'invalid_params', field: 'amountInCents' });
    assertKassaError(await rejection(dig.invoices.sendDocument({ uuid: 'u', document: [1, 300] })), { kind: 'validation', code: 'invalid_params', field: 'document[1]' });
    assertKassaError(await rejection(dig.invoices.create(invoice({ unknownField: 1 }))), { kind: 'validation', code: 'invalid_params', field: 'unknownField' });
    assertKassaError(await rejection(dig.call('billit.identification.start', {})), { kind: 'validation', code: 'unknown_operation' });
    assert.equal((await sandboxStats(name)).requests, 0);
  });
});

describe('Digiteal against the stand-in', () => {
  test('a delivery method kassa does not know is kept', async () => {
    const { client: dig, token } = await client();
    const notOptedIn = await dig.invoices.create(invoice({ invoiceInternalId: 'INV-2', customerEmail: 'joe@mail.test' }));
    assertPng(notOptedIn.image);
    assert.equal(notOptedIn.uuid, 'inv-INV-2');
    assert.equal(notOptedIn.deliveryMethod, 'EMAIL'); // an unknown value is kept
    assert.equal(notOptedIn.optedIn, false);
    assert.equal(notOptedIn.autoPaymentDate, null);
    assert.equal((await stats(token)).requests, 1);
  });

  test('the client: no identity flow, credentials never printed, anonymous allowed', () => {
    const dig = new Digiteal({ ...CREDENTIALS, password: 'secret-pass-3310' });
    assert.equal(dig.provider, 'digiteal');
    assert.equal(dig.identity, undefined);
    for (const text of [String(dig), inspect(dig), JSON.stringify(dig)]) assert.ok(!text.includes('secret-pass-3310'), text);
    assert.equal(new Digiteal().provider, 'digiteal');
    assertKassaError(
      (() => {
        try {
          return new Digiteal({ ...CREDENTIALS, environment: 'staging' });
        } catch (e) {
          return e;
        }
      })(),
      { kind: 'validation', code: 'unknown_environment', field: 'environment' },
    );
  });
});

describe('Digiteal without IO', () => {
  test('buildRequest of an upload: bytes in, the caller\'s boundary or a random one', () => {
    const config = CREDENTIALS;
    const params = { uuid: 'u-1', document: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]), fileName: 'a.pdf' };
    // Without a boundary, buildRequest draws one (issue 8): a fresh one each time.
    const boundaries = [1, 2].map(() => {
      const [, boundary] = buildRequest('digiteal.invoices.send_document', params, config).headers.find(([n]) => n === 'Content-Type')[1].split('boundary=');
      assert.match(boundary, /^kassa-[0-9a-f]{28}$/);
      return boundary;
    });
    assert.notEqual(boundaries[0], boundaries[1]);
    assert.throws(() => buildRequest('digiteal.invoices.send_document', { ...params, boundary: 'a b' }, config), (e) => e instanceof ValidationError && e.field === 'boundary');
    const request = buildRequest('digiteal.invoices.send_document', { ...params, boundary: 'XyZ' }, config);
    assert.ok(request.headers.some(([n, v]) => n === 'Content-Type' && v === 'multipart/form-data; boundary=XyZ'));
    const body = Buffer.from(request.body);
    // The document's bytes are in the body as given (not UTF-8 re-encoded).
    assert.ok(body.includes(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0x79, 0x5a, 0x2d, 0x2d])), body.toString('latin1'));
    assert.match(body.toString('latin1'), /filename="a\.pdf"/);
    assert.equal(JSON.stringify(request).includes('digiteal-pass-test'), false);
  });

  test('link builders: one params object, the same as callFunction with keyword arguments', () => {
    const params = { requesterVAT: 'BE0406729809', amountInCents: 4000n, iban: 'BE72000000001616', language: 'en', remittanceInfo: 'Urgency Fund' };
    const links = digiteal.payButtons.imageUrl(params);
    assert.deepStrictEqual(links, callFunction('digiteal.pay_buttons.image_url', [], params));
    assert.equal(links.url, links.imageUrl);
    assert.match(links.executeUrl, /\/pay-button\/execute\?requesterVAT=BE0406729809&amountInCents=4000&/);
    assert.match(links.html, /^<a href="[^"]+&amp;[^"]+"><img src="[^"]+"><\/a>$/);
    assert.equal(digiteal.payButtons.executeUrl(params).url, links.executeUrl);
    const link = digiteal.links.qrGenerator({ amountInCents: 1234, baseUrl: 'https://digiteal.example' });
    assert.deepStrictEqual(link, { url: 'https://digiteal.example/#/qr-generator?amount=12.34' });
    assertKassaError(
      (() => {
        try {
          return digiteal.links.personRegistration({ firstName: 'Jane' });
        } catch (e) {
          return e;
        }
      })(),
      { kind: 'validation', code: 'invalid_params', field: 'email' },
    );
  });
});
