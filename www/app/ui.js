// Small DOM helpers shared by every view: an element builder, error rendering, loading states,
// actions that keep keyboard focus, per-field errors, a confirmation dialog, toasts, sortable
// tables, the pager and formatting. No framework on purpose.

import { describeError } from "./errors.js";
import { connection, health, onHealthChange } from "./connection.js";

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
 * An error in plain words (errors.js): a title, what happened, Clerk's messages and codes, and
 * a Retry button when `onRetry` is given and trying again can help. Never includes secrets (the
 * SDK keeps them out of errors) nor the SDK's internal operation ids.
 */
export function errorBox(err, { title, onRetry, serverURL = connection()?.serverURL } = {}) {
  const d = describeError(err, { serverURL });
  const box = h("div", { class: "error", role: "alert", tabindex: "-1" }, h("strong", {}, title ?? d.title));
  if (d.lines?.length) box.append(d.lines.length === 1 ? h("p", {}, d.lines[0]) : h("ul", {}, d.lines.map((l) => h("li", {}, l))));
  if (d.errors?.length) {
    box.append(h("ul", {}, d.errors.map((e) => h("li", {},
      h("span", { class: "error-message" }, e.message), " ", h("code", { class: "error-code" }, e.code)))));
  }
  if (d.code) box.append(h("p", {}, h("code", { class: "error-code" }, d.code)));
  if (d.status) box.append(h("p", { class: "muted" }, `HTTP ${d.status}`, d.traceId ? ` · trace ${d.traceId}` : ""));
  if (onRetry && d.retryable !== false) box.append(h("p", {}, h("button", { type: "button", class: "secondary small", onclick: onRetry }, "Retry")));
  return box;
}

const LOST_LABEL = "The API is not answering; retrying…";

/**
 * Puts a "Loading…" status in `slot`, awaits `load()`, then shows `render(result)` or the error
 * with a Retry button. While the connection is lost the status says so. When focus was inside
 * the slot (on Retry, or a row's button), it goes back to the same control in the new content,
 * else to the control's fallback, else to the slot: never to the page.
 */
export async function loadInto(slot, load, render, label = "Loading…") {
  const hadFocus = slot.contains(document.activeElement);
  const keys = hadFocus ? focusKeys(document.activeElement) : [];
  slot.setAttribute("aria-busy", "true");
  const status = h("p", { class: "loading", role: "status" }, health() === "lost" ? LOST_LABEL : label);
  slot.replaceChildren(status);
  if (hadFocus) focusSlot(slot);
  const stop = onHealthChange((state) => { status.textContent = state === "lost" ? LOST_LABEL : label; });
  try {
    const result = await load();
    slot.replaceChildren(...[render(result)].flat(Infinity).filter(Boolean));
    return result;
  } catch (err) {
    slot.replaceChildren(errorBox(err, { onRetry: () => loadInto(slot, load, render, label) }));
    return undefined;
  } finally {
    stop();
    slot.removeAttribute("aria-busy");
    // Focus goes back to the same control, else to its fallback (which may be outside the slot,
    // such as the section's heading), else to the slot itself.
    const lost = document.activeElement === slot || !slot.contains(document.activeElement);
    if (hadFocus && lost && !refocus(document.body, keys)) focusSlot(slot);
  }
}

function focusSlot(slot) {
  slot.tabIndex = -1;
  slot.focus({ preventScroll: true });
}

// ---- focus across re-renders ----------------------------------------------------------------------

/**
 * What identifies a control across re-renders, best first: its data-focus-key (shared by
 * controls that replace each other, such as Ban and Unban), its id, then the keys in its
 * data-focus-fallback (where focus should go when the control is gone, e.g. its list item).
 */
export function focusKeys(el) {
  if (!el || el === document.body) return [];
  return [el.dataset?.focusKey, el.id, ...(el.dataset?.focusFallback ?? "").split(" ")].filter(Boolean);
}

/** Focuses the first element under `root` matching one of `keys`; true if it did. */
export function refocus(root, keys) {
  for (const key of keys) {
    const el = root.querySelector(`[data-focus-key="${CSS.escape(key)}"], #${CSS.escape(key)}`);
    if (!el || el.closest("[hidden]")) continue;
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) el.tabIndex = -1;
    el.focus({ preventScroll: true });
    if (document.activeElement === el) return true;
  }
  return false;
}

/** Replaces `container`'s children with `nodes`, keeping keyboard focus on the equivalent control. */
export function replaceKeepingFocus(container, nodes) {
  const keys = container.contains(document.activeElement) ? focusKeys(document.activeElement) : [];
  container.replaceChildren(...nodes);
  if (keys.length && !container.contains(document.activeElement) && !refocus(container, keys)) focusSlot(container);
}

