// A module Worker behind withClerk: signed-out requests get a 401 (and a request authenticateRequest
// sends through Clerk's handshake, its 307), the handler gets the auth object. The keys come from
// the Worker's environment (CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY; CLERK_API_URL for a mock).
// Tested by tests/package: bundled by Wrangler, run in workerd against the local mock.
import { Clerk } from "clerk-edge";
import { withClerk } from "clerk-edge/with-clerk";

interface Env {
  CLERK_SECRET_KEY: string;
  CLERK_API_URL?: string;
}

export default {
  fetch: withClerk<Env>(async (_request, env, _ctx, auth) => {
    // Signed in: the session's user, from the Backend API.
    const serverURL = env.CLERK_API_URL ? `${env.CLERK_API_URL}/v1` : undefined;
    const clerk = new Clerk({ secretKey: env.CLERK_SECRET_KEY, serverURL });
    const user = await clerk.users.get({ user_id: auth.userId! });
    return Response.json({ userId: auth.userId, sessionId: auth.sessionId, firstName: user.first_name });
  }),
};
