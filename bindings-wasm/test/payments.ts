// The declarations of `kassa-web/payments` (pkg/payments.d.ts): its functions typed as in
// `kassa-web`, the loader, the error classes, and nothing of the clients.

import init, { initSync, iban, bic, epc, ogm, rf, be, peppol, ValidationError } from 'kassa-web/payments';
// @ts-expect-error: the payments entry has no HTTP client.
import { Billit } from 'kassa-web/payments';
// @ts-expect-error: nor the sans-IO operations.
import { buildRequest } from 'kassa-web/payments';
// @ts-expect-error: nor the provider functions.
import { digiteal } from 'kassa-web/payments';

export async function pay(bytes: Uint8Array): Promise<string[]> {
  await init();
  initSync({ module: bytes });
  const payload: string = epc.build({ name: 'Acme', iban: 'BE68539007547034', amountCents: 1230n });
  const svg: string = epc.svg(payload, { modulePx: 4 });
  const png: Uint8Array = epc.png(payload);
  const parsed = epc.parse(payload);
  const check = iban.check('BE68539007547034');
  const valid: boolean = check.valid;
  try {
    iban.validate('x');
  } catch (e) {
    if (e instanceof ValidationError) return [e.field, e.code];
  }
  return [payload, svg, String(png.length), parsed.iban, String(valid), bic.validate('GEBABEBB'), ogm.generate(1234567890),
    rf.generate('539007547034'), be.vatNumber('BE0403170701'), peppol.validate('0208:0403170701'), String(Billit), String(buildRequest), String(digiteal)];
}
