// Types of clerk-edge/hono, a drop-in for @hono/clerk-auth 3.1.
import type { Context, MiddlewareHandler } from "hono";
import type { AuthObject, AuthenticateRequestOptions, Clerk, TokenType } from "./index.js";

/** authenticateRequest's options; the middleware accepts any token type (choose in getAuth). */
export type ClerkMiddlewareOptions = Omit<AuthenticateRequestOptions, "acceptsToken">;

export interface GetAuthOptions {
  /** Token types to accept; another type gives a signed-out auth object. Default "any". */
  acceptsToken?: TokenType | TokenType[] | "any";
  /** Default true: a pending session reads as signed out. */
  treatPendingAsSignedOut?: boolean;
}

export type ClerkAuthVariables = {
  /** A clerk-edge Backend API client for the configured secret key. */
  clerk: Clerk;
  clerkAuth: (options?: GetAuthOptions) => AuthObject;
};

/**
 * Authenticates every request (session cookie or Authorization header, any token type).
 * Settings left out of `options` come from `CLERK_SECRET_KEY`, `CLERK_PUBLISHABLE_KEY`,
 * `CLERK_API_URL` and `CLERK_API_VERSION` in `c.env`, else `Deno.env` / `process.env`.
 * A state with a Location (a handshake) is answered with a 307 carrying the state's headers.
 */
export declare function clerkMiddleware(options?: ClerkMiddlewareOptions): MiddlewareHandler;

/** The request's auth object (clerkMiddleware() must have run). */
export declare function getAuth(c: Context, options?: GetAuthOptions): AuthObject;

declare module "hono" {
  interface ContextVariableMap extends ClerkAuthVariables {}
}
