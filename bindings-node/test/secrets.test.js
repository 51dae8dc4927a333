// The secrets matrix (issue 9): every credential of every provider, in every form it travels in
// (as given, percent- and form-encoded, base64 alone and inside `user:secret`, `Basic ...`,
// `Bearer ...`), is absent from what kassa shows: util.inspect / String / JSON of clients and
// built requests, hook payloads, URLs, and every field of every error, including the errors of
// a provider that quotes the whole request back (the server's echoauth / echotoken scenarios).
// `ApiError.body` is the provider's raw answer, documented as such: it is left out explicitly.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, Billit, Digiteal, KassaError, PassportReader, Solaris, billit, buildRequest, digiteal, solaris } from '../index.js';
import { rejection, scenario } from './helpers.js';

const b64 = (s) => Buffer.from(s).toString('base64');

/** Every form of `secret` (sent with `user`, for HTTP Basic). */
function forms(secret, user = null) {
  const out = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), b64(secret), Buffer.from(secret).toString('base64url'), `Bearer ${secret}`];
  if (user !== null) out.push(b64(`${user}:${secret}`), `Basic ${b64(`${user}:${secret}`)}`, b64(`${encodeURIComponent(user)}:${encodeURIComponent(secret)}`));
  return [...new Set(out)];
}

/** Fails when any form of any secret of `secrets` appears in `text`. */
function clean(what, text, secrets) {
  assert.equal(typeof text, 'string', what);
  for (const form of secrets) assert.ok(!text.includes(form), `${what} shows ${JSON.stringify(form)}: ${text.slice(0, 400)}`);
}

/** Every text of a kassa error but its raw `body`: message, stack, String, inspect, JSON and each own field. */
function cleanError(what, error, secrets) {
  assert.ok(error instanceof KassaError, `${what}: ${error?.stack ?? error}`);
  const { body, ...fields } = error;
  if (error instanceof ApiError) assert.ok(body instanceof Uint8Array, 'ApiError.body is the raw answer');
  clean(`${what} message`, error.message, secrets);
  clean(`${what} stack`, error.stack, secrets);
  clean(`${what} String`, String(error), secrets);
  clean(`${what} fields`, JSON.stringify(fields), secrets);
  clean(`${what} inspect`, inspect(Object.assign(Object.create(Object.getPrototypeOf(error)), fields, { stack: error.stack }), { depth: 5 }), secrets);
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') clean(`${what}.${key}`, value, secrets);
  return error;
}

/** A client's printed forms. */
function cleanClient(what, client, secrets) {
  for (const text of [inspect(client), inspect(client, { showHidden: true, depth: 10 }), String(client), JSON.stringify(client)]) clean(what, text, secrets);
}

const PR = { publicKey: 'public-key-m@trix', secret: 'secret-p@ss w/rd+1%' };
const BILLIT_KEY = 'billit key/+=%?&x';
const BILLIT_TOKEN = 'billit-bearer/+=%9';
const DIGITEAL = { username: 'dig-user', password: 'dig pass/+%&=7' };
const HOOK = { login: 'hook-login', password: 'hook pass/+%&=8' };
const SOLARIS = { clientId: 'solaris-client-test', clientSecret: 'solaris-secret-test' };

/** `[what, make(baseUrl, hooks), call(client), secrets]` for every credential of every provider. */
const CASES = [
  ['PassportReader secret', (baseUrl, h) => new PassportReader({ ...PR, baseUrl, ...h }), (c) => c.session.state({ id: 1 }), forms(PR.secret, PR.publicKey)],
  ['Billit api key', (baseUrl, h) => new Billit({ apiKey: BILLIT_KEY, partyId: 'p', baseUrl, ...h }), (c) => c.identification.start({ RegistrationID: '42', RedirectURL: 'https://a.test/' }), forms(BILLIT_KEY)],
  ['Billit access token', (baseUrl, h) => new Billit({ accessToken: BILLIT_TOKEN, partyId: 'p', baseUrl, ...h }), (c) => c.identification.start({ RegistrationID: '42', RedirectURL: 'https://a.test/' }), forms(BILLIT_TOKEN)],
  ['Digiteal password', (baseUrl, h) => new Digiteal({ ...DIGITEAL, baseUrl, ...h }), (c) => c.integrator.companyInfo({ vatNumber: 'BE0123456749' }), forms(DIGITEAL.password, DIGITEAL.username)],
  ['Digiteal webhook password (params)', (baseUrl, h) => new Digiteal({ ...DIGITEAL, baseUrl, ...h }), (c) => c.webhooks.setCredentials(HOOK), [...forms(HOOK.password, HOOK.login), ...forms(DIGITEAL.password, DIGITEAL.username)]],
  ['Digiteal webhook configuration (params)', (baseUrl, h) => new Digiteal({ ...DIGITEAL, baseUrl, ...h }), (c) => c.webhooks.setConfiguration({ ...HOOK, webHooks: [{ type: 'PAYMENT_INITIATED', url: 'https://a.test/hook' }] }), forms(HOOK.password, HOOK.login)],
  ['Solaris client secret and its bearer token', (baseUrl, h) => new Solaris({ ...SOLARIS, baseUrl, ...h }), (c) => c.identificationSessions.get({ person_id: 'p1', identification_session_id: 'ises-1' }), forms(SOLARIS.clientSecret, SOLARIS.clientId)],
  ['Solaris access token', (baseUrl, h) => new Solaris({ accessToken: 'sol-given-token/+=', baseUrl, ...h }), (c) => c.identificationSessions.get({ person_id: 'p1', identification_session_id: 'ises-1' }), forms('sol-given-token/+=')],
];

