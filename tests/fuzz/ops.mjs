// The operation table as the fuzz suite needs it: path template and param names per
// operation, read from the generated table (format in src/table.rs) and joined with the
// package's operations() by operationId.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "generated");
const LINE = /^(\w+) (\w+) (\w+) ([GPUAD]) (\S+) (\S+) (\S+) (\S+)\\n\\$/;

const names = (list) => (list === "-" || list === "" ? [] : list.split(",").map((p) => p.split(/[=:]/)[0]));

function bodyFields(body) {
  if (body === "-") return [];
  const colon = body.indexOf(":");
  return colon < 0 ? [] : names(body.slice(colon + 1));
}

/** operations() entries with { path, prefix, params, pathParams, body, arrayBody }. */
export function operationTable(operations) {
  const byId = new Map();
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const m = LINE.exec(line);
      if (!m) continue;
      const [, id, , , method, path, , params, body] = m;
      const pathParams = params === "-" ? [] : params.split(",").filter((p) => p.split(":")[1]?.[0] === "h").map((p) => p.split(/[=:]/)[0]);
      byId.set(id, {
        method,
        path,
        prefix: path.split("{")[0],
        segments: path.split("/").length,
        params: names(params),
        pathParams,
        body: bodyFields(body),
        arrayBody: /^a\d/.test(body),
      });
    }
  }
  return operations.map((op) => {
    const row = byId.get(op.id);
    if (!row) throw new Error(`operation ${op.id} not in src/generated`);
    return { ...op, ...row };
  });
}