/**
 * Runs an action from a button: marks it busy (aria-disabled, not disabled, so that keyboard
 * focus stays on it), ignores presses while pending, shows the error in `errorSlot` (cleared
 * first) and, given the `form`, ties the API's per-field errors to its fields (focusing the
 * first). Resolves to the result, or undefined on error.
 */
export async function runAction(button, errorSlot, action, busyLabel = "Working…", { form, ...boxOptions } = {}) {
  if (button.getAttribute("aria-disabled") === "true") return undefined;
  const label = button.textContent;
  button.setAttribute("aria-disabled", "true");
  button.setAttribute("aria-busy", "true");
  button.textContent = busyLabel;
  errorSlot?.replaceChildren();
  if (form) clearFieldErrors(form);
  try {
    return await action();
  } catch (err) {
    if (errorSlot) errorSlot.replaceChildren(errorBox(err, boxOptions));
    else toast(describeError(err).title, "error");
    if (form) tieFieldErrors(form, err);
    return undefined;
  } finally {
    button.removeAttribute("aria-disabled");
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

// ---- per-field errors ---------------------------------------------------------------------------

/** Marks `control` invalid with `message` (linked by aria-describedby); editing it clears the mark. */
export function setFieldError(control, message) {
  const id = `${control.id}-error`;
  let note = document.getElementById(id);
  if (!note) {
    note = h("small", { id, class: "hint invalid" });
    control.after(note);
    control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
    control.addEventListener("input", () => clearFieldError(control), { once: true });
  }
  note.textContent = message;
  control.setAttribute("aria-invalid", "true");
}

export function clearFieldError(control) {
  const id = `${control.id}-error`;
  document.getElementById(id)?.remove();
  const rest = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((x) => x && x !== id);
  if (rest.length) control.setAttribute("aria-describedby", rest.join(" "));
  else control.removeAttribute("aria-describedby");
  control.removeAttribute("aria-invalid");
}

export function clearFieldErrors(form) {
  for (const c of form.querySelectorAll("[aria-invalid=true]")) clearFieldError(c);
}

/** Ties errors that name a parameter (Clerk's meta.param_name, or an InputError's field) to the form's control of that name. */
export function tieFieldErrors(form, err) {
  const named = err?.name === "InputError" && err.field
    ? [{ param: err.field, message: err.message }]
    : (describeError(err).errors ?? []).filter((e) => e.param);
  let first;
  for (const e of named) {
    const control = form.querySelector(`[name="${CSS.escape(e.param)}"]`);
    if (!control) continue;
    setFieldError(control, e.message);
    first ??= control;
  }
  first?.focus();
  return Boolean(first);
}

/** A modal confirmation (native <dialog>: focus trapped, Esc cancels). Resolves true on confirm. */
export function confirmDialog(message, { confirmLabel = "Confirm", danger = true } = {}) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": "confirm-text" },
      h("p", { id: "confirm-text" }, message),
      h("form", { method: "dialog", class: "row" },
        h("button", { value: "cancel", class: "secondary" }, "Cancel"),
        h("button", { value: "ok", class: danger ? "danger" : "" }, confirmLabel)));
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus(); // back where the operator was
      resolve(dialog.returnValue === "ok");
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("button[value=cancel]").focus(); // the safe choice has focus
  });
}

/**
 * A modal form: `body` (fields) and a submit button. `submit(form)` runs while the dialog stays
 * open, its errors shown inside and tied to the fields (by name); the dialog closes when it
 * resolves to something truthy, which the returned promise resolves to (null on Cancel or Esc).
 */
export function formDialog({ title, body, submitLabel, busyLabel = "Saving…", submit, danger = false }) {
  const opener = document.activeElement;
  const titleId = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  const errors = h("div");
  const ok = h("button", { type: "submit", class: danger ? "danger" : "" }, submitLabel);
  const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
  const form = h("form", { class: "stack" }, body, errors, h("div", { class: "row" }, cancel, ok));
  const dialog = h("dialog", { class: "confirm", "aria-labelledby": titleId }, h("h2", { id: titleId }, title), form);
  return new Promise((resolve) => {
    let result = null;
    cancel.addEventListener("click", () => dialog.close());
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      result = await runAction(ok, errors, () => submit(form), busyLabel, { form });
      if (result) dialog.close();
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector("input, select, textarea")?.focus();
  });
}

/** A short message in the polite live region; one at a time, the newest replacing the last. */
export function toast(message, kind = "ok") {
  const region = document.getElementById("toasts");
  const t = h("div", { class: `toast ${kind}` }, message);
  region.replaceChildren(t);
  setTimeout(() => t.remove(), 5000);
}

