// A user's email addresses and phone numbers: create (optionally verified and primary), get,
// update (verified, primary), delete. The two differ only in names, format and strategy, so one
// table of routes serves both.

import * as shape from "./shapes.mjs";
import { ApiError, notFound, missing, invalid, checkEmail, checkPhone } from "./http.mjs";

const KINDS = {
  email: {
    path: "/email_addresses", idParam: "email_address_id", list: "email_addresses", value: "email_address",
    primary: "primary_email_address_id", build: shape.emailAddress, check: checkEmail, noun: "email address",
    taken: "That email address is taken. Please try another.", same: (a, b) => a.toLowerCase() === b.toLowerCase(),
  },
  phone: {
    path: "/phone_numbers", idParam: "phone_number_id", list: "phone_numbers", value: "phone_number",
    primary: "primary_phone_number_id", build: shape.phoneNumber, check: checkPhone, noun: "phone number",
    taken: "That phone number is taken. Please try another.", same: (a, b) => a === b,
  },
};

/** A boolean body field; `status`: the spec lists 422 for the create operations, only 400 for the updates. */
const bool = (v, param, status = 422) => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw Object.assign(invalid(param, "must be true or false"), { status });
  return v;
};

/** The identifier and the user who holds it; 404 when no user holds an identifier with this id. */
function find(state, kind, id) {
  for (const user of state.users.values()) {
    const item = user[kind.list].find((x) => x.id === id);
    if (item) return { user, item };
  }
  throw notFound(kind.noun);
}

function create(kind) {
  return ({ state, body, now }) => {
    if (!body.user_id) throw missing("user_id");
    const value = kind.check(body[kind.value], kind.value);
    const verified = bool(body.verified, "verified") ?? false;
    const primary = bool(body.primary, "primary");
    if (kind === KINDS.phone && body.reserved_for_second_factor && !verified) {
      throw invalid("reserved_for_second_factor", "requires a verified phone number");
    }
    const user = state.users.get(body.user_id);
    if (!user) throw notFound("user");
    for (const u of state.users.values()) {
      if (u[kind.list].some((x) => kind.same(x[kind.value], value))) {
        throw new ApiError(422, "form_identifier_exists", kind.taken, kind.taken, { param_name: kind.value });
      }
    }
    const item = kind.build(shape.makeId("idn"), value, now, { verified });
    user[kind.list].push(item);
    // Primary when asked, or when it is the user's first (the spec's default).
    if (primary || (primary === undefined && !user[kind.primary])) user[kind.primary] = item.id;
    user.updated_at = now;
    return item;
  };
}

function update(kind) {
  return ({ state, params, body, now }) => {
    const { user, item } = find(state, kind, params[kind.idParam]);
    const verified = bool(body.verified, "verified", 400);
    const primary = bool(body.primary, "primary", 400);
    if (verified !== undefined) item.verification = shape.verification(verified, `${kind === KINDS.email ? "email" : "phone"}_code`);
    if (primary) user[kind.primary] = item.id;
    item.updated_at = user.updated_at = now;
    return item;
  };
}

function remove(kind) {
  return ({ state, params, now }) => {
    const { user, item } = find(state, kind, params[kind.idParam]);
    user[kind.list] = user[kind.list].filter((x) => x !== item);
    // The mock hands "primary" to the next identifier; the console never offers to remove a primary.
    if (user[kind.primary] === item.id) user[kind.primary] = user[kind.list][0]?.id ?? null;
    user.updated_at = now;
    return shape.deleted(kind === KINDS.email ? "email_address" : "phone_number", item.id);
  };
}

export const identifierRoutes = Object.values(KINDS).flatMap((kind) => [
  ["POST", kind.path, create(kind)],
  ["GET", `${kind.path}/:${kind.idParam}`, ({ state, params }) => find(state, kind, params[kind.idParam]).item],
  ["PATCH", `${kind.path}/:${kind.idParam}`, update(kind)],
  ["DELETE", `${kind.path}/:${kind.idParam}`, remove(kind)],
]);
