// Users: list/count (filters, order, pagination), get, create, update, delete, ban/unban,
// lock/unlock, metadata merge, and the user's organization memberships.

import * as shape from "./shapes.mjs";
import { ApiError, notFound, missing, invalid, checkEmail, checkPhone, many, bool, orderBy, page, mergeMetadata, requireObject } from "./http.mjs";

const primaryEmail = (u) => u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ?? null;
const primaryPhone = (u) => u.phone_numbers.find((p) => p.id === u.primary_phone_number_id)?.phone_number ?? null;

const USER_ORDER = ["created_at", "updated_at", "email_address", "web3wallet", "first_name", "last_name",
  "phone_number", "username", "last_active_at", "last_sign_in_at"];
const USER_GETTERS = { email_address: primaryEmail, phone_number: primaryPhone, web3wallet: () => null };

export function getUser(state, id) {
  const u = state.users.get(id);
  if (!u) throw notFound("user");
  return u;
}

const contains = (hay, needle) => hay != null && String(hay).toLowerCase().includes(needle);

/** The filters shared by `GET /users` and `GET /users/count`. */
function filterUsers(state, q) {
  const emails = many(q, "email_address").map((e) => e.toLowerCase());
  const phones = many(q, "phone_number");
  const usernames = many(q, "username");
  const ids = many(q, "user_id");
  const externalIds = many(q, "external_id");
  const orgIds = many(q, "organization_id");
  const banned = bool(q, "banned");
  const text = (name) => (q.get(name) ?? "").trim().toLowerCase();
  const [query, emailQ, phoneQ, usernameQ, nameQ] =
    ["query", "email_address_query", "phone_number_query", "username_query", "name_query"].map(text);
  const memberOf = (u) => state.memberships.some((m) => m.user_id === u.id && orgIds.includes(m.organization_id));

  return [...state.users.values()].filter((u) => {
    const uEmails = u.email_addresses.map((e) => e.email_address.toLowerCase());
    const uPhones = u.phone_numbers.map((p) => p.phone_number);
    const name = `${u.first_name ?? ""} ${u.last_name ?? ""}`;
    if (emails.length && !uEmails.some((e) => emails.includes(e))) return false;
    if (phones.length && !uPhones.some((p) => phones.includes(p))) return false;
    if (usernames.length && !usernames.includes(u.username)) return false;
    if (ids.length && !ids.includes(u.id)) return false;
    if (externalIds.length && !externalIds.includes(u.external_id)) return false;
    if (orgIds.length && !memberOf(u)) return false;
    if (banned !== undefined && u.banned !== banned) return false;
    if (emailQ && !uEmails.some((e) => e.includes(emailQ))) return false;
    if (phoneQ && !uPhones.some((p) => p.includes(phoneQ))) return false;
    if (usernameQ && !contains(u.username, usernameQ)) return false;
    if (nameQ && !contains(name, nameQ)) return false;
    if (query && ![u.id, u.username, u.external_id, name, ...uEmails, ...uPhones].some((f) => contains(f, query))) return false;
    return true;
  });
}

/** 422 `form_identifier_exists` when another user already holds this identifier. */
function assertUnique(state, { emails = [], phones = [], username }, selfId) {
  for (const u of state.users.values()) {
    if (u.id === selfId) continue;
    if (emails.some((e) => u.email_addresses.some((x) => x.email_address.toLowerCase() === e.toLowerCase()))) {
      throw new ApiError(422, "form_identifier_exists", "That email address is taken. Please try another.",
        "That email address is taken. Please try another.", { param_name: "email_address" });
    }
    if (phones.some((p) => u.phone_numbers.some((x) => x.phone_number === p))) {
      throw new ApiError(422, "form_identifier_exists", "That phone number is taken. Please try another.",
        "That phone number is taken. Please try another.", { param_name: "phone_number" });
    }
    if (username && u.username === username) {
      throw new ApiError(422, "form_identifier_exists", "That username is taken. Please try another.",
        "That username is taken. Please try another.", { param_name: "username" });
    }
  }
}

function checkPassword(password) {
  if (password === undefined) return;
  if (typeof password !== "string" || password.length < 8) {
    throw new ApiError(422, "form_password_length_too_short", "Passwords must be 8 characters or more.",
      "Passwords must be 8 characters or more.", { param_name: "password" });
  }
}

const stringList = (v, param) => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw invalid(param, "must be an array of strings");
  return v;
};

