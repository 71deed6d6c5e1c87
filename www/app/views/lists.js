// Allowlist and blocklist identifiers: list, add, remove. The two differ only in names (and in
// the list shape the API returns: a plain array for the allowlist, { data } for the blocklist).

import { h, table, fmtDate, badge, field, runAction, loadInto, confirmDialog, pageTitle, toast } from "../ui.js";
import { clerk } from "../connection.js";

const LISTS = [
  { key: "allowlist", group: "allowlistIdentifiers", title: "Allowlist",
    about: "When the allowlist is enabled, only these identifiers (emails, phone numbers, or *@domain) can sign up." },
  { key: "blocklist", group: "blocklistIdentifiers", title: "Blocklist",
    about: "These identifiers can never sign up or sign in." },
];

export async function render(main) {
  main.append(pageTitle("Allowlist and blocklist"));
  for (const list of LISTS) main.append(section(list));
}

function section(list) {
  const slot = h("div");
  const errors = h("div");
  const api = () => clerk()[list.group];
  const load = () => loadInto(slot, () => api().list(), (res) => table({
    rows: Array.isArray(res) ? res : res.data,
    empty: `The ${list.title.toLowerCase()} is empty.`,
    columns: [
      { label: "Identifier", render: (e) => h("code", {}, e.identifier) },
      { label: "Type", render: (e) => badge(e.identifier_type.replace("_", " ")) },
      { label: "Added", render: (e) => fmtDate(e.created_at) },
      { label: "Actions", hideLabel: true, render: (e) => removeButton(list, e, errors, load) },
    ],
  }), `Loading the ${list.title.toLowerCase()}…`);

  const input = h("input", { id: `${list.key}-identifier`, required: true, autocomplete: "off", placeholder: "name@example.com, +15550100, *@example.com" });
  const submit = h("button", { type: "submit" }, "Add");
  const form = h("form", { class: "filters", "aria-label": `Add to the ${list.title.toLowerCase()}` },
    field("Identifier", input), h("div", { class: "row end" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const added = await runAction(submit, errors, () => api().create({ identifier: input.value.trim() }), "Adding…");
    if (added) {
      toast(`Added ${added.identifier} to the ${list.title.toLowerCase()}`);
      input.value = "";
      load();
    }
  });
  load();
  return h("section", { class: "card stack", "aria-labelledby": `${list.key}-h` },
    h("h2", { id: `${list.key}-h` }, list.title), h("p", { class: "muted" }, list.about), form, errors, slot);
}

function removeButton(list, entry, errors, reload) {
  const button = h("button", { type: "button", class: "secondary small", "aria-label": `Remove ${entry.identifier}` }, "Remove");
  button.addEventListener("click", async () => {
    if (!(await confirmDialog(`Remove ${entry.identifier} from the ${list.title.toLowerCase()}?`, { confirmLabel: "Remove" }))) return;
    if (await runAction(button, errors, () => clerk()[list.group].delete({ identifier_id: entry.id }), "Removing…")) {
      toast(`Removed ${entry.identifier}`);
      reload();
    }
  });
  return button;
}
