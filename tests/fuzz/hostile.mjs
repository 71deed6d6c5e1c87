// Hostile JS values for the fuzz suite, from a seeded PRNG so every run is reproducible
// (FUZZ_SEED=<n> replays a run).

export { prng } from "../prng.mjs";

const HUGE = "A".repeat(1024 * 1024); // 1 MB, built once
export const TRAVERSAL = ["../", "..", ".", "/", "%2e%2e", "%2E%2E/", "..%2f", "..\\", "a/../../b", "./.", "%2f", "?x=1", "#frag", "..;/", "%00", "\u002e\u002e"];
const STRINGS = [
  "", " ", "user_123", "null", "undefined", "0", "-1", "NaN", "true", "__proto__", "constructor", "prototype",
  "toString", "hasOwnProperty", "\u0000", "\r\n", "Bearer x", "\ud800", "\udc00", "a\ud800b", "\udfff\ud800",
  "😀", "é", "\u202e", "%", "%%", "%zz", "&a=b", "=", "{user_id}", "{", "}", "<script>", "' OR 1=1 --",
];

/** A string: traversal, odd Unicode, lone surrogates, huge, or random characters. */
export function hostileString(r) {
  switch (r.int(6)) {
    case 0:
      return r.pick(TRAVERSAL);
    case 1:
      return r.pick(STRINGS);
    case 2:
      return r.chance(0.02) ? HUGE : "x".repeat(r.int(5000));
    case 3: {
      let s = "";
      for (let i = r.int(24); i > 0; i--) s += String.fromCharCode(r.int(0x10000)); // includes lone surrogates
      return s;
    }
    case 4:
      return r.pick(TRAVERSAL) + r.pick(STRINGS) + r.pick(TRAVERSAL);
    default:
      return `user_${r.int(1e6)}`;
  }
}

function throwingGetters(r) {
  const o = {};
  for (let i = r.int(3) + 1; i > 0; i--) {
    Object.defineProperty(o, r.pick(["user_id", "limit", "email_address", "body", "headers", "x", "signal", "timeoutMs"]), {
      enumerable: true,
      configurable: true,
      get() {
        throw new Error("getter threw");
      },
    });
  }
  return o;
}

function hostileProxy(r) {
  const traps = ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "apply", "construct", "set", "defineProperty"];
  const handler = {};
  for (const t of traps) if (r.chance(0.5)) handler[t] = () => { throw new Error(`trap ${t}`); };
  const target = r.pick([{}, [], () => {}, { user_id: "u" }, ["a", "b"]]);
  if (r.chance(0.2)) {
    const { proxy, revoke } = Proxy.revocable(target, {});
    revoke();
    return proxy;
  }
  return new Proxy(target, handler);
}

function deep(r, depth) {
  let v = r.chance(0.5) ? {} : [];
  for (let i = 0; i < depth; i++) v = r.chance(0.5) ? { a: v } : [v];
  return v;
}

function protoKeys(r) {
  // JSON.parse makes a real own "__proto__" key (an object literal would set the prototype).
  const o = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
  if (r.chance(0.5)) o.prototype = { polluted: true };
  return o;
}

function fake(r) {
  // instanceof accepts these, but their getters and methods throw on them.
  const proto = r.pick([AbortSignal.prototype, Headers.prototype, Blob.prototype, ReadableStream.prototype, Response.prototype, Request.prototype, Array.prototype, Promise.prototype]);
  return Object.create(proto);
}

function array(r, depth) {
  const kind = r.int(6);
  if (kind === 0) return new Array(r.pick([2 ** 32 - 1, 1e6, 10_001])); // sparse, huge length
  if (kind === 1) {
    const a = ["a"];
    Object.defineProperty(a, 0, { get() { throw new Error("item getter threw"); } });
    return a;
  }
  const n = r.int(6);
  const out = [];
  for (let i = 0; i < n; i++) out.push(hostile(r, depth + 1));
  return out;
}

/** Any hostile value. `depth` keeps generated containers small. */
export function hostile(r, depth = 0) {
  const k = r.int(depth > 2 ? 8 : 22);
  switch (k) {
    case 0: return undefined;
    case 1: return null;
    case 2: return r.chance(0.5);
    case 3: return r.pick([0, -0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53 + 1, 1e308, 5e-324, 2 ** 31, 3e9, Number.MAX_SAFE_INTEGER]);
    case 4:
    case 5:
    case 6:
    case 7: return hostileString(r);
    case 8: return r.pick([10n, Symbol("s"), () => 1, async () => 1, function* () {}, class {}]);
    case 9: return array(r, depth);
    case 10: return throwingGetters(r);
    case 11: return hostileProxy(r);
    case 12: return deep(r, r.pick([10, 1000, 20_000]));
    case 13: return protoKeys(r);
    case 14: return fake(r);
    case 15: return r.pick([new Date(NaN), new Map([[1, 2]]), new Set([1]), /re/g, new Error("e"), new WeakMap(), Promise.resolve(1)]);
    case 16: return r.pick([new Uint8Array(r.int(64)), new ArrayBuffer(8), new Blob(["x"]), new DataView(new ArrayBuffer(2))]);
    case 17: return { toString() { throw new Error("toString"); }, valueOf() { throw new Error("valueOf"); }, [Symbol.toPrimitive]() { throw new Error("prim"); } };
    case 18: return { toJSON() { throw new Error("toJSON"); } };
    case 19: {
      const cyc = { a: 1 };
      cyc.self = cyc;
      return cyc;
    }
    case 20: {
      const o = {};
      for (let i = r.int(4); i > 0; i--) o[hostileString(r).slice(0, 40)] = hostile(r, depth + 1);
      return o;
    }
    default: return Object.create(null);
  }
}
