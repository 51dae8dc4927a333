// The Digiteal onboarding and network operations (issue 10) through the Node client, against the
// local server: KYC pre-registration, contracts and documents, SDD transfers, PEPPOL (recipient
// check, sending, registrations), trusted payments, the webhook configuration; and the resend of
// an invoice creation whose answer was lost (issue 9, on `kassa sandbox`'s resetonce scenario).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, DecodeError, Digiteal, NotFoundError, TransportError, ValidationError } from '../index.js';
import { assertKassaError, control, rejection, sandbox, sandboxStats, scenario, server, stats, tenant } from './helpers.js';

const CREDENTIALS = { username: 'digiteal-user-test', password: 'digiteal-pass-test' };
const BIG_ID = 9007199254740993n;

async function digiteal(name = 'ok', options = {}) {
  const { baseUrl, token } = await scenario(name);
  return { dig: new Digiteal({ ...CREDENTIALS, baseUrl, timeout: 5, retry: { initialDelay: 0.01 }, ...options }), token };
}

const received = async (token) => (await fetch(`${await server()}/_requests/${token}`)).json();

const COMPANY = {
  customerCompany: { vatNumber: 'BE0000000097', companyName: 'Your Telecom', creationDate: '2012-12-31', contactPerson: { email: 'john.doe@gmail.com', language: 'FR' } },
  contractApproval: { approvalDate: '2019-11-30', ipAddress: '203.0.113.7' },
};

describe('Digiteal KYC and SDD', () => {
  test('register a company and a person; contracts with a 64-bit id; a date that does not exist', async () => {
    const { dig, token } = await digiteal();
    assert.deepStrictEqual(await dig.kyc.registerCompany(COMPANY), { status: 'NOT_ACTIVATED', vatNumber: 'BE0000000097' });
    assert.deepStrictEqual(await dig.kyc.registerPerson({ customerPerson: { email: 'jane@known.test' } }), { email: 'jane@known.test', status: 'OK' });
    const contracts = await dig.kyc.companyContracts({ language: 'FR' });
    assert.equal(contracts[0].id, BIG_ID);
    assert.equal(typeof contracts[0].id, 'bigint');
    assert.equal(contracts[0].language, 'fr');
    assert.equal(contracts[1].id, 42n);
    assert.equal(JSON.parse(JSON.stringify(contracts))[0].id, '9007199254740993');
    assert.equal((await dig.kyc.personContracts()).length, 2);
    const sent = (await stats(token)).requests;
    const bad = { ...COMPANY, contractApproval: { ...COMPANY.contractApproval, approvalDate: '2019-11-31' } };
    assertKassaError(await rejection(dig.kyc.registerCompany(bad)), { kind: 'validation', code: 'invalid_params', field: 'contractApproval.approvalDate' });
    assert.equal((await stats(token)).requests, sent, 'refused before sending');
    const dup = { ...COMPANY, customerCompany: { ...COMPANY.customerCompany, companyName: 'duplicate' } };
    assertKassaError(await rejection(dig.kyc.registerCompany(dup)), { kind: 'api', code: 'BAD_REQUEST', status: 400 });
  });

  test('upload_document: PDF and JPEG bytes (Uint8Array, Buffer) in a multipart body the server parses', async () => {
    const { dig, token } = await digiteal();
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), 0x00, 0xff, 0x0d, 0x0a, ...new TextEncoder().encode('--x\r\n%%EOF')]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    assert.equal(await dig.kyc.uploadDocument({ document: pdf, email: 'john.doe@gmail.com', name: 'id.pdf', requesterVAT: 'BE0000000097', type: 'ID' }), null);
    assert.equal(await dig.kyc.uploadDocument({ document: jpeg, email: 'john.doe@gmail.com', type: 'SELFIE_WITH_ID' }), null);
    const [first, second] = await received(token);
    assert.ok(first.body_hex.includes('00ff0d0a'), 'the bytes were sent as bytes');
    assert.ok(second.body_hex.includes('ffd8ffe000104a464946'));
    assertKassaError(await rejection(dig.kyc.uploadDocument({ document: 'plain text', email: 'a@b.test', type: 'BY_LAWS', mediaType: 'image/png' })), { kind: 'api', code: 'UNSUPPORTED_MEDIA', status: 415 });
    // Anything but bytes or text is refused, naming the field.
    for (const document of [5, { a: 1 }, [1, 256], new Date()]) {
      const error = await rejection(dig.kyc.uploadDocument({ document, email: 'a@b.test', type: 'ID' }));
      assert.ok(error instanceof ValidationError && error.field.startsWith('document'), String(error));
    }
  });

  test('SDD: thresholdInCents 9007199254740993 is sent exactly (a bigint); its echo is a DecodeError, never rounded', async () => {
    const { dig, token } = await digiteal();
    const person = { debtor: { email: 'jane.doe@example.be' }, debtorIBAN: 'BE36251230861781', configuration: { executionType: 'DUE_DATE', periodicity: 'YEAR', thresholdInCents: 9007199254740993n } };
    const error = await rejection(dig.sdd.transferPerson(person));
    assert.ok(error instanceof DecodeError, String(error));
    assert.equal(error.field, 'thresholdInCents');
    assert.match((await received(token))[0].body, /"thresholdInCents":9007199254740993\b/);
    // Within 2^53 it is a number.
    const safe = await dig.sdd.transferPerson({ ...person, configuration: { ...person.configuration, thresholdInCents: 9007199254740991 } });
    assert.deepStrictEqual(safe, { currency: 'EUR', executionType: 'DUE_DATE', periodicity: 'YEAR', thresholdInCents: 9007199254740991 });
    const company = await dig.sdd.transferCompany({ debtor: { vatNumber: 'BE0000000097', companyName: 'Your Telecom', creationDate: '2012-12-31', contactPerson: { email: 'john.doe@gmail.com' } } });
    assert.deepEqual([company.executionType, company.thresholdInCents], ['IMMEDIATE', 100000]);
  });
});

