// The Digiteal onboarding and network operations (issue 10) through the Node client, on
// `kassa sandbox` (what it holds read through its control endpoints): KYC pre-registration,
// contracts and documents, SDD transfers, PEPPOL (recipient check, sending, registrations), the
// webhook configuration; on the stand-in (what the sandbox does not do, tests/README.md): trusted
// payments' `transferIDx64` and a recipient on a retired document type; and the resend of an
// invoice creation whose answer was lost (issue 9, on the sandbox's resetonce scenario).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, DecodeError, Digiteal, NotFoundError, TransportError, ValidationError } from '../index.js';
import { assertKassaError, control, rejection, sandbox, sandboxStats, scenario, stats, tenant } from './helpers.js';

const CREDENTIALS = { username: 'digiteal-user-test', password: 'digiteal-pass-test' };
const BIG_ID = 9007199254740993n;

async function digiteal(name = 'ok', options = {}) {
  const { baseUrl, token } = await scenario(name);
  return { dig: new Digiteal({ ...CREDENTIALS, baseUrl, timeout: 5, retry: { initialDelay: 0.01 }, ...options }), token };
}

/** A Digiteal client in a fresh sandbox tenant, and the tenant's name. */
async function onSandbox() {
  const { baseUrl, tenant: name } = await tenant('digiteal');
  return { dig: new Digiteal({ ...CREDENTIALS, baseUrl, timeout: 5, retry: { initialDelay: 0.01 } }), tenant: name };
}

/** What the sandbox holds for Digiteal in `name` (its control endpoint `/state`). */
const held = async (name) => (await control(name, '/state')).digiteal;

const COMPANY = {
  customerCompany: { vatNumber: 'BE0000000097', companyName: 'Your Telecom', creationDate: '2012-12-31', contactPerson: { email: 'john.doe@gmail.com', language: 'FR' } },
  contractApproval: { approvalDate: '2019-11-30', ipAddress: '203.0.113.7' },
};

