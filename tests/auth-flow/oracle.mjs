// The oracle half: every scenario through @clerk/backend 3.25 (Node), with the scenario's clock.
// `createClerkClient(...).authenticateRequest` as an app calls it (its apiClient makes the
// handshake-payload, refresh and token-template calls to the mock). Its console output is
// silenced: the incumbent logs on several paths (redirect loops, handshake failures).
import { runScenario } from "./observe.mjs";

export async function runOracle(backend, corpus) {
  const realNow = Date.now;
  const quiet = ["log", "warn", "error", "info"].map((k) => [k, console[k]]);
  const results = [];
  try {
    for (const k of ["log", "warn", "error", "info"]) console[k] = () => {};
    const clients = new Map();
    for (const sc of corpus.scenarios) {
      Date.now = () => sc.at;
      const o = sc.options;
      // One client per key pair (building one is most of the incumbent's cost per request).
      const id = `${o.secretKey}|${o.publishableKey}`;
      if (!clients.has(id)) clients.set(id, backend.createClerkClient({ secretKey: o.secretKey, publishableKey: o.publishableKey, apiUrl: corpus.apiUrl, apiVersion: "v1" }));
      const client = clients.get(id);
      results.push(await runScenario((req, opts) => client.authenticateRequest(req, opts), sc, corpus));
    }
  } finally {
    Date.now = realNow;
    for (const [k, f] of quiet) console[k] = f;
  }
  return results;
}
