// Builds one valid params object per operation from the spec alone: path params, every
// non-deprecated query param, and a request body with every required field (plus one field when the body is required
// but names none). Values come from example / default / enum / format / pattern, in that order.
import { deref } from "./spec.mjs";

/** A string matching a simple regex (the spec's patterns: ids, `[A-Z]{2}`, alternations). */
export function stringForPattern(pattern) {
  let i = 0;
  const src = pattern;

  // atom := group | class | escape | literal ; each followed by an optional quantifier
  function parseAlternation() {
    const alts = [[]];
    while (i < src.length && src[i] !== ")") {
      if (src[i] === "|") {
        i++;
        alts.push([]);
        continue;
      }
      alts[alts.length - 1].push(parseQuantified());
    }
    return alts[0].join(""); // the first alternative is enough
  }
  function parseAtom() {
    const c = src[i++];
    if (c === "^" || c === "$") return () => "";
    if (c === "(") {
      if (src.startsWith("?:", i)) i += 2;
      const inner = parseAlternation();
      i++; // ")"
      return () => inner;
    }
    if (c === "[") {
      const negated = src[i] === "^";
      if (negated) i++;
      const chars = [];
      while (src[i] !== "]") {
        let ch = src[i++];
        if (ch === "\\") ch = src[i++];
        if (src[i] === "-" && src[i + 1] !== "]") {
          const to = src[i + 1];
          i += 2;
          for (let k = ch.charCodeAt(0); k <= to.charCodeAt(0); k++) chars.push(String.fromCharCode(k));
        } else chars.push(ch);
      }
      i++; // "]"
      const pick = negated ? "abcxyz0".split("").find((ch) => !chars.includes(ch)) : chars[0];
      return () => pick;
    }
    if (c === "\\") {
      const e = src[i++];
      const byClass = { w: "a", d: "1", s: " ", S: "a", W: "-", D: "a" };
      const ch = byClass[e] ?? e;
      return () => ch;
    }
    if (c === ".") return () => "a";
    return () => c;
  }
  function parseQuantified() {
    const atom = parseAtom();
    let count = 1;
    const q = src[i];
    if (q === "*") (count = 0), i++;
    else if (q === "+" || q === "?") i++; // one occurrence satisfies both
    else if (q === "{") {
      const end = src.indexOf("}", i);
      count = Number(src.slice(i + 1, end).split(",")[0]);
      i = end + 1;
    }
    return Array.from({ length: count }, atom).join("");
  }
  return parseAlternation();
}

function fitsString(value, schema) {
  if (typeof value !== "string") return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  return true;
}

/** Merges allOf parts into one object schema. */
function flatten(schema) {
  schema = deref(schema) ?? {};
  if (!schema.allOf) return schema;
  const merged = { ...schema, allOf: undefined, properties: { ...(schema.properties ?? {}) }, required: [...(schema.required ?? [])] };
  for (const part of schema.allOf.map(flatten)) {
    Object.assign(merged.properties, part.properties ?? {});
    merged.required.push(...(part.required ?? []));
    for (const k of ["type", "additionalProperties", "enum", "format", "pattern"]) if (part[k] !== undefined && merged[k] === undefined) merged[k] = part[k];
  }
  return merged;
}

function stringValue(schema, name) {
  if (schema.example !== undefined && fitsString(schema.example, schema)) return schema.example;
  if (schema.default !== undefined && fitsString(schema.default, schema)) return schema.default;
  if (schema.enum) return schema.enum.find((v) => v !== null);
  const byFormat = {
    email: "contract@example.com",
    "date-time": "2026-01-01T00:00:00Z",
    date: "2026-01-01",
    uri: "https://example.com/contract",
    url: "https://example.com/contract",
    uuid: "123e4567-e89b-42d3-a456-426614174000",
  };
  if (byFormat[schema.format]) return byFormat[schema.format];
  if (schema.pattern) return stringForPattern(schema.pattern);
  let s = /url$/i.test(name ?? "") ? "https://example.com/contract" : /email/i.test(name ?? "") ? "contract@example.com" : `${name ?? "value"}_1`;
  if (schema.minLength !== undefined && s.length < schema.minLength) s = s.padEnd(schema.minLength, "a");
  if (schema.maxLength !== undefined && s.length > schema.maxLength) s = s.slice(0, schema.maxLength);
  return s;
}

function numberValue(schema) {
  const ok = (v) =>
    typeof v === "number" &&
    (schema.minimum === undefined || v >= schema.minimum) &&
    (schema.maximum === undefined || v <= schema.maximum) &&
    (schema.type !== "integer" || Number.isInteger(v));
  for (const v of [schema.example, schema.default, schema.enum?.[0]]) if (ok(v)) return v;
  if (schema.minimum !== undefined) return schema.exclusiveMinimum ? schema.minimum + 1 : schema.minimum;
  if (schema.maximum !== undefined && schema.maximum < 1) return schema.maximum;
  return 1;
}

