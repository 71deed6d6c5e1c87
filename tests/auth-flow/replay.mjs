// The stage-1 check of the pure flow (src/auth/flow) against @clerk/backend 3.25, before it is
// wired into the package: the corpus and the oracle's records as run.mjs makes them, plus what
// the flow's host would answer, recorded from the incumbent (verifyToken for every token a
// scenario can reach, verifyMachineAuthToken for machine tokens, the handshake JWT's signature
// check, the mock Backend API's responses). `cargo test ... auth::flow::replay -- --ignored`
// replays them through the Rust decision procedure; its states are compared with the
// incumbent's exactly as the package's are (observe.mjs, compare.mjs, differences.mjs).
// Prints `N/M scenarios agree (K documented differences)`. Run: node tests/auth-flow/replay.mjs [--verbose]
import { execFile } from "node:child_process";
import { createPublicKey, verify as rsaVerify } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { prepare } from "./run.mjs";
import { headersRecord, parseUrl, pick, pickAuth, pickDebug, pickState } from "./observe.mjs";
import { compare, describe, summary } from "./compare.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = join(root, "test-output", "auth-flow");
const require = createRequire(`${root}package.json`);
const backend = require("@clerk/backend");
const { verifyMachineAuthToken, isMachineToken } = require("@clerk/backend/internal");

const MACHINE_PATHS = /^\/(api_keys|m2m_tokens|oauth_applications\/access_tokens)\/verify$/;
const payloadOf = (t) => { try { return JSON.parse(Buffer.from(t.split(".")[1], "base64url").toString()); } catch { return null; } };
const headerOf = (t) => { try { return JSON.parse(Buffer.from(t.split(".")[0], "base64url").toString()); } catch { return null; } };
const valuesOf = (directives) => (Array.isArray(directives) ? directives : []).map((d) => String(d).split(";")[0].split("=")[1] ?? "");

/** verifyHandshakeToken (not exported): typ, alg, cat, key, signature. */
function verifyHandshake(token, options, jwks) {
  const fail = (reason, message) => ({ err: { reason, message } });
  const parts = token.split(".");
  const header = headerOf(token), payload = payloadOf(token);
  if (parts.length !== 3 || !header || !payload) return fail("token-invalid", "Invalid JWT form.");
  if (header.typ !== undefined && header.typ !== "JWT") return fail("token-invalid", "Invalid JWT type.");
  if (!["RS256", "RS384", "RS512"].includes(header.alg)) return fail("token-invalid-algorithm", "Invalid JWT algorithm.");
  if (header.cat !== undefined && header.cat !== "cl_B7d4PD111AAA" && header.cat !== "cl_I7d4PD111III") return fail("token-invalid", "Invalid handshake token category.");
  let key;
  if (options.jwtKey) key = createPublicKey(options.jwtKey);
  else {
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    if (!jwk) return fail("jwk-kid-mismatch", "Unable to find a signing key in JWKS.");
    key = createPublicKey({ key: jwk, format: "jwk" });
  }
  const ok = rsaVerify(`sha${header.alg.slice(2)}`, Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], "base64url"));
  return ok ? { ok: payload } : fail("token-invalid-signature", "Handshake signature is invalid.");
}

async function record(corpus, tables) {
  const base = `${corpus.apiUrl}/v1`;
  const auth = { authorization: `Bearer ${corpus.secrets[0]}` };
  const api = {};
  const put = async (method, path, query = "") => {
    const key = `${method} ${path}${query ? `?${query}` : ""}`;
    const res = await fetch(`${base}${path}${query ? `?${query}` : ""}`, { method, headers: auth });
    const text = await res.text();
    let body = text;
    try { body = JSON.parse(text); } catch { /* text body */ }
    api[key] = { status: res.status, body };
  };
  for (const sid of tables.sessionIds) {
    for (const q of ["", "suffixed_cookies=true"]) {
      if (tables.networkSessions.includes(sid)) api[`POST /sessions/${sid}/refresh${q ? `?${q}` : ""}`] = { network: true };
      else await put("POST", `/sessions/${sid}/refresh`, q);
    }
  }
  for (const nonce of tables.nonces) await put("GET", "/clients/handshake_payload", `nonce=${nonce}`);
  const sids = new Set(tables.sessionIds);
  for (const sc of corpus.scenarios) for (const t of tokensOf(sc)) { const sid = payloadOf(t)?.sid; if (typeof sid === "string") sids.add(sid); }
  for (const sid of sids) for (const tpl of ["tpl", "a%2Fb"]) await put("POST", `/sessions/${encodeURIComponent(sid)}/tokens/${tpl}`);
  await fetch(`${corpus.apiUrl}/__control/log`);
  return api;
}

/** Every string in a scenario's request that might be a token. */
function tokensOf(sc) {
  const h = sc.request.headers;
  const found = new Set();
  for (const c of (h.cookie ?? "").split(/;\s*/)) if (c.includes("=")) found.add(c.slice(c.indexOf("=") + 1));
  for (const w of (h.authorization ?? "").split(" ")) found.add(w);
  for (const [, v] of new URL(sc.request.url).searchParams) found.add(v);
  return [...found].filter((t) => t.split(".").length === 3 || /^(ak|mt|oat)_/.test(t));
}

