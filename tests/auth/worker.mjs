// workerd side of all.mjs: a Worker using the package's workerd entry (the .wasm is imported as
// a compiled module). POST / with the corpus JSON runs the clerk-edge half and answers with the
// results; requests to the mock API leave through Miniflare's outbound service.
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
