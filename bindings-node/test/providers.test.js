// Billit and Solaris clients and the identification flow against `kassa sandbox`: Solaris's OAuth
// token (fetched once, renewed when short-lived or revoked), Billit's 5-minute window and trial
// limit, and `client.identity.start/check` over all three providers with the other side (itsme,
// Solaris, PassportReader) played through the sandbox's control endpoints. A Solaris error list
// with a second entry is the stand-in's (tests/server/server.py).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, Billit, PassportReader, Solaris, ValidationError, identity, parseResponse } from '../index.js';
import { CREDENTIALS, assertKassaError, control, rejection, sandbox, sandboxStats, scenario, tenant } from './helpers.js';

const SOLARIS = Object.freeze({ clientId: 'solaris-client-test', clientSecret: 'solaris-secret-test' });
const BILLIT = Object.freeze({ apiKey: 'billit-key-test' });
const FAST = Object.freeze({ timeout: 5, retry: { initialDelay: 0.01 } });
const SESSION = Object.freeze({ person_id: 'p1', identification_session_id: 'ises-1' });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A client of `Class` on a fresh scenario of the stand-in. */
async function client(Class, credentials, name = 'ok', options = {}) {
  const { baseUrl, token } = await scenario(name);
  return { client: new Class({ ...credentials, ...FAST, baseUrl, ...options }), token };
}

/** A client of `Class` for `provider` in a fresh sandbox tenant. */
async function onSandbox(Class, provider, credentials, options = {}) {
  const { baseUrl, tenant: name } = await tenant(provider);
  return { client: new Class({ ...credentials, ...FAST, baseUrl, ...options }), tenant: name, baseUrl };
}

/** A session of person p1 with an identification Solaris completed: its get params. */
async function successfulIdentification(solaris, name) {
  const session = await solaris.identificationSessions.create({ person_id: 'p1', identification_methods: ['idnow'] });
  const identification = await solaris.identifications.create({ person_id: 'p1', identification_session_id: session.id, method: 'idnow' });
  await control(name, `/solaris/identifications/${identification.id}/complete`, { success: true });
  return { person_id: 'p1', identification_session_id: session.id, id: identification.id };
}

