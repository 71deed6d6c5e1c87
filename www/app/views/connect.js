// Connect: API base URL + secret key, with the warning every operator should read first.

import { h, field, runAction, pageTitle } from "../ui.js";
import { connect, connection, devConfig } from "../connection.js";
import { navigate } from "../router.js";

const PROXY_BASE = "/proxy/v1";

export async function render(main, route) {
  const config = await devConfig();
  const current = connection();
  const mockUrl = config.mockUrl;

  // type=text, not url: the proxy base "/proxy/v1" is relative.
  const baseUrl = h("input", { id: "base-url", name: "baseUrl", type: "text", inputmode: "url", required: true,
    autocomplete: "url", spellcheck: "false", value: current?.baseUrl ?? mockUrl ?? "" });
  const secretKey = h("input", { id: "secret-key", name: "secretKey", type: "password", required: true,
    autocomplete: "off", spellcheck: "false", placeholder: "sk_test_…" });
  const remember = h("input", { id: "remember", type: "checkbox" });
  const errors = h("div", { class: "errors" });
  const submit = h("button", { type: "submit" }, "Connect");

  const form = h("form", { class: "card stack", "aria-labelledby": "connect-h" },
    h("h2", { id: "connect-h" }, "Connection"),
    field("API base URL", baseUrl, "The Backend API root, e.g. the local mock, or /proxy/v1 for api.clerk.com through this server."),
    field("Secret key", secretKey, "Kept in this tab's memory only; sent only to the base URL above."),
    h("div", { class: "check" }, remember, h("label", { for: "remember" }, "Remember for this tab (sessionStorage, cleared when the tab closes)")),
    errors,
    h("div", { class: "row" }, submit));

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ok = await runAction(submit, errors, () =>
      connect({ baseUrl: baseUrl.value.trim(), secretKey: secretKey.value.trim(), remember: remember.checked }), "Connecting…",
    { form, serverURL: new URL(baseUrl.value.trim() || "/", location.href).href });
    if (ok) {
      secretKey.value = "";
      navigate([route.query.get("next") || "users"]);
    }
  });

  const presets = h("section", { class: "card stack", "aria-labelledby": "presets-h" },
    h("h2", { id: "presets-h" }, "Where to connect"),
    mockUrl
      ? h("div", { class: "preset" },
          h("p", {}, h("strong", {}, "Local mock API"), ` at ${mockUrl}: sample data, no Clerk account needed; it accepts any key starting with sk_test_.`),
          h("button", { type: "button", class: "secondary", onclick: () => {
            baseUrl.value = mockUrl;
            secretKey.value = config.mockSecretKey ?? "sk_test_local_mock";
            secretKey.focus();
          } }, "Use the local mock"))
      : null,
    h("div", { class: "preset" },
      h("p", {}, h("strong", {}, "Your Clerk instance"), ` through this server's proxy (${PROXY_BASE} → https://api.clerk.com/v1). ` +
        "Browsers cannot call api.clerk.com with a secret key directly, so the dev server forwards the request; the key passes through it and nowhere else."),
      h("button", { type: "button", class: "secondary", onclick: () => { baseUrl.value = PROXY_BASE; secretKey.focus(); } }, "Use the proxy")));

  main.append(
    pageTitle("Connect"),
    h("div", { class: "warning", role: "note" },
      h("strong", {}, "Secret keys are for trusted operators only. "),
      "A secret key can read and change every user of an instance. Use this console only on a machine you trust; " +
      "never paste a production key into a page served by someone else. The key stays in this tab and is sent only to the base URL."),
    h("div", { class: "grid-2" }, form, presets));
}
