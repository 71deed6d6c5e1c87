// The minimal worker measured in item 6, clerk-edge side: verify the session token, then one API
// call. A namespace import, so the bundle still builds while the package lacks an export.
import * as clerkEdge from "clerk-edge";

export default {
  async fetch(request, env) {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const claims = await clerkEdge.verifyToken(token, { jwtKey: env.CLERK_JWT_KEY });
    const clerk = new clerkEdge.Clerk({ secretKey: env.CLERK_SECRET_KEY });
    return Response.json(await clerk.users.get({ user_id: claims.sub }));
  },
};
