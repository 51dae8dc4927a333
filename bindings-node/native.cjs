// Loads the napi-rs addon of this platform (`kassa.<platform>.node`, built by build.sh); the
// package entries (index.cjs, and index.js over it; generated) make the public package of it with
// the shared facade.
'use strict';

/** The platform suffixes napi-rs names addons with (only the files present load). */
function suffixes() {
  const { platform, arch } = process;
  if (platform === 'linux') return [`linux-${arch}-gnu`, `linux-${arch}-musl`];
  if (platform === 'win32') return [`win32-${arch}-msvc`, `win32-${arch}-gnu`];
  if (platform === 'darwin') return [`darwin-${arch}`, 'darwin-universal'];
  return [`${platform}-${arch}`];
}

function load() {
  const tried = [];
  for (const suffix of suffixes()) {
    const file = `./kassa.${suffix}.node`;
    try {
      return require(file);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND') throw error;
      tried.push(file);
    }
  }
  throw new Error(`kassa: no native addon for ${process.platform}-${process.arch} (tried ${tried.join(', ')}); build it with \`npm run build\``);
}

module.exports = load();
