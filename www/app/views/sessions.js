// Sessions: the API lists sessions per user (or per client), so this page asks for a user first
// (by ID or email address), then lists and revokes.

import { h, table, fmtDate, badge, compact, field, runAction, loadInto, confirmDialog, pageTitle, toast, fullName } from "../ui.js";
import { clerk } from "../connection.js";
import { navigate, href } from "../router.js";
import { findUser } from "../user-lookup.js";

const STATUSES = ["", "active", "ended", "revoked", "expired", "removed", "abandoned", "replaced"];

/** A sessions table with a Revoke button on active rows; `reload()` after a revoke. */
export function sessionsTable(sessions, reload) {
  const errors = h("div");
  return [errors, table({
    rows: sessions,
    empty: "No sessions.",
    columns: [
      { label: "Session", render: (s) => h("code", {}, s.id) },
      { label: "Status", render: (s) => badge(s.status, s.status === "active" ? "ok" : "") },
      { label: "Device", render: (s) => s.latest_activity ? `${s.latest_activity.browser_name ?? "?"} on ${s.latest_activity.device_type ?? "?"}` : "—" },
      { label: "Location", render: (s) => s.latest_activity?.city ? `${s.latest_activity.city}, ${s.latest_activity.country}` : "—" },
      { label: "Last active", render: (s) => fmtDate(s.last_active_at) },
      { label: "Expires", render: (s) => fmtDate(s.expire_at) },
      { label: "Actions", hideLabel: true, render: (s) => s.status !== "active" ? "" : revokeButton(s, errors, reload) },
    ],
  })];
}

function revokeButton(session, errors, reload) {
  const button = h("button", { type: "button", class: "secondary small", "aria-label": `Revoke session ${session.id}` }, "Revoke");
  button.addEventListener("click", async () => {
    if (!(await confirmDialog(`Revoke session ${session.id}? The device is signed out.`, { confirmLabel: "Revoke" }))) return;
    const res = await runAction(button, errors, () => clerk().sessions.revoke({ session_id: session.id }), "Revoking…");
    if (res) {
      toast(`Revoked ${session.id}`);
      reload();
    }
  });
  return button;
}

export async function render(main, route) {
  const who = route.query.get("user") ?? "";
  const status = route.query.get("status") ?? "";
  const userInput = h("input", { id: "session-user", value: who, required: true, placeholder: "user_… or name@example.com" });
  const statusSelect = h("select", { id: "session-status" },
    STATUSES.map((s) => h("option", { value: s, selected: s === status }, s || "Any status")));
  const form = h("form", { class: "filters", role: "search", "aria-label": "Find sessions" },
    field("User ID or email address", userInput, "Clerk lists sessions per user or per client."),
    field("Status", statusSelect),
    h("div", { class: "row end" }, h("button", { type: "submit" }, "Show sessions")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate(["sessions"], { user: userInput.value.trim(), status: statusSelect.value });
  });
  const results = h("div");
  main.append(pageTitle("Sessions"), form, results);
  if (!who) return results.append(h("p", { class: "muted" }, "Enter a user to list their sessions."));

  const load = () => loadInto(results, async () => {
    const user = await findUser(who);
    const sessions = await clerk().sessions.list(compact({ user_id: user.id, status, limit: 100 }));
    return { user, sessions };
  }, ({ user, sessions }) => [
    h("p", {}, "Sessions of ", h("a", { href: href(["users", user.id]) }, fullName(user)), ` (${sessions.length})`),
    sessionsTable(sessions, load),
  ], "Loading sessions…");
  await load();
}
