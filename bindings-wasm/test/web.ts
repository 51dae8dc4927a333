// What only kassa-web adds to the shared declarations (bindings-js/test/typecheck.ts checks the
// rest against the same file): the wasm loader.

import init, { initSync, iban } from 'kassa';

export async function load(bytes: Uint8Array, module: WebAssembly.Module): Promise<string> {
  await init();
  await init(new URL('https://cdn.test/kassa_web_bg.wasm'));
  await init({ module_or_path: fetch('/kassa_web_bg.wasm') });
  initSync({ module: bytes });
  initSync(module);
  return iban.validate('BE68539007547034');
}
