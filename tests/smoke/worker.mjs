// A Cloudflare Worker (run by workerd through Miniflare) using the package's workerd entry,
// which imports the .wasm as a compiled module. GET /?server=<serverURL> runs the check.
import * as clerkEdge from "../../pkg/workerd.js";
import { check } from "./check.mjs";

export default {
  async fetch(request) {
    const serverURL = new URL(request.url).searchParams.get("server");
    try {
      return Response.json({ ok: true, result: await check(clerkEdge, serverURL) });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) });
    }
  },
};
