// Shared by the two middlewares (with-clerk.js, hono.js): where Clerk's settings come from when
// the options leave them out, and what a request state's redirect means. Not part of the API.

import { InvalidRequestError } from "#runtime";

/**
 * `options` with each setting it leaves undefined read from the environment: the Worker's
 * bindings (`env`, or Hono's `c.env`) first, then `Deno.env` or `process.env`. Only the names
 * needed are read, so Deno needs `--allow-env` for those names alone.
 */
export function withEnvDefaults(options, bindings, names) {
  const out = { ...options };
  for (const [option, name] of Object.entries(names)) {
    if (out[option] === undefined) out[option] = readEnv(bindings, name);
  }
  return out;
}

function readEnv(bindings, name) {
  const bound = bindings !== null && typeof bindings === "object" ? bindings[name] : undefined;
  if (typeof bound === "string") return bound;
  // Deno.env.get throws when --allow-env does not cover the name: its message says which flag.
  if (typeof globalThis.Deno?.env?.get === "function") return globalThis.Deno.env.get(name);
  return globalThis.process?.env?.[name];
}

/**
 * Where the state says the browser must go first (a handshake through Clerk's Frontend API),
 * or null. A handshake without a Location is a broken state: thrown, as @hono/clerk-auth does.
 */
export function redirectLocation(state) {
  const location = state.headers?.get("location");
  if (location) return location;
  if (state.status === "handshake") throw new Error("Clerk: unexpected handshake without redirect");
  return null;
}

/** A plain object of options, or an InvalidRequestError that names what is wrong. */
export function optionsObject(what, options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new InvalidRequestError(`Invalid options: ${what} options must be an object`, {
      problems: [`${what} options must be an object`],
    });
  }
  return options;
}

/** Throws InvalidRequestError when `value` is set and not one of `allowed`. */
export function checkChoice(what, value, allowed) {
  if (value === undefined || allowed.includes(value)) return;
  const problem = `${what} must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}`;
  throw new InvalidRequestError(`Invalid options: ${problem}`, { problems: [problem] });
}
