// The request inspector (Tools): compose or paste the request your edge middleware receives,
// and see what clerk-edge's authenticateRequest decides: status, reason in plain words, every
// header it would add to the response (Location and each Set-Cookie of a handshake included)
// and toAuth(). For "why is my user signed out at the edge?".

import { h, field, errorBox, badge, tieFieldErrors, clearFieldErrors, jsonBlock } from "../ui.js";
import { loadSdk } from "../sdk.js";
import { connection } from "../connection.js";
import { parseRawRequest, parseHeaderLines, inspectedRequest, headerRows, explainReason } from "../inspector-request.js";
import { InputError } from "../errors.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const DESTS = [["", "(not sent)"], ["document", "document (a page load)"], ["empty", "empty (fetch/XHR)"], ["iframe", "iframe"], ["script", "script"]];

export function requestInspector(config) {
  const conn = connection();
  const url = h("input", { id: "ri-url", name: "url", value: "http://localhost:3000/dashboard", spellcheck: "false", class: "mono" });
  const method = h("select", { id: "ri-method", name: "method" }, METHODS.map((m) => h("option", { value: m }, m)));
  const cookie = h("textarea", { id: "ri-cookie", name: "cookie", rows: 3, class: "mono", spellcheck: "false", placeholder: "__session=eyJ…; __client_uat=1732970000" });
  const auth = h("input", { id: "ri-auth", name: "authorization", class: "mono", spellcheck: "false", placeholder: "Bearer eyJ…" });
  const dest = h("select", { id: "ri-dest", name: "sec-fetch-dest" }, DESTS.map(([v, l]) => h("option", { value: v }, l)));
  const other = h("textarea", { id: "ri-headers", name: "headers", rows: 3, class: "mono", spellcheck: "false", placeholder: "Origin: https://app.example.com\nReferer: https://app.example.com/" });
  const raw = h("textarea", { id: "ri-raw", rows: 5, class: "mono", spellcheck: "false", placeholder: "GET /dashboard HTTP/1.1\nHost: app.example.com\nCookie: __session=…; __client_uat=…" });

  const keyInstance = h("input", { type: "radio", name: "ri-key", id: "ri-key-instance", checked: Boolean(conn), disabled: !conn });
  const keyPasted = h("input", { type: "radio", name: "ri-key", id: "ri-key-pasted", checked: !conn });
  const jwtKey = h("textarea", { id: "ri-jwtkey", name: "jwtKey", rows: 3, class: "mono", spellcheck: "false", placeholder: "-----BEGIN PUBLIC KEY----- … or a JWK" });
  const pk = h("input", { id: "ri-pk", name: "publishableKey", class: "mono", spellcheck: "false", placeholder: "pk_test_…" });
  const parties = h("input", { id: "ri-azp", name: "authorizedParties", placeholder: "https://app.example.com" });
  const more = h("textarea", { id: "ri-options", name: "options", rows: 2, class: "mono", spellcheck: "false", placeholder: '{"acceptsToken": "any", "clockSkewInMs": 5000}' });
  const out = h("div", { id: "ri-result", class: "stack", "aria-live": "polite" });
  const run = h("button", { type: "submit", id: "ri-run" }, "Authenticate request");

  const fillFromRaw = h("button", { type: "button", class: "secondary", id: "ri-parse" }, "Fill the fields from it");
  fillFromRaw.addEventListener("click", () => {
    try {
      const req = parseRawRequest(raw.value);
      const take = (name) => req.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
      url.value = req.url;
      method.value = METHODS.includes(req.method) ? req.method : "GET";
      cookie.value = take("cookie").join("; ");
      auth.value = take("authorization")[0] ?? "";
      dest.value = take("sec-fetch-dest")[0] ?? "";
      other.value = req.headers.filter(([n]) => !["cookie", "authorization", "sec-fetch-dest", "host"].includes(n.toLowerCase()))
        .map(([n, v]) => `${n}: ${v}`).join("\n");
      out.replaceChildren(h("p", { class: "muted", role: "status" }, `Filled from the pasted ${req.method} request.`));
      url.focus();
    } catch (err) {
      out.replaceChildren(errorBox(new InputError(err.message), { title: "Could not read the pasted request" }));
    }
  });

  const sample = config.mockUrl ? h("button", { type: "button", class: "secondary", id: "ri-sample" }, "Fill a signed-in sample") : null;
  sample?.addEventListener("click", async () => {
    try {
      const res = await fetch(`${config.mockUrl}/__demo/sample-token`);
      if (!res.ok) throw new Error(`The mock answered ${res.status}`);
      const s = await res.json();
      const iat = JSON.parse(atob(s.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).iat;
      cookie.value = `__session=${s.token}; __client_uat=${iat - 60}`;
      auth.value = "";
      jwtKey.value = s.public_key_pem;
      pk.value = s.publishable_key;
      keyPasted.checked = true;
      out.replaceChildren(h("p", { class: "muted", role: "status" }, "Filled a request with a fresh session token from the local mock and its public key."));
      cookie.focus();
    } catch (err) {
      out.replaceChildren(errorBox(err, { title: "Could not load a sample from the local mock" }));
    }
  });

  const form = h("form", { class: "card stack", "aria-labelledby": "ri-h" },
    h("h2", { id: "ri-h" }, "Request inspector"),
    h("p", { class: "muted" }, "Why is a user signed out at the edge? Compose (or paste) the request your middleware receives; the verdict comes from clerk-edge's authenticateRequest, run in this page. Nothing is sent anywhere except, with the connected instance's key, its GET /jwks."),
    h("details", {}, h("summary", {}, "Paste a raw HTTP request"), h("div", { class: "stack" }, field("Raw request", raw), fillFromRaw)),
    h("div", { class: "grid-3" }, field("URL", url), field("Method", method), field("Sec-Fetch-Dest", dest, "document for a page load, empty for fetch().")),
    field("Cookie", cookie, "As the browser sends it: name=value pairs separated by ;"),
    field("Authorization", auth),
    field("Other headers (one per line)", other),
    h("fieldset", { class: "stack" }, h("legend", {}, "Options"),
      h("div", { class: "check" }, keyInstance, h("label", { for: keyInstance.id },
        conn ? `The connected instance's secret key and API (${conn.serverURL})` : "The connected instance's secret key (connect first)")),
      h("div", { class: "check" }, keyPasted, h("label", { for: keyPasted.id }, "A public key (jwtKey), pasted below")),
      field("jwtKey (PEM or JWK)", jwtKey),
      h("div", { class: "grid-2" }, field("publishableKey", pk, "Required, with the secret key: the Frontend API, instance type and cookie names come from it."),
        field("authorizedParties", parties, "Comma-separated origins.")),
      field("More options (JSON object)", more, "Passed as they are; an option authenticateRequest does not know is refused.")),
    h("div", { class: "row" }, run, sample),
    out);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    out.replaceChildren(h("p", { class: "loading", role: "status" }, "Authenticating…"));
    let request, options;
    clearFieldErrors(form);
    try {
      ({ request, options } = compose());
    } catch (err) {
      out.replaceChildren(errorBox(err));
      return tieFieldErrors(form, err);
    }
    try {
      const { authenticateRequest } = await loadSdk();
      out.replaceChildren(...renderState(await authenticateRequest(request, options)));
    } catch (err) {
      out.replaceChildren(errorBox(err, { title: err?.name === "InvalidRequestError" ? "authenticateRequest refused these options" : undefined }));
    }
  });

  /** The request and the options from the fields; InputError for what cannot be built. */
  function compose() {
    let headers;
    try {
      headers = parseHeaderLines(other.value);
    } catch (err) {
      throw new InputError(err.message, "headers");
    }
    if (cookie.value.trim()) headers.push(["cookie", cookie.value.trim().replace(/\s*\n\s*/g, "; ")]);
    if (auth.value.trim()) headers.push(["authorization", auth.value.trim()]);
    if (dest.value) headers.push(["sec-fetch-dest", dest.value]);
    let target;
    try {
      target = new URL(url.value.trim());
    } catch {
      throw new InputError("The URL must be a full URL, such as https://app.example.com/dashboard.", "url");
    }
    let options = {};
    if (more.value.trim()) {
      try {
        options = JSON.parse(more.value);
      } catch (err) {
        throw new InputError(`More options is not valid JSON: ${err.message}`, "options");
      }
      if (options === null || typeof options !== "object" || Array.isArray(options)) throw new InputError("More options must be a JSON object.", "options");
    }
    // authenticateRequest needs the secret key (as @clerk/backend does): the connected
    // instance's, with the pasted public key verifying networkless when chosen.
    if (conn) Object.assign(options, { secretKey: conn.secretKey, serverURL: conn.serverURL });
    if (!(keyInstance.checked && conn)) {
      if (jwtKey.value.trim()) options.jwtKey = jwtKey.value.trim();
      else throw new InputError("Paste the instance's public key (jwtKey), or connect and use the instance's secret key.", "jwtKey");
    }
    if (!conn && !options.secretKey) throw new InputError("Connect to the instance: authenticateRequest needs its secret key (for handshakes and refreshes).", "jwtKey");
    if (pk.value.trim()) options.publishableKey = pk.value.trim();
    const azp = parties.value.split(",").map((s) => s.trim()).filter(Boolean);
    if (azp.length) options.authorizedParties = azp;
    return { request: inspectedRequest({ url: target.href, method: method.value, headers }), options };
  }
  return form;
}

