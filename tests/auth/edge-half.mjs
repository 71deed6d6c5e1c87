// The clerk-edge half of the auth corpus: runs every case of corpus.mjs through a clerk-edge
// module namespace and checks the clerk-edge-only properties. Runtime-neutral (fetch, Request,
// Date only): Node, Deno and workerd run this same file. Returns plain data.

const UNDEFINED_KEY = "$undefined";

function assertNoSecret(secrets, where, ...texts) {
  for (const t of texts) {
    if (typeof t !== "string") continue;
    for (const s of secrets) if (t.includes(s)) throw new Error(`secret leaked in ${where}`);
  }
}

const toRequest = (d) => new Request(d.url, { method: d.method, headers: d.headers, body: d.body });

export async function runEdge(edge, corpus) {
  const { cases, props: p, secrets, apiUrl, baseClock } = corpus;
  const realNow = Date.now;
  let clock = baseClock;
  Date.now = () => clock;
  const control = async (path, body) =>
    (await fetch(`${apiUrl}/__control/${path}`, body ? { method: "POST", body: JSON.stringify(body) } : {})).json();

  async function verify(token, options) {
    try {
      const claims = await edge.verifyToken(token, options);
      return { ok: true, sub: claims?.sub };
    } catch (e) {
      assertNoSecret(secrets, "verifyToken error", e?.message, e?.stack, String(e?.reason));
      return { ok: false, reason: e?.reason ?? `raw ${e?.name}` };
    }
  }
  async function request(desc, options) {
    const st = await edge.authenticateRequest(toRequest(desc), { publishableKey: corpus.publishableKey, ...options });
    const a = st.toAuth();
    assertNoSecret(secrets, "authenticateRequest state", st.message, st.reason, JSON.stringify([...st.headers]));
    return { status: st.status, reason: st.reason ?? null, tokenType: st.tokenType, userId: a?.userId ?? null, orgId: a?.orgId ?? null,
      orgRole: a?.orgRole ?? null, orgPermissions: JSON.stringify(a?.orgPermissions ?? null), id: a?.id ?? null };
  }
  async function webhook(desc, secret) {
    try {
      const ev = await edge.verifyWebhook(toRequest(desc), { signingSecret: secret });
      return { ok: true, type: ev.type };
    } catch (e) {
      assertNoSecret(secrets, "verifyWebhook error", e?.message, e?.stack);
      return { ok: false, reason: e?.reason };
    }
  }

  const results = [];
  try {
    for (const c of cases) {
      clock = c.at ?? baseClock;
      const token = c.token && typeof c.token === "object" && c.token[UNDEFINED_KEY] ? undefined : c.token;
      if (c.kind === "verify") results.push(await verify(token, c.options));
      else if (c.kind === "request") results.push(await request(c.request, c.options));
      else if (c.kind === "webhook") results.push(await webhook(c.request, c.secret));
      else if (c.kind === "rotation") {
        await control("jwks", { drop: ["krot"] });
        const first = await verify(c.before, c.options);
        await control("jwks", { add: ["krot"] });
        const second = await verify(c.after, c.options);
        await control("jwks", {});
        results.push({ first: first.ok, second: second.ok, reason: second.reason });
      } else throw new Error(`unknown case kind ${c.kind}`);
    }
    return { results, props: await properties() };
  } finally {
    Date.now = realNow;
  }

  // ---------- clerk-edge-only properties (no oracle) ----------
  async function properties() {
    const props = [];
    const hits = async () => (await control("hits")).jwks;
    clock = baseClock;
    const [shared, ttl, rotating, invalidated] = p.remoteOptions;
    // Concurrent callers share one JWKS fetch.
    let before = await hits();
    const all = await Promise.all(Array.from({ length: 10 }, () => edge.verifyToken(p.good, shared).then(() => true, () => false)));
    props.push(["10 concurrent verifications share one JWKS fetch", all.every(Boolean) && (await hits()) - before === 1, `${(await hits()) - before} fetches`]);
    // jwksCacheTtlInMs is honoured.
    before = await hits();
    const r1 = await verify(p.good, ttl);
    const r2 = await verify(p.good, ttl);
    clock += 1500;
    const r3 = await verify(p.good, ttl);
    const n = (await hits()) - before;
    props.push(["jwksCacheTtlInMs: refetch only after the TTL", r1.ok && r2.ok && r3.ok && n === 2, `${n} fetches, ${JSON.stringify([r1, r2, r3])}`]);
    // Unknown kids do not turn into a fetch per token.
    before = await hits();
    for (const t of p.bogusKids) await edge.verifyToken(t, ttl).catch(() => {});
    props.push(["unknown kids refetch at most once per 5 s", (await hits()) - before <= 1, `${(await hits()) - before} fetches`]);
    clock = baseClock;
    // Input validation: typed errors, never a panic.
    let typed = true;
    for (const o of ["not an object", { audience: 5 }, { jwtKey: "x".repeat(100_000) }, { clockSkewInMs: "5" }]) {
      try { await edge.verifyToken(p.good, o); typed = false; } catch (e) { typed &&= e?.name === "InvalidRequestError" && Array.isArray(e.problems); }
    }
    props.push(["bad options give InvalidRequestError with problems", typed, ""]);
    let reqTyped = true;
    try { await edge.authenticateRequest({ headers: {} }, {}); reqTyped = false; } catch (e) { reqTyped = e?.name === "InvalidRequestError"; }
    props.push(["authenticateRequest rejects a non-Request", reqTyped, ""]);

    // Verified-token cache: a cached verdict never crosses keys or options...
    const underA = await verify(p.good, { jwtKey: p.pemA });
    const underB = await verify(p.good, { jwtKey: p.pemB });
    const againA = await verify(p.good, { jwtKey: p.pemA });
    props.push(["cache: a token verified under key A is rejected under key B",
      underA.ok && !underB.ok && underB.reason === "token-invalid-signature" && againA.ok, JSON.stringify([underA, underB, againA])]);
    const aud1 = await verify(p.withAud, { jwtKey: p.pemA, audience: "aud-1" });
    const aud2 = await verify(p.withAud, { jwtKey: p.pemA, audience: "aud-2" });
    const azp = await verify(p.withAud, { jwtKey: p.pemA, audience: "aud-1", authorizedParties: ["https://a.example"] });
    props.push(["cache: options are part of the key (audience, authorizedParties)",
      aud1.ok && aud2.reason === "token-verification-failed" && azp.reason === "token-invalid-authorized-parties", JSON.stringify([aud1, aud2, azp])]);
    // ...and expiry is exact on every hit (default skew 5000 ms).
    const fresh = await verify(p.expiring, { jwtKey: p.pemA });
    clock = p.expiringAtMs + 5000 - 1;
    const lastMs = await verify(p.expiring, { jwtKey: p.pemA });
    clock = p.expiringAtMs + 5000;
    const expired = await verify(p.expiring, { jwtKey: p.pemA });
    clock = baseClock;
    props.push(["cache: an expired cached token fails token-expired, to the millisecond",
      fresh.ok && lastMs.ok && expired.reason === "token-expired", JSON.stringify([fresh, lastMs, expired])]);
    // A JWKS refresh forgets what the old keys vouched for: kid "ka" leaves the JWKS; a token
    // with an unknown kid makes clerk-edge refetch; the cached "ka" token then fails.
    const warm = await verify(p.rotated, rotating);
    await control("jwks", { drop: ["ka"] });
    const stillFresh = await verify(p.rotated, rotating); // fresh JWKS, nothing refetched: cached
    await edge.verifyToken(p.bogusKids[0], rotating).catch(() => {});
    const afterRefresh = await verify(p.rotated, rotating);
    await control("jwks", {});
    props.push(["cache: a JWKS refresh invalidates tokens verified with the old keys",
      warm.ok && stillFresh.ok && afterRefresh.reason === "jwk-kid-mismatch", JSON.stringify([warm, stillFresh, afterRefresh])]);
    // skipJwksCache: every call fetches, no cached verdict stands in for it.
    before = await hits();
    const s1 = await verify(p.otherKid, { ...invalidated, skipJwksCache: true });
    const s2 = await verify(p.otherKid, { ...invalidated, skipJwksCache: true });
    props.push(["cache: skipJwksCache bypasses it", s1.ok && s2.ok && (await hits()) - before === 2, `${(await hits()) - before} fetches`]);

    // Still alive after all of it (a panic would have aborted the instance).
    props.push(["wasm instance still healthy", (await verify(p.good, { jwtKey: p.pemA })).ok, ""]);
    return props;
  }
}
