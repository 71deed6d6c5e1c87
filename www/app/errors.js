// Errors in plain words: maps clerk-edge's error classes (and the console's own input checks) to
// a title and sentences an operator can act on. The SDK's `message` starts with an internal
// operation id ("GetUsersCount: connection error: ...") and is never shown as is.

/** A problem the console found in what the operator typed; nothing was sent. */
export class InputError extends Error {
  constructor(message, field) {
    super(message);
    this.name = "InputError";
    this.field = field; // the form control's name, when one field is at fault
  }
}

const STATUS_TITLES = {
  400: "The API refused the request",
  401: "The secret key was not accepted",
  402: "This needs a paid Clerk plan",
  403: "This key may not do that",
  404: "Not found",
  409: "That conflicts with the current state",
  422: "The API rejected the input",
  429: "Too many requests: wait a moment and try again",
};

const hostOf = (url) => {
  try {
    return new URL(url).host;
  } catch {
    return url || "the API";
  }
};

/** The first 200 characters of a non-HTML body, for an unexpected answer. */
function bodyExcerpt(body) {
  const text = typeof body === "string" ? body.trim() : "";
  if (!text || /^<(!doctype|html)/i.test(text)) return null;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * { title, lines: [string], errors: [{ message, code }], status, traceId, retryable }.
 * `serverURL` names the API in connection messages.
 */
export function describeError(err, { serverURL } = {}) {
  const host = hostOf(serverURL);
  switch (err?.name) {
    case "InputError":
      return { title: "Nothing was sent: check the form", lines: [err.message] };
    case "ClerkErrors": {
      const status = err.status;
      const title = STATUS_TITLES[status] ?? (status >= 500 ? "Clerk's API had a problem" : `The API answered ${status}`);
      return {
        title,
        errors: (err.errors ?? []).map((e) => ({ message: e.long_message || e.message, code: e.code, param: e.meta?.param_name })),
        status,
        traceId: err.clerk_trace_id,
        retryable: status === 429 || status >= 500,
      };
    }
    case "SDKError": {
      const status = err.statusCode;
      const lines = status === 404
        ? [`${host} has no such endpoint. Check that the base URL is the Backend API root (for example https://api.clerk.com/v1, or /proxy/v1 through this server).`]
        : [`${host} answered HTTP ${status} without Clerk's error details.`];
      const excerpt = bodyExcerpt(err.body);
      if (excerpt) lines.push(`It said: ${excerpt}`);
      return { title: status >= 500 ? "The server had a problem" : "Unexpected answer from the API", lines, status, retryable: status >= 500 };
    }
    case "ConnectionError":
      return {
        title: "Could not reach the API",
        lines: [`No answer from ${host}: the server may be down or unreachable, the base URL may be wrong, or the server does not allow this page (CORS). The console retried before giving up.`],
        retryable: true,
      };
    case "RequestTimeoutError":
      return {
        title: "The API did not answer in time",
        lines: [`No complete answer from ${host} within ${Math.round((err.timeoutMs ?? 0) / 1000)} s.`],
        retryable: true,
      };
    case "RequestAbortedError":
      return { title: "Cancelled", lines: ["The request was cancelled before it finished."], retryable: true };
    case "InvalidRequestError":
      return { title: "Nothing was sent: the request was invalid", lines: err.problems?.length ? err.problems : [err.message] };
    case "ResponseValidationError":
      return {
        title: "The API's answer was not understood",
        lines: [`${host} answered HTTP ${err.statusCode} with something that is not the API's JSON. Is the base URL the Backend API root?`],
      };
    case "TokenVerificationError":
      return { title: "Verification failed", lines: [err.message], code: err.reason };
    default:
      return { title: "Something went wrong", lines: [err?.message ?? String(err)] };
  }
}