async function answers(corpus, api, jwks) {
  const cache = new Map();
  const realNow = Date.now;
  const quiet = ["log", "warn", "error"].map((k) => [k, console[k]]);
  for (const k of ["log", "warn", "error"]) console[k] = () => {};
  const scenarios = [];
  try {
    for (const sc of corpus.scenarios) {
      Date.now = () => sc.at;
      const o = sc.options;
      const opts = { jwtKey: o.jwtKey, secretKey: o.secretKey, apiUrl: corpus.apiUrl, apiVersion: "v1", authorizedParties: o.authorizedParties };
      const optsKey = JSON.stringify([o.jwtKey ? 1 : 0, o.secretKey, o.authorizedParties, sc.at]);
      const sessions = {}, handshakes = {}, machines = {};
      const candidates = new Set(tokensOf(sc));
      for (const t of [...candidates]) {
        const p = payloadOf(t);
        if (p && Array.isArray(p.handshake)) { handshakes[t] = verifyHandshake(t, o, jwks); valuesOf(p.handshake).forEach((v) => candidates.add(v)); }
      }
      for (const [key, a] of Object.entries(api)) {
        if (/handshake_payload|refresh/.test(key)) valuesOf(a.body?.directives ?? a.body?.cookies).forEach((v) => candidates.add(v));
      }
      candidates.add("");
      for (const t of candidates) {
        if (t && isMachineToken(t)) {
          const { data, errors } = await verifyMachineAuthToken(t, { ...opts, jwtKey: o.jwtKey });
          machines[t] = errors ? { err: { reason: errors[0].code, message: errors[0].getFullMessage?.() ?? errors[0].message } } : { ok: JSON.parse(JSON.stringify(data)) };
          if (/^(ak|mt|oat)_/.test(t)) continue;
        }
        const k = `${optsKey}|${t}`;
        if (!cache.has(k)) {
          let res;
          try {
            const claims = await backend.verifyToken(t, opts);
            res = { ok: claims };
          } catch (e) {
            // A TypeError from the incumbent (a header that is JSON null) is token-invalid in
            // clerk-edge's verification layer (tests/auth documents it).
            res = e?.reason
              ? { err: { reason: e.reason, message: [e.message, e.action].filter(Boolean).join(" ") } }
              : { err: { reason: "token-invalid", message: "Invalid JWT form. The header, payload, or signature could not be decoded." } };
          }
          cache.set(k, res);
        }
        sessions[t] = cache.get(k);
      }
      const request = new Request(sc.request.url, { method: sc.request.method, headers: sc.request.headers, body: sc.request.body });
      scenarios.push({ ...sc, request: { method: request.method, url: request.url, headers: [...request.headers] }, sessions, handshakes, machines });
    }
  } finally {
    Date.now = realNow;
    for (const [k, f] of quiet) console[k] = f;
  }
  await fetch(`${corpus.apiUrl}/__control/log`);
  return scenarios;
}

/** A Rust outcome as the record observe.mjs makes of a RequestState. */
function fromRaw(raw) {
  if (raw.threw) return { threw: raw.threw, calls: raw.calls };
  const rec = pickState(raw);
  rec.headers = headersRecord(new Headers(raw.headers));
  if (raw.auth === null) rec.auth = null;
  else rec.auth = { fields: pickAuth(raw.auth.fields), has: raw.auth.has, debug: pickDebug(raw.auth.debug), getToken: "function" };
  if (raw.getToken !== null) rec.getToken = { value: raw.getToken.value ?? null };
  if (raw.authPendingAllowed) rec.authPendingAllowed = pickAuth(raw.authPendingAllowed);
  if (raw.getTemplate) rec.getTemplate = raw.getTemplate;
  rec.calls = raw.calls;
  return rec;
}

const started = Date.now();
const verbose = process.argv.includes("--verbose");
const prepared = await prepare();
try {
  const { corpus } = prepared;
  const jwks = await (await fetch(`${corpus.apiUrl}/v1/jwks`, { headers: { authorization: `Bearer ${corpus.secrets[0]}` } })).json();
  const api = await record(corpus, prepared.tables);
  const scenarios = await answers(corpus, api, jwks);
  await mkdir(out, { recursive: true });
  const file = join(out, "replay.json");
  await writeFile(file, JSON.stringify({ hasQueries: corpus.hasQueries, api, scenarios }));
  await promisify(execFile)("cargo", ["test", "-q", "-p", "clerk-edge", "--lib", "auth::flow::replay", "--", "--ignored"], {
    cwd: root, env: { ...process.env, CLERK_FLOW_REPLAY: file, CLERK_FLOW_REPLAY_OUT: `${file}.out` }, maxBuffer: 64 * 1024 * 1024,
  });
  const ours = JSON.parse(await readFile(`${file}.out`, "utf8")).map(fromRaw);
  // Machine tokens are verified by the host (the verification layer), not by the flow.
  const theirs = prepared.theirs.map((t) => ({ ...t, calls: t.calls.filter((c) => !MACHINE_PATHS.test(c.path)) }));
  const cmp = compare(corpus.scenarios, ours, theirs);
  if (verbose) {
    for (const n of cmp.notes) console.log(`  ${n}`);
    console.log(`first differing field of the failures:\n  ${cmp.byField.map(([k, n]) => `${n} ${k}`).join("\n  ")}`);
    for (const f of cmp.failures.slice(0, Number(process.env.FLOW_SHOW ?? 15))) console.log(`FAIL ${describe(f)}`);
  }
  console.log(`flow (Rust, replayed): ${summary(cmp)} (${Date.now() - started} ms)`);
  if (cmp.failures.length) process.exitCode = 1;
} finally {
  await prepared.close();
}
