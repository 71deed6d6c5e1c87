// The mock API's own tests (node --test tests/mock/): it must behave like the API where the
// console and demos rely on it, and its responses must pass the SDK's response validation, so
// most calls go through clerk-edge itself.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Clerk, ClerkErrors } from "clerk-edge";
import { startMock } from "./server.mjs";

let mock, clerk, raw;
before(async () => {
  mock = await startMock({ port: 0, seed: 1 });
  clerk = new Clerk({ bearerAuth: "sk_test_mock_tests", serverURL: mock.url, retryConfig: { strategy: "none" } });
  raw = (path, init = {}) => fetch(mock.url + path, { ...init, headers: { authorization: "Bearer sk_test_x", ...init.headers } });
});
after(() => mock.close());

test("seeded: 25 users, 3 organizations, deterministic ids", async () => {
  assert.equal((await clerk.users.count({})).total_count, 25);
  assert.equal((await clerk.organizations.list({})).total_count, 3);
  const again = await startMock({ port: 0, seed: 1 });
  assert.deepEqual([...again.state.users.keys()], [...mock.state.users.keys()]);
  await again.close();
});

test("auth: 401 with a Clerk error body without a Bearer sk_ key", async () => {
  for (const headers of [{}, { authorization: "Bearer pk_test_x" }, { authorization: "sk_test_x" }]) {
    const res = await fetch(`${mock.url}/v1/users`, { headers });
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.ok(body.errors[0].code && body.errors[0].message && body.errors[0].long_message && body.clerk_trace_id);
  }
});

test("paths work with and without /v1; CORS preflight answers", async () => {
  assert.equal((await raw("/v1/users/count")).status, 200);
  assert.equal((await raw("/users/count")).status, 200);
  const pre = await fetch(`${mock.url}/users`, { method: "OPTIONS", headers: { "access-control-request-headers": "authorization,content-type" } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), "*");
  assert.match(pre.headers.get("access-control-allow-headers"), /authorization/);
});

test("users.list: query, email, banned, order_by, limit/offset", async () => {
  const byQuery = await clerk.users.list({ query: "hopper" });
  assert.deepEqual(byQuery.map((u) => u.last_name), ["Hopper"]);
  const byEmail = await clerk.users.list({ email_address: ["alan.turing@example.com", "ada.lovelace@example.com"] });
  assert.deepEqual(byEmail.map((u) => u.first_name).sort(), ["Ada", "Alan"]);
  assert.equal((await clerk.users.list({ banned: true })).length, 1);
  const asc = await clerk.users.list({ order_by: "+first_name", limit: 3 });
  assert.deepEqual(asc.map((u) => u.first_name), ["Ada", "Adele", "Alan"]);
  const page2 = await clerk.users.list({ order_by: "+first_name", limit: 3, offset: 3 });
  assert.equal(page2[0].first_name, "Anita");
  await assert.rejects(clerk.users.list({ order_by: "shoe_size" }), (e) => e instanceof ClerkErrors && e.status === 422);
});

test("users: create, duplicate 422, update, metadata merge, ban/lock, delete, 404", async () => {
  const u = await clerk.users.create({ email_address: ["t@example.com"], first_name: "T", public_metadata: { a: 1, nested: { x: 1, y: 2 } } });
  assert.equal(u.object, "user");
  assert.equal((await clerk.users.list({ email_address: ["t@example.com"] }))[0].id, u.id);
  await assert.rejects(clerk.users.create({ email_address: ["t@example.com"] }),
    (e) => e instanceof ClerkErrors && e.status === 422 && e.errors[0].code === "form_identifier_exists");
  await assert.rejects(clerk.users.create({ email_address: ["not-an-email"] }), (e) => e.errors?.[0].code === "form_param_format_invalid");
  assert.equal((await clerk.users.update({ user_id: u.id, last_name: "Tester" })).last_name, "Tester");
  const merged = await clerk.users.updateMetadata({ user_id: u.id, public_metadata: { a: null, b: 2, nested: { y: null, z: 3 } } });
  assert.deepEqual(merged.public_metadata, { b: 2, nested: { x: 1, z: 3 } });
  assert.equal((await clerk.users.ban({ user_id: u.id })).banned, true);
  assert.equal((await clerk.users.unban({ user_id: u.id })).banned, false);
  assert.equal((await clerk.users.lock({ user_id: u.id })).locked, true);
  assert.equal((await clerk.users.unlock({ user_id: u.id })).locked, false);
  assert.deepEqual(await clerk.users.delete({ user_id: u.id }), { object: "user", id: u.id, deleted: true });
  await assert.rejects(clerk.users.get({ user_id: u.id }),
    (e) => e instanceof ClerkErrors && e.status === 404 && e.errors[0].code === "resource_not_found");
});

