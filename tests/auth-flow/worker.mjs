// workerd side of all.mjs: a Worker on the package's workerd entry. POST / with the corpus
// runs the clerk-edge half; calls to the mock Backend API leave through Miniflare's outbound
// service. CLERK_EDGE_WORKERD (all.mjs) may point the import at another build.
import * as clerkEdge from "../../pkg/workerd.js";
import { runEdge } from "./edge-half.mjs";

export default {
  async fetch(request) {
    try {
      return Response.json({ ok: true, result: await runEdge(clerkEdge, await request.json()) });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) });
    }
  },
};
