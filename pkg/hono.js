// clerk-edge/hono: a drop-in for @hono/clerk-auth 3.1 (same exports, same context variables,
// same environment variables, same handshake response) on clerk-edge's authenticateRequest.
//
//   import { clerkMiddleware, getAuth } from "clerk-edge/hono";
//   app.use("*", clerkMiddleware());
//   app.get("/", (c) => c.json({ userId: getAuth(c).userId }));
//
// Differences, each on purpose: `c.get("clerk")` is a clerk-edge `Clerk` (clerk.users.get({ user_id })),
// not @clerk/backend's; a setting missing from the options is read from the environment (the
// original reads the environment only when no options are given); getAuth(c, { acceptsToken })
// honours acceptsToken (the original returns the request's auth whatever its type).

import { Clerk, InvalidRequestError, authenticateRequest, notAcceptedAuthObject } from "#runtime";
import { checkChoice, optionsObject, redirectLocation, withEnvDefaults } from "./middleware.js";

/** What @hono/clerk-auth reads from `env(c)`. */
const ENV_NAMES = {
  secretKey: "CLERK_SECRET_KEY",
  publishableKey: "CLERK_PUBLISHABLE_KEY",
  apiUrl: "CLERK_API_URL",
  apiVersion: "CLERK_API_VERSION",
};
const TOKEN_TYPES = ["session_token", "api_key", "m2m_token", "oauth_token"];

export function clerkMiddleware(options) {
  const given = optionsObject("clerkMiddleware", options);
  if ("acceptsToken" in given) {
    const problem = "acceptsToken is not a clerkMiddleware option: the middleware accepts any token; use getAuth(c, { acceptsToken })";
    throw new InvalidRequestError(`Invalid options: ${problem}`, { problems: [problem] });
  }
  return async (c, next) => {
    const { secretKey, publishableKey, apiUrl, apiVersion, ...rest } = withEnvDefaults(given, c.env, ENV_NAMES);
    if (!secretKey) throw new Error("Missing Clerk Secret key");
    if (!publishableKey) throw new Error("Missing Clerk Publishable key");
    const state = await authenticateRequest(c.req.raw, { ...rest, secretKey, publishableKey, apiUrl, apiVersion, acceptsToken: "any" });
    // As the original: the state's headers go on the response, and a Location means a 307 there.
    state.headers.forEach((value, name) => c.res.headers.append(name, value));
    const location = redirectLocation(state);
    if (location) return c.redirect(location, 307);
    c.set("clerkAuth", (authOptions) => authFor(state, authOptions));
    c.set("clerk", client(secretKey, apiUrl, apiVersion));
    await next();
  };
}

export function getAuth(c, options) {
  const auth = c.get("clerkAuth");
  if (typeof auth !== "function") {
    throw new Error("getAuth: clerkMiddleware() did not run for this request (app.use('*', clerkMiddleware()))");
  }
  return auth(options);
}

/** The request's auth object, or a signed-out one when its token is not of an accepted type. */
function authFor(state, options) {
  const { acceptsToken = "any", treatPendingAsSignedOut, ...unknown } = optionsObject("getAuth", options);
  const names = Object.keys(unknown);
  if (names.length) {
    const problems = names.map((n) => `${n} is not a getAuth option (acceptsToken, treatPendingAsSignedOut)`);
    throw new InvalidRequestError(`Invalid options: ${problems.join("; ")}`, { problems });
  }
  const accepted = acceptsToken === "any" ? TOKEN_TYPES : [acceptsToken].flat();
  for (const t of accepted) checkChoice("acceptsToken", t, TOKEN_TYPES);
  const auth = state.toAuth({ treatPendingAsSignedOut });
  if (accepted.includes(auth.tokenType)) return auth;
  // The incumbent's shapes: a list gets a typeless signed-out object, one type its own.
  return notAcceptedAuthObject(Array.isArray(acceptsToken) ? null : acceptsToken);
}

let cached = { key: null, clerk: null };

/** One Clerk client per secret key and API URL (the original makes one per request). */
function client(secretKey, apiUrl, apiVersion) {
  const serverURL = apiUrl ? `${apiUrl.replace(/\/+$/, "")}/${(apiVersion || "v1").replace(/^\/+|\/+$/g, "")}` : undefined;
  const key = `${secretKey}\n${serverURL ?? ""}`;
  if (cached.key !== key) cached = { key, clerk: new Clerk({ secretKey, serverURL }) };
  return cached.clerk;
}
