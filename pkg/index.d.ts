// Public types of clerk-edge (hand-written). Operation, params and response types are
// generated into ./types/ from Clerk's OpenAPI spec.

import type { ClerkApi } from "./types/index.js";
import type { RetryConfig } from "./runtime.js";

export type * from "./types/index.js";
export type * from "./runtime.js";

/** Something that receives debug lines: `console`, a logger with `debug()`, or a function. */
export type DebugLogger =
  | ((line: string) => void)
  | { debug(line: string): void }
  | { log(line: string): void };

export interface ClerkOptions {
  /** The instance's secret key (`sk_...`). Sent as `Authorization: Bearer`, never logged. */
  bearerAuth?: string;
  /** Alias of `bearerAuth`. */
  secretKey?: string;
  /** API base URL, default `https://api.clerk.com/v1`. */
  serverURL?: string;
  /** Index into the spec's server list (only 0: `https://api.clerk.com/v1`). */
  serverIdx?: number;
  /** Abort each attempt after this many milliseconds (default: no timeout). */
  timeoutMs?: number;
  /** Default retry policy (default: the spec's, exponential backoff on 5XX and connection errors). */
  retryConfig?: RetryConfig;
  /** A custom fetch (wrap to add headers, logging, a proxy ...). Default: the global fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Receives method, URL (without query), status and timing of each attempt. Never secrets. */
  debugLogger?: DebugLogger;
}

/** A Clerk Backend API client: one namespace per resource group. */
export interface Clerk extends ClerkApi {}
export declare class Clerk {
  /** @throws {InvalidRequestError} when an option is invalid (all problems listed). */
  constructor(options?: ClerkOptions);
}

/** Every operation the client performs (`id` is the spec's operationId). */
export declare function operations(): Array<{
  id: string;
  group: string;
  name: string;
  paginated: boolean;
  deprecated: boolean;
}>;

/** Base class of every error clerk-edge throws. */
export declare class ClerkEdgeError extends Error {
  constructor(message: string, props?: Record<string, unknown>);
}

/** One entry of Clerk's error body. */
export interface ClerkAPIError {
  code: string;
  message: string;
  long_message?: string;
  meta?: Record<string, unknown>;
}

/** A non-2xx response carrying Clerk's error body. */
export declare class ClerkErrors extends ClerkEdgeError {
  status: number;
  errors: ClerkAPIError[];
  clerk_trace_id?: string;
  /** Seconds to wait, from the `Retry-After` header (429/503). */
  retryAfter?: number;
  /** The response body as text. */
  body: string;
  headers: Headers;
}

/** Any other non-2xx response. */
export declare class SDKError extends ClerkEdgeError {
  statusCode: number;
  body: string;
  headers: Headers;
  rawResponse: Response;
}