describe('secrets matrix', () => {
  for (const [what, make, call, secrets] of CASES) {
    test(`${what}: clients, errors quoting the whole request, hooks`, async () => {
      for (const name of ['echoauth', 'echotoken']) {
        const { baseUrl } = await scenario(name);
        const events = [];
        const hooks = { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), retry: { maxRetries: 0 } };
        const client = make(baseUrl, hooks);
        cleanClient(what, client, secrets);
        const error = await rejection(call(client));
        let shown = secrets;
        if (name === 'echoauth' || what.startsWith('Solaris client')) {
          assert.ok(error instanceof ApiError && error.status === 400, `${name}: ${error}`);
          // The provider did quote the credential: it is in the raw body (the point of the test).
          const raw = new TextDecoder().decode(error.body);
          // The bearer token the client obtained (Solaris) is a secret too.
          const issued = raw.match(/sol-tok-\d+/)?.[0];
          if (issued) shown = [...secrets, ...forms(issued)];
          assert.ok(shown.some((s) => raw.includes(s)), `${name}: the server did not echo ${what}`);
        }
        cleanError(`${what} (${name})`, error, shown);
        // The same through withRawResponse and a copy with options.
        cleanError(`${what} (${name}, raw)`, await rejection(call(client.withOptions({ timeout: 5 }).withRawResponse)), shown);
        assert.ok(events.length >= 2);
        for (const event of events) clean(`${what} hook`, JSON.stringify(event), shown);
        for (const event of events) clean(`${what} URL`, event.url, shown);
      }
    });
  }

  test('built requests print and serialise no credential, of the config or of the params', () => {
    const requests = [
      [buildRequest('passportreader.session.state', { id: 1 }, PR), forms(PR.secret, PR.publicKey)],
      [buildRequest('billit.identification.start', { RegistrationID: '42', RedirectURL: 'https://a.test/' }, { apiKey: BILLIT_KEY, partyId: 'p' }), forms(BILLIT_KEY)],
      [buildRequest('billit.identification.start', { RegistrationID: '42', RedirectURL: 'https://a.test/' }, { accessToken: BILLIT_TOKEN, partyId: 'p' }), forms(BILLIT_TOKEN)],
      [buildRequest('solaris.auth.token', {}, SOLARIS), forms(SOLARIS.clientSecret, SOLARIS.clientId)],
      [buildRequest('solaris.identifications.get', { person_id: 'p', identification_session_id: 's', id: 'i' }, { accessToken: 'sol-given-token/+=' }), forms('sol-given-token/+=')],
      [buildRequest('digiteal.webhooks.set_credentials', HOOK, DIGITEAL), [...forms(HOOK.password, HOOK.login), ...forms(DIGITEAL.password, DIGITEAL.username)]],
      [buildRequest('digiteal.webhooks.set_configuration', { ...HOOK, webHooks: [] }, DIGITEAL), forms(HOOK.password, HOOK.login)],
    ];
    for (const [request, secrets] of requests) {
      for (const text of [inspect(request), inspect(request, { showHidden: true, depth: 10 }), String(request), JSON.stringify(request), request.url]) clean(request.url, text, secrets);
      // What is sent is real: the credential is in the headers or the body.
      const sent = JSON.stringify(request.headers) + new TextDecoder().decode(request.body);
      assert.ok(secrets.some((s) => sent.includes(s)), `${request.url} sends no credential`);
    }
  });

  test('webhook verification errors hold no secret, nor the header given', async () => {
    const { createHmac } = await import('node:crypto');
    const body = '{"paymentRequestInformation": {"paymentID": "p-1"}}';
    const secret = 'whsec p@ss/+%=';
    const authorization = `Basic ${b64(`${HOOK.login}:wrong pass/+%`)}`;
    const refused = [
      () => digiteal.webhooks.verify(body, authorization, { ...HOOK, type: 'PAYMENT_INITIATED' }),
      () => digiteal.webhooks.verify(body, `Basic ${b64(`${HOOK.login}:${HOOK.password}x`)}`, HOOK),
      () => digiteal.webhooks.verify(body, `Bearer ${HOOK.password}`, HOOK),
      () => digiteal.webhooks.verify(body, null, HOOK),
      () => billit.verifyWebhook(body, `t=1,s=${createHmac('sha256', 'other').update(`1.${body}`).digest('hex')}`, secret, { now: 1 }),
      () => solaris.verifyWebhook(body, `sha256=${createHmac('sha256', 'other').update(body).digest('hex')}`, secret),
      () => solaris.verifyWebhook(body, `sha256=${createHmac('sha256', secret).update(body).digest('hex').slice(2)}zz`, secret),
    ];
    const secrets = [...forms(HOOK.password, HOOK.login), ...forms('wrong pass/+%', HOOK.login), ...forms(secret), authorization];
    for (const [i, run] of refused.entries()) {
      let error;
      try {
        run();
      } catch (e) {
        error = e;
      }
      cleanError(`refusal ${i}`, error, secrets);
    }
    assert.equal(digiteal.webhooks.verify(body, `Basic ${b64(`${HOOK.login}:${HOOK.password}`)}`, HOOK).data.paymentRequestInformation.paymentID, 'p-1');
  });
});
