// The bench worker for item 7, bundled by esbuild and run in workerd (miniflare): both libraries
// in one isolate, driven by POSTed jobs; every sample is timed here, inside the worker.
//   { op: "setup", pems }                       keep the PEM keys (by bits) for later jobs
//   { op: "probe", lib, bits, token }           one verification; an error says why
//   { op: "verify", lib, bits, tokens, width }  distinct tokens        -> { ops, ms }
//   { op: "same", lib, bits, token }            one token repeatedly   -> { ops, ms }
//   { op: "api", lib, baseUrl, probe? }         users.get repeatedly   -> { ops, ms }
import * as clerkEdge from "clerk-edge";
import { createClerkClient, verifyToken as incumbentVerify } from "@clerk/backend";
import { forDuration, inFlight, serial } from "../lib/loops.mjs";
import { apiCallers, checkUser } from "../lib/api-callers.mjs";

let pems = {};
const apis = new Map();

function verifier(lib, pem) {
  if (lib === "incumbent") return (t) => incumbentVerify(t, { jwtKey: pem });
  if (!clerkEdge.verifyToken) throw new Error("not available: clerk-edge does not export verifyToken");
  return (t) => clerkEdge.verifyToken(t, { jwtKey: pem });
}

async function handle(job) {
  switch (job.op) {
    case "setup":
      pems = job.pems;
      return { ok: true };
    case "probe": {
      const claims = await verifier(job.lib, pems[job.bits])(job.token);
      if (!claims?.sub?.startsWith("user_")) throw new Error("resolved without the token's claims");
      return { ok: true };
    }
    case "verify": {
      const fn = verifier(job.lib, pems[job.bits]);
      return job.width > 1 ? inFlight(fn, job.tokens, job.width) : serial(fn, job.tokens);
    }
    case "same": {
      const fn = verifier(job.lib, pems[job.bits]);
      return forDuration(() => fn(job.token), 250);
    }
    case "api": {
      if (!apis.has(job.baseUrl)) apis.set(job.baseUrl, apiCallers({ Clerk: clerkEdge.Clerk, createClerkClient }, job.baseUrl));
      const fn = apis.get(job.baseUrl)[job.lib];
      if (job.probe) {
        checkUser(await fn());
        return { ok: true };
      }
      return forDuration(fn, 300);
    }
    default:
      throw new Error(`unknown op ${job.op}`);
  }
}

export default {
  async fetch(request) {
    try {
      return Response.json(await handle(await request.json()));
    } catch (e) {
      return Response.json({ error: `${e?.reason ?? e?.name ?? "error"}: ${String(e?.message ?? e).slice(0, 160)}` });
    }
  },
};
