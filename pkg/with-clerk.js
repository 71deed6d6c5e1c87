// withClerk(handler, options): authenticateRequest in front of a module Worker's fetch handler
// or Deno.serve's, so the handler only sees requests it should answer.
//
//   export default { fetch: withClerk((request, env, ctx, auth) => Response.json({ userId: auth.userId })) };
//   Deno.serve(withClerk((request, info, ctx, auth) => ...));

import { authenticateRequest } from "#runtime";
import { checkChoice, optionsObject, redirectLocation, withEnvDefaults } from "./middleware.js";

/** Settings read from the environment when the options leave them out. */
const ENV_NAMES = {
  secretKey: "CLERK_SECRET_KEY",
  publishableKey: "CLERK_PUBLISHABLE_KEY",
  jwtKey: "CLERK_JWT_KEY",
  apiUrl: "CLERK_API_URL",
  apiVersion: "CLERK_API_VERSION",
};

export function withClerk(handler, options) {
  if (typeof handler !== "function") throw new TypeError("withClerk: handler must be a function");
  // onSignedOut is ours; every other option goes to authenticateRequest as given (refusing the
  // ones it does not take is its job: an InvalidRequestError naming them).
  const { onSignedOut = "reject", ...authOptions } = optionsObject("withClerk", options);
  checkChoice("onSignedOut", onSignedOut, ["reject", "continue"]);

  return async function fetch(request, env, ctx) {
    const state = await authenticateRequest(request, withEnvDefaults(authOptions, env, ENV_NAMES));
    if (redirectLocation(state)) return new Response(null, { status: 307, headers: state.headers });
    if (!state.isAuthenticated && onSignedOut === "reject") {
      return new Response("Unauthorized", { status: 401, headers: state.headers });
    }
    const response = await handler(request, env, ctx, state.toAuth());
    return withStateHeaders(response, state.headers);
  };
}

/** The handler's response carrying the state's headers (Set-Cookie after a handshake, x-clerk-auth-*). */
function withStateHeaders(response, headers) {
  if (!(response instanceof Response)) throw new TypeError("withClerk: the handler must return a Response");
  if ([...headers.keys()].length === 0) return response;
  // A Response from fetch() or Response.redirect() has immutable headers: copy it first.
  const out = new Response(response.body, response);
  headers.forEach((value, name) => out.headers.append(name, value));
  return out;
}
