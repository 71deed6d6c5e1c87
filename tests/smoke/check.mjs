// The smoke check, run unchanged in every runtime: the runtime's harness imports the built
// package its own way and passes the module namespace here. Plain asserts (no node:assert) so
// it runs in workerd and browsers too. Returns a short summary; throws on any mismatch.
const SECRET = "sk_test_x";

function assert(cond, message) {
  if (!cond) throw new Error(`smoke check failed: ${message}`);
}

export async function check(clerkEdge, serverURL) {
  const { Clerk, ClerkErrors, ClerkEdgeError } = clerkEdge;
  assert(typeof Clerk === "function", "Clerk is exported");
  const clerk = new Clerk({ bearerAuth: SECRET, serverURL });

  const user = await clerk.users.get({ user_id: "user_123" });
  assert(user && user.id === "user_123", `users.get returned ${JSON.stringify(user)}`);
  assert(user.email_addresses?.[0]?.email_address === "ada@example.com", "user JSON is passed through");

  const seen = await (await fetch(`${serverURL}/__seen`)).json();
  const got = seen.find((r) => r.path === "/users/user_123");
  assert(got, `server saw GET /users/user_123 (saw ${seen.map((r) => r.path).join(", ")})`);
  assert(got.method === "GET", `method ${got.method}`);
  assert(got.headers.authorization === `Bearer ${SECRET}`, "Authorization: Bearer <secret key> was sent");
  assert(got.headers["clerk-api-version"] === "2026-05-12", `Clerk-API-Version ${got.headers["clerk-api-version"]}`);

  let error;
  try {
    await clerk.users.get({ user_id: "missing" });
  } catch (e) {
    error = e;
  }
  assert(error, "users.get of a missing user rejects");
  assert(error instanceof ClerkErrors, `rejects with ClerkErrors, got ${error?.constructor?.name}: ${error?.message}`);
  assert(error instanceof ClerkEdgeError && error instanceof Error, "ClerkErrors extends ClerkEdgeError and Error");
  assert(error.status === 404, `status ${error.status}`);
  assert(error.errors?.[0]?.code === "resource_not_found", `errors[0].code ${error.errors?.[0]?.code}`);
  assert(error.clerk_trace_id === "t", `clerk_trace_id ${error.clerk_trace_id}`);
  assert(!String(error.message).includes(SECRET) && !String(error.stack).includes(SECRET), "no secret in the error");

  return { user: user.id, error: `${error.name || error.constructor.name} ${error.status}` };
}
