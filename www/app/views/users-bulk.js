// Bulk work on the users list: a selection column, a toolbar to ban, unban or delete the selected
// users after one confirmation, a per-user report, and the CSV export of the whole filtered list.

import { h, fullName, primaryEmail, runAction, confirmDialog, toast } from "../ui.js";
import { clerk } from "../connection.js";
import { describeError } from "../errors.js";
import { toCsv, download } from "../csv.js";

const ACTIONS = {
  ban: { label: "Ban", done: "Banned", call: (u) => clerk().users.ban({ user_id: u.id }),
    warn: "Their active sessions end and they cannot sign in until unbanned." },
  unban: { label: "Unban", done: "Unbanned", call: (u) => clerk().users.unban({ user_id: u.id }), warn: "" },
  delete: { label: "Delete", done: "Deleted", call: (u) => clerk().users.delete({ user_id: u.id }), warn: "This cannot be undone." },
};

const names = (users) => {
  const list = users.map(fullName);
  return list.length <= 5 ? list.join(", ") : `${list.slice(0, 5).join(", ")} and ${list.length - 5} more`;
};

/**
 * The selection for one page of users, its toolbar and report. `reload()` reloads the list
 * (the report stays). Returns { column, toolbar, report, reset(users) }.
 */
export function bulkSelection(reload) {
  const selected = new Map(); // id -> user, on the current page only
  let pageUsers = [];
  let all; // the header checkbox of the current table
  const count = h("span", { role: "status", id: "bulk-count" }, "No users selected");
  const report = h("div", { id: "bulk-report" });
  const buttons = Object.entries(ACTIONS).map(([key, a]) => {
    const b = h("button", { type: "button", class: key === "delete" ? "danger-outline small" : "secondary small", id: `bulk-${key}`, "aria-disabled": "true" }, a.label);
    b.addEventListener("click", () => run(key, b));
    return b;
  });
  const toolbar = h("div", { class: "row bulk", role: "group", "aria-label": "Selected users" }, count, buttons);

  function sync() {
    const n = selected.size;
    count.textContent = n ? `${n} selected` : "No users selected";
    for (const b of buttons) {
      if (n) b.removeAttribute("aria-disabled");
      else b.setAttribute("aria-disabled", "true");
    }
    if (all) {
      all.checked = n > 0 && n === pageUsers.length;
      all.indeterminate = n > 0 && n < pageUsers.length;
    }
  }

  async function run(key, button) {
    if (!selected.size || button.getAttribute("aria-disabled") === "true") return;
    const a = ACTIONS[key];
    const users = [...selected.values()];
    const ok = await confirmDialog(`${a.label} ${users.length} ${users.length === 1 ? "user" : "users"}: ${names(users)}? ${a.warn}`,
      { confirmLabel: `${a.label} ${users.length}` });
    if (!ok) return;
    const outcomes = await runAction(button, null, async () => {
      const out = [];
      for (const u of users) { // one at a time: a rate limit hits one user, not all
        try {
          await a.call(u);
          out.push({ u, ok: true });
        } catch (err) {
          const d = describeError(err);
          out.push({ u, ok: false, why: `${d.title}: ${d.errors?.[0]?.message ?? d.lines?.[0] ?? ""}` });
        }
      }
      return out;
    }, `${a.label}…`);
    if (!outcomes) return;
    const failed = outcomes.filter((o) => !o.ok).length;
    const heading = h("h2", { id: "bulk-report-h", tabindex: "-1" },
      `${a.label}: ${outcomes.length - failed} of ${outcomes.length} done${failed ? `, ${failed} failed` : ""}`);
    report.replaceChildren(h("section", { class: `card stack ${failed ? "bad" : ""}`, "aria-labelledby": "bulk-report-h" }, heading,
      h("ul", { class: "plain" }, outcomes.map((o) => h("li", { class: o.ok ? "ok" : "bad" },
        h("span", { "aria-hidden": "true" }, o.ok ? "✓ " : "✗ "), `${fullName(o.u)}: `, o.ok ? a.done : o.why))),
      h("button", { type: "button", class: "secondary small", onclick: () => report.replaceChildren() }, "Dismiss")));
    heading.focus();
    await reload();
    if (!report.contains(document.activeElement)) heading.focus();
  }

  /** The first column: a checkbox per row, "select all on this page" in the header. */
  const column = {
    label: "Select", hideLabel: true, className: "select",
    header: () => {
      all = h("input", { type: "checkbox", id: "bulk-all", "aria-label": "Select all users on this page", onchange: () => {
        selected.clear();
        if (all.checked) for (const u of pageUsers) selected.set(u.id, u);
        for (const box of document.querySelectorAll("input[data-user-select]")) box.checked = all.checked;
        sync();
      } });
      return all;
    },
    render: (u) => h("input", { type: "checkbox", "data-user-select": u.id, "aria-label": `Select ${fullName(u)}`, checked: selected.has(u.id),
      onchange: (e) => { if (e.target.checked) selected.set(u.id, u); else selected.delete(u.id); sync(); } }),
  };

  return {
    column, toolbar, report,
    /** A new page of users: the selection starts empty. */
    reset(users) { pageUsers = users; selected.clear(); sync(); },
  };
}

const CSV_COLUMNS = [
  ["id", (u) => u.id], ["first_name", (u) => u.first_name], ["last_name", (u) => u.last_name], ["username", (u) => u.username],
  ["email_address", (u) => (primaryEmail(u) === "—" ? "" : primaryEmail(u))],
  ["phone_number", (u) => u.phone_numbers?.find((p) => p.id === u.primary_phone_number_id)?.phone_number ?? ""],
  ["created_at", (u) => new Date(u.created_at).toISOString()],
  ["last_sign_in_at", (u) => (u.last_sign_in_at ? new Date(u.last_sign_in_at).toISOString() : "")],
  ["banned", (u) => u.banned], ["locked", (u) => u.locked],
];

/** "Export CSV": every user matching `filters` in `order_by` order, all pages, as a download. */
export function exportButton(filters, orderBy, errors) {
  const button = h("button", { type: "button", class: "secondary", id: "users-export" }, "Export CSV");
  button.addEventListener("click", async () => {
    const n = await runAction(button, errors, async () => {
      const users = [];
      for await (const u of clerk().users.list.items({ ...filters, order_by: orderBy, limit: 100 })) users.push(u);
      download(toCsv(users, CSV_COLUMNS), `users-${new Date().toISOString().slice(0, 10)}.csv`);
      return users.length || "none";
    }, "Exporting…");
    if (n) toast(n === "none" ? "No users to export" : `Exported ${n} users`);
  });
  return button;
}
