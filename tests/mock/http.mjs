// Small helpers shared by the mock's route files: Clerk-shaped errors and query/body readers.

/** Thrown by a route; the server turns it into Clerk's error body with this status. */
export class ApiError extends Error {
  constructor(status, code, message, longMessage = message, meta) {
    super(message);
    Object.assign(this, { status, code, longMessage, meta });
  }
  body(traceId) {
    const err = { message: this.message, long_message: this.longMessage, code: this.code };
    if (this.meta) err.meta = this.meta;
    return { errors: [err], clerk_trace_id: traceId };
  }
}

export const notFound = (what) =>
  new ApiError(404, "resource_not_found", "not found", `No ${what} was found with the given identifier.`);
export const missing = (param) =>
  new ApiError(422, "form_param_missing", "is missing", `${param} is missing`, { param_name: param });
export const invalid = (param, why = "is invalid") =>
  new ApiError(422, "form_param_format_invalid", "is invalid", `${param} ${why}`, { param_name: param });

// Identifier formats as the API checks them: an email address (one @, a dotted domain), a phone
// number in E.164 (+, country code, up to 15 digits), a web3 wallet (0x + 40 hex digits).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const WALLET = /^0x[0-9a-fA-F]{40}$/;
export const isEmail = (s) => typeof s === "string" && EMAIL.test(s);
export const isPhone = (s) => typeof s === "string" && E164.test(s);
export const isWallet = (s) => typeof s === "string" && WALLET.test(s);

/**
 * The type of an allow/blocklist identifier, as the API infers it: `email_address` (or a
 * `*@domain` wildcard), `phone_number` (E.164) or `web3_wallet`; 422 for anything else.
 */
export function identifierType(identifier) {
  if (typeof identifier !== "string" || !identifier) throw missing("identifier");
  if (isWallet(identifier)) return "web3_wallet";
  if (isPhone(identifier)) return "phone_number";
  if (isEmail(identifier) || isEmail(identifier.replace(/^\*@/, "any@"))) return "email_address";
  throw invalid("identifier", "must be an email address, a *@domain pattern, a phone number in E.164 format or a web3 wallet address.");
}

/** 422 unless `value` is an email address. */
export function checkEmail(value, param = "email_address") {
  if (value === undefined || value === null || value === "") throw missing(param);
  if (!isEmail(value)) throw invalid(param, "must be a valid email address.");
  return value;
}

/** 422 unless `value` is a phone number in E.164 format. */
export function checkPhone(value, param = "phone_number") {
  if (value === undefined || value === null || value === "") throw missing(param);
  if (!isPhone(value)) throw invalid(param, "must be a valid phone number in E.164 format (e.g. +15551234567).");
  return value;
}

/** Array query params: accepts `a=x&a=y`, `a[]=x` and `a=x,y` (explode and comma styles). */
export function many(q, name) {
  return [...q.getAll(name), ...q.getAll(`${name}[]`)].flatMap((v) => v.split(",")).filter(Boolean);
}

export function int(q, name, { def, min = 0, max = Infinity }) {
  const raw = q.get(name);
  if (raw === null || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalid(name, `must be an integer between ${min} and ${max}`);
  }
  return n;
}

export function bool(q, name) {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  if (raw !== "true" && raw !== "false") throw invalid(name, "must be true or false");
  return raw === "true";
}

/** `order_by` = `[+|-]field`; '+' may arrive decoded as a space. Returns a comparator. */
export function orderBy(q, allowed, def, getters = {}) {
  const raw = (q.get("order_by") ?? def).trim() || def;
  const desc = raw.startsWith("-");
  const field = raw.replace(/^[+-]/, "");
  if (!allowed.includes(field)) throw invalid("order_by", `must be one of ${allowed.join(", ")}`);
  const get = getters[field] ?? ((o) => o[field]);
  return (a, b) => {
    const x = get(a), y = get(b);
    if (x == null && y == null) return 0;
    if (x == null) return 1; // nulls last either way
    if (y == null) return -1;
    const c = typeof x === "string" ? x.localeCompare(y) : x - y;
    return desc ? -c : c;
  };
}

export function page(items, q) {
  const limit = int(q, "limit", { def: 10, min: 1, max: 500 });
  const offset = int(q, "offset", { def: 0 });
  return items.slice(offset, offset + limit);
}

/** Metadata must be a JSON object; merge semantics as Clerk's: nested objects merge, null deletes. */
export function mergeMetadata(target, patch, param) {
  if (patch === undefined) return target;
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) throw invalid(param, "must be a JSON object");
  const out = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (typeof v === "object" && !Array.isArray(v) && typeof out[k] === "object" && out[k] && !Array.isArray(out[k])) {
      out[k] = mergeMetadata(out[k], v, param);
    } else out[k] = v;
  }
  return out;
}

export function requireObject(value, param) {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalid(param, "must be a JSON object");
  return value;
}