/** The server could not be reached. `cause` is the runtime's error. */
export declare class ConnectionError extends ClerkEdgeError {}
/** No complete response within the timeout. */
export declare class RequestTimeoutError extends ClerkEdgeError {
  timeoutMs: number;
}
/** The caller's signal aborted the call; `cause` is the signal's reason. */
export declare class RequestAbortedError extends ClerkEdgeError {}
/** Invalid params or options: nothing was sent. */
export declare class InvalidRequestError extends ClerkEdgeError {
  problems: string[];
}
/** A 2xx response that does not match the spec (e.g. not JSON). */
export declare class ResponseValidationError extends ClerkEdgeError {
  statusCode: number;
  body: string;
  rawResponse: Response;
}
/** Token or webhook verification failed. */
export declare class TokenVerificationError extends ClerkEdgeError {
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// Token and webhook verification (see docs/auth.md)

import type { WebhookEvent } from "./types/webhooks.js";

/** Options of `verifyToken`. Give `jwtKey` (networkless) or `secretKey` (fetches the JWKS). */
export interface VerifyTokenOptions {
  /** The instance's public key: a PEM string, a JWK object, or a JWK as JSON. */
  jwtKey?: string | JsonWebKey;
  /** Secret key used to fetch `GET {serverURL}/jwks`. */
  secretKey?: string;
  /** Backend API URL, default `https://api.clerk.com/v1`. */
  serverURL?: string;
  /** The incumbent's spelling: `apiUrl` + `apiVersion` (default `v1`). */
  apiUrl?: string;
  apiVersion?: string;
  /** Accepted `azp` values; when non-empty the token must carry one of them. */
  authorizedParties?: string[];
  audience?: string | string[];
  issuer?: string | string[];
  /** Tolerance for exp/nbf/iat, default 5000 ms. */
  clockSkewInMs?: number;
  skipJwksCache?: boolean;
  /** How long a fetched JWKS is trusted, default 300000 ms. */
  jwksCacheTtlInMs?: number;
  /** Accepted `typ` header values, default `"JWT"` (or no `typ`); when given, `typ` is required. */
  headerType?: string | string[];
  /** Per-attempt limit of Backend API requests (`GET /jwks`), default 5000 ms; 3 attempts. */
  timeoutInMs?: number;
  /** A custom fetch for the Backend API requests. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** The claims of a verified session token. */
export interface JwtPayload {
  sub: string;
  sid?: string;
  iss?: string;
  azp?: string;
  exp: number;
  iat?: number;
  nbf?: number;
  [claim: string]: unknown;
}

/** Resolves to the token's claims, or rejects with `TokenVerificationError` (`reason`). */
export declare function verifyToken(token: string, options: VerifyTokenOptions): Promise<JwtPayload>;

export type TokenType = "session_token" | "api_key" | "m2m_token" | "oauth_token";

/**
 * Options of `authenticateRequest`: verifyToken's, plus the request flow's. `publishableKey`
 * and `secretKey` are required for session tokens (as @clerk/backend asserts both); a request
 * that only accepts `m2m_token` needs `machineSecretKey` or `secretKey`. An option name not
 * listed here is an `InvalidRequestError`.
 */
export interface AuthenticateRequestOptions extends VerifyTokenOptions {
  /** Which tokens to accept, default `session_token`. */
  acceptsToken?: TokenType | TokenType[] | "any";
  /** Used instead of `secretKey` to verify M2M tokens. */
  machineSecretKey?: string;
  /** The instance's publishable key (`pk_live_...`/`pk_test_...`): Frontend API, instance type, cookie suffix. */
  publishableKey?: string;
  /** The Frontend API proxy (absolute, or a path on the request's origin such as `/__clerk`). */
  proxyUrl?: string;
  /** A satellite's primary domain (multi-domain). */
  domain?: string;
  /** This app is a satellite domain (needs `domain` or `proxyUrl`, and `signInUrl` in development). */
  isSatellite?: boolean;
  /** The primary's sign-in page (satellites). */
  signInUrl?: string;
  signUpUrl?: string;
  afterSignInUrl?: string;
  afterSignUpUrl?: string;
  /** A satellite without cookies syncs with the primary on its first page load (default false). */
  satelliteAutoSync?: boolean;
  /** Activate the organization (or personal account) a URL's path names, through a handshake. */
  organizationSyncOptions?: {
    /** path-to-regexp 6 patterns with an `:id` or `:slug` parameter, e.g. `"/orgs/:slug/(.*)"`. */
    organizationPatterns?: string[];
    /** Patterns of personal-account pages, e.g. `"/me/(.*)"`. */
    personalAccountPatterns?: string[];
  };
}

/** What `has()` asks: every dimension given must pass, and at least one must be given. */
export interface HasQuery {
  role?: string;
  permission?: string;
  feature?: string;
  plan?: string;
  reverification?:
    | "strict_mfa"
    | "strict"
    | "moderate"
    | "lax"
    | { level: "first_factor" | "second_factor" | "multi_factor"; afterMinutes: number };
}

export interface GetTokenOptions {
  /** A JWT template's name: a new token from `POST /sessions/{id}/tokens/{template}`. */
  template?: string;
  /** A new session token with this lifetime. */
  expiresInSeconds?: number;
}

/** What `toAuth()` returns. Fields are null when signed out; which fields exist depends on `tokenType`. */
export interface AuthObject {
  tokenType: TokenType | null;
  isAuthenticated: boolean;
  userId: string | null;
  sessionId?: string | null;
  /** `"active"`, or `"pending"` for a pending session (signed out unless `treatPendingAsSignedOut: false`). */
  sessionStatus?: string | null;
  orgId?: string | null;
  orgRole?: string | null;
  orgSlug?: string | null;
  orgPermissions?: string[] | null;
  actor?: Record<string, unknown> | null;
  factorVerificationAge?: [number, number] | null;
  sessionClaims?: JwtPayload | null;
  /** Machine tokens: the token's id, subject, scopes, ... */
  id?: string | null;
  subject?: string | null;
  scopes?: string[] | null;
  /**
   * The session token; with `template` or `expiresInSeconds`, a new token from the Backend API.
   * A machine token's own token; null when signed out.
   */
  getToken(options?: GetTokenOptions): Promise<string | null>;
  /** Roles, permissions, features, plans and reverification, decided from the session's claims. */
  has(query: HasQuery): boolean;
  /** The request's context as data (credentials cut to 7 characters). */
  debug(): Record<string, unknown>;
  [field: string]: unknown;
}

interface RequestStateBase {
  reason: string | null;
  message: string | null;
  token: string | null;
  tokenType: TokenType | null;
  /** `Location`, each `Set-Cookie`, `Cache-Control`, and `x-clerk-auth-*` on signed-out and handshake states. */
  headers: Headers;
  proxyUrl: string;
  publishableKey: string;
  isSatellite: boolean;
  domain: string;
  signInUrl: string;
  signUpUrl: string;
  afterSignInUrl: string;
  afterSignUpUrl: string;
}

export interface SignedInState extends RequestStateBase {
  status: "signed-in";
  isSignedIn: true;
  isAuthenticated: true;
  reason: null;
  message: null;
  token: string;
  tokenType: TokenType;
  toAuth(options?: { treatPendingAsSignedOut?: boolean }): AuthObject;
}

export interface SignedOutState extends RequestStateBase {
  status: "signed-out";
  isSignedIn: false;
  isAuthenticated: false;
  /** Why (the incumbent's vocabulary: `session-token-and-uat-missing`, `token-expired`, ...). */
  reason: string;
  message: string;
  token: null;
  toAuth(options?: { treatPendingAsSignedOut?: boolean }): AuthObject;
}

/** Answer with a 307 and `headers` (Location to Clerk's Frontend API, Set-Cookie, Cache-Control). */
export interface HandshakeState extends RequestStateBase {
  status: "handshake";
  isSignedIn: false;
  isAuthenticated: false;
  reason: string;
  message: string;
  token: null;
  tokenType: "session_token";
  toAuth(options?: { treatPendingAsSignedOut?: boolean }): null;
}

/** The outcome of `authenticateRequest`: never a rejection for a bad token. */
export type RequestState = SignedInState | SignedOutState | HandshakeState;

/**
 * Authenticates a request: the `__session` cookie (suffixed or not) or `Authorization: Bearer`,
 * with @clerk/backend's handshake, refresh, dev-browser, satellite and organization-sync flow.
 * @throws {InvalidRequestError} (rejects) for an unknown or invalid option, or a missing key.
 */
export declare function authenticateRequest(
  request: Request,
  options: AuthenticateRequestOptions,
): Promise<RequestState>;

/** Verifies a Clerk (Svix) webhook delivery; resolves to the typed event. */
export declare function verifyWebhook(
  request: Request,
  options: { signingSecret: string },
): Promise<WebhookEvent>;
