// Tools: a token inspector (decode a JWT, verdict from the SDK's verifyToken), a request
// inspector (authenticateRequest, request-inspector.js) and a webhook tester (verdict from
// verifyWebhook). Verification runs in this page, in the wasm; nothing is sent anywhere except,
// when chosen, the JWKS request to the connected instance.

import { h, field, errorBox, pageTitle, jsonBlock } from "../ui.js";
import { loadSdk } from "../sdk.js";
import { connection, devConfig } from "../connection.js";
import { decodeJwt, tamperJwt, pickFromJwks, sampleWebhook } from "../tools-crypto.js";
import { requestInspector } from "./request-inspector.js";
import { InputError } from "../errors.js";

export async function render(main) {
  const config = await devConfig();
  main.append(pageTitle("Tools"), tokenInspector(config), requestInspector(config), webhookTester());
}

const when = (sec) => (typeof sec === "number" ? `${new Date(sec * 1000).toISOString()} (${relative(sec)})` : "—");
function relative(sec) {
  const d = Math.round(sec - Date.now() / 1000);
  const abs = Math.abs(d);
  const text = abs < 90 ? `${abs} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : `${Math.round(abs / 3600)} h`;
  return d >= 0 ? `in ${text}` : `${text} ago`;
}

/** A verification failure: the verdict and reason, or (options refused, say) the error in plain words. */
function showFailure(slot, err) {
  if (err?.name === "TokenVerificationError") verdict(slot, false, `Invalid: ${err.reason}`, err.message);
  else slot.replaceChildren(errorBox(err, { title: "Could not verify" }));
}

function verdict(slot, ok, title, detail) {
  slot.replaceChildren(h("div", { class: `verdict ${ok ? "ok" : "bad"}`, role: ok ? "status" : "alert" },
    h("strong", {}, title), detail ? h("div", {}, detail) : null));
}

async function sdkFunction(name, slot) {
  const sdk = await loadSdk();
  if (typeof sdk[name] !== "function") {
    verdict(slot, false, `${name} is not in this build of clerk-edge`, "Rebuild the package (bash scripts/build.sh) once token verification has landed.");
    return null;
  }
  return sdk[name];
}

function tokenInspector(config) {
  const token = h("textarea", { id: "jwt-input", rows: 5, class: "mono", spellcheck: "false", placeholder: "eyJhbGciOiJSUzI1NiIs…" });
  const key = h("textarea", { id: "jwt-key", rows: 5, class: "mono", spellcheck: "false", placeholder: "-----BEGIN PUBLIC KEY----- … or a JWK / JWKS JSON" });
  const conn = connection();
  const srcPasted = h("input", { type: "radio", name: "key-source", id: "key-source-pasted", value: "pasted", checked: true });
  const srcRemote = h("input", { type: "radio", name: "key-source", id: "key-source-remote", value: "remote", disabled: !conn });
  const parties = h("input", { id: "jwt-azp", placeholder: "https://app.example.com, http://localhost:3000" });
  const out = h("div", { id: "jwt-output", class: "stack" });
  const verdictSlot = h("div", { id: "jwt-verdict", "aria-live": "polite" });
  const verifyButton = h("button", { type: "submit", id: "jwt-verify" }, "Decode and verify");

  const sampleButton = config.mockUrl ? h("button", { type: "button", class: "secondary", id: "jwt-sample", onclick: async () => {
    verdictSlot.replaceChildren();
    try {
      const res = await fetch(`${config.mockUrl}/__demo/sample-token`);
      if (!res.ok) throw new Error(`The mock answered ${res.status}`);
      const sample = await res.json();
      token.value = sample.token;
      key.value = sample.public_key_pem;
      srcPasted.checked = true;
      token.focus();
    } catch (err) {
      verdictSlot.replaceChildren(errorBox(err, { title: "Could not load a sample token from the local mock" }));
    }
  } }, "Load a sample token") : null;
  const tamperButton = h("button", { type: "button", class: "secondary", id: "jwt-tamper", onclick: () => {
    try {
      token.value = tamperJwt(token.value);
      verdictSlot.replaceChildren(h("p", { class: "muted" }, "Changed sub to user_attacker, kept the signature. Verify again."));
    } catch (err) {
      verdictSlot.replaceChildren(errorBox(new InputError(err.message), { title: "Cannot tamper with this token" }));
    }
  } }, "Tamper with the payload");

  const form = h("form", { class: "card stack", "aria-labelledby": "jwt-h" },
    h("h2", { id: "jwt-h" }, "Token inspector"),
    h("p", { class: "muted" }, "Paste a session token and the instance's public key. The header and claims are decoded here; the verdict comes from clerk-edge's verifyToken (signature, then exp, nbf, iat, azp)."),
    field("Session token (JWT)", token),
    h("fieldset", {}, h("legend", {}, "Verification key"),
      h("div", { class: "check" }, srcPasted, h("label", { for: "key-source-pasted" }, "Pasted below (PEM, JWK or JWKS)")),
      h("div", { class: "check" }, srcRemote, h("label", { for: "key-source-remote" },
        conn ? `The connected instance's JWKS (GET ${conn.serverURL}/jwks)` : "The connected instance's JWKS (connect first)"))),
    field("Public key", key),
    field("Authorized parties (optional)", parties, "Comma-separated origins; when given, the token's azp must be one of them."),
    h("div", { class: "row" }, verifyButton, sampleButton, tamperButton),
    verdictSlot,
    out);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    verdictSlot.replaceChildren(h("p", { class: "loading", role: "status" }, "Verifying…"));
    out.replaceChildren();
    const jwt = token.value.trim();
    let decoded;
    try {
      decoded = decodeJwt(jwt);
      out.append(
        h("div", { class: "grid-2" },
          h("div", {}, h("h3", {}, "Header"), jsonBlock("jwt-header", decoded.header, "Token header")),
          h("div", {}, h("h3", {}, "Claims"), jsonBlock("jwt-claims", decoded.payload, "Token claims"))),
        h("dl", { class: "facts" },
          h("dt", {}, "Issued (iat)"), h("dd", {}, when(decoded.payload.iat)),
          h("dt", {}, "Not before (nbf)"), h("dd", {}, when(decoded.payload.nbf)),
          h("dt", {}, "Expires (exp)"), h("dd", {}, when(decoded.payload.exp))));
    } catch (err) {
      out.append(h("p", { class: "muted" }, `Could not decode: ${err.message}`));
    }

    const verifyToken = await sdkFunction("verifyToken", verdictSlot);
    if (!verifyToken) return;
    const options = {};
    const azp = parties.value.split(",").map((s) => s.trim()).filter(Boolean);
    if (azp.length) options.authorizedParties = azp;
    if (srcRemote.checked && conn) {
      Object.assign(options, { secretKey: conn.secretKey, serverURL: conn.serverURL });
    } else {
      const picked = pickFromJwks(key.value, decoded?.header?.kid);
      if (picked && !picked.jwk) {
        return verdict(verdictSlot, false, "Invalid: jwk-kid-mismatch",
          `None of the ${picked.count} keys in the pasted JWKS has kid ${decoded?.header?.kid ?? "(none)"}.`);
      }
      options.jwtKey = picked ? JSON.stringify(picked.jwk) : key.value.trim();
    }
    try {
      const claims = await verifyToken(jwt, options);
      verdict(verdictSlot, true, "Valid: the signature and claims check out.", `Signed in as ${claims.sub}${claims.sid ? `, session ${claims.sid}` : ""}.`);
    } catch (err) {
      showFailure(verdictSlot, err);
    }
  });
  return form;
}

