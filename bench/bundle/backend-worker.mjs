// The minimal worker measured in item 6, @clerk/backend side: the same two steps.
import { createClerkClient, verifyToken } from "@clerk/backend";

export default {
  async fetch(request, env) {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const claims = await verifyToken(token, { jwtKey: env.CLERK_JWT_KEY });
    const clerk = createClerkClient({ secretKey: env.CLERK_SECRET_KEY });
    return Response.json(await clerk.users.getUser(claims.sub));
  },
};