describe('Digiteal KYC and SDD', () => {
  test('register a company and a person; contracts with a 64-bit id; a date that does not exist', async () => {
    const { dig, tenant: name } = await onSandbox();
    assert.deepStrictEqual(await dig.kyc.registerCompany(COMPANY), { status: 'NOT_ACTIVATED', vatNumber: 'BE0000000097' });
    assert.equal((await held(name)).companies.BE0000000097.status, 'NOT_ACTIVATED');
    const person = await dig.kyc.registerPerson({ customerPerson: { email: 'jane@known.test' } });
    assert.deepStrictEqual(person, { email: 'jane@known.test', status: (await held(name)).persons['jane@known.test'].status });
    assert.equal(person.status, 'OK', 'a known.test address finished KYC already');
    const contracts = await dig.kyc.companyContracts({ language: 'FR' });
    assert.equal(contracts[0].id, BIG_ID);
    assert.equal(typeof contracts[0].id, 'bigint');
    assert.equal(contracts[0].language, 'fr');
    assert.deepEqual(contracts.map((c) => c.id), [BIG_ID, BIG_ID + 1n, BIG_ID + 2n]);
    assert.equal(JSON.parse(JSON.stringify(contracts))[0].id, '9007199254740993');
    assert.equal((await dig.kyc.personContracts()).length, 2);
    const sent = (await sandboxStats(name)).requests;
    const bad = { ...COMPANY, contractApproval: { ...COMPANY.contractApproval, approvalDate: '2019-11-31' } };
    assertKassaError(await rejection(dig.kyc.registerCompany(bad)), { kind: 'validation', code: 'invalid_params', field: 'contractApproval.approvalDate' });
    assert.equal((await sandboxStats(name)).requests, sent, 'refused before sending');
    const blank = { ...COMPANY, customerCompany: { ...COMPANY.customerCompany, companyName: ' ' } };
    assertKassaError(await rejection(dig.kyc.registerCompany(blank)), { kind: 'validation', code: 'invalid_params', field: 'customerCompany.companyName' });
    assert.equal((await sandboxStats(name)).requests, sent, 'refused before sending');
    // Registered again under another name: the status held is kept, the company updated.
    const renamed = { ...COMPANY, customerCompany: { ...COMPANY.customerCompany, companyName: 'Your Telecom 2' } };
    assert.deepStrictEqual(await dig.kyc.registerCompany(renamed), { status: 'NOT_ACTIVATED', vatNumber: 'BE0000000097' });
    assert.equal((await held(name)).companies.BE0000000097.company.companyName, 'Your Telecom 2');
  });

  test('upload_document: PDF and JPEG bytes (Uint8Array, Buffer) in a multipart body the sandbox parses and keeps', async () => {
    const { dig, tenant: name } = await onSandbox();
    assert.equal((await dig.kyc.registerCompany(COMPANY)).status, 'NOT_ACTIVATED'); // john.doe@gmail.com is its contact
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), 0x00, 0xff, 0x0d, 0x0a, ...new TextEncoder().encode('--x\r\n%%EOF')]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const first = await dig.kyc.uploadDocument({ document: pdf, email: 'john.doe@gmail.com', name: 'id.pdf', requesterVAT: 'BE0000000097', type: 'ID' });
    const second = await dig.kyc.uploadDocument({ document: jpeg, email: 'john.doe@gmail.com', type: 'SELFIE_WITH_ID' });
    const { documents } = await held(name);
    for (const [answer, media, kind] of [[first, 'application/pdf', 'ID'], [second, 'image/jpeg', 'SELFIE_WITH_ID']]) {
      assert.ok(answer, 'the sandbox answers an upload');
      const kept = documents[answer.uuid];
      assert.deepEqual([answer.mediaType, kept.media_type, kept.kind, kept.owner], [media, media, kind, 'kyc:john.doe@gmail.com']);
      assert.equal(BigInt(answer.id), BigInt(kept.id));
    }
    assert.equal(first.fileName, 'id.pdf');
    const requests = (await control(name, '/requests')).filter((r) => r.path.endsWith('/kyc/document'));
    assert.ok(requests[0].body_hex.includes('00ff0d0a'), 'the bytes were sent as bytes');
    assert.ok(requests[1].body_hex.includes('ffd8ffe000104a464946'));
    assertKassaError(await rejection(dig.kyc.uploadDocument({ document: 'plain text', email: 'john.doe@gmail.com', type: 'BY_LAWS', mediaType: 'image/png' })), { kind: 'api', code: 'UNSUPPORTED_MEDIA', status: 415 });
    assertKassaError(await rejection(dig.kyc.uploadDocument({ document: pdf, email: 'nobody@kassa.test', type: 'ID' })), { kind: 'api', code: 'INVALID_PARAMETER', status: 404 });
    assert.equal(Object.keys((await held(name)).documents).length, 2);
    // Anything but bytes or text is refused, naming the field.
    for (const document of [5, { a: 1 }, [1, 256], new Date()]) {
      const error = await rejection(dig.kyc.uploadDocument({ document, email: 'a@b.test', type: 'ID' }));
      assert.ok(error instanceof ValidationError && error.field.startsWith('document'), String(error));
    }
  });

  test('SDD: thresholdInCents 9007199254740993 is sent exactly (a bigint); its echo is a DecodeError, never rounded', async () => {
    const { dig, tenant: name } = await onSandbox();
    const person = { debtor: { email: 'jane.doe@example.be' }, debtorIBAN: 'BE36251230861781', customerInternalId: 'C-7', configuration: { executionType: 'DUE_DATE', periodicity: 'YEAR', thresholdInCents: 9007199254740993n } };
    const error = await rejection(dig.sdd.transferPerson(person));
    assert.ok(error instanceof DecodeError, String(error));
    assert.equal(error.field, 'thresholdInCents');
    assert.match((await control(name, '/requests'))[0].body, /"thresholdInCents":9007199254740993\b/);
    assert.equal((await held(name)).autopay['digiteal-user-test/C-7'].thresholdInCents, 9007199254740993n, 'held exactly');
    // Within 2^53 it is a number.
    const safe = await dig.sdd.transferPerson({ ...person, configuration: { ...person.configuration, thresholdInCents: 9007199254740991 } });
    assert.deepStrictEqual(safe, { currency: 'EUR', executionType: 'DUE_DATE', periodicity: 'YEAR', thresholdInCents: 9007199254740991 });
    const config = (await held(name)).autopay['digiteal-user-test/C-7']; // integers parsed as bigints
    assert.deepEqual({ ...config, thresholdInCents: Number(config.thresholdInCents) }, safe);
    const company = await dig.sdd.transferCompany({ debtor: { vatNumber: 'BE0000000097', companyName: 'Your Telecom', creationDate: '2012-12-31', contactPerson: { email: 'john.doe@gmail.com' } }, configuration: { thresholdInCents: 100000 } });
    assert.deepEqual([company.executionType, company.thresholdInCents], ['IMMEDIATE', 100000]);
    assert.equal((await held(name)).companies.BE0000000097.registeredBy, 'digiteal-user-test');
  });
});

