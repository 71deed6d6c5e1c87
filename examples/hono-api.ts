// clerk-edge/hono beyond the README usage: c.get("clerk") is a clerk-edge Clerk client (its
// methods follow the Backend API spec: users.get({ user_id })), and getAuth(c, { acceptsToken })
// picks the token types a route accepts. Run by tests/package in workerd against the local mock.
import { ClerkErrors } from "clerk-edge";
import { clerkMiddleware, getAuth } from "clerk-edge/hono";
import { Hono } from "hono";

const app = new Hono();

app.use("*", clerkMiddleware());

app.get("/me", async (c) => {
  const { userId } = getAuth(c);
  if (!userId) return c.json({ message: "You are not logged in." }, 401);
  try {
    const user = await c.get("clerk").users.get({ user_id: userId });
    return c.json({ id: user.id, firstName: user.first_name });
  } catch (err) {
    if (err instanceof ClerkErrors && err.status === 404) return c.json({ message: "User not found." }, 404);
    throw err;
  }
});

// Only machine callers with an API key: a session token reads as signed out here.
app.get("/machine", (c) => {
  const auth = getAuth(c, { acceptsToken: "api_key" });
  return c.json({ tokenType: auth.tokenType, isAuthenticated: auth.isAuthenticated });
});

export default app;