function webhookTester() {
  const payload = h("textarea", { id: "wh-payload", rows: 8, class: "mono", spellcheck: "false" });
  const id = h("input", { id: "wh-id", class: "mono", spellcheck: "false" });
  const ts = h("input", { id: "wh-ts", class: "mono", inputmode: "numeric" });
  const sig = h("input", { id: "wh-sig", class: "mono", spellcheck: "false" });
  const secret = h("input", { id: "wh-secret", type: "password", class: "mono", autocomplete: "off", placeholder: "whsec_…" });
  const verdictSlot = h("div", { id: "wh-verdict", "aria-live": "polite" });
  const verifyButton = h("button", { type: "submit", id: "wh-verify" }, "Verify webhook");
  const sample = h("button", { type: "button", class: "secondary", id: "wh-sample", onclick: async () => {
    const s = await sampleWebhook();
    payload.value = s.payload;
    id.value = s.headers["svix-id"];
    ts.value = s.headers["svix-timestamp"];
    sig.value = s.headers["svix-signature"];
    secret.value = s.secret;
    verdictSlot.replaceChildren(h("p", { class: "muted" }, "Filled a freshly signed user.created event. Edit any field to see verification fail."));
  } }, "Fill a signed sample");

  const form = h("form", { class: "card stack", "aria-labelledby": "wh-h" },
    h("h2", { id: "wh-h" }, "Webhook tester"),
    h("p", { class: "muted" }, "Checks a Clerk (Svix) webhook the way your endpoint would: the svix-* headers, the raw body and your endpoint's signing secret go to clerk-edge's verifyWebhook."),
    field("Raw body", payload),
    h("div", { class: "grid-3" }, field("svix-id", id), field("svix-timestamp", ts), field("svix-signature", sig)),
    field("Signing secret", secret),
    h("div", { class: "row" }, verifyButton, sample),
    verdictSlot);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    verdictSlot.replaceChildren(h("p", { class: "loading", role: "status" }, "Verifying…"));
    const verifyWebhook = await sdkFunction("verifyWebhook", verdictSlot);
    if (!verifyWebhook) return;
    const request = new Request(new URL("/webhooks/clerk", location.href), {
      method: "POST",
      headers: { "content-type": "application/json", "svix-id": id.value.trim(), "svix-timestamp": ts.value.trim(), "svix-signature": sig.value.trim() },
      body: payload.value,
    });
    try {
      const event = await verifyWebhook(request, { signingSecret: secret.value.trim() });
      verdict(verdictSlot, true, `Valid: ${event?.type ?? "event"} verified.`, event?.data?.id ? `data.id = ${event.data.id}` : null);
    } catch (err) {
      showFailure(verdictSlot, err);
    }
  });
  return form;
}
