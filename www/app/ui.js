// Small DOM helpers shared by every view: an element builder, error rendering, loading states,
// a confirmation dialog, toasts, sortable tables and formatting. No framework on purpose.

/** h("button", { class: "x", onclick }, "text", child) -> element. `null`/`false` children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k in el && typeof v !== "string") el[k] = v; // properties such as value, checked, disabled
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * An error as the operator needs it: Clerk's message and code for API errors, every problem for
 * invalid requests, the reason for verification failures. Never includes secrets (the SDK keeps
 * them out of errors).
 */
export function errorBox(err, title = "Request failed") {
  const box = h("div", { class: "error", role: "alert" }, h("strong", {}, title));
  const list = h("ul");
  if (Array.isArray(err?.errors) && err.errors.length) {
    for (const e of err.errors) {
      list.append(h("li", {},
        h("span", { class: "error-message" }, e.long_message || e.message),
        " ", h("code", { class: "error-code" }, e.code)));
    }
    box.append(list, h("p", { class: "muted" }, `HTTP ${err.status ?? "?"}`,
      err.clerk_trace_id ? ` · trace ${err.clerk_trace_id}` : ""));
  } else if (Array.isArray(err?.problems)) {
    for (const p of err.problems) list.append(h("li", {}, p));
    box.append(h("p", {}, "Nothing was sent: the SDK found these problems first."), list);
  } else {
    box.append(h("p", {}, h("span", { class: "error-message" }, err?.message ?? String(err)),
      err?.reason ? [" ", h("code", { class: "error-code" }, err.reason)] : null,
      err?.name && err.name !== "Error" ? h("span", { class: "muted" }, ` (${err.name})`) : null));
  }
  return box;
}

/** Puts a "Loading…" status in `slot`, awaits `load()`, then shows `render(result)` or the error. */
export async function loadInto(slot, load, render, label = "Loading…") {
  slot.setAttribute("aria-busy", "true");
  slot.replaceChildren(h("p", { class: "loading", role: "status" }, label));
  try {
    const result = await load();
    slot.replaceChildren(...[render(result)].flat(Infinity).filter(Boolean));
    return result;
  } catch (err) {
    slot.replaceChildren(errorBox(err));
    return undefined;
  } finally {
    slot.removeAttribute("aria-busy");
  }
}

/**
 * Runs an action from a button: disables it with a busy label while pending, shows the error in
 * `errorSlot` (cleared first). Resolves to the result, or undefined on error.
 */
export async function runAction(button, errorSlot, action, busyLabel = "Working…") {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = busyLabel;
  errorSlot?.replaceChildren();
  try {
    return await action();
  } catch (err) {
    if (errorSlot) errorSlot.replaceChildren(errorBox(err));
    else toast(err?.message ?? String(err), "error");
    return undefined;
  } finally {
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = label;
    }
  }
}

/** A modal confirmation (native <dialog>: focus trapped, Esc cancels). Resolves true on confirm. */
export function confirmDialog(message, { confirmLabel = "Confirm", danger = true } = {}) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": "confirm-text" },
      h("p", { id: "confirm-text" }, message),
      h("form", { method: "dialog", class: "row" },
        h("button", { value: "cancel", class: "secondary" }, "Cancel"),
        h("button", { value: "ok", class: danger ? "danger" : "" }, confirmLabel)));
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "ok");
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("button[value=cancel]").focus(); // the safe choice has focus
  });
}

/** A short message in the polite live region. */
export function toast(message, kind = "ok") {
  const region = document.getElementById("toasts");
  const t = h("div", { class: `toast ${kind}` }, message);
  region.append(t);
  while (region.children.length > 3) region.firstChild.remove(); // keep the pile short
  setTimeout(() => t.remove(), 5000);
}

/**
 * A table. columns: [{ key, label, sort?: "order_by field", render?: row => node|string }].
 * With `sort` ("+field"/"-field") and `onSort(next)`, sortable headers are buttons with aria-sort.
 */
export function table({ caption, columns, rows, sort, onSort, empty = "Nothing here yet." }) {
  const field = sort?.replace(/^[+-]/, "");
  const desc = sort?.startsWith("-");
  const head = h("tr", {}, columns.map((c) => {
    if (!c.sort || !onSort) return h("th", { scope: "col" }, c.label);
    const active = c.sort === field;
    const next = active && !desc ? `-${c.sort}` : `+${c.sort}`;
    return h("th", { scope: "col", "aria-sort": active ? (desc ? "descending" : "ascending") : "none" },
      h("button", { class: "sort", type: "button", onclick: () => onSort(next), "data-sort": c.sort },
        c.label, h("span", { "aria-hidden": "true", class: "sort-mark" }, active ? (desc ? " ▼" : " ▲") : "")));
  }));
  const body = rows.length
    ? rows.map((r) => h("tr", {}, columns.map((c) => h("td", { "data-label": c.label }, c.render ? c.render(r) : r[c.key] ?? "—"))))
    : [h("tr", {}, h("td", { colspan: columns.length, class: "empty" }, empty))];
  return h("div", { class: "table-wrap" },
    h("table", {}, caption ? h("caption", {}, caption) : null, h("thead", {}, head), h("tbody", {}, body)));
}

/** Prev / next for offset pagination, with "Showing a–b of n". */
export function pager({ offset, limit, count, total, onPage }) {
  const from = count ? offset + 1 : 0;
  const to = offset + count;
  const known = typeof total === "number";
  return h("nav", { class: "pager", "aria-label": "Pagination" },
    h("button", { type: "button", class: "secondary", disabled: offset === 0, onclick: () => onPage(Math.max(0, offset - limit)) }, "← Previous"),
    h("span", { role: "status" }, known ? `Showing ${from}–${to} of ${total}` : `Showing ${from}–${to}`),
    h("button", { type: "button", class: "secondary", disabled: known ? to >= total : count < limit, onclick: () => onPage(offset + limit) }, "Next →"));
}

export function fmtDate(ms) {
  if (ms === null || ms === undefined) return "—";
  const d = new Date(ms);
  return h("time", { datetime: d.toISOString(), title: d.toISOString() }, d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
}

export const badge = (text, kind = "") => h("span", { class: `badge ${kind}` }, text);

export function fullName(u) {
  const n = [u.first_name, u.last_name].filter(Boolean).join(" ");
  return n || u.username || "(no name)";
}

export const primaryEmail = (u) =>
  u.email_addresses?.find((e) => e.id === u.primary_email_address_id)?.email_address ?? u.email_addresses?.[0]?.email_address ?? "—";

/** Removes undefined and empty-string values: the SDK treats every key it gets as meant. */
export function compact(params) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ""));
}

/** A labelled field: returns [label, control] wrapped in a div. */
export function field(label, control, hint) {
  const id = control.id || (control.id = `f-${Math.random().toString(36).slice(2, 9)}`);
  const hintEl = hint ? h("small", { id: `${id}-hint`, class: "hint" }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintEl);
}

export function pageTitle(text, ...actions) {
  document.title = `${text} · clerk-edge console`;
  return h("div", { class: "page-head" }, h("h1", {}, text), actions.length ? h("div", { class: "row" }, actions) : null);
}
