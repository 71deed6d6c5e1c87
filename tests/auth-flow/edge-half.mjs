// The clerk-edge half: every scenario through a clerk-edge module namespace, in any runtime
// (Node, Deno, workerd run this same file), with the scenario's clock. Also checks, on every
// state, that no secret key and no whole token appears in its message, headers or debug().
import { runScenario } from "./observe.mjs";

function leaks(record, corpus, tokens) {
  const text = JSON.stringify([record.message, record.headers?.other, record.auth?.debug]);
  return corpus.secrets.some((s) => text.includes(s)) || tokens.some((t) => t.length > 20 && JSON.stringify(record.auth?.debug ?? "").includes(t));
}

export async function runEdge(edge, corpus) {
  const realNow = Date.now;
  const results = [];
  const leaked = [];
  try {
    for (const sc of corpus.scenarios) {
      Date.now = () => sc.at;
      const record = await runScenario((req, opts) => edge.authenticateRequest(req, opts), sc, corpus);
      const tokens = (sc.request.headers.cookie ?? "").split(/;\s*/).map((c) => c.slice(c.indexOf("=") + 1));
      if (leaks(record, corpus, tokens)) leaked.push(sc.name);
      results.push(record);
    }
  } finally {
    Date.now = realNow;
  }
  return { results, leaked };
}
