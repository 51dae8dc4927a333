// Loads the napi-rs addon of this platform. In a checkout, it is the file build.sh writes next to
// this one (`kassa.linux-x64-gnu.node`), tried first as napi-rs's loaders do (a fresh build wins over
// an installed package); installed from npm, where `kassa` ships no addon, it is the platform
// package (`@kassa/linux-x64-gnu`, ...: optional dependencies of `kassa`, each restricted to its
// os, cpu and libc, so npm installs only the one that fits). The package entries (index.cjs, and index.js over
// it; generated) make the public package of it with the shared facade.
'use strict';

/** Whether this Linux runs on musl (Alpine) rather than glibc: `ldd` says so, or else Node's report (which names glibc's version only on glibc). */
function isMusl() {
  try {
    return require('node:fs').readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    try {
      return !process.report.getReport().header.glibcVersionRuntime;
    } catch {
      return false;
    }
  }
}

/** The platform as napi-rs names its packages and addons (`linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`). */
function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** Requires `id`, or gives undefined when `id` itself is not installed (any other failure throws). */
function tryRequire(id) {
  try {
    return require(id);
  } catch (error) {
    // Not found: only when the missing module is `id` itself (not something `id` requires).
    if (error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`'${id}'`)) return undefined;
    throw error;
  }
}

function load() {
  const name = platformName();
  const pkg = `@kassa/${name}`;
  const addon = tryRequire(`./kassa.${name}.node`) ?? tryRequire(pkg);
  if (addon !== undefined) return addon;
  throw new Error(
    `kassa: the native addon for ${name} is missing: install the package ${pkg} ` +
      `(an optional dependency of kassa, left out by --omit=optional or by a lockfile made on another platform), ` +
      `or build kassa.${name}.node in a checkout with \`npm run build\``,
  );
}

module.exports = load();
