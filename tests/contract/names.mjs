// The name each operation must have on the client, worked out from the spec independently of the
// generator: `x-speakeasy-group` / `x-speakeasy-name-override` when present, else the rule in
// docs/architecture.md "Naming" (group = camelCased tag; method = operationId minus the tag's
// noun, a `get` of the plural noun becoming `list`).

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
const pascalWords = (tag) =>
  tag
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join("");

export function derivedName(op) {
  const tag = op.tags[0];
  const plural = pascalWords(tag); // "API Keys" -> "ApiKeys"
  const singular = plural.replace(/s$/, "");
  const id = op.id[0].toUpperCase() + op.id.slice(1);
  for (const noun of [plural, singular]) {
    const at = id.indexOf(noun); // case-sensitive: "ApiKeys" must not match "ApiKeySecret"
    if (at < 0) continue;
    const rest = id.slice(0, at) + id.slice(at + noun.length);
    const method = noun === plural && rest === "Get" ? "list" : lowerFirst(rest);
    return { group: lowerFirst(plural), name: method };
  }
  return { group: lowerFirst(plural), name: lowerFirst(id) };
}

/** Map operationId -> { group, name }. */
export function expectedNames(ops) {
  return new Map(ops.map((op) => [op.id, op.group && op.name ? { group: op.group, name: op.name } : derivedName(op)]));
}