test("sessions: list needs a user, ban revokes active sessions, revoke", async () => {
  await assert.rejects(clerk.sessions.list({}), (e) => e.status === 422);
  const [user] = await clerk.users.list({ order_by: "+created_at", limit: 1 });
  const active = await clerk.sessions.list({ user_id: user.id, status: "active" });
  assert.equal(active.length, 1);
  assert.equal((await clerk.sessions.revoke({ session_id: active[0].id })).status, "revoked");
  await assert.rejects(clerk.sessions.revoke({ session_id: active[0].id }), (e) => e.status === 400);
});

test("organizations: get by slug, members count, create, invitations create/revoke", async () => {
  const acme = await clerk.organizations.get({ organization_id: "acme", include_members_count: true });
  assert.equal(acme.name, "Acme Inc");
  const members = await clerk.organizationMemberships.list({ organization_id: acme.id, limit: 100 });
  assert.equal(members.total_count, acme.members_count);
  assert.ok(members.data.some((m) => m.role === "org:admin"));
  const org = await clerk.organizations.create({ name: "Test Org" });
  assert.equal(org.slug, "test-org");
  await assert.rejects(clerk.organizations.create({ name: "Test Org" }), (e) => e.status === 422);
  const inv = await clerk.organizationInvitations.create({ organization_id: org.id, email_address: "x@example.com", role: "org:admin" });
  assert.equal(inv.status, "pending");
  await assert.rejects(clerk.organizationInvitations.create({ organization_id: org.id, email_address: "y@example.com", role: "owner" }), (e) => e.status === 422);
  assert.equal((await clerk.organizationInvitations.revoke({ organization_id: org.id, invitation_id: inv.id })).status, "revoked");
  assert.equal((await clerk.organizationInvitations.list({ organization_id: org.id, status: "pending" })).total_count, 0);
});

test("invitations and allow/blocklist identifiers", async () => {
  const inv = await clerk.invitations.create({ email_address: "guest@example.com" });
  assert.equal((await clerk.invitations.revoke({ invitation_id: inv.id })).revoked, true);
  const allowed = await clerk.allowlistIdentifiers.create({ identifier: "+15550100123" });
  assert.equal(allowed.identifier_type, "phone_number");
  assert.ok((await clerk.allowlistIdentifiers.list()).some((e) => e.id === allowed.id));
  assert.equal((await clerk.allowlistIdentifiers.delete({ identifier_id: allowed.id })).deleted, true);
  const blocked = await clerk.blocklistIdentifiers.create({ identifier: "bad@example.com" });
  assert.ok((await clerk.blocklistIdentifiers.list()).data.some((e) => e.id === blocked.id));
});

test("jwks and the demo sample token: the token verifies with node:crypto and the JWKS key", async () => {
  const { createPublicKey, createVerify } = await import("node:crypto");
  const jwks = await clerk.jwks.getJWKS();
  const sample = await (await fetch(`${mock.url}/__demo/sample-token`)).json();
  const [h, p, s] = sample.token.split(".");
  const header = JSON.parse(Buffer.from(h, "base64url"));
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, "the token's kid is in the JWKS");
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const ok = (payload) => createVerify("RSA-SHA256").update(`${h}.${payload}`).verify(key, Buffer.from(s, "base64url"));
  assert.equal(ok(p), true);
  assert.equal(ok(sample.tampered_token.split(".")[1]), false);
  assert.equal(createPublicKey(sample.public_key_pem).export({ format: "jwk" }).n, jwk.n);
});

const rejects = (promise, status, code) => assert.rejects(promise,
  (e) => e instanceof ClerkErrors && e.status === status && (!code || e.errors[0].code === code) && Boolean(e.clerk_trace_id));

