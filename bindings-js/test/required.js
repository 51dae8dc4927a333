// The runtime half of typecheck.ts's required fields, shared by both packages' tests: each field
// a `@ts-expect-error` line there shows required is refused here with a ValidationError naming it.
// Usage: `requiredFields(kassa, test, assert)` with the package's module.

const DIGITEAL = { username: 'u', password: 'p' };
const READER = { publicKey: 'public-key-x', secret: 'secret-y' };

/** `[what, call, field]`: the call leaves out the required `field`. */
const CASES = [
  ['invoices.create without customerInternalId', (k) => k.buildRequest('digiteal.invoices.create', { invoiceInternalId: 'INV-1' }, DIGITEAL), 'customerInternalId'],
  ['session.get without id', (k) => k.buildRequest('passportreader.session.get', {}, READER), 'id'],
  ['PassportReader without secret', (k) => new k.PassportReader({ publicKey: 'public-key-x' }), 'secret'],
  ['billit.verifyWebhook without now', (k) => k.billit.verifyWebhook('{}', 't=1,s=00', 'secret', {}), 'now'],
  ['identity.startOperation without subject', (k) => k.identity.startOperation('billit', { returnUrl: 'https://a.test/' }), 'params.subject'],
  ['invoices.send_document without document', (k) => k.buildRequest('digiteal.invoices.send_document', { uuid: 'u' }, DIGITEAL), 'document'],
];

export function requiredFields(kassa, test, assert) {
  for (const [what, call, field] of CASES) {
    test(`required at runtime too: ${what}`, () => {
      assert.throws(() => call(kassa), (e) => {
        assert.ok(e instanceof kassa.ValidationError, String(e));
        assert.equal(e.field, field);
        assert.match(e.message, new RegExp(`missing field \`${field.split('.').pop()}\``));
        return true;
      });
    });
  }
  test('required at runtime too: a client rejects an invoice without customerInternalId, sending nothing', async () => {
    const client = new kassa.Digiteal({ ...DIGITEAL, baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 } });
    await assert.rejects(client.invoices.create({ invoiceInternalId: 'INV-1' }), (e) => e instanceof kassa.ValidationError && e.field === 'customerInternalId');
  });
}
