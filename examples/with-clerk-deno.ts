// Deno.serve behind withClerk, signed-out requests passed through: the handler decides.
//   deno run --allow-net --allow-env=CLERK_SECRET_KEY,CLERK_PUBLISHABLE_KEY,CLERK_JWT_KEY,CLERK_API_URL,CLERK_API_VERSION,PORT \
//     --allow-read=node_modules/clerk-edge/dist/clerk_edge_bg.wasm with-clerk-deno.ts
// Type-checked by `deno check` in tests/package (Deno's globals are not in examples/tsconfig.json).
import { withClerk } from "clerk-edge/with-clerk";

const port = Number(Deno.env.get("PORT") ?? 8000);

Deno.serve(
  { hostname: "127.0.0.1", port },
  withClerk(
    (_request, _info, _ctx, auth) => {
      if (!auth.userId) return Response.json({ signedIn: false }, { status: 200 });
      return Response.json({ signedIn: true, userId: auth.userId });
    },
    { onSignedOut: "continue" },
  ),
);