/** A sample value for `schema`; `name` is the property name (used only as a hint). */
export function sampleValue(schema, name, depth = 0) {
  schema = flatten(schema);
  if (depth > 8) return undefined;
  const choice = schema.oneOf ?? schema.anyOf;
  if (choice && !schema.properties) {
    const first = choice.map(flatten).find((s) => s.type !== "null" && !s.nullable) ?? choice[0];
    return sampleValue(first, name, depth + 1);
  }
  const type = schema.type ?? (schema.properties ? "object" : schema.items ? "array" : undefined);
  switch (type) {
    case "string":
      if (schema.format === "binary") return new Blob([PNG], { type: "image/png" });
      return stringValue(schema, name);
    case "integer":
    case "number":
      return numberValue(schema);
    case "boolean":
      for (const v of [schema.enum?.[0], schema.example, schema.default]) if (typeof v === "boolean") return v;
      return false;
    case "array": {
      if (Array.isArray(schema.example) && schema.example.length >= (schema.minItems ?? 0)) {
        const item = flatten(schema.items);
        if (item.type !== "object") return schema.example;
      }
      const n = Math.max(schema.minItems ?? 0, 1);
      const item = flatten(schema.items);
      // an array of objects with nothing required still gets one meaningful field per item
      const one = (k) => (item.type === "object" && item.properties ? sampleObject(item, depth + 1, true) : uniquify(sampleValue(item, name, depth + 1), k));
      return Array.from({ length: n }, (_, k) => one(k));
    }
    case "object":
    default:
      return sampleObject(schema, depth, false);
  }
}

/** Required properties; `atLeastOne` adds the first property when none is required. */
export function sampleObject(schema, depth = 0, atLeastOne = false) {
  schema = flatten(schema);
  const out = {};
  const props = schema.properties ?? {};
  let required = [...(schema.required ?? [])];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    // "domain or domains": the first alternative's required fields satisfy it
    required.push(...(flatten(alternatives[0]).required ?? []).filter((k) => !required.includes(k)));
  }
  if (required.length === 0 && atLeastOne && Object.keys(props).length) {
    const first = Object.entries(props).find(([, s]) => ["string", "boolean", "integer"].includes(flatten(s).type));
    if (first) required = [first[0]];
  }
  for (const key of required) {
    if (props[key] === undefined && schema.additionalProperties === false) continue;
    out[key] = sampleValue(props[key] ?? { type: "string" }, key, depth + 1);
  }
  return out;
}

// a later item of an array of strings gets a suffix so `uniqueItems` holds
function uniquify(value, k) {
  return k > 0 && typeof value === "string" ? `${value}${k}` : value;
}

// 1x1 transparent PNG
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

/** Query arrays get two distinct items, so repeated keys vs comma-joined actually differ. */
function queryValue(p) {
  const schema = flatten(p.schema);
  if (schema.type !== "array") return sampleValue(schema, p.key);
  const item = flatten(schema.items);
  if (item.enum?.length >= 2) return item.enum.slice(0, 2);
  const one = sampleValue(item, p.key);
  return typeof one === "string" ? [one, `${one}2`] : [one];
}

/** The params object for one operation (see spec.mjs listOperations) in the SDK's shape. */
export function buildParams(op) {
  const params = {};
  for (const p of op.params) {
    if (p.in === "header" || p.in === "cookie") continue;
    // every query param (not only required ones), so Prism checks how each style is serialised;
    // deprecated optional ones are left out, as a user would
    if (p.in === "path" || p.required || !p.deprecated) params[p.key] = p.in === "query" ? queryValue(p) : sampleValue(p.schema, p.key);
  }
  const body = op.requestBody;
  if (body) {
    const [contentType, media] = Object.entries(body.content)[0];
    const schema = flatten(media.schema);
    if (schema.type === "array") {
      params.body = sampleValue(schema, "body"); // JSON-array bodies go under `body`
    } else {
      const fields = sampleObject(schema, 0, !!body.required || contentType.startsWith("multipart/"));
      if (contentType.startsWith("multipart/") && !fields.file) {
        const fileKey = Object.entries(schema.properties ?? {}).find(([, s]) => flatten(s).format === "binary")?.[0];
        if (fileKey) fields[fileKey] = sampleValue(schema.properties[fileKey], fileKey);
      }
      Object.assign(params, fields);
    }
  }
  return params;
}
