// One organization: facts (creator by name), edit and delete, public/private metadata editors,
// members (add, change role, remove), invitations (create, revoke).

import { h, table, pager, fmtDate, badge, fullName, field, runAction, loadInto, confirmDialog, formDialog, pageTitle, toast,
  replaceKeepingFocus } from "../ui.js";
import { clerk } from "../connection.js";
import { href, navigate } from "../router.js";
import { metadataForm } from "../metadata-form.js";
import { findUser } from "../user-lookup.js";

const ROLES = [["org:member", "Member"], ["org:admin", "Admin"]];
const roleSelect = (id, selected) => h("select", { id, name: "role" },
  ROLES.map(([v, l]) => h("option", { value: v, selected: v === selected }, l)));

export async function render(main, route) {
  const body = h("div", { id: "org-detail" });
  main.append(h("p", { class: "crumbs" }, h("a", { href: "#/organizations" }, "← Organizations")), body);
  await loadInto(body, () => clerk().organizations.get({ organization_id: route.id, include_members_count: true }),
    (org) => view(org), "Loading organization…");
}

/** Re-renders the page with the organization the API returned, keeping keyboard focus. */
function rerender(org) {
  replaceKeepingFocus(document.getElementById("org-detail"), view(org));
}

function view(org) {
  const edit = h("button", { type: "button", class: "secondary", id: "org-edit" }, "Edit");
  edit.addEventListener("click", () => editDialog(org));
  const del = h("button", { type: "button", class: "danger", id: "org-delete" }, "Delete");
  const delErrors = h("div");
  del.addEventListener("click", () => deleteOrg(org, del, delErrors));
  return [
    pageTitle(org.name, edit, del),
    h("p", { class: "meta-line" }, h("code", {}, org.id), " ", h("span", {}, "slug ", h("code", {}, org.slug))),
    delErrors,
    h("div", { class: "grid-2" },
      h("section", { class: "card stack", "aria-labelledby": "org-facts-h" },
        h("h2", { id: "org-facts-h" }, "Details"),
        h("dl", { class: "facts" },
          h("dt", {}, "Members"), h("dd", { id: "org-members-count" }, String(org.members_count ?? "—")),
          h("dt", {}, "Pending invitations"), h("dd", {}, String(org.pending_invitations_count ?? "—")),
          h("dt", {}, "Membership limit"), h("dd", {}, org.max_allowed_memberships ? String(org.max_allowed_memberships) : "Unlimited"),
          h("dt", {}, "Created"), h("dd", {}, fmtDate(org.created_at)),
          h("dt", {}, "Created by"), h("dd", { id: "org-created-by" }, userLink(org.created_by)))),
      metadataCard(org)),
    membersSection(org),
    invitationsSection(org),
  ];
}

/** A link to the user, named once the API has answered (the id until then, or if the user is gone). */
function userLink(userId) {
  if (!userId) return "—";
  const link = h("a", { href: href(["users", userId]) }, userId);
  clerk().users.get({ user_id: userId }).then((u) => { link.textContent = fullName(u); }, () => {
    link.after(" (deleted user)");
  });
  return link;
}

function editDialog(org) {
  const name = h("input", { id: "org-edit-name", name: "name", required: true, value: org.name, autocomplete: "off" });
  const slug = h("input", { id: "org-edit-slug", name: "slug", required: true, value: org.slug, autocomplete: "off",
    pattern: "[a-z0-9\\-]+" }); // "-" escaped: Chromium compiles pattern with the v flag
  const limit = h("input", { id: "org-edit-limit", name: "max_allowed_memberships", type: "number", min: "0", step: "1",
    value: String(org.max_allowed_memberships ?? 0) });
  return formDialog({
    title: `Edit ${org.name}`,
    body: [field("Name", name), field("Slug", slug, "Lowercase letters, digits and dashes; unique in the instance."),
      field("Membership limit", limit, "0 means unlimited.")],
    submitLabel: "Save",
    submit: async () => {
      const changes = {};
      if (name.value.trim() !== org.name) changes.name = name.value.trim();
      if (slug.value.trim() !== org.slug) changes.slug = slug.value.trim();
      if (Number(limit.value) !== (org.max_allowed_memberships ?? 0)) changes.max_allowed_memberships = Number(limit.value);
      if (!Object.keys(changes).length) return org;
      const updated = await clerk().organizations.update({ organization_id: org.id, ...changes });
      toast(`Saved ${updated.name}`);
      return updated;
    },
  }).then((updated) => {
    if (updated && updated !== org) rerender({ ...org, ...updated });
  });
}

