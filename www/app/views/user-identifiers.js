// A user's email addresses and phone numbers: add (optionally marked verified), verify, make
// primary, remove. Each change is followed by a fresh `users.get`, so the card shows what the API
// holds. The primary identifier cannot be removed here: make another one primary first.

import { h, badge, field, runAction, confirmDialog, toast } from "../ui.js";
import { clerk } from "../connection.js";

const KINDS = [
  { key: "email", title: "Email addresses", group: "emailAddresses", list: "email_addresses", value: "email_address",
    idParam: "email_address_id", primary: "primary_email_address_id", noun: "email address",
    input: { type: "email", placeholder: "name@example.com" } },
  { key: "phone", title: "Phone numbers", group: "phoneNumbers", list: "phone_numbers", value: "phone_number",
    idParam: "phone_number_id", primary: "primary_phone_number_id", noun: "phone number",
    input: { type: "tel", placeholder: "+15551234567", pattern: "\\+[1-9][0-9]{6,14}" }, hint: "E.164: +, country code, number." },
];

const isVerified = (item) => item.verification?.status === "verified";

/** The card; `refresh()` re-fetches the user and re-renders the page. */
export function identifiersCard(user, refresh) {
  const errors = h("div", { id: "ident-errors" });
  return h("section", { class: "card stack", "aria-labelledby": "ident-h" },
    h("h2", { id: "ident-h", class: "visually-hidden" }, "Identifiers"),
    KINDS.map((kind) => kindSection(kind, user, errors, refresh)),
    errors);
}

function kindSection(kind, user, errors, refresh) {
  const items = user[kind.list];
  const headingId = `${kind.key}-h`;
  const api = () => clerk()[kind.group];

  const act = (button, busy, call, done) => button.addEventListener("click", async () => {
    if (await runAction(button, errors, call, busy)) {
      toast(done);
      await refresh();
    }
  });

  const row = (item) => {
    const text = item[kind.value];
    const primary = item.id === user[kind.primary];
    const li = h("li", { "data-focus-key": `ident-${item.id}` }, h("span", { class: "ident" }, text), " ",
      primary ? badge("primary", "accent") : null, " ",
      isVerified(item) ? badge("verified", "ok") : badge("unverified", "warn"));
    const buttons = h("span", { class: "row ident-actions" });
    if (!isVerified(item)) {
      const b = h("button", { type: "button", class: "secondary small", "data-focus-fallback": `ident-${item.id}`, "aria-label": `Verify ${text}` }, "Verify");
      act(b, "Verifying…", () => api().update({ [kind.idParam]: item.id, verified: true }), `Marked ${text} as verified`);
      buttons.append(b);
    }
    if (!primary) {
      const b = h("button", { type: "button", class: "secondary small", "data-focus-fallback": `ident-${item.id}`, "aria-label": `Make primary: ${text}` }, "Make primary");
      act(b, "Saving…", () => api().update({ [kind.idParam]: item.id, primary: true }), `${text} is now the primary ${kind.noun}`);
      const remove = h("button", { type: "button", class: "danger-outline small", "data-focus-fallback": headingId, "aria-label": `Remove ${text}` }, "Remove");
      remove.addEventListener("click", async () => {
        if (!(await confirmDialog(`Remove the ${kind.noun} ${text} from this user? They can no longer sign in with it.`, { confirmLabel: "Remove" }))) return;
        if (await runAction(remove, errors, () => api().delete({ [kind.idParam]: item.id }), "Removing…")) {
          toast(`Removed ${text}`);
          await refresh();
        }
      });
      buttons.append(b, remove);
    }
    li.append(" ", buttons);
    return li;
  };

  const input = h("input", { id: `add-${kind.key}`, name: kind.value, required: true, autocomplete: "off", ...kind.input });
  const verified = h("input", { id: `add-${kind.key}-verified`, type: "checkbox", name: "verified" });
  const submit = h("button", { type: "submit", id: `add-${kind.key}-submit` }, `Add ${kind.noun}`);
  const form = h("form", { class: "stack", "aria-label": `Add a ${kind.noun}` },
    field(`New ${kind.noun}`, input, kind.hint),
    h("div", { class: "check" }, verified, h("label", { for: verified.id }, "Mark as verified (the user is not asked to confirm it)")),
    h("div", { class: "row" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const added = await runAction(submit, errors, () => api().create({ user_id: user.id, [kind.value]: input.value.trim(), verified: verified.checked }),
      "Adding…", { form });
    if (added) {
      toast(`Added ${added[kind.value]}`);
      await refresh();
    }
  });

  return h("div", { class: "stack" },
    h("h3", { id: headingId }, kind.title),
    items.length ? h("ul", { class: "plain", id: `${kind.key}-list` }, items.map(row)) : h("p", { class: "muted", id: `${kind.key}-list` }, "None."),
    form);
}
