// Types of clerk-edge/with-clerk.
import type { AuthObject, AuthenticateRequestOptions } from "./index.js";

export interface WithClerkOptions extends AuthenticateRequestOptions {
  /** What a signed-out request gets: a 401 (default) or the handler, with a signed-out auth. */
  onSignedOut?: "reject" | "continue";
}

/** A module Worker's fetch handler (or Deno.serve's), given the request's auth object. */
export type ClerkHandler<Env = unknown, Ctx = unknown> = (
  request: Request,
  env: Env,
  ctx: Ctx,
  auth: AuthObject,
) => Response | Promise<Response>;

/**
 * Authenticates each request before `handler` runs. A handshake is answered with its 307;
 * a signed-out request with a 401 unless `onSignedOut: "continue"`. Settings left out of
 * `options` come from `CLERK_SECRET_KEY`, `CLERK_PUBLISHABLE_KEY`, `CLERK_JWT_KEY`,
 * `CLERK_API_URL` and `CLERK_API_VERSION` in `env`, else `Deno.env` / `process.env`.
 */
export declare function withClerk<Env = unknown, Ctx = unknown>(
  handler: ClerkHandler<Env, Ctx>,
  options?: WithClerkOptions,
): (request: Request, env?: Env, ctx?: Ctx) => Promise<Response>;