describe('Solaris against the sandbox', () => {
  test('the token is fetched once and reused', async () => {
    const { client: solaris, tenant: name, baseUrl } = await onSandbox(Solaris, 'solaris', SOLARIS);
    const created = await solaris.identificationSessions.create({ person_id: 'p1', identification_methods: ['idnow'] });
    const params = { person_id: 'p1', identification_session_id: created.id };
    const session = await solaris.identificationSessions.get(params);
    assert.deepStrictEqual(session, {
      id: created.id,
      url: `${baseUrl}/onboarding/${created.id}`,
      callback_url: null,
      identification_methods: ['idnow'],
      status: 'created',
    });
    const configuration = await solaris.identificationSessions.configuration(params);
    assert.deepStrictEqual(configuration, { terms_and_conditions_pre_accepted: true, fourthline_provider: 'fourthline' });
    assert.deepStrictEqual(await sandboxStats(name), { requests: 3, token_requests: 1 });
  });

  test('a short-lived token is renewed for every call', async () => {
    // The former layout's `shortlived` scenario: this tenant's tokens last 1 s.
    const { tenant: token } = await tenant('solaris');
    const solaris = new Solaris({ ...SOLARIS, ...FAST, baseUrl: `${await sandbox()}/shortlived/${token}` });
    const done = await successfulIdentification(solaris, token);
    for (let i = 0; i < 2; i++) {
      const identification = await solaris.identifications.get(done);
      assert.equal(identification.status, 'successful');
      assert.equal(identification.id, done.id);
    }
    assert.deepStrictEqual(await sandboxStats(token), { requests: 4, token_requests: 4 });
  });

  test('a revoked or expired token (401) is renewed once and the call succeeds', async () => {
    const { client: solaris, tenant: name } = await onSandbox(Solaris, 'solaris', SOLARIS);
    const done = await successfulIdentification(solaris, name);
    assert.deepStrictEqual(await control(name, '/solaris/tokens/revoke', {}), { tokens: 1n });
    const second = await solaris.identifications.get(done);
    assert.equal(second.status, 'successful');
    assert.deepStrictEqual(await sandboxStats(name), { requests: 4, token_requests: 2 });
    await control(name, '/solaris/tokens/expire', {});
    assert.equal((await solaris.identifications.get(done)).id, done.id);
    assert.deepStrictEqual(await sandboxStats(name), { requests: 6, token_requests: 3 });
  });

  test('bad client credentials (the sandbox runs --strict): ApiError invalid_client from the token endpoint', async () => {
    const { client: solaris, tenant: name } = await onSandbox(Solaris, 'solaris', { clientId: 'x', clientSecret: 'y-not-printed-2290' });
    const error = await rejection(solaris.identifications.get({ ...SESSION, id: 'i' }));
    assertKassaError(error, { kind: 'api', code: 'invalid_client', status: 401 });
    assert.ok(error instanceof ApiError);
    assert.equal(error.providerCode, 'invalid_client');
    assert.ok(!inspect(error).includes('y-not-printed-2290'));
    assert.deepStrictEqual(await sandboxStats(name), { requests: 0, token_requests: 1 });
  });

  test('every operation through the derived namespaces', async () => {
    const { client: solaris, tenant: name } = await onSandbox(Solaris, 'solaris', SOLARIS);
    assert.deepStrictEqual(await solaris.identification.eligibilityChecks({ person_id: 'p1', method: 'bank' }), { method: 'bank', eligible: true, reasons: [] });
    const created = await solaris.identificationSessions.create({ person_id: 'p1', identification_methods: ['idnow', 'bank_id'], callback_url: 'https://app.test/hook' });
    assert.equal(created.callback_url, 'https://app.test/hook');
    const params = { person_id: 'p1', identification_session_id: created.id };
    const identification = await solaris.identifications.create({ ...params, method: 'idnow' });
    assert.deepEqual([identification.status, identification.method], ['created', 'idnow']);
    assert.deepEqual((await control(name, '/solaris/identifications')).map((i) => i.id), [identification.id]);
    const other = await solaris.identificationSessions.create({ person_id: 'p1', identification_methods: ['bank_id'] });
    const simulated = await solaris.identificationSessions.simulateBankId({ person_id: 'p1', identification_session_id: other.id });
    assert.equal(simulated.status, 'identification_data_required');
    await control(name, `/solaris/identifications/${identification.id}/complete`, { success: true });
    const viaCall = await solaris.call('solaris.identification_sessions.get', params);
    assert.equal(viaCall.status, 'successful');
    assert.equal((await sandboxStats(name)).token_requests, 1);
  });

  test('auth.token: a token (a number lifetime) another client can use as accessToken', async () => {
    const { client: solaris, tenant: name, baseUrl } = await onSandbox(Solaris, 'solaris', SOLARIS);
    const answer = await solaris.auth.token();
    assert.match(answer.access_token, /^sol-tok-[0-9a-f]+$/);
    assert.deepEqual([answer.expires_in, answer.scope, answer.token_type], [3599, 'partners', 'bearer']);
    const withToken = new Solaris({ accessToken: answer.access_token, baseUrl, ...FAST });
    const created = await withToken.identificationSessions.create({ person_id: 'p1', identification_methods: ['idnow'] });
    assert.equal((await withToken.identificationSessions.get({ person_id: 'p1', identification_session_id: created.id })).id, created.id);
    assert.ok(!String(withToken).includes(answer.access_token));
    assert.deepStrictEqual(await sandboxStats(name), { requests: 2, token_requests: 1 });
  });

  test('API errors keep the first code and the request id (stand-in: a list with a second entry)', async () => {
    const { client: solaris } = await client(Solaris, SOLARIS);
    const error = await rejection(solaris.identificationSessions.create({ person_id: 'missing', identification_methods: ['idnow'] }));
    assertKassaError(error, { kind: 'api', code: 'person_not_found', status: 404, request_id: 'err-person_not_found' });
    assert.match(new TextDecoder().decode(error.body), /second_error/);
  });

  test('bad params reject before any request, the token request included', async () => {
    const { client: solaris, tenant: token } = await onSandbox(Solaris, 'solaris', SOLARIS);
    assertKassaError(await rejection(solaris.identifications.create({ ...SESSION, method: 'bank' })), { kind: 'validation', code: 'invalid_params', field: 'iban' });
    assertKassaError(await rejection(solaris.identifications.get(SESSION)), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(await rejection(solaris.call('billit.identification.start', {})), { kind: 'validation', code: 'unknown_operation', field: 'operation' });
    assert.deepStrictEqual(await sandboxStats(token), { requests: 0, token_requests: 0 });
  });
});

/** The sandbox's identifications of a Billit registration (`session` is the itsme URL's `state`). */
async function held(name, registration) {
  return (await control(name, '/state')).billit.registrations[registration].identifications;
}

/** The itsme URL the sandbox answered for the last identification of a registration. */
async function itsme(name, baseUrl, registration) {
  return `${baseUrl}/itsme/authorize?state=${(await held(name, registration)).at(-1).session}`;
}

describe('Billit against the sandbox', () => {
  test('start: the URL, expires_at within now+300..now+302, the trial limit', async () => {
    const { client: billit, tenant: token, baseUrl } = await onSandbox(Billit, 'billit', BILLIT);
    const params = { RegistrationID: '42', RedirectURL: 'https://app.test/back' };
    const before = nowSeconds();
    const started = await billit.identification.start(params);
    const after = nowSeconds();
    assert.equal(started.url, await itsme(token, baseUrl, '42'));
    assert.equal((await held(token, '42'))[0].party_id, '42');
    assert.equal(started.expires_in, 300);
    assert.equal(typeof started.expires_at, 'number');
    assert.ok(started.expires_at >= before + 300 && started.expires_at <= after + 302, `${started.expires_at} vs ${before}`);
    for (let i = 0; i < 4; i++) await billit.identification.start(params);
    const error = await rejection(billit.identification.start(params));
    assertKassaError(error, { kind: 'api', code: 'TooManyTrials', status: 400, message: 'Too many attempts' });
    assert.equal((await sandboxStats(token)).requests, 6);
    assert.deepEqual((await held(token, '42')).map((i) => i.status), [...Array(4).fill('abandoned'), 'pending']);
  });

  test('a RedirectURL answer is read; 404 and 401 are http_<status>', async () => {
    const { client: billit, tenant: name, baseUrl } = await onSandbox(Billit, 'billit', { ...BILLIT, partyId: 'party-7' });
    const alt = await billit.identification.start({ RegistrationID: 'alt-1', RedirectURL: 'https://a.test/' });
    assert.equal(alt.url, await itsme(name, baseUrl, 'alt-1'));
    assert.equal((await held(name, 'alt-1'))[0].party_id, 'party-7');
    assertKassaError(await rejection(billit.identification.start({ RegistrationID: '404', RedirectURL: 'https://a.test/' })), { kind: 'api', code: 'http_404', status: 404 });
    assertKassaError(await rejection(billit.identification.start({ RegistrationID: '401', RedirectURL: 'https://a.test/' })), { kind: 'api', code: 'http_401', status: 401 });
  });

  test('a bearer token works; a wrong key is a 401 (the sandbox runs --strict)', async () => {
    const { client: bearer, tenant: name, baseUrl } = await onSandbox(Billit, 'billit', { accessToken: 'billit-token-test' });
    assert.equal((await bearer.identification.start({ RegistrationID: '5', RedirectURL: 'https://a.test/' })).url, await itsme(name, baseUrl, '5'));
    const { client: wrong } = await onSandbox(Billit, 'billit', { apiKey: 'billit-key-wrong' });
    assertKassaError(await rejection(wrong.identification.start({ RegistrationID: '5', RedirectURL: 'https://a.test/' })), { kind: 'api', code: 'http_401' });
  });

  test('parseResponse reads expires_at from `now`', () => {
    const response = { status: 200, body: '{"URL": "https://i.test"}' };
    assert.deepStrictEqual(parseResponse('billit.identification.start', response, { now: 1000 }), { url: 'https://i.test', expires_in: 300, expires_at: 1300 });
    assert.equal(parseResponse('billit.identification.start', response, { now: 2n ** 40n }).expires_at, 2 ** 40 + 300);
    assert.equal(parseResponse('billit.identification.start', response).expires_at, null);
    assert.equal(parseResponse('billit.identification.start', response, {}).expires_at, null);
    for (const now of [-1, 1.5, '1000', 2n ** 64n, -1n]) {
      assert.throws(() => parseResponse('billit.identification.start', response, { now }), (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_params', field: 'now' }), String(now));
    }
    assert.throws(() => parseResponse('billit.identification.start', response, { later: 1 }), (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_params', field: 'later' }));
    assert.throws(() => parseResponse('billit.identification.start', response, 5), (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_params', field: 'options' }));
  });

  test('config checks and redaction', () => {
    assert.throws(() => new Billit({}), (e) => assertKassaError(e, { kind: 'validation', code: 'billit_credentials', field: 'api_key' }));
    assert.throws(() => new Billit({ apiKey: 'a', accessToken: 'b' }), (e) => assertKassaError(e, { kind: 'validation', code: 'billit_credentials' }));
    assert.throws(() => new Solaris({ clientId: 'c' }), (e) => assertKassaError(e, { kind: 'validation', code: 'solaris_credentials', field: 'client_secret' }));
    assert.throws(() => new Solaris({ ...SOLARIS, baseUrl: 'http://solaris.example' }), (e) => assertKassaError(e, { kind: 'validation', code: 'insecure_base_url' }));
    const key = 'billit-key-never-printed-8812';
    const secret = 'solaris-secret-never-printed-1177';
    for (const c of [new Billit({ apiKey: key, baseUrl: 'http://127.0.0.1:9' }), new Solaris({ clientId: 'c', clientSecret: secret, baseUrl: 'http://127.0.0.1:9' })]) {
      for (const text of [inspect(c), String(c), JSON.stringify(c), inspect(c, { showHidden: true, depth: 10 })]) {
        assert.ok(!text.includes(key) && !text.includes(secret), text);
      }
      assert.match(String(c), /127\.0\.0\.1:9/);
    }
  });
});

describe('the identification flow over the three providers', () => {
  test('Billit: start, finish from the redirect, check pending until expires_at', async () => {
    const { client: billit, tenant: name, baseUrl } = await onSandbox(Billit, 'billit', BILLIT);
    const started = await billit.identity.start({ subject: '42', returnUrl: 'https://app.test/back' });
    assert.deepEqual([started.provider, started.reference, started.token], ['billit', 'billit:42', null]);
    assert.equal(started.url, await itsme(name, baseUrl, '42'));
    assert.equal(typeof started.expires_at, 'number');
    // The user confirms in itsme; the browser comes back to the return URL.
    const back = await control(name, '/billit/registrations/42/identification/complete', { success: true });
    assert.equal(back.redirect_url, 'https://app.test/back?registrationID=42&success=true');
    const verified = identity.finish(started.reference, { redirectUrl: back.redirect_url });
    assert.deepStrictEqual(verified, { status: 'verified', reason: null, provider_status: 'success=true', reference: 'billit:42' });
    await billit.identity.start({ subject: '42', returnUrl: 'https://app.test/back' });
    const refused = await control(name, '/billit/registrations/42/identification/complete', { success: false });
    assert.equal(refused.redirect_url, 'https://app.test/back?registrationID=42&success=false');
    const failed = identity.finish(started.reference, { redirect_url: refused.redirect_url }, { now: started.expires_at });
    assert.equal(failed.status, 'failed');
    // Billit has no status call: pending until the window closes, expired after.
    const pending = await billit.identity.check(started.reference, { expiresAt: started.expires_at });
    assert.deepStrictEqual(pending, { status: 'pending', reason: null, provider_status: null, reference: 'billit:42' });
    assert.equal((await billit.identity.check(started.reference, { expires_at: 1n })).status, 'expired');
    assert.equal((await billit.identity.check(started.reference)).status, 'pending');
    assert.equal(identity.finish(started.reference, { expiresAt: started.expires_at }, { now: started.expires_at }).status, 'expired');
  });

  test('Solaris: start, check pending; once Solaris completes the identification it is verified', async () => {
    const { client: solaris, tenant: name } = await onSandbox(Solaris, 'solaris', SOLARIS);
    const started = await solaris.identity.start({ subject: 'p1', returnUrl: 'https://app.test/hook' });
    const [session] = await control(name, '/solaris/sessions');
    assert.equal(session.callback_url, 'https://app.test/hook');
    const reference = `solaris:p1:${session.id}`;
    assert.deepStrictEqual(started, { provider: 'solaris', url: session.url, token: null, expires_at: null, reference });
    assert.deepStrictEqual(await solaris.identity.check(started.reference), { status: 'pending', reason: null, provider_status: 'created', reference });
    const identification = await solaris.identifications.create({ person_id: 'p1', identification_session_id: session.id, method: 'idnow' });
    await control(name, `/solaris/identifications/${identification.id}/complete`, { success: true });
    const done = await solaris.identity.check(started.reference);
    assert.deepEqual([done.status, done.provider_status], ['verified', 'successful']);
    assert.deepStrictEqual(await sandboxStats(name), { requests: 4, token_requests: 1 });
  });

  test('PassportReader: start gives the token and the 64-bit reference; check is pending (CREATED), then verified', async () => {
    const { client: reader, tenant: name } = await onSandbox(PassportReader, 'passportreader', CREDENTIALS);
    const started = await reader.identity.start({ subject: 'order-7' });
    const [session] = await control(name, '/passportreader/sessions');
    assert.equal(session.reference, 'order-7');
    assert.deepStrictEqual(started, { provider: 'passportreader', url: null, token: session.token, expires_at: null, reference: 'passportreader:9007199254740993' });
    const outcome = await reader.identity.check(started.reference);
    assert.deepStrictEqual(outcome, { status: 'pending', reason: null, provider_status: 'CREATED', reference: 'passportreader:9007199254740993' });
    await control(name, '/passportreader/sessions/9007199254740993/complete', { outcome: 'approved' });
    const verified = await reader.identity.check(started.reference);
    assert.deepStrictEqual(verified, { status: 'verified', reason: null, provider_status: 'APPROVED', reference: 'passportreader:9007199254740993' });
  });

  test('bad input rejects with a ValidationError naming the field, before any request', async () => {
    const { client: billit, tenant: token } = await onSandbox(Billit, 'billit', BILLIT);
    const cases = [
      [billit.identity.start({ subject: '42' }), 'invalid_params', 'return_url'],
      [billit.identity.start({ subject: ' ', returnUrl: 'https://a.test/' }), 'invalid_params', 'subject'],
      [billit.identity.start({ returnUrl: 'https://a.test/' }), 'invalid_params', 'subject'],
      [billit.identity.start({ subject: '42', returnUrl: 'https://a.test/', extra: 1 }), 'invalid_params', 'extra'],
      [billit.identity.start({ subject: 42 }), 'invalid_params', 'subject'],
      [billit.identity.start(), 'invalid_params', 'subject'],
      [billit.identity.check('paypal:1'), 'invalid_reference', 'reference'],
      [billit.identity.check(42), 'invalid_params', 'reference'],
      // A refusal names the option as the caller spelled it.
      [billit.identity.check('billit:42', { expiresAt: 'soon' }), 'invalid_params', 'expiresAt'],
      [billit.identity.check('billit:42', { expiry: 1 }), 'invalid_params', 'expiry'],
    ];
    for (const [promise, code, field] of cases) {
      assert.ok(promise instanceof Promise);
      const error = await rejection(promise);
      assert.ok(error instanceof ValidationError, String(error));
      assertKassaError(error, { kind: 'validation', code, field });
    }
    assert.equal((await sandboxStats(token)).requests, 0);
    // A Billit client cannot check a Solaris reference: that is an operation of another provider.
    assertKassaError(await rejection(billit.identity.check('solaris:p1:s1')), { kind: 'validation', code: 'unknown_operation' });
  });

  test('the sans-IO flow functions agree with the client', async () => {
    const op = identity.startOperation('passportreader', { subject: 'order-7' });
    assert.deepStrictEqual(op, { operation: 'passportreader.session.create', params: { reference: 'order-7' } });
    const poll = identity.pollOperation('passportreader:9007199254740993');
    assert.deepStrictEqual(poll, { operation: 'passportreader.session.state', params: { id: 9007199254740993n } });
    assert.equal(identity.pollOperation('billit:42'), null);
    // Send the poll with any HTTP client (fetch) and read the evidence from the raw answer.
    const { client: reader, baseUrl } = await onSandbox(PassportReader, 'passportreader', CREDENTIALS);
    await reader.session.create({ reference: 'order-7' });
    const response = await fetch(`${baseUrl}/api/v1/session.state`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('public-key-test:secret-test').toString('base64')}`, 'Content-Type': 'application/json' },
      body: '{"id": 9007199254740993}',
    });
    const evidence = identity.pollEvidence('passportreader:9007199254740993', { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) });
    assert.deepStrictEqual(evidence, { state: 'CREATED', session: null, identification: null });
    assert.equal(identity.finish('passportreader:9007199254740993', evidence).status, 'pending');
  });
});
