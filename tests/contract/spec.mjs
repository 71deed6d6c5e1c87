// The OpenAPI spec as the tests see it: loaded from ../shared (never copied into the repo),
// `$ref`s resolved on demand, one entry per operation with the names users call it by.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SPEC_PATH = resolve(ROOT, "../shared/openapi/bapi-2026-05-12.yml");

// CommonJS resolution from the repo root: finds the root node_modules (and honours NODE_PATH).
const require = createRequire(join(ROOT, "package.json"));
const YAML = require("yaml");

export const spec = YAML.parse(readFileSync(SPEC_PATH, "utf8"));

const METHODS = ["get", "put", "post", "delete", "patch"];

/** Follows `$ref` chains ("#/components/..."); returns the target object. */
export function deref(node) {
  const seen = new Set();
  while (node && typeof node === "object" && node.$ref) {
    if (seen.has(node.$ref)) throw new Error(`circular $ref ${node.$ref}`);
    seen.add(node.$ref);
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return node;
}

/** `apiKeyID` -> `api_key_id` (docs/architecture.md "Parameter names"). */
export function snakeCase(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** Every operation: id, method, path, params (deref'd, with `key` = the SDK's name), body. */
export function listOperations() {
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const raw = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const names = new Set(raw.map((p) => p.name));
      const params = raw
        // a deprecated camelCase duplicate of a snake_case parameter is dropped
        .filter((p) => !(p.deprecated && p.name !== snakeCase(p.name) && names.has(snakeCase(p.name))))
        .map((p) => ({ ...p, key: snakeCase(p.name), schema: deref(p.schema) }));
      const requestBody = deref(op.requestBody);
      const success = Object.entries(op.responses)
        .filter(([status]) => status.startsWith("2"))
        .map(([status, r]) => ({ status: Number(status), content: Object.keys(deref(r).content ?? {}) }));
      ops.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        tags: op.tags ?? [],
        group: op["x-speakeasy-group"],
        name: op["x-speakeasy-name-override"],
        deprecated: !!op.deprecated,
        params,
        requestBody,
        success,
      });
    }
  }
  return ops;
}
