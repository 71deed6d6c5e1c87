// The three users.get callers of item 4, runtime-neutral (Node and the workerd bench worker):
// clerk-edge's clerk.users.get, a raw fetch + json(), and @clerk/backend's users.getUser.

export const USER_ID = "user_2benchAbCdEfGhIjKlMnOpQrStU";
const SECRET_KEY = "sk_test_bench_0123456789abcdef";

/**
 * `{ edge, fetch, incumbent }`, each `() => Promise<user>`; baseUrl has no /v1. With `fetchFn`,
 * clerk-edge and the raw caller use it instead of the global fetch (the incumbent takes none).
 */
export function apiCallers({ Clerk, createClerkClient }, baseUrl, fetchFn) {
  const options = { bearerAuth: SECRET_KEY, serverURL: `${baseUrl}/v1`, ...(fetchFn && { fetch: fetchFn }) };
  const clerk = Clerk ? new Clerk(options) : null;
  const send = fetchFn ?? ((...args) => fetch(...args));
  // @clerk/backend takes `apiUrl` (no version) and adds `/v1` itself.
  const incumbent = createClerkClient({ secretKey: SECRET_KEY, apiUrl: baseUrl });
  const url = `${baseUrl}/v1/users/${USER_ID}`;
  const headers = { authorization: `Bearer ${SECRET_KEY}` };
  return {
    edge: clerk && (() => clerk.users.get({ user_id: USER_ID })),
    fetch: async () => {
      const res = await send(url, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    },
    incumbent: () => incumbent.users.getUser(USER_ID),
  };
}

export function checkUser(u) {
  if (u?.id !== USER_ID) throw new Error("did not resolve to the user");
}