/** The state, generically: whatever status, reason and headers it holds (a handshake's too). */
export function renderState(state) {
  const signedIn = state.status === "signed-in";
  const auth = typeof state.toAuth === "function" ? state.toAuth() : null;
  const why = explainReason(state.reason);
  const title = signedIn ? `Signed in${auth?.userId ? ` as ${auth.userId}` : ""}`
    : state.status === "handshake" ? "Handshake: the middleware must redirect to Clerk and back"
      : `Signed out${state.reason ? `: ${state.reason}` : ""}`;
  const rows = headerRows(state.headers ?? new Headers());
  return [
    h("div", { class: `verdict ${signedIn ? "ok" : "bad"}`, role: "status", id: "ri-verdict" },
      h("strong", {}, title), why ? h("p", {}, why) : null),
    h("dl", { class: "facts" },
      h("dt", {}, "status"), h("dd", {}, badge(state.status ?? "—", signedIn ? "ok" : "warn")),
      h("dt", {}, "reason"), h("dd", {}, h("code", {}, String(state.reason ?? "—"))),
      h("dt", {}, "message"), h("dd", {}, state.message || "—"),
      h("dt", {}, "tokenType"), h("dd", {}, String(state.tokenType ?? "—"))),
    h("h3", {}, `Headers it adds to the response (${rows.length})`),
    rows.length
      ? h("div", { class: "table-wrap" }, h("table", { id: "ri-headers-out" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Header"), h("th", { scope: "col" }, "Value"))),
          h("tbody", {}, rows.map(([n, v]) => h("tr", {}, h("td", { "data-label": "Header" }, h("code", {}, n)), h("td", { "data-label": "Value" }, h("code", {}, v)))))))
      : h("p", { class: "muted" }, "None."),
    h("h3", {}, "toAuth()"),
    jsonBlock("ri-auth-out", auth ?? "—", "toAuth() result"),
    h("h3", {}, "Everything else in the state"),
    jsonBlock("ri-state-out", Object.fromEntries(Object.entries(state).filter(([k, v]) => k !== "headers" && typeof v !== "function")), "The request state"),
  ];
}