/**
 * A table. columns: [{ key, label, sort?: "order_by field", render?: row => node|string,
 * hideLabel?: true (a header for screen readers only, e.g. "Actions"), header?: () => node (the
 * header cell's content, e.g. a "select all" checkbox), className?: the cells' class }].
 * With `sort` ("+field"/"-field") and `onSort(next)`, sortable headers are buttons with aria-sort
 * (data-focus-key lets the router put focus back on the one pressed after the re-render).
 */
export function table({ caption, columns, rows, sort, onSort, empty = "Nothing here yet." }) {
  const field = sort?.replace(/^[+-]/, "");
  const desc = sort?.startsWith("-");
  const head = h("tr", {}, columns.map((c) => {
    if (c.header) return h("th", { scope: "col", class: c.className }, c.header());
    if (c.hideLabel) return h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, c.label));
    if (!c.sort || !onSort) return h("th", { scope: "col" }, c.label);
    const active = c.sort === field;
    const next = active && !desc ? `-${c.sort}` : `+${c.sort}`;
    return h("th", { scope: "col", "aria-sort": active ? (desc ? "descending" : "ascending") : "none" },
      h("button", { class: "sort", type: "button", onclick: () => onSort(next), "data-sort": c.sort, "data-focus-key": `sort-${c.sort}` },
        c.label, h("span", { "aria-hidden": "true", class: "sort-mark" }, active ? (desc ? " ▼" : " ▲") : "")));
  }));
  const body = rows.length
    ? rows.map((r) => h("tr", {}, columns.map((c) => h("td", { "data-label": c.hideLabel ? "" : c.label, class: c.className }, c.render ? c.render(r) : r[c.key] ?? "—"))))
    : [h("tr", {}, h("td", { colspan: columns.length, class: "empty" }, empty))];
  return h("div", { class: "table-wrap" },
    h("table", {}, caption ? h("caption", {}, caption) : null, h("thead", {}, head), h("tbody", {}, body)));
}

/**
 * Prev / next for offset pagination, with "Showing a–b of n"; past the last page it says so and
 * offers the first page. Buttons at an end are aria-disabled (not disabled) so that focus, put
 * back on them after the page changes, stays. `extra` goes at the end of the line (page size).
 */
export function pager({ offset, limit, count, total, onPage, noun = "results", extra }) {
  const known = typeof total === "number";
  const atStart = offset === 0;
  const atEnd = known ? offset + count >= total : count < limit;
  const button = (label, key, disabled, target) => h("button", {
    type: "button", class: "secondary", "data-focus-key": key, "aria-disabled": disabled ? "true" : null,
    onclick: () => { if (!disabled) onPage(target); },
  }, label);
  let text;
  if (count) text = `Showing ${offset + 1}–${offset + count}${known ? ` of ${total}` : ""}`;
  else if (offset > 0) text = known ? `Past the last page: there are ${total} ${noun} in all` : "Past the last page";
  else text = `No ${noun}`;
  return h("nav", { class: "pager", "aria-label": "Pagination" },
    button("← Previous", "pager-prev", atStart, !count && known && offset >= total
      ? Math.max(0, Math.floor((total - 1) / limit) * limit) // past the end: the last page
      : Math.max(0, offset - limit)),
    h("span", { role: "status" }, text),
    button("Next →", "pager-next", atEnd, offset + limit),
    !count && offset > 0 ? h("button", { type: "button", class: "secondary", "data-focus-key": "pager-first", onclick: () => onPage(0) }, "First page") : null,
    extra ? h("span", { class: "pager-extra" }, extra) : null);
}

/** JSON for reading: a scrollable block that keyboard users can focus (and so scroll). */
export function jsonBlock(id, value, label) {
  const text = typeof value === "string" ? value : JSON.stringify(value, (k, x) => (typeof x === "function" ? undefined : x), 2);
  return h("pre", { class: "json", id, tabindex: "0", role: "region", "aria-label": label }, text);
}

export function fmtDate(ms) {
  if (ms === null || ms === undefined) return "—";
  const d = new Date(ms);
  return h("time", { datetime: d.toISOString(), title: d.toISOString() }, d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
}

/** A status pill, in sentence case whatever the API's casing ("pending" -> "Pending", "phone_number" -> "Phone number"). */
export function badge(text, kind = "") {
  const words = String(text ?? "").replace(/_/g, " ");
  return h("span", { class: `badge ${kind}` }, words.charAt(0).toUpperCase() + words.slice(1));
}

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
