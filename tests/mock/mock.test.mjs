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
