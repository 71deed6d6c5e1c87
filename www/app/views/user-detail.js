// One user: profile, identifiers (user-identifiers.js), metadata editors, organizations,
// sessions; ban/unban, lock/unlock, impersonate (user-impersonate.js), delete (confirmed),
// profile and metadata updates.

import { h, table, fmtDate, badge, fullName, primaryEmail, compact, field, runAction, loadInto, confirmDialog, pageTitle, toast,
  replaceKeepingFocus } from "../ui.js";
import { clerk } from "../connection.js";
import { navigate, href } from "../router.js";
import { metadataForm } from "../metadata-form.js";
import { statusBadges } from "./users.js";
import { sessionsTable } from "./sessions.js";
import { identifiersCard } from "./user-identifiers.js";
import { impersonateButton } from "./user-impersonate.js";

export async function render(main, route) {
  const body = h("div", { id: "user-detail" });
  main.append(h("p", { class: "crumbs" }, h("a", { href: "#/users" }, "← Users")), body);
  await loadInto(body, () => clerk().users.get({ user_id: route.id }), (user) => view(user), "Loading user…");
}

function view(user) {
  const actionErrors = h("div", { id: "action-errors" });
  const impersonation = h("div", { id: "impersonation" });
  const refresh = async () => rerender(await clerk().users.get({ user_id: user.id }));

  // Ban/Unban and Lock/Unlock replace each other: a shared focus key keeps focus on the pair.
  const actions = h("div", { class: "row actions", role: "group", "aria-label": "User actions" },
    user.banned
      ? actionButton("Unban", "secondary", "ban-toggle", () => clerk().users.unban({ user_id: user.id }), "Unbanned", actionErrors)
      : actionButton("Ban", "danger-outline", "ban-toggle", () => clerk().users.ban({ user_id: user.id }), "Banned", actionErrors,
        `Ban ${who(user)}? Their active sessions end and they cannot sign in until unbanned.`),
    user.locked
      ? actionButton("Unlock", "secondary", "lock-toggle", () => clerk().users.unlock({ user_id: user.id }), "Unlocked", actionErrors)
      : actionButton("Lock", "secondary", "lock-toggle", () => clerk().users.lock({ user_id: user.id }), "Locked", actionErrors),
    impersonateButton(user, impersonation),
    deleteButton(user, actionErrors));

  return [
    pageTitle(fullName(user)),
    h("p", { class: "meta-line" }, h("code", {}, user.id), " ", statusBadges(user)),
    actions,
    actionErrors,
    impersonation,
    h("div", { class: "grid-2" },
      profileCard(user, rerender),
      identifiersCard(user, refresh)),
    metadataCard(user, rerender),
    organizationsCard(user),
    sessionsCard(user),
  ];
}

/** "Grace Hopper (grace@example.com)": names the user in confirmations. */
const who = (user) => {
  const email = primaryEmail(user);
  return email === "—" ? fullName(user) : `${fullName(user)} (${email})`;
};

/** Re-renders the detail view with the user the API returned, keeping keyboard focus. */
function rerender(user) {
  replaceKeepingFocus(document.getElementById("user-detail"), view(user));
}

function actionButton(label, kind, focusKey, call, done, errors, confirmText) {
  const button = h("button", { type: "button", class: kind, id: `action-${label.toLowerCase()}`, "data-focus-key": focusKey }, label);
  button.addEventListener("click", async () => {
    if (confirmText && !(await confirmDialog(confirmText, { confirmLabel: label }))) return;
    const user = await runAction(button, errors, call, `${label}…`);
    if (user) {
      toast(`${done} ${fullName(user)}`);
      rerender(user);
    }
  });
  return button;
}

function deleteButton(user, errors) {
  const button = h("button", { type: "button", class: "danger push-end", id: "action-delete" }, "Delete");
  button.addEventListener("click", async () => {
    const ok = await confirmDialog(`Delete ${who(user)}, ${user.id}? This cannot be undone.`, { confirmLabel: "Delete user" });
    if (!ok) return;
    const res = await runAction(button, errors, () => clerk().users.delete({ user_id: user.id }), "Deleting…");
    if (res?.deleted) {
      toast(`Deleted ${fullName(user)}`);
      navigate(["users"]);
    }
  });
  return button;
}

