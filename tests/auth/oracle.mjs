// The oracle half of the auth corpus: the same cases through @clerk/backend (Node only).
// Results have the shape of edge-half.mjs's, so compare.mjs can put them side by side.

const toRequest = (d) => new Request(d.url, { method: d.method, headers: d.headers, body: d.body });

export async function runOracle(backend, verifyWebhook, corpus) {
  const { cases, apiUrl, baseClock } = corpus;
  const realNow = Date.now;
  let clock = baseClock;
  Date.now = () => clock;
  const control = (body) => fetch(`${apiUrl}/__control/jwks`, { method: "POST", body: JSON.stringify(body) });
  async function verify(token, options) {
    try {
      const claims = await backend.verifyToken(token, options);
      return { ok: true, sub: claims?.sub };
    } catch (e) {
      return { ok: false, reason: e?.reason ?? `raw ${e?.name}` };
    }
  }
  const results = [];
  try {
    for (const c of cases) {
      clock = c.at ?? baseClock;
      if (c.edgeOnly) results.push(null);
      else if (c.kind === "verify") {
        results.push(await verify(c.token && typeof c.token === "object" && c.token.$undefined ? undefined : c.token, c.options));
      } else if (c.kind === "request") {
        const opts = { publishableKey: corpus.publishableKey, ...c.options };
        const client = backend.createClerkClient({ secretKey: opts.secretKey, apiUrl: opts.apiUrl ?? apiUrl, apiVersion: "v1", publishableKey: opts.publishableKey });
        const st = await client.authenticateRequest(toRequest(c.request), opts);
        const a = st.toAuth?.();
        results.push({ status: st.status, reason: st.reason ?? null, tokenType: st.tokenType, userId: a?.userId ?? null, orgId: a?.orgId ?? null,
          orgRole: a?.orgRole ?? null, orgPermissions: JSON.stringify(a?.orgPermissions ?? null), id: a?.id ?? null });
      } else if (c.kind === "webhook") {
        try {
          const ev = await verifyWebhook(toRequest(c.request), { signingSecret: c.secret });
          results.push({ ok: true, type: ev.type });
        } catch {
          results.push({ ok: false }); // plain Errors, no reason: verdicts are compared
        }
      } else if (c.kind === "rotation") {
        await control({ drop: ["krot"] });
        const first = await verify(c.before, c.options);
        await control({ add: ["krot"] });
        const second = await verify(c.after, c.options);
        await control({});
        results.push({ first: first.ok, second: second.ok, reason: second.reason });
      }
    }
  } finally {
    Date.now = realNow;
  }
  return results;
}
