// What is compared for one scenario, read the same way from either library's RequestState
// (runtime-neutral: fetch, Request, URL, Headers only). Normalised only where it must be:
// - a verification failure's message keeps its structure, not its text: the text before
//   "(reason=..., token-carrier=...)" belongs to the verification layer (issue 10), whose
//   wording is compared by tests/auth; everything the flow itself writes is compared whole;
// - URLs in Location are parsed (origin, path, query pairs in order, redirect URLs parsed
//   again), so encoding details of equal URLs do not count;
// - `undefined` and absent fields of the auth object are the same.

const VERIFICATION = /^([\s\S]*) \((reason|code)=([^,]*), (token-carrier|status)=([^)]*)\)$/;

export function normalizeMessage(m) {
  if (typeof m !== "string") return m ?? null;
  const x = VERIFICATION.exec(m);
  return x ? `«message» (${x[2]}=${x[3]}, ${x[4]}=${x[5]})` : m;
}

const NESTED = new Set(["redirect_url", "__clerk_redirect_url"]);

export function parseUrl(s) {
  try {
    const u = new URL(s);
    return {
      origin: u.origin,
      pathname: u.pathname,
      query: [...u.searchParams].map(([k, v]) => [k, NESTED.has(k) ? parseUrl(v) : v]),
      hash: u.hash,
    };
  } catch {
    return { unparsable: s };
  }
}

const AUTH_FIELDS = ["tokenType", "isAuthenticated", "userId", "sessionId", "sessionStatus", "actor", "orgId", "orgRole", "orgSlug",
  "orgPermissions", "factorVerificationAge", "sessionClaims", "id", "subject", "scopes", "name", "claims", "machineId", "clientId"];
const DEBUG_FIELDS = ["secretKey", "jwtKey", "sessionToken", "tokenInHeader", "sessionTokenInCookie", "refreshTokenInCookie", "devBrowserToken",
  "handshakeToken", "publishableKey", "instanceType", "frontendApi", "isSatellite", "domain", "proxyUrl", "signInUrl", "signUpUrl", "status",
  "reason", "message", "clientUat", "handshakeRedirectLoopCounter", "method", "secFetchDest", "origin", "referrer"];
const STATE_FIELDS = ["status", "reason", "tokenType", "token", "isSignedIn", "isAuthenticated", "proxyUrl", "publishableKey", "isSatellite",
  "domain", "signInUrl", "signUpUrl", "afterSignInUrl", "afterSignUpUrl"];

const plain = (v) => (v === undefined ? "$undefined" : v);

/** The named fields of an object, `undefined` marked. */
export const pick = (o, fields) => Object.fromEntries(fields.map((f) => [f, plain(o?.[f])]));
export const pickAuth = (a) => pick(a, AUTH_FIELDS);
export const pickState = (s) => ({ ...pick(s, STATE_FIELDS), message: normalizeMessage(s.message) });
export const pickDebug = (d) => ({ ...pick(d, DEBUG_FIELDS), message: normalizeMessage(d?.message ?? undefined) });

/** Location parsed, Set-Cookie as a list, the other headers (the auth message normalised). */
export function headersRecord(h) {
  const other = {};
  for (const [k, v] of h) {
    if (k === "set-cookie" || k === "location") continue;
    other[k] = k === "x-clerk-auth-message" ? normalizeMessage(v) : v;
  }
  return {
    location: h.get("location") === null ? null : parseUrl(h.get("location")),
    setCookie: typeof h.getSetCookie === "function" ? h.getSetCookie() : h.get("set-cookie"),
    other,
  };
}

function authOf(a, hasQueries) {
  if (a === null) return null;
  if (typeof a !== "object") return plain(a);
  const fields = pickAuth(a);
  const has = typeof a.has === "function"
    ? hasQueries.map((q) => { try { return a.has(q); } catch (e) { return `threw ${e?.name}`; } })
    : "missing";
  let debug = "missing";
  if (typeof a.debug === "function") {
    try {
      debug = pickDebug(a.debug());
    } catch (e) {
      debug = `threw ${e?.name}`;
    }
  }
  return { fields, has, debug, getToken: typeof a.getToken === "function" ? "function" : "missing" };
}

async function settle(p) {
  try {
    return { value: plain(await p) };
  } catch (e) {
    return { threw: e?.name ?? "error" };
  }
}

/** The comparable record of a RequestState. */
export async function observe(state, { hasQueries, template }) {
  const out = pickState(state);
  out.headers = headersRecord(state.headers ?? new Headers());
  if (typeof state.toAuth !== "function") {
    out.auth = "missing toAuth";
    return out;
  }
  let auth;
  try {
    auth = state.toAuth();
  } catch (e) {
    out.auth = `threw ${e?.name}`;
    return out;
  }
  out.auth = authOf(auth, hasQueries);
  if (auth && typeof auth.getToken === "function") out.getToken = await settle(auth.getToken());
  if (state.status === "signed-in" && state.tokenType === "session_token") {
    let pending;
    try { pending = state.toAuth({ treatPendingAsSignedOut: false }); } catch (e) { pending = `threw ${e?.name}`; }
    out.authPendingAllowed = typeof pending === "object" ? authOf(pending, hasQueries)?.fields ?? null : pending;
    if (template && pending && typeof pending.getToken === "function") out.getTemplate = await settle(pending.getToken({ template }));
  }
  return out;
}

/** Runs one scenario through a library: the state's record, the Backend API calls it made. */
export async function runScenario(authenticate, sc, corpus) {
  const request = new Request(sc.request.url, { method: sc.request.method, headers: sc.request.headers, body: sc.request.body });
  let record;
  try {
    const state = await authenticate(request, { ...sc.options, apiUrl: corpus.apiUrl, apiVersion: "v1" });
    record = await observe(state, { hasQueries: corpus.hasQueries, template: sc.checks?.template });
  } catch (e) {
    record = { threw: e?.name ?? "error" };
  }
  const calls = await (await fetch(`${corpus.apiUrl}/__control/log`)).json();
  record.calls = calls;
  return record;
}
