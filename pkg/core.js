// The JS face of clerk-edge, shared by every runtime entry (node.js, deno.js, browser.js,
// workerd.js). The entry loads the wasm, calls setup() (setup.js), then re-exports this module.
//
// Namespaces and method names come from the wasm's operation table (generated from the
// OpenAPI spec), so they cannot drift from what the Rust side can perform.

import * as wasm from "./dist/clerk_edge.js";

import { InvalidRequestError } from "./errors.js";

export * from "./errors.js";
export { verifyToken, verifyWebhook } from "./dist/clerk_edge.js";

// The API's default page size (LimitParameter in the spec).
const DEFAULT_LIMIT = 10;

let table;
function operationTable() {
  if (!table) {
    table = wasm
      .operationTable()
      .trim()
      .split("\n")
      .map((line, index) => {
        const [id, group, name, flags] = line.split(" ");
        return { index, id, group, name, paginated: flags.includes("p"), deprecated: flags.includes("d") };
      });
  }
  return table;
}

let groups;
function groupTable() {
  if (!groups) {
    groups = new Map();
    for (const op of operationTable()) {
      if (!groups.has(op.group)) groups.set(op.group, []);
      groups.get(op.group).push(op);
    }
  }
  return groups;
}

/** Every operation: `{ id, group, name, paginated, deprecated }` (id is the spec's operationId). */
export function operations() {
  return operationTable().map(({ id, group, name, paginated, deprecated }) => ({ id, group, name, paginated, deprecated }));
}

// Keys that JS itself probes on any object (await, JSON.stringify, inspectors): reading them
// must not throw.
const PROBED = new Set(["then", "toJSON", "constructor", "inspect", "asymmetricMatch", "nodeType", "$$typeof"]);

function guard(what, target, known) {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === "string" && !(key in obj) && !PROBED.has(key)) {
        throw new TypeError(`${what} has no ${known.kind} "${key}". Available: ${known.names().join(", ")}`);
      }
      return Reflect.get(obj, key, receiver);
    },
  });
}

function namespace(core, ops, groupName) {
  const ns = {};
  for (const op of ops) {
    const call = (params, options) => core.call(op.index, params, options);
    if (op.paginated) {
      call.pages = (params, options) => pages(call, params, options);
      call.items = (params, options) => items(call, params, options);
    }
    Object.defineProperty(call, "name", { value: op.name });
    ns[op.name] = call;
  }
  return guard(`clerk.${groupName}`, Object.freeze(ns), { kind: "operation", names: () => ops.map((o) => o.name) });
}

/**
 * A Clerk Backend API client. One property per resource group (`clerk.users`,
 * `clerk.organizations`, ...), each created on first use.
 */
export class Clerk {
  constructor(options = {}) {
    const core = new wasm.ClerkCore(options);
    for (const [name, ops] of groupTable()) {
      let ns;
      Object.defineProperty(this, name, {
        enumerable: true,
        get: () => (ns ??= namespace(core, ops, name)),
      });
    }
    return guard("clerk", this, { kind: "resource group", names: () => [...groupTable().keys()] });
  }
}

/** Walks a paginated operation page by page, from `offset` until the last page. */
async function* pages(call, params = {}, options) {
  let base;
  try {
    if (typeof params !== "object" || params === null || Array.isArray(params)) throw params;
    base = { ...params };
  } catch {
    // Not a readable params object: one call, so the wasm's validation reports it
    // (InvalidRequestError) instead of a raw error from here.
    yield await call(params, options);
    return;
  }
  const limit = base.limit ?? DEFAULT_LIMIT;
  let offset = base.offset ?? 0;
  for (;;) {
    const page = await call({ ...base, limit, offset }, options);
    yield page;
    const list = pageItems(page);
    if (!list || list.length === 0) return;
    offset += list.length;
    // Two shapes in the spec: plain arrays end on a short page; { data, total_count } on the total.
    const done = Array.isArray(page)
      ? list.length < limit
      : typeof page.total_count === "number"
        ? offset >= page.total_count
        : list.length < limit;
    if (done) return;
  }
}

/** Every item of every page. */
async function* items(call, params, options) {
  for await (const page of pages(call, params, options)) {
    yield* pageItems(page) ?? [];
  }
}

/** The items of a page: the page itself, its `data`, or its one array (`m2m_tokens`). */
function pageItems(page) {
  if (Array.isArray(page)) return page;
  if (Array.isArray(page?.data)) return page.data;
  const arrays = page && typeof page === "object" ? Object.values(page).filter(Array.isArray) : [];
  return arrays.length === 1 ? arrays[0] : undefined;
}

/**
 * Authenticates a `Request` as @clerk/backend's authenticateRequest does: the session cookie
 * (suffixed or not), the Authorization header, handshakes through Clerk's Frontend API, session
 * refresh, dev-browser, satellites and organization sync. Never rejects for a bad token: the
 * state says signed-out (or handshake) and why. `toAuth()` gives the auth object; pass
 * `{ treatPendingAsSignedOut: false }` to see a pending session as signed in.
 */
export async function authenticateRequest(request, options) {
  const state = await wasm.authenticateRequest(request, options);
  const { auth, authIfPendingAllowed } = state;
  delete state.auth;
  delete state.authIfPendingAllowed;
  state.toAuth = (toAuthOptions) => {
    const { treatPendingAsSignedOut = true, ...unknown } = toAuthOptions ?? {};
    refuseUnknown("toAuth", unknown);
    const data = treatPendingAsSignedOut ? auth : (authIfPendingAllowed ?? auth);
    return data ? authObject(data, options) : null;
  };
  return state;
}

/**
 * An auth object from the wasm's data: its fields, and `has()`, `getToken()`, `debug()`
 * around the wasm's `authHas` / `authGetToken` (the decisions stay in Rust). `access` is
 * opaque text, kept in these closures only.
 */
function authObject({ fields, access, debug }, options) {
  return {
    ...fields,
    getToken: (getTokenOptions) => wasm.authGetToken(access, options, getTokenOptions),
    has: (query) => wasm.authHas(access, query),
    debug: () => ({ ...debug }),
  };
}

/**
 * The signed-out auth object for a request whose token is not of a type the caller accepts
 * (`null`: the invalid-token object). For the middlewares' `getAuth(c, { acceptsToken })`.
 * @internal
 */
export function notAcceptedAuthObject(tokenType, options) {
  return authObject(wasm.notAcceptedAuth(tokenType), options);
}

function refuseUnknown(what, rest) {
  const names = Object.keys(rest);
  if (names.length === 0) return;
  const problems = names.map((n) => `${n} is not an option of ${what}`);
  throw new InvalidRequestError(`Invalid options: ${problems.join("; ")}`, { problems });
}
