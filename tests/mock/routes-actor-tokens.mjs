// Actor tokens (impersonation): create one for a user, revoke a pending one. The token is an
// opaque random string here; its URL is the sign-in ticket link Clerk's would be.

import { randomBytes } from "node:crypto";
import * as shape from "./shapes.mjs";
import { ApiError, notFound, missing, invalid } from "./http.mjs";

const KEYS = ["user_id", "actor", "expires_in_seconds", "session_max_duration_in_seconds"];

function positiveInt(value, param) {
  if (value !== undefined && (!Number.isInteger(value) || value <= 0)) throw invalid(param, "must be a positive integer");
}

function createActorToken({ state, body, now }) {
  for (const k of Object.keys(body)) {
    if (!KEYS.includes(k)) throw new ApiError(422, "form_param_unknown", "is unknown", `${k} is not a valid parameter for this request.`, { param_name: k });
  }
  if (!body.user_id) throw missing("user_id");
  if (body.actor === undefined) throw missing("actor");
  if (body.actor === null || typeof body.actor !== "object" || Array.isArray(body.actor)) throw invalid("actor", "must be a JSON object");
  if (typeof body.actor.sub !== "string" || !body.actor.sub) throw invalid("actor", "must include sub, the ID of the impersonating user");
  positiveInt(body.expires_in_seconds, "expires_in_seconds");
  positiveInt(body.session_max_duration_in_seconds, "session_max_duration_in_seconds");
  // The spec lists no 404 for this operation: an unknown user is an invalid parameter.
  if (!state.users.has(body.user_id)) throw invalid("user_id", "must be the ID of an existing user");
  const token = shape.actorToken({ id: shape.makeId("act"), user_id: body.user_id, actor: body.actor,
    token: randomBytes(24).toString("base64url"), created_at: now });
  state.actorTokens.set(token.id, { ...token, expires_at: now + (body.expires_in_seconds ?? 3600) * 1000 });
  return token;
}

function revokeActorToken({ state, params, now }) {
  const stored = state.actorTokens.get(params.actor_token_id);
  if (!stored) throw notFound("actor token");
  if (stored.status !== "pending") {
    throw new ApiError(400, "actor_token_cannot_be_revoked", "cannot be revoked", `Only pending actor tokens can be revoked; this one is ${stored.status}.`);
  }
  Object.assign(stored, { status: "revoked", updated_at: now });
  const { expires_at, ...token } = stored;
  return token;
}

export const actorTokenRoutes = [
  ["POST", "/actor_tokens", createActorToken],
  ["POST", "/actor_tokens/:actor_token_id/revoke", revokeActorToken],
];
