// Instance invitations: list by status, create, revoke.

import { h, table, pager, fmtDate, badge, compact, field, runAction, loadInto, confirmDialog, pageTitle, toast } from "../ui.js";
import { clerk } from "../connection.js";
import { navigate } from "../router.js";

const STATUSES = ["", "pending", "accepted", "revoked", "expired"];
const LIMIT = 20;

export async function render(main, route) {
  const status = route.query.get("status") ?? "";
  const offset = Number(route.query.get("offset")) || 0;
  const errors = h("div");

  const statusSelect = h("select", { id: "inv-status", onchange: () => navigate(["invitations"], { status: statusSelect.value }) },
    STATUSES.map((s) => h("option", { value: s, selected: s === status }, s || "Any status")));
  const email = h("input", { id: "inv-email", type: "email", required: true, autocomplete: "off" });
  const submit = h("button", { type: "submit" }, "Send invitation");
  const form = h("form", { class: "filters", "aria-label": "Invite a user" },
    field("Invite by email address", email), h("div", { class: "row end" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const inv = await runAction(submit, errors, () => clerk().invitations.create({ email_address: email.value.trim() }), "Sending…");
    if (inv) {
      toast(`Invited ${inv.email_address}`);
      email.value = "";
      load();
    }
  });

  const results = h("div");
  main.append(pageTitle("Invitations"), form, errors, h("div", { class: "filters" }, field("Status", statusSelect)), results);
  const load = () => loadInto(results,
    () => clerk().invitations.list(compact({ status, limit: LIMIT, offset })),
    (list) => [
      table({
        rows: list,
        empty: "No invitations.",
        columns: [
          { label: "Email", key: "email_address" },
          { label: "Status", render: (i) => badge(i.status, i.status === "pending" ? "warn" : "") },
          { label: "Sent", render: (i) => fmtDate(i.created_at) },
          { label: "Expires", render: (i) => fmtDate(i.expires_at) },
          { label: "Actions", hideLabel: true, render: (i) => i.status === "pending" ? revokeButton(i, errors, load) : "" },
        ],
      }),
      pager({ offset, limit: LIMIT, count: list.length, onPage: (o) => navigate(["invitations"], { status, offset: o }) }),
    ], "Loading invitations…");
  await load();
}

function revokeButton(inv, errors, reload) {
  const button = h("button", { type: "button", class: "secondary small", "aria-label": `Revoke invitation for ${inv.email_address}` }, "Revoke");
  button.addEventListener("click", async () => {
    if (!(await confirmDialog(`Revoke the invitation for ${inv.email_address}?`, { confirmLabel: "Revoke" }))) return;
    if (await runAction(button, errors, () => clerk().invitations.revoke({ invitation_id: inv.id }), "Revoking…")) {
      toast(`Revoked the invitation for ${inv.email_address}`);
      reload();
    }
  });
  return button;
}
