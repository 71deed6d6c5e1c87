// Hash routing: "#/users/user_123?offset=10" -> { parts: ["users", "user_123"], query }.
// Hash routes keep the console a set of static files any server can host.

export function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

/** Builds "#/a/b?x=1" from parts and a query object (empty values dropped). */
export function href(parts, query = {}) {
  const path = parts.map(encodeURIComponent).join("/");
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

export function navigate(parts, query) {
  const next = href(parts, query);
  if (location.hash === next) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = next;
}
