// The error classes of kassa-web, re-exported by the package (`import { ApiError } from "kassa-web"`).
// The Rust side (src/error.rs, the one mapping) creates every error through `createError` and sets
// its fields (`code`, `kind`, `field`, `status`, ...); this file only defines the classes.

/** Every error kassa throws: `code` (stable), `kind` and the core's message (never a secret). */
export class KassaError extends Error {}
/** Input refused before anything was sent; `field` names it. */
export class ValidationError extends KassaError {}
/** The provider answered with an error: `status`, `providerCode`, `providerMessage`, `requestId`, `body`. */
export class ApiError extends KassaError {}
/** No complete answer arrived: `code` is e.g. `timeout`. */
export class TransportError extends KassaError {}
/** The answer could not be read: `field` and `offset` say where, when known. */
export class DecodeError extends KassaError {}
/** A webhook signature does not hold. */
export class SignatureError extends KassaError {}
/** A provider's redirect reports a failure of its flow (itsme's error page): `description`. */
export class CallbackError extends KassaError {}

// Names spelled out, so that minifiers renaming the classes do not change `err.name`.
const CLASSES = {
  KassaError,
  ValidationError,
  ApiError,
  TransportError,
  DecodeError,
  SignatureError,
  CallbackError,
};
for (const [name, cls] of Object.entries(CLASSES)) {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

/** `new <name>(message)`; an unknown name gives a `KassaError`. */
export function createError(name, message) {
  const cls = Object.prototype.hasOwnProperty.call(CLASSES, name) ? CLASSES[name] : KassaError;
  return new cls(message);
}
