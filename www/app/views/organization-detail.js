// One organization: facts, metadata, members with roles, invitations (create, revoke).

import { h, table, pager, fmtDate, badge, fullName, field, runAction, loadInto, confirmDialog, pageTitle, toast } from "../ui.js";
import { clerk } from "../connection.js";
import { href } from "../router.js";

const ROLES = [["org:member", "Member"], ["org:admin", "Admin"]];

export async function render(main, route) {
  const body = h("div");
  main.append(h("p", { class: "crumbs" }, h("a", { href: "#/organizations" }, "← Organizations")), body);
  await loadInto(body, () => clerk().organizations.get({ organization_id: route.id, include_members_count: true }), (org) => [
    pageTitle(org.name),
    h("p", { class: "meta-line" }, h("code", {}, org.id), " ", h("span", {}, "slug ", h("code", {}, org.slug))),
    h("div", { class: "grid-2" },
      h("section", { class: "card stack", "aria-labelledby": "org-facts-h" },
        h("h2", { id: "org-facts-h" }, "Details"),
        h("dl", { class: "facts" },
          h("dt", {}, "Members"), h("dd", {}, String(org.members_count ?? "—")),
          h("dt", {}, "Pending invitations"), h("dd", {}, String(org.pending_invitations_count ?? "—")),
          h("dt", {}, "Membership limit"), h("dd", {}, org.max_allowed_memberships ? String(org.max_allowed_memberships) : "unlimited"),
          h("dt", {}, "Created"), h("dd", {}, fmtDate(org.created_at)),
          h("dt", {}, "Created by"), h("dd", {}, userLink(org.created_by)))),
      h("section", { class: "card stack", "aria-labelledby": "org-meta-h" },
        h("h2", { id: "org-meta-h" }, "Metadata"),
        h("h3", {}, "Public"), h("pre", { class: "json" }, JSON.stringify(org.public_metadata ?? {}, null, 2)),
        h("h3", {}, "Private"), h("pre", { class: "json" }, JSON.stringify(org.private_metadata ?? {}, null, 2)))),
    membersSection(org),
    invitationsSection(org),
  ], "Loading organization…");
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

function membersSection(org) {
  const slot = h("div");
  const load = (offset = 0) => loadInto(slot,
    () => clerk().organizationMemberships.list({ organization_id: org.id, limit: 20, offset, order_by: "-created_at" }),
    (res) => [
      table({
        rows: res.data,
        empty: "No members.",
        columns: [
          { label: "Member", render: (m) => h("a", { href: href(["users", m.public_user_data.user_id]) },
            [m.public_user_data.first_name, m.public_user_data.last_name].filter(Boolean).join(" ") || m.public_user_data.identifier) },
          { label: "Identifier", render: (m) => m.public_user_data.identifier ?? "—" },
          { label: "Role", render: (m) => badge(m.role_name ?? m.role, m.role === "org:admin" ? "accent" : "") },
          { label: "Joined", render: (m) => fmtDate(m.created_at) },
        ],
      }),
      pager({ offset, limit: 20, count: res.data.length, total: res.total_count, onPage: load }),
    ], "Loading members…");
  load();
  return h("section", { class: "card stack", "aria-labelledby": "members-h" }, h("h2", { id: "members-h" }, "Members"), slot);
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
        { label: "Sent", render: (i) => fmtDate(i.created_at) },
        { label: "Actions", hideLabel: true, render: (i) => i.status === "pending" ? revokeButton(org, i, errors, load) : "" },
      ],
    }), "Loading invitations…");

  const email = h("input", { id: "invite-email", type: "email", required: true, autocomplete: "off" });
  const role = h("select", { id: "invite-role" }, ROLES.map(([v, l]) => h("option", { value: v }, l)));
  const submit = h("button", { type: "submit" }, "Send invitation");
  const form = h("form", { class: "filters", "aria-label": "Invite to organization" },
    field("Email address", email), field("Role", role), h("div", { class: "row end" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const inv = await runAction(submit, errors, () => clerk().organizationInvitations.create({
      organization_id: org.id, email_address: email.value.trim(), role: role.value,
    }), "Sending…");
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
  const button = h("button", { type: "button", class: "secondary small", "aria-label": `Revoke invitation for ${inv.email_address}` }, "Revoke");
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
