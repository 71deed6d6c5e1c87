// Item 3: authenticateRequest on a `Request` carrying a `__session` cookie (plus `__client_uat`,
// as a browser sends it), networkless (jwtKey). Building the Request is inside the timed loop for
// both libraries. Distinct tokens (every call verifies a signature) and the same cookie repeated.

import { compareThroughput } from "./lib/stats.mjs";
import { forDuration, serial } from "./lib/loops.mjs";
import { mintTokens, rsaKey } from "./lib/tokens.mjs";
import { probe } from "./lib/contenders.mjs";

export const id = "authenticate";

const URL_ = "https://app.example.com/dashboard";
// Publishable key of a production instance (a development one would ask for a dev-browser
// handshake); the API URL points at a closed local port so no call can leave the machine.
const PUBLISHABLE_KEY = `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`;
const SECRET_KEY = "sk_live_bench_0123456789abcdef";
const API_URL = "http://127.0.0.1:9";
const BATCH = 300;

export async function run({ edge, backend, runs, warmup, log }) {
  const key = rsaKey(2048);
  const rounds = warmup + runs;
  const tokens = mintTokens(key, { count: BATCH * rounds + 1, tag: "ar" });
  const clientUat = Math.floor(Date.now() / 1000) - 100;
  const request = (token) =>
    new Request(URL_, { headers: { cookie: `__session=${token}; __client_uat=${clientUat}`, "sec-fetch-dest": "empty" } });

  const incumbentClient = backend.createClerkClient({ secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY, apiUrl: API_URL });
  const calls = {
    edge: edge.authenticateRequest
      ? (t) => edge.authenticateRequest(request(t), { jwtKey: key.pem, secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY, apiUrl: API_URL })
      : null,
    incumbent: (t) => incumbentClient.authenticateRequest(request(t), { jwtKey: key.pem }),
  };

  const checkSignedIn = async (c, token) => {
    if (!c.fn) return edge.missing.authenticateRequest;
    const failed = await probe(async () => {
      const state = await c.fn(token);
      if (state?.status !== "signed-in") throw new Error(`status ${state?.status} (${state?.reason})`);
    });
    return failed && `fails: ${failed}`;
  };

  const rows = [];
  const variants = [
    { key: "auth_distinct", figure: "authenticateRequest, __session cookie, distinct tokens", sample: (c, round) => serial(c.fn, tokens.slice(round * BATCH, (round + 1) * BATCH)) },
    { key: "auth_same", figure: "authenticateRequest, __session cookie, the same token repeatedly", sample: (c) => forDuration(() => c.fn(tokens[0]), 250) },
  ];
  for (const v of variants) {
    const contenders = ["edge", "incumbent"].map((name) => ({ name, fn: calls[name] }));
    for (const c of contenders) {
      c.unavailable = await checkSignedIn(c, tokens[tokens.length - 1]);
      c.sample = (round) => v.sample(c, round);
    }
    const result = await compareThroughput(contenders, { warmup, runs });
    rows.push({
      key: v.key, figure: v.figure, unit: "requests/s", higherIsBetter: true,
      edge: result.edge, incumbent: result.incumbent, goal: null,
    });
    log(`  ${v.figure}: done`);
  }
  return { rows };
}
