// How kassa gives an output in JavaScript, for the test runners of both packages (Node's tests
// and kassa-web's): the expected outputs of the shared fixtures are read with every integer as a
// BigInt; these turn them into what kassa gives (ids BigInt, other integers numbers) and into what
// `JSON.stringify` of it gives (ids as decimal strings, secrets `[redacted]`), by the marks of the
// core's schemas in docs/surface.json (`x-kassa-id`, `x-kassa-secret`).

/**
 * The output property names `surface` (docs/surface.json, parsed) marks: `ids`, the only
 * integers kassa gives as `bigint`, and `secrets`. Throws when a name is an id in one type and
 * another integer in another (a runner could not tell them apart by name).
 */
export function markedKeys(surface) {
  const [ids, others, secrets] = [new Set(), new Set(), new Set()];
  const walk = (schema) => {
    if (Array.isArray(schema)) return schema.forEach(walk);
    if (schema === null || typeof schema !== 'object') return;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (property['x-kassa-id']) ids.add(name);
      else if ([property.type].flat().includes('integer')) others.add(name);
      if (property['x-kassa-secret']) secrets.add(name);
    }
    Object.values(schema).forEach(walk);
  };
  walk(surface.outputs);
  for (const name of ids) if (others.has(name)) throw new Error(`\`${name}\` is an id in one output and another integer in another`);
  return { ids, secrets };
}

/** Thrown by `asOutput` for an expected integer a JS number cannot hold (kassa refuses it with a DecodeError). */
export class UnsafeInteger extends Error {}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An expected output (integers as BigInt) as kassa gives it: ids stay BigInt, every other
 * integer becomes a number; throws `UnsafeInteger` (its message the key) for a non-id integer
 * beyond 2^53 - 1.
 */
export function asOutput(value, ids, key = undefined) {
  if (typeof value === 'bigint') {
    if (ids.has(key)) return value;
    if (value > MAX || value < -MAX) throw new UnsafeInteger(String(key));
    return Number(value);
  }
  if (Array.isArray(value)) return value.map((v) => asOutput(v, ids, key));
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asOutput(v, ids, k)]));
  }
  return value;
}

/** What `JSON.stringify` of kassa's output for the expected `value` gives, parsed back: ids as decimal strings, secrets `[redacted]`. */
export function asJson(value, { ids, secrets }) {
  const replace = (k, v) => (secrets.has(k) && v != null ? '[redacted]' : typeof v === 'bigint' ? (ids.has(k) ? String(v) : Number(v)) : v);
  return JSON.parse(JSON.stringify(value, replace) ?? 'null');
}