const SBD = (receiver) => `<?xml version="1.0" encoding="UTF-8"?>
<sh:StandardBusinessDocument xmlns:sh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"><sh:StandardBusinessDocumentHeader><sh:HeaderVersion>1.0</sh:HeaderVersion><sh:Sender><sh:Identifier Authority="iso6523-actorid-upis">0208:0123456749</sh:Identifier></sh:Sender><sh:Receiver><sh:Identifier Authority="iso6523-actorid-upis">${receiver}</sh:Identifier></sh:Receiver></sh:StandardBusinessDocumentHeader><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/></sh:StandardBusinessDocument>`;

describe('Digiteal PEPPOL', () => {
  test('PEPPOL first: check the recipient, send, register twice, get, list, unregister twice', async () => {
    const { dig, tenant: name } = await onSandbox();
    // The sandbox's network: the seed's participant (BIS Billing 3.0 invoices and credit notes).
    const bis3 = await dig.peppol.checkRecipient({ identifier: '0208:0630675588' });
    assert.deepEqual([bis3.inPeppol, bis3.recommendation, bis3.canReceiveInvoice, bis3.canReceiveCreditNote], [true, 'peppol', true, true]);
    const unknown = await dig.peppol.checkRecipient({ identifier: '9925:be0897227828' });
    assert.deepEqual([unknown.inPeppol, unknown.recommendation], [false, 'digiteal']);

    assert.deepStrictEqual(await dig.peppol.sendDocument({ document: SBD('0208:0630675588'), comment: 'INV-1' }), { message: 'All clear !', status: 'OK', ok: true });
    assertKassaError(await rejection(dig.peppol.sendDocument({ document: new TextEncoder().encode(SBD('0208:0897227828')) })), { kind: 'api', code: 'RECIPIENT_NOT_IN_PEPPOL', status: 400 });

    const registration = { peppolIdentifier: '0208:0897227828', contactPerson: { email: 'john.doe@gmail.com', language: 'NL' } };
    assert.equal((await dig.peppol.registerParticipant(registration)).ok, true);
    assertKassaError(await rejection(dig.peppol.registerParticipant(registration)), { kind: 'api', code: 'REGISTER_ALREADY_REGISTERED_TO_DIGITEAL', status: 400 });
    const kept = (await held(name)).participants['0208:0897227828'];
    const got = await dig.peppol.getParticipant({ identifier: '0208:0897227828' });
    const today = (await control(name, '/clock')).now.slice(0, 10); // the tenant's clock
    assert.deepEqual([got.registrationDate, got.contactPerson.language], [today, 'NL']);
    assert.equal(got.registrationDate, kept.body.registrationDate);
    const listed = await dig.peppol.listParticipants();
    assert.deepEqual([listed.participants.map((p) => p.peppolIdentifier), listed.responseEntity.statusCodeValue], [['0208:0897227828'], 200]);
    // Registered, it is in the network: a document sent to it arrives.
    assert.equal((await dig.peppol.checkRecipient({ identifier: '0208:0897227828' })).recommendation, 'peppol');
    assert.equal((await dig.peppol.sendDocument({ document: SBD('0208:0897227828') })).ok, true);
    assert.equal((await dig.peppol.unregisterParticipant({ identifier: '0208:0897227828' })).status, 'OK');
    assert.deepEqual((await held(name)).participants, {});
    assertKassaError(await rejection(dig.peppol.unregisterParticipant({ identifier: '0208:0897227828' })), { kind: 'api', code: 'NOT_REGISTERD_TO_CALLER', status: 400 });
    assert.ok((await rejection(dig.peppol.getParticipant({ identifier: '0208:0897227828' }))) instanceof NotFoundError);
  });

  test('a recipient that only receives PEPPOL BIS 4A (retired): in PEPPOL, sent with Digiteal (the stand-in\'s network)', async () => {
    const { dig } = await digiteal();
    const bis4a = await dig.peppol.checkRecipient({ identifier: '0208:0123456749' });
    assert.deepEqual([bis4a.inPeppol, bis4a.canReceiveInvoice, bis4a.recommendation], [true, false, 'digiteal']);
  });
});