test("identifiers are validated as the API does: email format, E.164 phone numbers, list identifiers", async () => {
  const [user] = await clerk.users.list({ order_by: "+created_at", limit: 1 });
  for (const bad of ["not an identifier", "a@b", "@example.com", "two@@example.com"]) {
    await rejects(clerk.emailAddresses.create({ user_id: user.id, email_address: bad }), 422, "form_param_format_invalid");
    await rejects(clerk.users.create({ email_address: [bad] }), 422, "form_param_format_invalid");
  }
  for (const bad of ["555-0100", "+0123456789", "+1 555 0100", "+1234", "+1234567890123456"]) {
    await rejects(clerk.phoneNumbers.create({ user_id: user.id, phone_number: bad }), 422, "form_param_format_invalid");
  }
  for (const bad of ["not an identifier", "+1 (555) 0100", "0x1234"]) {
    await rejects(clerk.blocklistIdentifiers.create({ identifier: bad }), 422, "form_param_format_invalid");
  }
  const wallet = await clerk.allowlistIdentifiers.create({ identifier: `0x${"ab".repeat(20)}` });
  assert.equal(wallet.identifier_type, "web3_wallet");
  const wildcard = await clerk.blocklistIdentifiers.create({ identifier: "*@spam.example" });
  assert.equal(wildcard.identifier_type, "email_address");
});

