// Contract test: every operation of the spec, called through the built package against a Prism
// mock of the same spec. An operation is accepted when Prism answers 2xx with no request
// violation and the SDK resolves with what Prism sent (parsed JSON; undefined for 202/204;
// a string for a body that is not JSON).
//
//   node tests/contract/run.mjs            (CONTRACT_ONLY=GetUser,CreateUser to run a few)
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, listOperations } from "./spec.mjs";
import { buildParams } from "./params.mjs";
import { startPrism } from "./prism.mjs";
import { expectedNames } from "./names.mjs";

const ENTRY = process.env.CLERK_EDGE_ENTRY ?? join(ROOT, "pkg/node.js");
const SECRET = "sk_test_contract";


const allOps = listOperations();
const only = process.env.CONTRACT_ONLY?.split(",").filter(Boolean);
const ops = only ? allOps.filter((op) => only.includes(op.id)) : allOps;

const pkg = await import(pathToFileURL(ENTRY).href);
const operations = pkg.operations ?? (await import(pathToFileURL(join(ENTRY, "../core.js")).href)).operations;

// --- the name table: the package's own listing, checked against the spec ------------------------
const nameProblems = [];
const listed = new Map(operations().map((o) => [o.id, o]));
const expected = expectedNames(allOps);
for (const op of allOps) {
  const got = listed.get(op.id);
  const want = expected.get(op.id);
  if (!got) nameProblems.push(`${op.id}: missing from operations()`);
  else if (got.group !== want.group || got.name.replace(/[*!]$/, "") !== want.name)
    nameProblems.push(`${op.id}: operations() says ${got.group}.${got.name}, expected ${want.group}.${want.name}`);
}
if (listed.size !== allOps.length) nameProblems.push(`operations() lists ${listed.size} operations, the spec has ${allOps.length}`);

// --- every request goes through this fetch, so the test sees what Prism answered -----------------
let exchange = null;
async function recordingFetch(input, init) {
  const req = input instanceof Request ? input : new Request(input, init);
  exchange = { method: req.method, url: req.url };
  const res = await fetch(input, init);
  exchange.status = res.status;
  exchange.contentType = res.headers.get("content-type");
  exchange.violations = res.headers.get("sl-violations");
  exchange.body = await res.clone().text();
  return res;
}

const prism = await startPrism();
let accepted = 0;
const failures = [];
const warnings = [];
const kinds = {};
try {
  const clerk = new pkg.Clerk({
    bearerAuth: SECRET,
    serverURL: prism.url,
    retryConfig: { strategy: "none" },
    fetch: recordingFetch,
  });

  for (const op of ops) {
    const { group, name } = listed.get(op.id) ?? expected.get(op.id);
    const method = name.replace(/[*!]$/, "");
    const label = `${op.id} (clerk.${group}.${method}, ${op.method} ${op.path})`;
    exchange = null;
    let result;
    let error;
    try {
      const fn = clerk[group]?.[method];
      if (typeof fn !== "function") throw new TypeError(`clerk.${group}.${method} is not a function`);
      result = await fn.call(clerk[group], buildParams(op));
    } catch (e) {
      error = e;
    }
    const problem = error ? describeError(error) : checkResult(op, result);
    const requestViolations = parseViolations(exchange?.violations ?? violationsOf(error)).filter((v) => v.location?.[0] === "request");
    if (!problem && requestViolations.some((v) => v.severity === "Error")) {
      failures.push({ label, problem: "Prism reported request violations", requestViolations });
    } else if (problem) {
      failures.push({ label, problem, requestViolations, status: exchange?.status, sent: exchange && `${exchange.method} ${exchange.url}` });
    } else {
      accepted++;
      const kind = result === undefined ? "undefined (202/204)" : typeof result === "string" ? "string (not JSON)" : "parsed JSON";
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (requestViolations.length) warnings.push({ label, requestViolations });
    }
  }
} finally {
  prism.stop();
}

// --- report ------------------------------------------------------------------------------------
for (const p of nameProblems) console.log(`NAME  ${p}`);
for (const w of warnings) console.log(`WARN  ${w.label}: ${w.requestViolations.map((v) => `${v.severity}: ${v.message}`).join("; ")}`);
for (const f of failures) {
  console.log(`FAIL  ${f.label}\n      ${f.problem}`);
  if (f.sent) console.log(`      sent: ${f.sent} -> ${f.status ?? "no response"}`);
  for (const v of f.requestViolations ?? []) console.log(`      sl-violation [${v.location?.join(".")}] ${v.message}`);
}
const total = ops.length;
const derived = allOps.filter((op) => !op.group).length;
if (!nameProblems.length)
  console.log(`names: operations() lists all ${allOps.length} operationIds; ${allOps.length - derived} match x-speakeasy names, ${derived} the derivation rule`);
console.log(`results: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}`);
console.log(`${accepted}/${total} operations accepted`);
if (nameProblems.length) console.log(`${nameProblems.length} naming problem(s)`);
process.exitCode = accepted === total && nameProblems.length === 0 && (only || total === 249) ? 0 : 1;

// -------------------------------------------------------------------------------------------------
function describeError(e) {
  const cls = e?.constructor?.name ?? typeof e;
  let s = `${cls}: ${e?.message ?? e}`;
  if (Array.isArray(e?.problems)) s += ` [problems: ${e.problems.join(" | ")}]`;
  if (e?.statusCode ?? e?.status) s += ` (HTTP ${e.statusCode ?? e.status})`;
  if (typeof e?.body === "string" && e.body) s += `\n      body: ${e.body.slice(0, 300)}`;
  if (String(s).includes(SECRET)) s += "\n      !!! the secret key appears in this error";
  return s;
}

function violationsOf(error) {
  const h = error?.headers ?? error?.rawResponse?.headers;
  if (!h) return null;
  return typeof h.get === "function" ? h.get("sl-violations") : (h["sl-violations"] ?? null);
}

// Prism's header is a JSON array, or "Too many violations! [..." cut short: then each complete
// entry is read on its own.
function parseViolations(header) {
  if (!header) return [];
  try {
    return JSON.parse(header);
  } catch {
    const entry = /\{"location":\[([^\]]*)\],"severity":"(\w+)","code":"[^"]*","message":"((?:[^"\\]|\\.)*)"\}/g;
    const entries = [...header.matchAll(entry)].map((m) => ({
      location: JSON.parse(`[${m[1]}]`),
      severity: m[2],
      message: JSON.parse(`"${m[3]}"`),
    }));
    return entries.length ? entries : [{ location: ["request"], severity: "Error", message: header.slice(0, 500) }];
  }
}

/** Null when the SDK's result is what Prism sent for this operation; else what differs. */
function checkResult(op, result) {
  if (!exchange) return "the SDK resolved without sending a request through the given fetch";
  if (exchange.status < 200 || exchange.status > 299) return `the SDK resolved although Prism answered ${exchange.status}`;
  if (exchange.status === 202 || exchange.status === 204)
    return result === undefined ? null : `expected undefined for ${exchange.status}, got ${typeof result}`;
  const declaresJson = op.success.some((s) => s.content.some((c) => c.includes("json")));
  if (!declaresJson) return typeof result === "string" ? null : `expected a string (no JSON declared), got ${typeof result}`;
  let sent;
  try {
    sent = JSON.parse(exchange.body);
  } catch {
    return `Prism sent non-JSON for a JSON operation: ${exchange.body.slice(0, 100)}`;
  }
  return isDeepStrictEqual(result, sent) ? null : `the resolved value differs from Prism's body (${JSON.stringify(result)?.slice(0, 120)})`;
}
