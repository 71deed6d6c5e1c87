// Puts clerk-edge's records next to the oracle's. Equal records agree; a different record is a
// documented difference when an entry of differences.mjs applies and clerk-edge answers as it
// says, else a failure. Records compare with object keys sorted (claims come back in any order).
import { differencesFor } from "./differences.mjs";

export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "undefined";
}

/** The paths (a.b.c) where two records differ, shallowest first. */
export function diffPaths(a, b, path = "", out = []) {
  if (canonical(a) === canonical(b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffPaths(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else {
    out.push(path || "(record)");
  }
  return out;
}

export function compare(scenarios, ours, theirs) {
  let agree = 0, documented = 0;
  const failures = [], notes = [], byField = new Map();
  scenarios.forEach((sc, i) => {
    const paths = diffPaths(ours[i], theirs[i]);
    if (!paths.length) {
      agree++;
      return;
    }
    const docs = differencesFor(sc).filter((d) => d.check(ours[i], theirs[i]));
    if (docs.length) {
      agree++;
      documented++;
      notes.push(`~ ${sc.name}: ${docs.map((d) => d.id).join(", ")}`);
      return;
    }
    const key = paths[0].replace(/\.\d+$/, "");
    byField.set(key, (byField.get(key) ?? 0) + 1);
    failures.push({ name: sc.name, paths: paths.slice(0, 6), ours: ours[i], theirs: theirs[i] });
  });
  return { agree, documented, total: scenarios.length, failures, notes, byField: [...byField].sort((a, b) => b[1] - a[1]) };
}

export const summary = (cmp) => `${cmp.agree}/${cmp.total} scenarios agree (${cmp.documented} documented differences)`;

/** A short description of one failure (the first differing fields, both sides). */
export function describe(f) {
  const at = (rec, p) => p.split(".").reduce((v, k) => (v == null ? v : v[k]), rec);
  return `${f.name}\n    ${f.paths.map((p) => `${p}: clerk-edge ${canonical(at(f.ours, p))?.slice(0, 160)} | incumbent ${canonical(at(f.theirs, p))?.slice(0, 160)}`).join("\n    ")}`;
}
