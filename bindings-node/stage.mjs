// Stages the npm package `kassa` as it is published: the files package.json lists, and the
// manifest with `optionalDependencies` on the platform package of every `napi.targets` entry
// (`@kassa/linux-x64-gnu`, ...). They are added here, not in the checkout's package.json, so that
// `npm ci` in the checkout never asks the registry for them (napi-rs's `prepublish` does the same).
// Usage: node stage.mjs <dir>   (then `npm pack` or `npm publish` in <dir>; build.sh first)
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** napi-rs's name of a Rust target: [package suffix, os, cpu, libc] (`x86_64-unknown-linux-gnu` -> `linux-x64-gnu`). */
export function platformOf(triple) {
  const [arch, , os, abi] = triple.split('-');
  const cpu = { x86_64: 'x64', aarch64: 'arm64' }[arch];
  if (os === 'darwin') return [`darwin-${cpu}`, 'darwin', cpu, undefined];
  if (os === 'windows') return [`win32-${cpu}-${abi}`, 'win32', cpu, undefined];
  return [`linux-${cpu}-${abi}`, 'linux', cpu, abi === 'gnu' ? 'glibc' : 'musl'];
}

/** The published manifest: the checkout's, with the platform packages as optional dependencies. */
export function publishedManifest(pkg) {
  const optionalDependencies = Object.fromEntries(pkg.napi.targets.map((t) => [`${pkg.napi.packageName}/${platformOf(t)[0]}`, pkg.version]));
  const { devDependencies, scripts, ...rest } = pkg;
  return { ...rest, optionalDependencies };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node stage.mjs <dir>');
  const pkg = JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8'));
  mkdirSync(out, { recursive: true });
  for (const file of pkg.files) cpSync(join(HERE, file), join(out, file));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(publishedManifest(pkg), null, 2)}\n`);
}
