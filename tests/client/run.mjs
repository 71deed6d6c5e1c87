// The JS face of the client: namespaces, unknown names, pagination for both response shapes,
// per-call options, uploads and deprecation logging. Uses the `fetch` option as the seam, so no
// server is needed; the transport against real servers is covered by tests/errors and the
// Prism contract test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Clerk, operations, InvalidRequestError } from "../../pkg/node.js";

/** A fetch that answers from `respond(url, init)` and records every request. */
function recordingFetch(respond) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url: new URL(url), init });
    const { status = 200, body } = await respond(new URL(url), init, calls.length);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  f.calls = calls;
  return f;
}

const client = (fetch, extra = {}) =>
  new Clerk({ bearerAuth: "sk_test_client", serverURL: "https://api.test/v1", fetch, retryConfig: { strategy: "none" }, ...extra });

test("every operation is reachable by group and name", () => {
  const ops = operations();
  assert.equal(ops.length, 249);
  const clerk = client(recordingFetch(() => ({ body: {} })));
  for (const op of ops) assert.equal(typeof clerk[op.group][op.name], "function", `${op.group}.${op.name}`);
  assert.ok(Object.keys(clerk.users).includes("getOAuthAccessToken"));
  assert.equal(typeof clerk.emailAddresses.get, "function");
  assert.equal(typeof clerk.apiKeys.list, "function");
});

test("unknown groups and operations are clear errors; probed keys are not", async () => {
  const clerk = client(recordingFetch(() => ({ body: {} })));
  assert.throws(() => clerk.users.gett, /clerk\.users has no operation "gett"\. Available: .*get/);
  assert.throws(() => clerk.userz, /clerk has no resource group "userz"/);
  assert.equal(clerk.users.then, undefined); // so `await clerk.users` works
  assert.equal(await Promise.resolve(clerk.users), clerk.users);
});

test("plain-array pages end on a short page", async () => {
  const all = Array.from({ length: 23 }, (_, i) => ({ id: `user_${i}` }));
  const fetch = recordingFetch((url) => {
    const limit = Number(url.searchParams.get("limit"));
    const offset = Number(url.searchParams.get("offset"));
    return { body: all.slice(offset, offset + limit) };
  });
  const clerk = client(fetch);
  const ids = [];
  for await (const user of clerk.users.list.items({ limit: 10 })) ids.push(user.id);
  assert.deepEqual(ids, all.map((u) => u.id));
  assert.equal(fetch.calls.length, 3);
  const sizes = [];
  for await (const page of clerk.users.list.pages({ limit: 5, offset: 20 })) sizes.push(page.length);
  assert.deepEqual(sizes, [3]);
});

test("{ data, total_count } pages end on the total, even when it is a full page", async () => {
  const all = Array.from({ length: 20 }, (_, i) => ({ id: `org_${i}` }));
  const fetch = recordingFetch((url) => {
    const limit = Number(url.searchParams.get("limit"));
    const offset = Number(url.searchParams.get("offset"));
    return { body: { data: all.slice(offset, offset + limit), total_count: all.length } };
  });
  const clerk = client(fetch);
  const ids = [];
  for await (const org of clerk.organizations.list.items({ limit: 10 })) ids.push(org.id);
  assert.equal(ids.length, 20);
  assert.equal(fetch.calls.length, 2, "no extra request after the total is reached");
});

test("a page whose items sit under another key (m2m_tokens) is walked too", async () => {
  const fetch = recordingFetch((url) => {
    const offset = Number(url.searchParams.get("offset"));
    return { body: { m2m_tokens: offset === 0 ? [{ id: "mt_1" }, { id: "mt_2" }] : [], total_count: 2 } };
  });
  const clerk = client(fetch);
  const op = operations().find((o) => o.group === "m2m" && o.paginated);
  assert.ok(op, "m2m has a paginated operation");
  const required = op.name === "listTokens" ? { subject: "mch_1" } : {};
  const ids = [];
  for await (const t of clerk.m2m[op.name].items({ ...required, limit: 2 })) ids.push(t.id);
  assert.deepEqual(ids, ["mt_1", "mt_2"]);
});

test("per-call headers are sent; bad call options are InvalidRequestError", async () => {
  const fetch = recordingFetch(() => ({ body: { id: "user_1" } }));
  const clerk = client(fetch);
  await clerk.users.get({ user_id: "user_1" }, { headers: { "x-trace": "abc" } });
  assert.equal(new Headers(fetch.calls[0].init.headers).get("x-trace"), "abc");
  await assert.rejects(clerk.users.get({ user_id: "user_1" }, { headers: { "x-a": "1\r\nx-evil: 1" } }), /invalid name or value/);
  await assert.rejects(clerk.users.get({ user_id: "user_1" }, { headers: { "bad name": "1" } }), InvalidRequestError);
  // Names merge case-insensitively: the caller's Authorization replaces ours, not joins it.
  await clerk.users.get({ user_id: "user_1" }, { headers: new Headers({ Authorization: "Bearer other" }) });
  assert.equal(new Headers(fetch.calls[1].init.headers).get("authorization"), "Bearer other");
  await assert.rejects(clerk.users.get({ user_id: "user_1" }, { timeoutMs: "soon" }), InvalidRequestError);
  await assert.rejects(clerk.users.get({ user_id: "user_1" }, { headers: { "x-bad": 1 } }), /must be a string/);
  // A key fetch would refuse in a header is a clear error, not a "connection error" retried for an hour.
  const snowman = client(fetch, { bearerAuth: "sk_test_☃" });
  await assert.rejects(snowman.users.get({ user_id: "user_1" }), /bearerAuth has a character not allowed/);
  assert.equal(fetch.calls.length, 2);
});

test("uploads accept Blob, bytes and streams with a file name and content type", async () => {
  const fetch = recordingFetch(() => ({ body: { id: "user_1" } }));
  const clerk = client(fetch);
  const bytes = new TextEncoder().encode("png-bytes");
  const stream = new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
  const inputs = [
    new Blob([bytes], { type: "image/png" }),
    bytes,
    bytes.buffer,
    stream,
    { content: bytes, fileName: "me.png", contentType: "image/png" },
  ];
  for (const file of inputs) await clerk.users.setProfileImage({ user_id: "user_1", file });
  const forms = fetch.calls.map((c) => c.init.body);
  for (const form of forms) {
    assert.ok(form instanceof FormData);
    const part = form.get("file");
    assert.equal(await part.text(), "png-bytes");
  }
  assert.equal(forms[4].get("file").name, "me.png");
  assert.equal(forms[4].get("file").type, "image/png");
  await assert.rejects(clerk.users.setProfileImage({ user_id: "user_1", file: { content: 5 } }), InvalidRequestError);
});

test("deprecated operations are logged once through the debug logger; secrets never", async () => {
  const lines = [];
  const fetch = recordingFetch(() => ({ body: [] }));
  const clerk = client(fetch, { debugLogger: { debug: (l) => lines.push(l) } });
  const dep = operations().find((o) => o.deprecated && o.group === "clients" && o.name === "list");
  assert.ok(dep, "clients.list is deprecated in the spec");
  await clerk.clients.list();
  await clerk.clients.list();
  assert.equal(lines.filter((l) => l.includes("deprecated")).length, 1);
  assert.ok(lines.some((l) => /GET https:\/\/api\.test\/v1\/clients -> ok in \d+ ms/.test(l)));
  assert.ok(lines.every((l) => !l.includes("sk_test_client")));
  assert.ok(!JSON.stringify(clerk).includes("sk_test_client"));
});