async function deleteOrg(org, button, errors) {
  const ok = await confirmDialog(`Delete ${org.name} (${org.slug})? Its ${org.members_count ?? ""} memberships and its invitations are deleted too, and members' sessions leave it. This cannot be undone.`,
    { confirmLabel: "Delete organization" });
  if (!ok) return;
  const res = await runAction(button, errors, () => clerk().organizations.delete({ organization_id: org.id }), "Deleting…");
  if (res?.deleted) {
    toast(`Deleted ${org.name}`);
    navigate(["organizations"]);
  }
}

function metadataCard(org) {
  return metadataForm({
    kinds: [
      ["public_metadata", { id: "org-meta-public", label: "Public metadata", hint: "Readable from the frontend and in session tokens." }],
      ["private_metadata", { id: "org-meta-private", label: "Private metadata", hint: "Backend only." }],
    ],
    current: org,
    save: (patch) => clerk().organizations.mergeMetadata({ organization_id: org.id, ...patch }),
    onSaved: (updated) => rerender({ ...org, ...updated }),
    ids: { heading: "org-meta-h", button: "org-save-metadata" },
    note: "Saved as a merge: keys you remove are sent as null, which deletes them.",
  });
}

const memberName = (m) => [m.public_user_data.first_name, m.public_user_data.last_name].filter(Boolean).join(" ") || m.public_user_data.identifier;

