// Instance-wide resources: sessions (list, get, revoke, tokens), invitations, allow/blocklist
// identifiers, the JWKS, and one demo-only endpoint handing out sample session tokens.

import * as shape from "./shapes.mjs";
import { sessionClaims, tamper } from "./keys.mjs";
import { ApiError, notFound, missing, invalid, isEmail, page, identifierType } from "./http.mjs";

const SESSION_STATUSES = ["abandoned", "active", "ended", "expired", "removed", "replaced", "revoked", "pending"];
const newestFirst = (a, b) => b.created_at - a.created_at;

function getSession(state, id) {
  const s = state.sessions.get(id);
  if (!s) throw notFound("session");
  return s;
}

function listSessions({ state, query }) {
  const userId = query.get("user_id");
  const clientId = query.get("client_id");
  const status = query.get("status");
  // The API has required one of the two since 2024 (see the spec's deprecation notice).
  if (!userId && !clientId) throw missing("user_id");
  if (status && !SESSION_STATUSES.includes(status)) throw invalid("status", `must be one of ${SESSION_STATUSES.join(", ")}`);
  const list = [...state.sessions.values()]
    .filter((s) => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId) && (!status || s.status === status))
    .sort(newestFirst);
  return page(list, query);
}

function revokeSession({ state, params, now }) {
  const s = getSession(state, params.session_id);
  if (s.status !== "active") {
    throw new ApiError(400, "session_not_active", "session is not active", `Only active sessions can be revoked; this one is ${s.status}.`);
  }
  Object.assign(s, { status: "revoked", updated_at: now });
  return s;
}

function createSessionToken({ state, params, body, key, issuer, now }) {
  const s = getSession(state, params.session_id);
  if (s.status !== "active") throw new ApiError(400, "session_not_active", "session is not active", "Tokens are only issued for active sessions.");
  const ttl = body.expires_in_seconds ?? 60;
  return { object: "token", jwt: key.sign(sessionClaims({ issuer, userId: s.user_id, sessionId: s.id, now, ttlSeconds: ttl })) };
}

function listInvitations({ state, query }) {
  const status = query.get("status");
  const text = (query.get("query") ?? "").toLowerCase();
  const list = [...state.invitations.values()]
    .filter((i) => (!status || i.status === status) && (!text || i.email_address.includes(text)))
    .sort(newestFirst);
  return page(list, query);
}

function createInvitation({ state, body, now }) {
  if (!body.email_address) throw missing("email_address");
  if (!isEmail(body.email_address)) throw invalid("email_address", "must be a valid email address.");
  const pending = [...state.invitations.values()].some((i) => i.status === "pending" && i.email_address === body.email_address);
  if (pending && !body.ignore_existing) {
    throw new ApiError(400, "duplicate_record", "duplicate invitation", `There is already a pending invitation for ${body.email_address}.`);
  }
  const inv = shape.invitation({ id: shape.makeId("inv"), email_address: body.email_address, public_metadata: body.public_metadata, created_at: now });
  state.invitations.set(inv.id, inv);
  return inv;
}

function revokeInvitation({ state, params, now }) {
  const inv = state.invitations.get(params.invitation_id);
  if (!inv) throw notFound("invitation");
  if (inv.status !== "pending") throw new ApiError(400, "invitation_not_pending", "invitation is not pending", `Only pending invitations can be revoked; this one is ${inv.status}.`);
  Object.assign(inv, { status: "revoked", revoked: true, updated_at: now });
  return inv;
}

/** Create/delete for the allowlist and blocklist, which differ only in names. */
function identifierRoutes(path, mapName, kind, prefix) {
  return [
    ["POST", path, ({ state, body, now }) => {
      if (!body.identifier) throw missing("identifier");
      identifierType(body.identifier); // 422 unless an email, *@domain, E.164 phone or wallet
      if ([...state[mapName].values()].some((e) => e.identifier === body.identifier)) {
        throw new ApiError(422, "duplicate_record", "duplicate identifier", `${body.identifier} is already on the list.`);
      }
      const e = shape.listIdentifier(kind, { id: shape.makeId(prefix), identifier: body.identifier, created_at: now });
      state[mapName].set(e.id, e);
      return e;
    }],
    ["DELETE", `${path}/:identifier_id`, ({ state, params }) => {
      if (!state[mapName].delete(params.identifier_id)) throw notFound(kind.replace("_", " "));
      return shape.deleted(kind, params.identifier_id);
    }],
  ];
}

/** Demo only (not a Clerk endpoint, no auth): a fresh valid token, the same token tampered, and the key. */
function sampleToken({ state, key, issuer, now }) {
  const active = [...state.sessions.values()].filter((s) => s.status === "active").sort(newestFirst)[0];
  const token = key.sign(sessionClaims({ issuer, userId: active?.user_id ?? "user_demo", sessionId: active?.id ?? "sess_demo",
    azp: "http://127.0.0.1", now }));
  // A production key whose Frontend API is the issuer's host: authenticateRequest needs one,
  // and reads the token as this instance's only when its `iss` names that host.
  const publishable_key = `pk_live_${Buffer.from(`${issuer.replace(/^https?:\/\//, "")}$`).toString("base64")}`;
  return { token, tampered_token: tamper(token), public_key_pem: key.publicPem, jwks: key.jwks, issuer, publishable_key };
}

export const instanceRoutes = [
  ["GET", "/sessions", listSessions],
  ["GET", "/sessions/:session_id", ({ state, params }) => getSession(state, params.session_id)],
  ["POST", "/sessions/:session_id/revoke", revokeSession],
  ["POST", "/sessions/:session_id/tokens", createSessionToken],
  ["GET", "/invitations", listInvitations],
  ["POST", "/invitations", createInvitation],
  ["POST", "/invitations/:invitation_id/revoke", revokeInvitation],
  ["GET", "/allowlist_identifiers", ({ state }) => [...state.allowlist.values()].sort(newestFirst)],
  ...identifierRoutes("/allowlist_identifiers", "allowlist", "allowlist_identifier", "alid"),
  ["GET", "/blocklist_identifiers", ({ state }) => {
    const data = [...state.blocklist.values()].sort(newestFirst);
    return { data, total_count: data.length };
  }],
  ...identifierRoutes("/blocklist_identifiers", "blocklist", "blocklist_identifier", "blid"),
  ["GET", "/jwks", ({ key }) => key.jwks],
  ["GET", "/__demo/sample-token", sampleToken, { public: true }],
];
