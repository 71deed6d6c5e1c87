// Organizations: list, get (by id or slug), create, update, delete, metadata merge; memberships
// list/create/update/delete/metadata; invitations list/get/create/revoke.

import * as shape from "./shapes.mjs";
import { ApiError, notFound, missing, invalid, isEmail, many, bool, orderBy, page, requireObject, mergeMetadata } from "./http.mjs";

const ROLES = ["org:admin", "org:member"];

function getOrg(state, idOrSlug) {
  const org = state.organizations.get(idOrSlug) ?? [...state.organizations.values()].find((o) => o.slug === idOrSlug);
  if (!org) throw notFound("organization");
  return org;
}

const membersCount = (state, org) => state.memberships.filter((m) => m.organization_id === org.id).length;

/** The organization as returned, with the counts the caller asked for. */
function present(state, org, q) {
  if (!bool(q, "include_members_count")) return org;
  const pending = [...state.orgInvitations.values()].filter((i) => i.organization_id === org.id && i.status === "pending");
  return { ...org, members_count: membersCount(state, org), pending_invitations_count: pending.length };
}

function listOrgs({ state, query }) {
  const text = (query.get("query") ?? "").trim().toLowerCase();
  const userIds = many(query, "user_id");
  const orgIds = many(query, "organization_id");
  const list = [...state.organizations.values()].filter((o) =>
    (!text || [o.id, o.name, o.slug].some((f) => f.toLowerCase().includes(text))) &&
    (!orgIds.length || orgIds.includes(o.id)) &&
    (!userIds.length || state.memberships.some((m) => m.organization_id === o.id && userIds.includes(m.user_id))));
  list.sort(orderBy(query, ["name", "created_at", "members_count"], "-created_at", { members_count: (o) => membersCount(state, o) }));
  return { data: page(list, query).map((o) => present(state, o, query)), total_count: list.length };
}

/** 422 unless `slug` is well-formed and no other organization has it. */
function checkSlug(state, slug, selfId) {
  if (!/^[a-z0-9-]+$/.test(slug)) throw invalid("slug", "must contain only lowercase letters, digits and dashes");
  if ([...state.organizations.values()].some((o) => o.slug === slug && o.id !== selfId)) {
    throw new ApiError(422, "form_identifier_exists", "This slug is already taken.",
      "This organization slug is already taken. Please try another.", { param_name: "slug" });
  }
}

function checkLimit(value) {
  if (value !== undefined && value !== null && (!Number.isInteger(value) || value < 0)) {
    throw invalid("max_allowed_memberships", "must be an integer of 0 or more");
  }
}

function createOrg({ state, body, now }) {
  if (typeof body.name !== "string" || !body.name.trim()) throw missing("name");
  const slug = body.slug ?? body.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  checkSlug(state, slug);
  checkLimit(body.max_allowed_memberships);
  if (body.created_by !== undefined && !state.users.has(body.created_by)) throw invalid("created_by", "must be an existing user id");
  requireObject(body.public_metadata, "public_metadata");
  requireObject(body.private_metadata, "private_metadata");
  const org = shape.organization({ id: shape.makeId("org"), name: body.name.trim(), slug, created_by: body.created_by,
    max_allowed_memberships: body.max_allowed_memberships, public_metadata: body.public_metadata,
    private_metadata: body.private_metadata, created_at: now });
  state.organizations.set(org.id, org);
  if (body.created_by) {
    state.memberships.push({ id: shape.makeId("orgmem"), organization_id: org.id, user_id: body.created_by, role: "org:admin", created_at: now });
  }
  return org;
}

const UPDATABLE = ["name", "slug", "max_allowed_memberships", "admin_delete_enabled", "created_at", "role_set_key"];

function updateOrg({ state, params, body, now }) {
  const org = getOrg(state, params.organization_id);
  // Since API version 2026-05-12 metadata goes through /metadata only (the body allows no other keys).
  for (const k of Object.keys(body)) {
    if (!UPDATABLE.includes(k)) throw new ApiError(422, "form_param_unknown", "is unknown", `${k} is not a valid parameter for this request.`, { param_name: k });
  }
  if (body.name !== undefined && body.name !== null && (typeof body.name !== "string" || !body.name.trim())) throw invalid("name", "must not be blank");
  if (body.slug !== undefined && body.slug !== null) checkSlug(state, body.slug, org.id);
  checkLimit(body.max_allowed_memberships);
  for (const k of ["name", "slug", "max_allowed_memberships", "admin_delete_enabled"]) {
    if (body[k] !== undefined && body[k] !== null) org[k] = k === "name" ? body[k].trim() : body[k];
  }
  org.updated_at = now;
  return org;
}

