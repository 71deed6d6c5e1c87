#!/usr/bin/env node
// The demo's second script: clerk-edge in Node against the local mock API (started by
// `npm run demo`), printing each thing it does. With no mock running it starts one in-process.
// It ends with authenticateRequest's handshake round trip against the mock's Frontend API.
//
//   node examples/node-demo.mjs [http://127.0.0.1:4281]

import { Clerk, ClerkErrors, InvalidRequestError, ConnectionError } from "clerk-edge";
import * as clerkEdge from "clerk-edge";

const serverURL = process.argv[2] ?? process.env.CLERK_API_URL ?? "http://127.0.0.1:4281";
const secretKey = "sk_test_local_mock_demo"; // the mock accepts any sk_test_ key; never hard-code a real one

let clerk = new Clerk({ secretKey, serverURL, retryConfig: { strategy: "none" } });
let ownMock;
try {
  await clerk.users.count({});
} catch (err) {
  if (!(err instanceof ConnectionError)) throw err;
  const { startMock } = await import("../tests/mock/server.mjs");
  ownMock = await startMock({ port: 0 });
  console.log(`(nothing at ${serverURL}: started a mock at ${ownMock.url})`);
  clerk = new Clerk({ secretKey, serverURL: ownMock.url });
}
const log = (what, ...rest) => console.log(`• ${what}`, ...rest);

const { total_count } = await clerk.users.count({});
log(`users.count -> ${total_count} users`);

const newest = await clerk.users.list({ limit: 3, order_by: "-created_at" });
log("users.list (3 newest):", newest.map((u) => `${u.first_name} ${u.last_name}`).join(", "));

let seen = 0;
for await (const page of clerk.users.list.pages({ limit: 10 })) seen += page.length;
log(`users.list.pages({ limit: 10 }) walked ${seen} users`);

const [grace] = await clerk.users.list({ email_address: ["grace.hopper@example.com"] });
log(`users.list by email -> ${grace.id}`);

const created = await clerk.users.create({ email_address: ["demo.user@example.com"], first_name: "Demo", last_name: "User" });
log(`users.create -> ${created.id} (${created.email_addresses[0].email_address})`);

const merged = await clerk.users.updateMetadata({ user_id: created.id, public_metadata: { plan: "pro" } });
log("users.updateMetadata -> public_metadata", JSON.stringify(merged.public_metadata));

log(`users.ban -> banned: ${(await clerk.users.ban({ user_id: created.id })).banned}`);
log(`users.unban -> banned: ${(await clerk.users.unban({ user_id: created.id })).banned}`);

try {
  await clerk.users.create({ email_address: ["demo.user@example.com"] });
} catch (err) {
  if (!(err instanceof ClerkErrors)) throw err;
  log(`users.create again -> ClerkErrors ${err.status}: ${err.errors[0].code} ("${err.errors[0].message}")`);
}

try {
  await clerk.users.get({ userId: created.id }); // wrong name: the spec says user_id
} catch (err) {
  if (!(err instanceof InvalidRequestError)) throw err;
  log(`users.get({ userId }) -> InvalidRequestError, nothing sent: ${err.problems.join("; ")}`);
}

log(`users.delete -> deleted: ${(await clerk.users.delete({ user_id: created.id })).deleted}`);

const orgs = await clerk.organizations.list({ include_members_count: true });
log("organizations.list:", orgs.data.map((o) => `${o.name} (${o.members_count} members)`).join(", "));
const invite = await clerk.organizationInvitations.create({ organization_id: orgs.data[0].id, email_address: "new.colleague@example.com", role: "org:member" });
log(`organizationInvitations.create -> ${invite.id} for ${invite.email_address} (${invite.status})`);

// Session tokens: mint one through the API (POST /sessions/{id}/tokens), verify it with the key
// from the instance's JWKS, then verify a forged copy.
const [session] = await clerk.sessions.list({ user_id: grace.id, status: "active" });
if (session && typeof clerkEdge.verifyToken === "function") {
  const { jwt } = await clerk.sessions.createToken({ session_id: session.id });
  const claims = await clerkEdge.verifyToken(jwt, { secretKey, serverURL: ownMock?.url ?? serverURL });
  log(`verifyToken (key from GET /jwks) -> sub ${claims.sub}, sid ${claims.sid}`);
  const [h, p, s] = jwt.split(".");
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url")), sub: "user_attacker" })).toString("base64url");
  try {
    await clerkEdge.verifyToken(`${h}.${forged}.${s}`, { secretKey, serverURL: ownMock?.url ?? serverURL });
  } catch (err) {
    log(`verifyToken (tampered) -> ${err.name}: ${err.reason}`);
  }
} else if (typeof clerkEdge.verifyToken !== "function") {
  log("verifyToken: not in this build of clerk-edge yet");
}

// authenticateRequest in front of an app's pages: a browser comes back to an idle tab with an
// expired session, is sent through the (mock) Frontend API's handshake and lands signed in.
// The round trip runs its own mock and Frontend API (tests/auth-flow/roundtrip.mjs).
const { roundTrip } = await import("../tests/auth-flow/roundtrip.mjs");
const steps = await roundTrip("node");
log(`authenticateRequest handshake round trip: ${steps.filter((s) => s[1]).length}/${steps.length} steps as @clerk/backend does them`);
for (const [what, ok] of steps) console.log(`    ${ok ? "ok  " : "FAIL"} ${what}`);

await ownMock?.close();
console.log("done");
