// Token and webhook verification in a Worker-style handler, checked under tsc --strict.
import { authenticateRequest, verifyToken, verifyWebhook, TokenVerificationError } from "clerk-edge";

export async function handle(request: Request, env: { CLERK_SECRET_KEY: string; CLERK_WEBHOOK_SECRET: string }): Promise<Response> {
  if (new URL(request.url).pathname === "/webhooks") {
    const event = await verifyWebhook(request, { signingSecret: env.CLERK_WEBHOOK_SECRET });
    return new Response(event.type);
  }
  const state = await authenticateRequest(request, { secretKey: env.CLERK_SECRET_KEY, authorizedParties: ["https://app.example"] });
  if (!state.isSignedIn) return new Response(state.reason ?? "signed out", { status: 401 });
  const { userId, orgId } = state.toAuth();
  return Response.json({ userId, orgId });
}

export async function claims(token: string, pem: string): Promise<string | null> {
  try {
    const payload = await verifyToken(token, { jwtKey: pem, clockSkewInMs: 1000 });
    return payload.sub;
  } catch (err) {
    if (err instanceof TokenVerificationError) return err.reason;
    throw err;
  }
}

// @ts-expect-error: acceptsToken takes token type names only
void authenticateRequest(new Request("https://x"), { acceptsToken: "cookie" });
