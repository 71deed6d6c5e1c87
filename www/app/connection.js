// The connection: which API the console talks to and with which secret key. The key lives in
// this module's memory, and in sessionStorage only when the operator ticks "remember for this tab"
// (sessionStorage dies with the tab). It is sent nowhere but the chosen base URL.
//
// It also tracks the connection's health from the client's own requests (a custom `fetch`), so
// the header and loading states say "connection lost" at the first failed attempt instead of
// spinning through the SDK's silent retries.

import { loadSdk } from "./sdk.js";
import { InputError } from "./errors.js";

const STORAGE_KEY = "clerk-edge-console.connection";

let current = null; // { baseUrl, serverURL, clerk, secretKey }
const listeners = new Set();
let healthState = "ok"; // "ok" | "lost"
const healthListeners = new Set();

/** The dev server's /config.json: where the local mock is (absent when serving elsewhere). */
let configPromise;
export function devConfig() {
  configPromise ??= fetch("/config.json")
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

/**
 * The API root as an absolute URL: an http(s) URL, or a path on this origin such as "/proxy/v1".
 * Anything else ("not a url at all") is refused here rather than sent as a relative path.
 */
export function absolute(baseUrl) {
  let url;
  try {
    url = /^\//.test(baseUrl) ? new URL(baseUrl, location.href) : new URL(baseUrl);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new InputError("The base URL must be a full http(s) URL such as http://127.0.0.1:4281 or https://api.clerk.com/v1, or a path on this server such as /proxy/v1.", "baseUrl");
  }
  return url.href.replace(/\/+$/, "");
}

function setHealth(next) {
  if (next === healthState) return;
  healthState = next;
  healthListeners.forEach((f) => f(next));
}

/** The global fetch, watched: a network failure marks the connection lost, any answer marks it back. */
function watchedFetch(input, init) {
  return fetch(input, init).then(
    (res) => { setHealth("ok"); return res; },
    (err) => { if (err?.name !== "AbortError") setHealth("lost"); throw err; });
}

/**
 * Checks the key's shape and the base URL, builds a client, and proves the connection with one
 * cheap call (users.count) before accepting it. Throws the SDK's error when the API refuses.
 */
export async function connect({ baseUrl, secretKey, remember }) {
  if (!/^sk_(test|live)_\S+$/.test(secretKey)) {
    throw new InputError("A secret key starts with sk_test_ or sk_live_ (find it under API keys in the Clerk dashboard).", "secretKey");
  }
  const serverURL = absolute(baseUrl);
  const { Clerk } = await loadSdk();
  // An operator is waiting on every call: retry briefly (the header says when the API is not
  // answering), then show the error with a Retry button.
  const clerk = new Clerk({
    bearerAuth: secretKey,
    serverURL,
    timeoutMs: 15_000,
    fetch: watchedFetch,
    retryConfig: {
      strategy: "backoff",
      backoff: { initialInterval: 500, maxInterval: 2000, exponent: 1.5, maxElapsedTime: 5000 },
      retryConnectionErrors: true,
    },
  });
  await clerk.users.count({}, { retries: { strategy: "none" } });
  current = { baseUrl, serverURL, clerk, secretKey };
  setHealth("ok");
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
  setHealth("ok");
  listeners.forEach((f) => f(null));
}

export const connection = () => current;
export const onConnectionChange = (f) => listeners.add(f);
export const health = () => healthState;
/** Calls `f(state)` on every health change; returns a function that stops it. */
export function onHealthChange(f) {
  healthListeners.add(f);
  return () => healthListeners.delete(f);
}

/** The connected client; views call this only behind the router's connection check. */
export function clerk() {
  if (!current) throw new Error("Not connected.");
  return current.clerk;
}