function createUser({ state, body, now }) {
  const emails = stringList(body.email_address, "email_address");
  const phones = stringList(body.phone_number, "phone_number");
  if (!emails.length && !phones.length && !body.username) throw missing("email_address");
  emails.forEach((e) => checkEmail(e));
  phones.forEach((p) => checkPhone(p));
  checkPassword(body.password);
  assertUnique(state, { emails, phones, username: body.username });
  for (const m of ["public_metadata", "private_metadata", "unsafe_metadata"]) requireObject(body[m], m);
  const u = shape.user({
    id: shape.makeId("user"),
    first_name: body.first_name ?? null,
    last_name: body.last_name ?? null,
    username: body.username ?? null,
    external_id: body.external_id ?? null,
    email_addresses: emails.map((e) => shape.emailAddress(shape.makeId("idn"), e, now)),
    phone_numbers: phones.map((p) => shape.phoneNumber(shape.makeId("idn"), p, now)),
    password_enabled: body.password !== undefined || body.password_digest !== undefined,
    banned: body.banned, locked: body.locked,
    public_metadata: body.public_metadata, private_metadata: body.private_metadata, unsafe_metadata: body.unsafe_metadata,
    created_at: body.created_at ? Date.parse(body.created_at) || now : now,
  });
  state.users.set(u.id, u);
  return u;
}

function updateUser({ state, params, body, now }) {
  const u = getUser(state, params.user_id);
  checkPassword(body.password);
  if (body.username !== undefined) assertUnique(state, { username: body.username }, u.id);
  if (body.primary_email_address_id !== undefined && !u.email_addresses.some((e) => e.id === body.primary_email_address_id)) {
    throw invalid("primary_email_address_id", "must be one of the user's email addresses");
  }
  for (const k of ["first_name", "last_name", "username", "external_id", "locale", "primary_email_address_id",
    "primary_phone_number_id", "delete_self_enabled", "create_organization_enabled", "create_organizations_limit"]) {
    if (body[k] !== undefined) u[k] = body[k];
  }
  if (body.password !== undefined) { u.password_enabled = true; u.password_last_updated_at = now; }
  u.updated_at = now;
  return u;
}

function updateMetadata({ state, params, body, now }) {
  const u = getUser(state, params.user_id);
  // Validate all three before changing any: a rejected request changes nothing.
  const next = {};
  for (const m of ["public_metadata", "private_metadata", "unsafe_metadata"]) next[m] = mergeMetadata(u[m], body[m], m);
  Object.assign(u, next, { updated_at: now });
  return u;
}

function deleteUser({ state, params }) {
  const u = getUser(state, params.user_id);
  state.users.delete(u.id);
  state.memberships = state.memberships.filter((m) => m.user_id !== u.id);
  for (const s of state.sessions.values()) if (s.user_id === u.id) state.sessions.delete(s.id);
  return shape.deleted("user", u.id);
}

const setFlags = (flags) => ({ state, params, now }) => {
  const u = getUser(state, params.user_id);
  Object.assign(u, flags, { updated_at: now });
  if ("locked" in flags) {
    u.lockout_expires_in_seconds = flags.locked ? 3600 : null;
    u.verification_attempts_remaining = flags.locked ? 0 : 100;
  }
  if (flags.banned) { // banning ends the user's sessions, as Clerk does
    for (const s of state.sessions.values()) if (s.user_id === u.id && s.status === "active") s.status = "revoked";
  }
  return u;
};

function userMemberships({ state, params, query }) {
  const u = getUser(state, params.user_id);
  const all = state.memberships.filter((m) => m.user_id === u.id)
    .map((m) => shape.membership(m, state.organizations.get(m.organization_id), u));
  return { data: page(all, query), total_count: all.length };
}

export const userRoutes = [
  ["GET", "/users", ({ state, query }) => {
    const list = filterUsers(state, query).sort(orderBy(query, USER_ORDER, "-created_at", USER_GETTERS));
    return page(list, query);
  }],
  ["GET", "/users/count", ({ state, query }) => ({ object: "total_count", total_count: filterUsers(state, query).length })],
  ["POST", "/users", createUser],
  ["GET", "/users/:user_id", ({ state, params }) => getUser(state, params.user_id)],
  ["PATCH", "/users/:user_id", updateUser],
  ["DELETE", "/users/:user_id", deleteUser],
  ["POST", "/users/:user_id/ban", setFlags({ banned: true })],
  ["POST", "/users/:user_id/unban", setFlags({ banned: false })],
  ["POST", "/users/:user_id/lock", setFlags({ locked: true })],
  ["POST", "/users/:user_id/unlock", setFlags({ locked: false })],
  ["PATCH", "/users/:user_id/metadata", updateMetadata],
  ["GET", "/users/:user_id/organization_memberships", userMemberships],
];