test("email addresses and phone numbers: create, verify, set primary, delete; 404 and 422", async () => {
  const u = await clerk.users.create({ email_address: ["ident@example.com"] });
  const email = await clerk.emailAddresses.create({ user_id: u.id, email_address: "second@example.com" });
  assert.equal(email.verification.status, "unverified");
  assert.equal((await clerk.users.get({ user_id: u.id })).primary_email_address_id, u.primary_email_address_id, "not primary unless asked");
  await rejects(clerk.emailAddresses.create({ user_id: u.id, email_address: "SECOND@example.com" }), 422, "form_identifier_exists");
  await rejects(clerk.emailAddresses.create({ user_id: "user_missing", email_address: "x@example.com" }), 404, "resource_not_found");
  assert.equal((await clerk.emailAddresses.update({ email_address_id: email.id, verified: true })).verification.status, "verified");
  await clerk.emailAddresses.update({ email_address_id: email.id, primary: true });
  assert.equal((await clerk.users.get({ user_id: u.id })).primary_email_address_id, email.id);
  assert.equal((await clerk.emailAddresses.get({ email_address_id: email.id })).email_address, "second@example.com");

  const phone = await clerk.phoneNumbers.create({ user_id: u.id, phone_number: "+15550142", verified: true });
  assert.equal(phone.verification.status, "verified");
  assert.equal((await clerk.users.get({ user_id: u.id })).primary_phone_number_id, phone.id, "the first phone becomes primary");
  await rejects(clerk.phoneNumbers.create({ user_id: u.id, phone_number: "+15550143", reserved_for_second_factor: true }), 422);
  assert.deepEqual(await clerk.phoneNumbers.delete({ phone_number_id: phone.id }), { object: "phone_number", id: phone.id, deleted: true });
  await rejects(clerk.phoneNumbers.delete({ phone_number_id: phone.id }), 404, "resource_not_found");
  const after = await clerk.users.get({ user_id: u.id });
  assert.deepEqual([after.phone_numbers.length, after.primary_phone_number_id], [0, null]);
  await rejects(clerk.emailAddresses.update({ email_address_id: "idn_missing", verified: true }), 404);
  // The spec lists no 422 for the updates: a wrong type is a 400 (sent raw: the SDK would refuse it first).
  const bad = await raw(`/v1/email_addresses/${email.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"verified":"yes"}' });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).errors[0].code, "form_param_format_invalid");
  await clerk.users.delete({ user_id: u.id });
});

test("organizations: update, metadata merge, delete with memberships and invitations", async () => {
  const org = await clerk.organizations.create({ name: "Edit Me" });
  const renamed = await clerk.organizations.update({ organization_id: org.id, name: "Edited", slug: "edited", max_allowed_memberships: 5 });
  assert.deepEqual([renamed.name, renamed.slug, renamed.max_allowed_memberships], ["Edited", "edited", 5]);
  await rejects(clerk.organizations.update({ organization_id: org.id, slug: "acme" }), 422, "form_identifier_exists");
  await rejects(clerk.organizations.update({ organization_id: org.id, slug: "Not A Slug" }), 422, "form_param_format_invalid");
  await rejects(clerk.organizations.update({ organization_id: "org_missing", name: "x" }), 404, "resource_not_found");
  const merged = await clerk.organizations.mergeMetadata({ organization_id: org.id, public_metadata: { plan: "pro", x: 1 }, private_metadata: { crm: "c_1" } });
  assert.deepEqual([merged.public_metadata, merged.private_metadata], [{ plan: "pro", x: 1 }, { crm: "c_1" }]);
  assert.deepEqual((await clerk.organizations.mergeMetadata({ organization_id: org.id, public_metadata: { x: null } })).public_metadata, { plan: "pro" });
  const [user] = await clerk.users.list({ limit: 1 });
  await clerk.organizationMemberships.create({ organization_id: org.id, user_id: user.id, role: "org:member" });
  await clerk.organizationInvitations.create({ organization_id: org.id, email_address: "z@example.com", role: "org:member" });
  assert.deepEqual(await clerk.organizations.delete({ organization_id: org.id }), { object: "organization", id: org.id, slug: "edited", deleted: true });
  assert.ok(!mock.state.memberships.some((m) => m.organization_id === org.id), "memberships deleted");
  assert.ok(![...mock.state.orgInvitations.values()].some((i) => i.organization_id === org.id), "invitations deleted");
  await rejects(clerk.organizations.get({ organization_id: org.id }), 404);
});

test("memberships: add, change role, metadata, remove; duplicates, quota, unknown role", async () => {
  const org = await clerk.organizations.create({ name: "Members Co", max_allowed_memberships: 2 });
  const [a, b, c] = await clerk.users.list({ order_by: "+created_at", limit: 3 });
  const m = await clerk.organizationMemberships.create({ organization_id: org.id, user_id: a.id, role: "org:member" });
  assert.deepEqual([m.role, m.public_user_data.user_id, m.organization.id], ["org:member", a.id, org.id]);
  await rejects(clerk.organizationMemberships.create({ organization_id: org.id, user_id: a.id, role: "org:member" }), 400, "already_a_member_in_organization");
  await rejects(clerk.organizationMemberships.create({ organization_id: org.id, user_id: b.id, role: "owner" }), 422, "form_param_format_invalid");
  await rejects(clerk.organizationMemberships.create({ organization_id: org.id, user_id: "user_missing", role: "org:member" }), 404);
  await clerk.organizationMemberships.create({ organization_id: org.id, user_id: b.id, role: "org:admin" });
  await rejects(clerk.organizationMemberships.create({ organization_id: org.id, user_id: c.id, role: "org:member" }), 403, "organization_membership_quota_exceeded");
  assert.equal((await clerk.organizationMemberships.update({ organization_id: org.id, user_id: a.id, role: "org:admin" })).role, "org:admin");
  await rejects(clerk.organizationMemberships.update({ organization_id: org.id, user_id: c.id, role: "org:admin" }), 404);
  const meta = await clerk.organizationMemberships.updateMetadata({ organization_id: org.id, user_id: a.id, public_metadata: { team: "core" } });
  assert.deepEqual(meta.public_metadata, { team: "core" });
  assert.equal((await clerk.organizationMemberships.delete({ organization_id: org.id, user_id: a.id })).public_user_data.user_id, a.id);
  assert.equal((await clerk.organizationMemberships.list({ organization_id: org.id })).total_count, 1);
  await clerk.organizations.delete({ organization_id: org.id });
});

test("actor tokens: create with a URL, revoke once; validation", async () => {
  const [user, actor] = await clerk.users.list({ limit: 2 });
  const t = await clerk.actorTokens.create({ user_id: user.id, actor: { sub: actor.id }, expires_in_seconds: 600 });
  assert.deepEqual([t.object, t.status, t.user_id, t.actor.sub], ["actor_token", "pending", user.id, actor.id]);
  assert.match(t.url, /^https:\/\/.+\/v1\/tickets\/accept\?ticket=[\w-]+$/);
  assert.equal((await clerk.actorTokens.revoke({ actor_token_id: t.id })).status, "revoked");
  await rejects(clerk.actorTokens.revoke({ actor_token_id: t.id }), 400, "actor_token_cannot_be_revoked");
  await rejects(clerk.actorTokens.revoke({ actor_token_id: "act_missing" }), 404);
  await rejects(clerk.actorTokens.create({ user_id: user.id, actor: {} }), 422, "form_param_format_invalid");
  await rejects(clerk.actorTokens.create({ user_id: "user_missing", actor: { sub: actor.id } }), 422, "form_param_format_invalid");
  await rejects(clerk.actorTokens.create({ user_id: user.id, actor: { sub: actor.id }, expires_in_seconds: -5 }), 422);
});

test("setOffline: requests get no response until it is switched back", async () => {
  mock.setOffline(true);
  try {
    await assert.rejects(fetch(`${mock.url}/v1/users/count`, { headers: { authorization: "Bearer sk_test_x" } }), TypeError);
  } finally {
    mock.setOffline(false);
  }
  assert.equal((await raw("/v1/users/count")).status, 200);
});