function profileCard(user, rerender) {
  const inputs = {
    first_name: h("input", { id: "p-first", name: "first_name", value: user.first_name ?? "" }),
    last_name: h("input", { id: "p-last", name: "last_name", value: user.last_name ?? "" }),
    username: h("input", { id: "p-username", name: "username", value: user.username ?? "" }),
    external_id: h("input", { id: "p-external", name: "external_id", value: user.external_id ?? "" }),
  };
  const errors = h("div");
  const save = h("button", { type: "submit", id: "save-profile" }, "Save profile");
  const form = h("form", { class: "card stack", "aria-labelledby": "profile-h" },
    h("h2", { id: "profile-h" }, "Profile"),
    h("div", { class: "grid-2" },
      field("First name", inputs.first_name), field("Last name", inputs.last_name),
      field("Username", inputs.username), field("External ID", inputs.external_id)),
    h("dl", { class: "facts" },
      h("dt", {}, "Created"), h("dd", {}, fmtDate(user.created_at)),
      h("dt", {}, "Updated"), h("dd", {}, fmtDate(user.updated_at)),
      h("dt", {}, "Last sign-in"), h("dd", {}, fmtDate(user.last_sign_in_at)),
      h("dt", {}, "Last active"), h("dd", {}, fmtDate(user.last_active_at)),
      h("dt", {}, "Password"), h("dd", {}, user.password_enabled ? "set" : "none"),
      h("dt", {}, "Two-factor"), h("dd", {}, user.two_factor_enabled ? "on" : "off")),
    errors,
    h("div", { class: "row" }, save));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    // Send only what changed: the API treats every key it gets as an edit.
    const changes = compact(Object.fromEntries(Object.entries(inputs)
      .filter(([k, el]) => el.value.trim() !== (user[k] ?? ""))
      .map(([k, el]) => [k, el.value.trim() || null])));
    if (!Object.keys(changes).length) return toast("Nothing changed");
    const updated = await runAction(save, errors, () => clerk().users.update({ user_id: user.id, ...changes }), "Saving…", { form });
    if (updated) {
      toast("Profile saved");
      rerender(updated);
    }
  });
  return form;
}

function metadataCard(user, rerender) {
  return metadataForm({
    kinds: [
      ["public_metadata", { id: "meta-public_metadata", label: "Public metadata", hint: "Readable from the frontend and in session tokens; writable only from the backend." }],
      ["private_metadata", { id: "meta-private_metadata", label: "Private metadata", hint: "Backend only." }],
      ["unsafe_metadata", { id: "meta-unsafe_metadata", label: "Unsafe metadata", hint: "Readable and writable from the frontend: never trust it for authorization." }],
    ],
    current: user,
    save: (patch) => clerk().users.updateMetadata({ user_id: user.id, ...patch }),
    onSaved: rerender,
    ids: { heading: "meta-h", button: "save-metadata" },
    note: "Saved as a merge (PATCH /users/{id}/metadata): keys you remove are sent as null, which deletes them.",
    layout: "grid-3",
  });
}

function organizationsCard(user) {
  const slot = h("div");
  loadInto(slot, () => clerk().users.getOrganizationMemberships({ user_id: user.id, limit: 50 }), (res) => table({
    rows: res.data,
    empty: "Not a member of any organization.",
    columns: [
      { label: "Organization", render: (m) => h("a", { href: href(["organizations", m.organization.id]) }, m.organization.name) },
      { label: "Role", render: (m) => badge(m.role_name ?? m.role) },
      { label: "Since", render: (m) => fmtDate(m.created_at) },
    ],
  }), "Loading memberships…");
  return h("section", { class: "card stack", "aria-labelledby": "orgs-h" }, h("h2", { id: "orgs-h" }, "Organizations"), slot);
}

function sessionsCard(user) {
  const slot = h("div");
  const load = () => loadInto(slot, () => clerk().sessions.list({ user_id: user.id, limit: 50 }),
    (sessions) => sessionsTable(sessions, load), "Loading sessions…");
  load();
  return h("section", { class: "card stack", "aria-labelledby": "sessions-h" },
    h("h2", { id: "sessions-h" }, "Sessions"), slot,
    h("p", {}, h("a", { href: href(["sessions"], { user: user.id }) }, "Open in Sessions")));
}
