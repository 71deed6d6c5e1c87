// A Worker (workerd via Miniflare) that runs one fault case per request:
// GET /?case=<name>&url=<fault server>&closedURL=<dead port>&token=<jwt> -> { ok, error }.
// One client for the whole isolate, as in production: a case also checks that it survives.
import * as pkg from "../../pkg/workerd.js";
import * as glue from "../../pkg/dist/clerk_edge.js";
import { cases, makeContext } from "./cases.mjs";

// Auth exports from the package when it has them, else from the (same) initialised glue.
const lib = { ...pkg };
for (const name of ["verifyToken", "authenticateRequest", "verifyWebhook"]) {
  if (typeof lib[name] !== "function") lib[name] = glue[name];
}
const list = cases(lib);
let ctx;

export default {
  async fetch(request) {
    const q = new URL(request.url).searchParams;
    ctx ??= makeContext(lib, { runtime: "workerd", url: q.get("url"), closedURL: q.get("closedURL"), token: q.get("token") });
    const c = list.find((x) => x.name === q.get("case"));
    try {
      if (!c) throw new Error(`no case ${q.get("case")}`);
      await c.run(ctx);
      return Response.json({ ok: true });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) });
    }
  },
};
