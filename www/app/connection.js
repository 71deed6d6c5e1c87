// The connection: which API the console talks to and with which secret key. The key lives in
// this module's memory, and in sessionStorage only when the operator ticks "remember for this tab"
// (sessionStorage dies with the tab). It is sent nowhere but the chosen base URL.

import { loadSdk } from "./sdk.js";

const STORAGE_KEY = "clerk-edge-console.connection";

let current = null; // { baseUrl, serverURL, clerk, secretKey }
const listeners = new Set();

/** The dev server's /config.json: where the local mock is (absent when serving elsewhere). */
let configPromise;
export function devConfig() {
  configPromise ??= fetch("/config.json")
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

/** A relative base such as "/proxy/v1" becomes absolute on this origin. */
export const absolute = (baseUrl) => new URL(baseUrl, location.href).href.replace(/\/+$/, "");

/**
 * Checks the key's shape, builds a client, and proves the connection with one cheap call
 * (users.count) before accepting it. Throws the SDK's error when the API refuses.
 */
export async function connect({ baseUrl, secretKey, remember }) {
  if (!/^sk_(test|live)_\S+$/.test(secretKey)) {
    throw new Error("A secret key starts with sk_test_ or sk_live_ (find it under API keys in the Clerk dashboard).");
  }
  const { Clerk } = await loadSdk();
  const serverURL = absolute(baseUrl);
  // An operator is waiting on every call: retry briefly, then show the error.
  const clerk = new Clerk({
    bearerAuth: secretKey,
    serverURL,
    timeoutMs: 15_000,
    retryConfig: {
      strategy: "backoff",
      backoff: { initialInterval: 500, maxInterval: 4000, exponent: 1.5, maxElapsedTime: 10_000 },
      retryConnectionErrors: true,
    },
  });
  await clerk.users.count({}, { retries: { strategy: "none" } });
  current = { baseUrl, serverURL, clerk, secretKey };
  if (remember) sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ baseUrl, secretKey }));
  else sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((f) => f(current));
  return current;
}

/** Reconnects from sessionStorage after a reload in the same tab (if the operator asked for it). */
export async function restore() {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (!saved) return null;
  try {
    return await connect({ ...JSON.parse(saved), remember: true });
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function disconnect() {
  current = null;
  sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((f) => f(null));
}

export const connection = () => current;
export const onConnectionChange = (f) => listeners.add(f);

/** The connected client; views call this only behind the router's connection check. */
export function clerk() {
  if (!current) throw new Error("Not connected.");
  return current.clerk;
}
