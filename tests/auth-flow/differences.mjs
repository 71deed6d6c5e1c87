// The documented differences: the only allowed source of disagreement with @clerk/backend 3.25
// in this suite. Each applies to scenarios carrying one of its tags (corpus.mjs), says why the
// incumbent is wrong, and `check(ours, theirs)` states what each side does there (both are
// checked, so an entry excuses only the disagreement it describes). docs/auth-flow.md, "Where
// the incumbent throws or is arguably wrong", is the prose version of this list.

export const DIFFERENCES = [
  {
    id: "options-refused-up-front",
    tags: ["options-invalid", "sign-in-url-relative", "proxy-invalid"],
    why: "the incumbent throws a plain Error from inside authenticateRequest on every request (missing secret key or publishable key, a satellite without domain/proxyUrl or signInUrl, a path-to-regexp pattern it cannot compile), or only on some requests (a relative signInUrl when the request has an Origin header, a proxyUrl that is no URL when a handshake is built); clerk-edge rejects the options with InvalidRequestError naming the option before any request is judged",
    check: (ours) => ours.threw === "InvalidRequestError",
  },
  {
    id: "sign-in-url-on-the-satellites-origin",
    tags: ["sign-in-url-same-origin"],
    why: "a satellite whose signInUrl is on the origin the request's Origin header names makes the incumbent throw for that request only; clerk-edge returns signed-out (unexpected-error) with the incumbent's message, so the app answers instead of crashing",
    check: (ours, theirs) => Boolean(theirs.threw) && ours.status === "signed-out" && ours.reason === "unexpected-error",
  },
  {
    id: "invalid-clerk-redirect-url",
    tags: ["redirect-url-invalid"],
    why: "on a development primary, a __clerk_redirect_url query parameter that is not a URL makes the incumbent throw a TypeError (any visitor can add it); clerk-edge ignores the parameter and carries on",
    check: (ours, theirs) => Boolean(theirs.threw) && !ours.threw && ours.reason !== "primary-responds-to-syncing",
  },
  {
    id: "redirect-loop-counter-above-3",
    tags: ["counter:4", "counter:7"],
    why: "the incumbent stops handshake redirects only when __clerk_redirect_count is exactly 3, so a counter above 3 redirects forever; clerk-edge stops at 3 or more",
    check: (ours, theirs) => theirs.status === "handshake" && ours.status === "signed-out" && ours.reason === theirs.reason && !ours.headers.location,
  },
  {
    id: "session-payload-not-an-object",
    tags: ["payload-null"],
    why: "a __session cookie whose payload is JSON null makes the incumbent throw a TypeError before any verification (every request carrying it fails); clerk-edge reads its claims as absent and the token fails verification",
    check: (ours, theirs) => Boolean(theirs.threw) && ours.status === "signed-out",
  },
  {
    id: "session-header-not-an-object",
    tags: ["header-null"],
    why: "a token whose header is JSON null makes the incumbent's verifyToken throw a TypeError, reported as unexpected-error; clerk-edge reports token-invalid",
    check: (ours, theirs) => theirs.reason === "unexpected-error" && ours.reason === "token-invalid",
  },
  {
    id: "no-24-hour-clock-skew-retry",
    tags: ["dev+handshake:jwt-expired", "dev+handshake:nonce-expired"],
    why: "in development the incumbent re-verifies a handshake's session token with a 24-hour clock skew, so a token that expired up to a day ago signs the user in; clerk-edge applies clockSkewInMs as everywhere else and carries on without the handshake",
    check: (ours, theirs) => theirs.status === "signed-in" && ours.token !== theirs.token && !ours.headers?.other?.["access-control-allow-origin"],
  },
  {
    id: "dev-handshake-token-invalid",
    tags: ["dev+handshake:jwt-bad-sig", "dev+handshake:jwt-template"],
    why: "in development the incumbent throws when the handshake JWT fails verification; clerk-edge returns signed-out with the same message and the verification reason",
    check: (ours, theirs) => Boolean(theirs.threw) && ours.status === "signed-out" && /^Clerk: Handshake token verification failed/.test(ours.message ?? ""),
  },
  {
    id: "template-name-encoded",
    tags: ["template-slash"],
    why: "getToken({ template }) puts the template name in the path unencoded, so `a/b` calls another endpoint; clerk-edge percent-encodes it",
    check: (ours, theirs) => JSON.stringify(ours.calls).includes("/tokens/a%2Fb") && JSON.stringify(theirs.calls).includes("/tokens/a/b"),
  },
];

/** The documented differences that apply to a scenario. */
export function differencesFor(sc) {
  const tags = new Set(sc.tags);
  const inst = tags.has("dev") ? "dev" : "prod";
  return DIFFERENCES.filter((d) => d.tags.some((t) => (t.includes("+") ? t.split("+")[0] === inst && tags.has(t.split("+")[1]) : tags.has(t))));
}
