// The errors clerk-edge throws. Rust builds them through the classes registered by core.js,
// so each has one identity and `instanceof` works. Every class takes (message, props) and
// copies props (status, errors, body, ...) onto the instance. Names are set explicitly so
// that minifiers cannot rename them.

export class ClerkEdgeError extends Error {
  constructor(message, props) {
    super(message, props && "cause" in props ? { cause: props.cause } : undefined);
    if (props) {
      for (const key of Object.keys(props)) {
        if (key !== "cause") this[key] = props[key];
      }
    }
  }
}

/** A non-2xx response with Clerk's error body. */
export class ClerkErrors extends ClerkEdgeError {}
/** Any other non-2xx response. */
export class SDKError extends ClerkEdgeError {}
/** The request could not reach the server (DNS, refused, reset). */
export class ConnectionError extends ClerkEdgeError {}
/** No complete response within `timeoutMs`. */
export class RequestTimeoutError extends ClerkEdgeError {}
/** The caller's AbortSignal aborted the request. */
export class RequestAbortedError extends ClerkEdgeError {}
/** The params were invalid: nothing was sent. `problems` lists each one. */
export class InvalidRequestError extends ClerkEdgeError {}
/** A 2xx response that is not what the spec says (e.g. not JSON). */
export class ResponseValidationError extends ClerkEdgeError {}
/** A token or webhook failed verification; `reason` says why. */
export class TokenVerificationError extends ClerkEdgeError {}

for (const [name, cls] of Object.entries({
  ClerkEdgeError,
  ClerkErrors,
  SDKError,
  ConnectionError,
  RequestTimeoutError,
  RequestAbortedError,
  InvalidRequestError,
  ResponseValidationError,
  TokenVerificationError,
})) {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}
