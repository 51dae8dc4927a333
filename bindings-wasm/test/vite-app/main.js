// A user's page built by Vite: kassa-web validates an IBAN, kassa-web/payments builds the EPC
// payload and draws its QR code. test/vite.test.mjs builds it with `vite build`, serves dist/ on
// 127.0.0.1, opens it in headless Chromium and decodes the QR code from a screenshot.
import init, { iban, ValidationError } from 'kassa-web';
import initPayments, { epc } from 'kassa-web/payments';

const show = (id, text) => { document.getElementById(id).textContent = text; };

try {
  await Promise.all([init(), initPayments()]);
  show('iban', iban.validate('be68 5390 0754 7034'));
  try {
    iban.validate('BE68 5390 0754 7035');
  } catch (e) {
    show('refused', e instanceof ValidationError ? `${e.code} ${e.field}` : `not a ValidationError: ${e}`);
  }
  const payload = epc.build({
    name: 'Rode Kruis Vlaanderen',
    iban: 'BE72 0000 0000 1616',
    bic: 'BPOTBEB1',
    amount: '12.30',
    reference: '+++090/9337/55493+++',
  });
  show('payload', payload);
  document.getElementById('qr').innerHTML = epc.svg(payload, { modulePx: 6, border: 4 });
  show('status', 'done');
} catch (e) {
  show('status', `failed: ${e && e.stack ? e.stack : e}`);
}
