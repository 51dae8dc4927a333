// Fault injection (issue 9): the client against tests/server/faults.py, which this file starts
// and stops by PID. Each broken answer ends in its typed error, quickly, without hanging.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ApiError, Digiteal, PassportReader, ServerError, TransportError } from '../index.js';
import { CREDENTIALS, rejection, startServer } from './helpers.js';

let faults;
before(async () => { faults = await startServer('faults.py'); });
after(() => faults.stop());

/** A PassportReader client of `fault`, without retries unless asked. */
const client = (fault, options = {}) =>
  new PassportReader({ ...CREDENTIALS, baseUrl: `${faults.url}/${fault}`, timeout: 5, retry: { maxRetries: 0, initialDelay: 0.01 }, ...options });

/** The error of `promise`, within `ms`. */
async function fails(promise, ms = 5_000) {
  const started = performance.now();
  const error = await rejection(promise);
  const took = performance.now() - started;
  assert.ok(took < ms, `took ${Math.round(took)} ms`);
  return error;
}

const STATE = { id: 9007199254740993n };

describe('fault injection', () => {
  test('an endless body stops at max_response_bytes: body_too_large', async () => {
    const error = await fails(client('endless', { maxResponseBytes: 1 << 20 }).session.state(STATE));
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'body_too_large');
    assert.match(error.message, /1048576 bytes/);
  });

  test('a Content-Length of 10 GB is refused before reading: body_too_large', async () => {
    const error = await fails(client('huge-length').session.state(STATE), 2_000);
    assert.equal(error.code, 'body_too_large');
  });

  test('a body shorter than announced, a reset mid-body: body errors; an unsafe operation: outcome_unknown', async () => {
    assert.equal((await fails(client('short').session.state(STATE))).code, 'body');
    assert.ok(['body', 'transport'].includes((await fails(client('reset').session.state(STATE))).code));
    // An invoice creation without its resend key is not safe to repeat: its answer was lost
    // after it may have arrived.
    const dig = new Digiteal({ username: 'u', password: 'p', baseUrl: `${faults.url}/reset`, retry: { initialDelay: 0.01 } });
    const unknown = await fails(dig.invoices.create({ customerInternalId: 'C', amountInCents: 1, iban: 'BE68539007547034', remittanceInfo: 'x' }));
    assert.equal(unknown.code, 'outcome_unknown');
    assert.match(unknown.message, /digiteal\.invoices\.create may have reached the provider/);
  });

  test('256 KiB of headers: a transport error', async () => {
    const error = await fails(client('huge-headers').session.state(STATE));
    assert.ok(error instanceof TransportError, String(error));
  });

  test('a redirect is not followed: ApiError with its location', async () => {
    const error = await fails(client('redirect').session.state(STATE));
    assert.ok(error instanceof ApiError && error.constructor === ApiError, error.name);
    assert.deepEqual([error.status, error.location], [302, 'https://elsewhere.invalid/x']);
  });

  test('Retry-After beyond the deadline: the 503 at once, with retryAfter', async () => {
    const events = [];
    const reader = client('retry-after/30', { retry: { initialDelay: 0.01, maxRetries: 4 }, onResponse: (e) => events.push(e) });
    const error = await fails(reader.session.state(STATE, { deadline: 2, maxRetries: 3 }), 1_500);
    assert.ok(error instanceof ServerError);
    assert.deepEqual([error.status, error.retryAfter], [503, 30]);
    // The hook hears the outcome: no retry (the deadline leaves no time for the one asked for).
    assert.deepEqual(events.map((e) => [e.status, e.retry, e.retryAfterMs]), [[503, false, null]]);
    // Within the deadline, Retry-After is waited for.
    const short = client('retry-after/1', { onResponse: (e) => events.push(e) });
    const started = performance.now();
    assert.equal((await fails(short.session.state(STATE, { maxRetries: 1, deadline: 5 }))).retryAfter, 1);
    assert.ok(performance.now() - started >= 900, `${performance.now() - started} ms ${JSON.stringify(events)}`);
    assert.deepEqual(events.slice(1).map((e) => [e.attempt, e.retryAfterMs]), [[1, 1000], [2, null]]);
  });

  test('a slow answer: timeout past the limit, the answer within it', async () => {
    assert.equal((await fails(client('slow/3000', { timeout: 0.3 }).session.state(STATE), 2_000)).code, 'timeout');
    assert.equal((await fails(client('slow/3000').session.state(STATE, { timeout: 0.3 }), 2_000)).code, 'timeout');
    assert.deepStrictEqual(await client('slow/100').session.state(STATE), { state: 'CREATED' });
  });
});