/** Deletes the organization with its memberships and invitations, as the API does. */
function deleteOrg({ state, params }) {
  const org = getOrg(state, params.organization_id);
  state.organizations.delete(org.id);
  state.memberships = state.memberships.filter((m) => m.organization_id !== org.id);
  for (const [id, inv] of state.orgInvitations) if (inv.organization_id === org.id) state.orgInvitations.delete(id);
  return { object: "organization", id: org.id, slug: org.slug, deleted: true };
}

function mergeOrgMetadata({ state, params, body, now }) {
  const org = getOrg(state, params.organization_id);
  // Validate both before changing either: a rejected request changes nothing.
  const next = {};
  for (const m of ["public_metadata", "private_metadata"]) next[m] = mergeMetadata(org[m], body[m], m);
  Object.assign(org, next, { updated_at: now });
  return org;
}

function listMemberships({ state, params, query }) {
  const org = getOrg(state, params.organization_id);
  const roles = many(query, "role");
  const userIds = many(query, "user_id");
  const text = (query.get("query") ?? "").trim().toLowerCase();
  const list = state.memberships
    .filter((m) => m.organization_id === org.id && (!roles.length || roles.includes(m.role)) && (!userIds.length || userIds.includes(m.user_id)))
    .map((m) => presentMembership(state, org, m))
    .filter((m) => !text || [m.public_user_data.identifier, m.public_user_data.first_name, m.public_user_data.last_name]
      .some((f) => f && f.toLowerCase().includes(text)));
  list.sort(orderBy(query, ["created_at", "role", "email_address", "first_name", "last_name", "username", "phone_number"], "-created_at",
    { email_address: (m) => m.public_user_data.identifier, first_name: (m) => m.public_user_data.first_name,
      last_name: (m) => m.public_user_data.last_name, username: (m) => m.public_user_data.username, phone_number: () => null }));
  return { data: page(list, query), total_count: list.length };
}

function getMembership(state, org, userId) {
  const m = state.memberships.find((x) => x.organization_id === org.id && x.user_id === userId);
  if (!m) throw notFound("organization membership");
  return m;
}

const presentMembership = (state, org, m) => shape.membership(m, org, state.users.get(m.user_id));

function checkRole(role) {
  if (!role) throw missing("role");
  if (!ROLES.includes(role)) throw invalid("role", `must be one of ${ROLES.join(", ")}`);
}

function createMembership({ state, params, body, now }) {
  const org = getOrg(state, params.organization_id);
  if (!body.user_id) throw missing("user_id");
  checkRole(body.role);
  if (!state.users.has(body.user_id)) throw notFound("user");
  if (state.memberships.some((m) => m.organization_id === org.id && m.user_id === body.user_id)) {
    throw new ApiError(400, "already_a_member_in_organization", "already a member",
      "This user is already a member of the organization.", { param_name: "user_id" });
  }
  if (org.max_allowed_memberships > 0 && membersCount(state, org) >= org.max_allowed_memberships) {
    throw new ApiError(403, "organization_membership_quota_exceeded", "membership quota exceeded",
      `This organization allows at most ${org.max_allowed_memberships} members.`);
  }
  const m = { id: shape.makeId("orgmem"), organization_id: org.id, user_id: body.user_id, role: body.role, created_at: now,
    public_metadata: requireObject(body.public_metadata ?? undefined, "public_metadata"),
    private_metadata: requireObject(body.private_metadata ?? undefined, "private_metadata") };
  state.memberships.push(m);
  return presentMembership(state, org, m);
}

function updateMembership({ state, params, body }) {
  const org = getOrg(state, params.organization_id);
  const m = getMembership(state, org, params.user_id);
  checkRole(body.role);
  m.role = body.role;
  return presentMembership(state, org, m);
}

function deleteMembership({ state, params }) {
  const org = getOrg(state, params.organization_id);
  const m = getMembership(state, org, params.user_id);
  state.memberships = state.memberships.filter((x) => x !== m);
  return presentMembership(state, org, m);
}