/** A payment tree `depth` levels deep: two payments per level but the deepest. */
function paymentTree(depth) {
  let node = { amountInCents: 100, benificiary: 'leaf', latestProposalAmountInCents: 9007199254740993n };
  for (let level = depth - 1; level >= 1; level--) node = { amountInCents: 100 * level, beneficiary: `level ${level}`, subPayments: [node, { amountInCents: 1 }] };
  return node;
}

describe('Digiteal trusted payments and webhooks', () => {
  test('a 32-level payment tree, 33 refused, update, execute; time-based percentages as decimals', async () => {
    const { dig, token } = await digiteal();
    const transfer = { projectName: 'Corvette', hidePaymentDetails: true, actors: [{ type: '_3RD_PARTY', digitealIdentifier: BIG_ID, decide: true }], transferPayments: [paymentTree(32)] };
    const created = await dig.transfers.createConfirmationBased(transfer);
    assert.deepEqual([created.transferIDx64, created.transferID], ['payments=63;depth=32', 'e529f8b4790f11e7b5a5be2e44b06b52']);
    assert.equal(await dig.transfers.updateConfirmationBased({ ...transfer, uuid: created.transferID }), null);
    assertKassaError(await rejection(dig.transfers.updateConfirmationBased({ ...transfer, uuid: '00000000000000000000000000000000' })), { kind: 'api', code: 'INVALID_PARAMETER', status: 404 });
    const sent = (await stats(token)).requests;
    const deep = await rejection(dig.transfers.createConfirmationBased({ ...transfer, transferPayments: [paymentTree(33)] }));
    assert.ok(deep instanceof ValidationError, String(deep));
    assert.match(deep.field, /^transferPayments\[0\](\.subPayments\[0\])+/);
    assert.equal((await stats(token)).requests, sent);
    assert.equal(await dig.transfers.execute({ transferID: created.transferID, validate: true, comment: 'Glad to participate !' }), null);
    const timeBased = {
      amountInCents: 20000000, minimumAmountInCents: 10000000, endDate: '31/12/2027', projectName: 'Crowd-lending',
      creditorPayments: [
        { creditorIBAN: 'BE36251230861781', percentage: 33.3333 },
        { creditorIBAN: 'BE68539007547034', percentage: '33.3333' },
        { creditorIBAN: 'BE72000000001616', percentage: 33.3334 },
      ],
    };
    assert.equal((await dig.transfers.createTimeBased(timeBased)).transferIDx64, 'creditors=3;total=100.0000');
    assert.equal(await dig.transfers.updateTimeBased({ ...timeBased, uuid: 'e529f8b4-790f-11e7-b5a5-be2e44b06b52' }), null);
  });

  test('webhook configuration: set, upsert, credentials, get (password redacted), delete twice, the placeholder refused', async () => {
    const { dig, tenant: name } = await onSandbox();
    const hooks = [{ type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/myApp/paymentInitiated' }, { type: 'TRANSFER_PAYMENT_RECEIVED', url: 'mailto:ops@myIntegrator.com' }];
    assert.equal(await dig.webhooks.setConfiguration({ login: 'hook-user', password: 'hook-pass-42', vatNumber: 'BE0000000097', webHooks: hooks }), null);
    assert.equal(await dig.webhooks.upsert({ type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/v2/paymentInitiated' }), null);
    assert.equal(await dig.webhooks.setCredentials({ login: 'hook-user-2', password: 'hook-pass-43' }), null);
    const conf = await dig.webhooks.getConfiguration();
    const kept = (await held(name)).webhooks[CREDENTIALS.username];
    assert.deepEqual([conf.login, kept.login, conf.password], ['hook-user-2', 'hook-user-2', 'NotProvidedForSecurityReasons']);
    assert.deepEqual([conf.vatNumber, kept.vat_number], ['BE0000000097', 'BE0000000097']);
    // The hooks as the sandbox holds them (an upsert replaces the type's URL).
    assert.deepStrictEqual(conf.webHooks, kept.hooks.map(([type, url]) => ({ type, url })));
    assert.equal(conf.webHooks.length, 2);
    assert.deepStrictEqual(conf.webHooks.find((h) => h.type === 'PAYMENT_INITIATED'), { type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/v2/paymentInitiated' });
    for (const shown of [inspect(conf), JSON.stringify(conf)]) assert.ok(!shown.includes('NotProvided') && shown.includes('[redacted]'), shown);
    assert.equal(await dig.webhooks.delete({ type: 'TRANSFER_PAYMENT_RECEIVED' }), null);
    const twice = await rejection(dig.webhooks.delete({ type: 'TRANSFER_PAYMENT_RECEIVED' }));
    assert.ok(twice instanceof ApiError && twice instanceof NotFoundError, String(twice));
    assert.equal(twice.code, 'INVALID_PARAMETER');
    assert.deepStrictEqual((await dig.webhooks.getConfiguration()).webHooks, [{ type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/v2/paymentInitiated' }]);
    assert.deepEqual((await held(name)).webhooks[CREDENTIALS.username].hooks.map(([type]) => type), ['PAYMENT_INITIATED']);
    const sent = (await sandboxStats(name)).requests;
    assertKassaError(await rejection(dig.webhooks.setConfiguration({ login: conf.login, password: conf.password, webHooks: [] })), { kind: 'validation', code: 'invalid_params', field: 'password' });
    assertKassaError(await rejection(dig.webhooks.setCredentials({ login: 'l', password: 'NotProvidedForSecurityReasons' })), { kind: 'validation', code: 'invalid_params', field: 'password' });
    assert.equal((await sandboxStats(name)).requests, sent);
  });
});

describe('an invoice creation whose answer was lost (the sandbox\'s resetonce)', () => {
  const invoice = { customerInternalId: 'C-1', amountInCents: 100, iban: 'BE68539007547034', remittanceInfo: 'x', publicationStatus: 'DRAFT' };

  /** A Digiteal client of the former layout's `/resetonce/<tenant>` on the sandbox. */
  async function resetonce() {
    const { tenant: token } = await tenant('digiteal');
    const dig = new Digiteal({ ...CREDENTIALS, baseUrl: `${await sandbox()}/resetonce/${token}`, timeout: 5, retry: { initialDelay: 0.01 } });
    return { dig, token };
  }

  /** `[create requests received, distinct invoiceInternalIds, the invoices held]`. */
  async function counted(token) {
    const found = await (await fetch(`${await sandbox()}/_stats/${token}`)).json();
    return [found.invoice_creates, found.invoices, Object.values(await control(token, '/digiteal/invoices'))];
  }

  test('with invoiceInternalId: resent, and the sandbox holds one invoice (the DRAFT updated)', async () => {
    const { dig, token } = await resetonce();
    const created = await dig.withRawResponse.invoices.create({ ...invoice, invoiceInternalId: 'INV-R1' });
    const [creates, distinct, held] = await counted(token);
    assert.deepEqual([creates, distinct, held.length], [2, 1, 1]);
    assert.deepEqual([held[0].request.invoiceInternalId, held[0].status], ['INV-R1', 'DRAFT']);
    assert.deepEqual([created.data.uuid, created.attempts], [held[0].uuid, 2]);
  });

  test('with the key as the idempotencyKey option: the same', async () => {
    const { dig, token } = await resetonce();
    const created = await dig.invoices.create(invoice, { idempotencyKey: 'INV-R2' });
    const [creates, distinct, held] = await counted(token);
    assert.deepEqual([creates, distinct, held.length], [2, 1, 1]);
    assert.deepEqual([created.uuid, held[0].request.invoiceInternalId], [held[0].uuid, 'INV-R2']);
  });

  test('without a key: outcome_unknown after exactly one request', async () => {
    const { dig, token } = await resetonce();
    const error = await rejection(dig.invoices.create(invoice));
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'outcome_unknown');
    assert.match(error.message, /invoiceInternalId/);
    assert.equal((await sandboxStats(token)).requests, 1);
    assert.equal((await counted(token))[2].length, 1, 'the request was processed: its invoice is held');
  });
});