function membersSection(org) {
  const slot = h("div", { id: "org-members" });
  const errors = h("div");
  let offset = 0;
  const load = (at = offset) => {
    offset = at;
    return loadInto(slot,
      () => clerk().organizationMemberships.list({ organization_id: org.id, limit: 20, offset, order_by: "-created_at" }),
      (res) => [
        table({
          rows: res.data,
          empty: "No members.",
          columns: [
            { label: "Member", render: (m) => h("a", { href: href(["users", m.public_user_data.user_id]) }, memberName(m)) },
            { label: "Identifier", render: (m) => m.public_user_data.identifier ?? "—" },
            { label: "Role", render: (m) => badge(m.role_name ?? m.role, m.role === "org:admin" ? "accent" : "") },
            { label: "Joined", render: (m) => fmtDate(m.created_at) },
            { label: "Actions", hideLabel: true, render: (m) => h("div", { class: "row" }, roleButton(org, m, load), removeMemberButton(org, m, errors, load)) },
          ],
        }),
        pager({ offset, limit: 20, count: res.data.length, total: res.total_count, noun: "members", onPage: load }),
      ], "Loading members…");
  };

  const user = h("input", { id: "member-user", name: "user_id", required: true, autocomplete: "off", placeholder: "user_… or name@example.com" });
  const role = roleSelect("member-role", "org:member");
  const submit = h("button", { type: "submit", id: "member-add" }, "Add member");
  const form = h("form", { class: "filters", "aria-label": "Add a member" },
    field("User ID or email address", user), field("Role", role), h("div", { class: "row end" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const m = await runAction(submit, errors, async () => {
      const found = await findUser(user.value, "user_id");
      return clerk().organizationMemberships.create({ organization_id: org.id, user_id: found.id, role: role.value });
    }, "Adding…", { form });
    if (m) {
      toast(`Added ${memberName(m)} as ${m.role_name ?? m.role}`);
      user.value = "";
      load(0);
    }
  });
  load();
  return h("section", { class: "card stack", "aria-labelledby": "members-h" }, h("h2", { id: "members-h" }, "Members"), form, errors, slot);
}

function roleButton(org, m, reload) {
  const name = memberName(m);
  const button = h("button", { type: "button", class: "secondary small", "data-focus-key": `role-${m.public_user_data.user_id}`,
    "aria-label": `Change role of ${name}` }, "Change role");
  button.addEventListener("click", async () => {
    const role = roleSelect("member-new-role", m.role);
    const updated = await formDialog({
      title: `Role of ${name} in ${org.name}`,
      body: [field("Role", role, "Admins manage the organization's members, invitations and profile.")],
      submitLabel: "Save role",
      submit: () => (role.value === m.role ? m : clerk().organizationMemberships.update({ organization_id: org.id, user_id: m.public_user_data.user_id, role: role.value })),
    });
    if (updated && updated !== m) {
      toast(`${name} is now ${updated.role_name ?? updated.role}`);
      reload();
    }
  });
  return button;
}

function removeMemberButton(org, m, errors, reload) {
  const name = memberName(m);
  const button = h("button", { type: "button", class: "danger-outline small", "data-focus-fallback": "members-h",
    "aria-label": `Remove ${name}` }, "Remove");
  button.addEventListener("click", async () => {
    if (!(await confirmDialog(`Remove ${name} from ${org.name}? They lose access to its resources at once.`, { confirmLabel: "Remove member" }))) return;
    const res = await runAction(button, errors, () => clerk().organizationMemberships.delete({ organization_id: org.id, user_id: m.public_user_data.user_id }), "Removing…");
    if (res) {
      toast(`Removed ${name} from ${org.name}`);
      reload();
    }
  });
  return button;
}

function invitationsSection(org) {
  const slot = h("div", { id: "org-invitations" });
  const errors = h("div");
  const load = () => loadInto(slot,
    () => clerk().organizationInvitations.list({ organization_id: org.id, limit: 50 }),
    (res) => table({
      rows: res.data,
      empty: "No invitations.",
      columns: [
        { label: "Email", key: "email_address" },
        { label: "Role", render: (i) => badge(i.role_name ?? i.role) },
        { label: "Status", render: (i) => badge(i.status, i.status === "pending" ? "warn" : "") },
        { label: "Invited by", render: (i) => i.public_inviter_data ? [i.public_inviter_data.first_name, i.public_inviter_data.last_name].filter(Boolean).join(" ") || i.public_inviter_data.identifier : "—" },
        { label: "Sent", render: (i) => fmtDate(i.created_at) },
        { label: "Actions", hideLabel: true, render: (i) => i.status === "pending" ? revokeButton(org, i, errors, load) : "" },
      ],
    }), "Loading invitations…");

  const email = h("input", { id: "invite-email", name: "email_address", type: "email", required: true, autocomplete: "off" });
  const role = roleSelect("invite-role", "org:member");
  const submit = h("button", { type: "submit" }, "Send invitation");
  const form = h("form", { class: "filters", "aria-label": "Invite to organization" },
    field("Email address", email), field("Role", role), h("div", { class: "row end" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const inv = await runAction(submit, errors, () => clerk().organizationInvitations.create({
      organization_id: org.id, email_address: email.value.trim(), role: role.value,
    }), "Sending…", { form });
    if (inv) {
      toast(`Invited ${inv.email_address} as ${inv.role_name ?? inv.role}`);
      email.value = "";
      load();
    }
  });
  load();
  return h("section", { class: "card stack", "aria-labelledby": "org-inv-h" },
    h("h2", { id: "org-inv-h" }, "Invitations"), form, errors, slot);
}

function revokeButton(org, inv, errors, reload) {
  const button = h("button", { type: "button", class: "secondary small", "data-focus-fallback": "org-inv-h",
    "aria-label": `Revoke invitation for ${inv.email_address}` }, "Revoke");
  button.addEventListener("click", async () => {
    if (!(await confirmDialog(`Revoke the invitation for ${inv.email_address}?`, { confirmLabel: "Revoke" }))) return;
    const res = await runAction(button, errors, () => clerk().organizationInvitations.revoke({ organization_id: org.id, invitation_id: inv.id }), "Revoking…");
    if (res) {
      toast(`Revoked the invitation for ${inv.email_address}`);
      reload();
    }
  });
  return button;
}