function mergeMembershipMetadata({ state, params, body }) {
  const org = getOrg(state, params.organization_id);
  const m = getMembership(state, org, params.user_id);
  const next = {};
  for (const k of ["public_metadata", "private_metadata"]) next[k] = mergeMetadata(m[k] ?? {}, body[k], k);
  Object.assign(m, next);
  return presentMembership(state, org, m);
}

const presentInvitation = (state, inv) => shape.organizationInvitation(inv, state.users.get(inv.inviter_id));

function getInvitation(state, org, id) {
  const inv = state.orgInvitations.get(id);
  if (!inv || inv.organization_id !== org.id) throw notFound("organization invitation");
  return inv;
}

function listInvitations({ state, params, query }) {
  const org = getOrg(state, params.organization_id);
  const status = query.get("status");
  const email = query.get("email_address");
  const list = [...state.orgInvitations.values()]
    .filter((i) => i.organization_id === org.id && (!status || i.status === status) && (!email || i.email_address === email))
    .sort(orderBy(query, ["created_at", "email_address"], "-created_at"));
  return { data: page(list, query).map((i) => presentInvitation(state, i)), total_count: list.length };
}

function createInvitation({ state, params, body, now }) {
  const org = getOrg(state, params.organization_id);
  if (!body.email_address) throw missing("email_address");
  if (!isEmail(body.email_address)) throw invalid("email_address", "must be a valid email address.");
  if (!body.role) throw missing("role");
  if (!ROLES.includes(body.role)) throw invalid("role", `must be one of ${ROLES.join(", ")}`);
  if (body.inviter_user_id !== undefined && !state.users.has(body.inviter_user_id)) throw invalid("inviter_user_id", "must be an existing user id");
  const dup = [...state.orgInvitations.values()].some((i) => i.organization_id === org.id && i.status === "pending" && i.email_address === body.email_address);
  if (dup) {
    throw new ApiError(400, "duplicate_record", "duplicate invitation",
      `There is already a pending invitation for ${body.email_address} in this organization.`);
  }
  const inv = { id: shape.makeId("orginv"), organization_id: org.id, email_address: body.email_address, role: body.role,
    inviter_id: body.inviter_user_id ?? null, status: "pending", created_at: now,
    public_metadata: requireObject(body.public_metadata, "public_metadata"), private_metadata: requireObject(body.private_metadata, "private_metadata") };
  state.orgInvitations.set(inv.id, inv);
  return presentInvitation(state, inv);
}

function revokeInvitation({ state, params }) {
  const org = getOrg(state, params.organization_id);
  const inv = getInvitation(state, org, params.invitation_id);
  if (inv.status !== "pending") {
    throw new ApiError(400, "organization_invitation_not_pending", "invitation is not pending",
      `Only pending invitations can be revoked; this one is ${inv.status}.`);
  }
  inv.status = "revoked";
  return presentInvitation(state, inv);
}

export const orgRoutes = [
  ["GET", "/organizations", listOrgs],
  ["POST", "/organizations", createOrg],
  ["GET", "/organizations/:organization_id", ({ state, params, query }) => present(state, getOrg(state, params.organization_id), query)],
  ["PATCH", "/organizations/:organization_id", updateOrg],
  ["DELETE", "/organizations/:organization_id", deleteOrg],
  ["PATCH", "/organizations/:organization_id/metadata", mergeOrgMetadata],
  ["GET", "/organizations/:organization_id/memberships", listMemberships],
  ["POST", "/organizations/:organization_id/memberships", createMembership],
  ["PATCH", "/organizations/:organization_id/memberships/:user_id", updateMembership],
  ["DELETE", "/organizations/:organization_id/memberships/:user_id", deleteMembership],
  ["PATCH", "/organizations/:organization_id/memberships/:user_id/metadata", mergeMembershipMetadata],
  ["GET", "/organizations/:organization_id/invitations", listInvitations],
  ["POST", "/organizations/:organization_id/invitations", createInvitation],
  ["GET", "/organizations/:organization_id/invitations/:invitation_id", ({ state, params }) =>
    presentInvitation(state, getInvitation(state, getOrg(state, params.organization_id), params.invitation_id))],
  ["POST", "/organizations/:organization_id/invitations/:invitation_id/revoke", revokeInvitation],
];
