// Organizations: list, get (by id or slug), create; memberships list; invitations list/get/create/revoke.

import * as shape from "./shapes.mjs";
import { ApiError, notFound, missing, invalid, isEmail, many, bool, orderBy, page, requireObject } from "./http.mjs";

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

function createOrg({ state, body, now }) {
  if (typeof body.name !== "string" || !body.name.trim()) throw missing("name");
  const slug = body.slug ?? body.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  if (!/^[a-z0-9-]+$/.test(slug)) throw invalid("slug", "must contain only lowercase letters, digits and dashes");
  if ([...state.organizations.values()].some((o) => o.slug === slug)) {
    throw new ApiError(422, "form_identifier_exists", "This slug is already taken.",
      "This organization slug is already taken. Please try another.", { param_name: "slug" });
  }
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

function listMemberships({ state, params, query }) {
  const org = getOrg(state, params.organization_id);
  const roles = many(query, "role");
  const userIds = many(query, "user_id");
  const text = (query.get("query") ?? "").trim().toLowerCase();
  const list = state.memberships
    .filter((m) => m.organization_id === org.id && (!roles.length || roles.includes(m.role)) && (!userIds.length || userIds.includes(m.user_id)))
    .map((m) => shape.membership(m, org, state.users.get(m.user_id)))
    .filter((m) => !text || [m.public_user_data.identifier, m.public_user_data.first_name, m.public_user_data.last_name]
      .some((f) => f && f.toLowerCase().includes(text)));
  list.sort(orderBy(query, ["created_at", "role", "email_address", "first_name", "last_name", "username", "phone_number"], "-created_at",
    { email_address: (m) => m.public_user_data.identifier, first_name: (m) => m.public_user_data.first_name,
      last_name: (m) => m.public_user_data.last_name, username: (m) => m.public_user_data.username, phone_number: () => null }));
  return { data: page(list, query), total_count: list.length };
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
  ["GET", "/organizations/:organization_id/memberships", listMemberships],
  ["GET", "/organizations/:organization_id/invitations", listInvitations],
  ["POST", "/organizations/:organization_id/invitations", createInvitation],
  ["GET", "/organizations/:organization_id/invitations/:invitation_id", ({ state, params }) =>
    presentInvitation(state, getInvitation(state, getOrg(state, params.organization_id), params.invitation_id))],
  ["POST", "/organizations/:organization_id/invitations/:invitation_id/revoke", revokeInvitation],
];