const SBD = (receiver) => `<?xml version="1.0" encoding="UTF-8"?>
<sh:StandardBusinessDocument xmlns:sh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"><sh:StandardBusinessDocumentHeader><sh:HeaderVersion>1.0</sh:HeaderVersion><sh:Sender><sh:Identifier Authority="iso6523-actorid-upis">0208:0123456749</sh:Identifier></sh:Sender><sh:Receiver><sh:Identifier Authority="iso6523-actorid-upis">${receiver}</sh:Identifier></sh:Receiver></sh:StandardBusinessDocumentHeader><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/></sh:StandardBusinessDocument>`;

describe('Digiteal PEPPOL', () => {
  test('PEPPOL first: check the recipient, send, register twice, get, list, unregister twice', async () => {
    const { dig } = await digiteal();
    const bis3 = await dig.peppol.checkRecipient({ identifier: '0208:0630675588' });
    assert.deepEqual([bis3.recommendation, bis3.canReceiveInvoice, bis3.canReceiveCreditNote], ['peppol', true, true]);
    const bis4a = await dig.peppol.checkRecipient({ identifier: '0208:0123456749' });
    assert.deepEqual([bis4a.inPeppol, bis4a.recommendation], [true, 'digiteal']);
    const unknown = await dig.peppol.checkRecipient({ identifier: '9925:be0897227828' });
    assert.deepEqual([unknown.inPeppol, unknown.recommendation], [false, 'digiteal']);

    assert.deepStrictEqual(await dig.peppol.sendDocument({ document: SBD('0208:0630675588'), comment: 'INV-1' }), { message: 'All clear !', status: 'OK', ok: true });
    assertKassaError(await rejection(dig.peppol.sendDocument({ document: new TextEncoder().encode(SBD('0208:0897227828')) })), { kind: 'api', code: 'RECIPIENT_NOT_IN_PEPPOL', status: 400 });

    const registration = { peppolIdentifier: '0208:0897227828', contactPerson: { email: 'john.doe@gmail.com', language: 'NL' } };
    assert.equal((await dig.peppol.registerParticipant(registration)).ok, true);
    assertKassaError(await rejection(dig.peppol.registerParticipant(registration)), { kind: 'api', code: 'REGISTER_ALREADY_REGISTERED_TO_DIGITEAL', status: 400 });
    const got = await dig.peppol.getParticipant({ identifier: '0208:0897227828' });
    assert.deepEqual([got.registrationDate, got.contactPerson.language], ['2026-12-01', 'NL']);
    const listed = await dig.peppol.listParticipants();
    assert.deepEqual([listed.participants[0].peppolIdentifier, listed.responseEntity.statusCodeValue], ['0208:0897227828', 200]);
    assert.equal((await dig.peppol.checkRecipient({ identifier: '0208:0897227828' })).recommendation, 'peppol');
    assert.equal((await dig.peppol.unregisterParticipant({ identifier: '0208:0897227828' })).status, 'OK');
    assertKassaError(await rejection(dig.peppol.unregisterParticipant({ identifier: '0208:0897227828' })), { kind: 'api', code: 'NOT_REGISTERD_TO_CALLER', status: 400 });
    assert.ok((await rejection(dig.peppol.getParticipant({ identifier: '0208:0897227828' }))) instanceof NotFoundError);
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
    const { dig, token } = await digiteal();
    const hooks = [{ type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/myApp/paymentInitiated' }, { type: 'TRANSFER_PAYMENT_RECEIVED', url: 'mailto:ops@myIntegrator.com' }];
    assert.equal(await dig.webhooks.setConfiguration({ login: 'hook-user', password: 'hook-pass-42', vatNumber: 'BE0000000097', webHooks: hooks }), null);
    assert.equal(await dig.webhooks.upsert({ type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/v2/paymentInitiated' }), null);
    assert.equal(await dig.webhooks.setCredentials({ login: 'hook-user-2', password: 'hook-pass-43' }), null);
    const conf = await dig.webhooks.getConfiguration();
    assert.deepEqual([conf.login, conf.password], ['hook-user-2', 'NotProvidedForSecurityReasons']);
    assert.deepStrictEqual(conf.webHooks[0], { type: 'PAYMENT_INITIATED', url: 'https://myIntegrator.com/v2/paymentInitiated' });
    for (const shown of [inspect(conf), JSON.stringify(conf)]) assert.ok(!shown.includes('NotProvided') && shown.includes('[redacted]'), shown);
    assert.equal(await dig.webhooks.delete({ type: 'TRANSFER_PAYMENT_RECEIVED' }), null);
    const twice = await rejection(dig.webhooks.delete({ type: 'TRANSFER_PAYMENT_RECEIVED' }));
    assert.ok(twice instanceof ApiError && twice instanceof NotFoundError, String(twice));
    assert.equal(twice.code, 'INVALID_PARAMETER');
    assert.equal((await dig.webhooks.getConfiguration()).webHooks.length, 1);
    const sent = (await stats(token)).requests;
    assertKassaError(await rejection(dig.webhooks.setConfiguration({ login: conf.login, password: conf.password, webHooks: [] })), { kind: 'validation', code: 'invalid_params', field: 'password' });
    assertKassaError(await rejection(dig.webhooks.setCredentials({ login: 'l', password: 'NotProvidedForSecurityReasons' })), { kind: 'validation', code: 'invalid_params', field: 'password' });
    assert.equal((await stats(token)).requests, sent);
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
