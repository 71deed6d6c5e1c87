// Organizations: search, sortable list with member counts, pagination, create.

import { h, table, pager, fmtDate, compact, field, runAction, loadInto, pageTitle, toast } from "../ui.js";
import { clerk } from "../connection.js";
import { navigate, href } from "../router.js";

export async function render(main, route) {
  const q = route.query;
  const state = {
    query: q.get("query") ?? "",
    order_by: q.get("order_by") ?? "-created_at",
    limit: 10,
    offset: Number(q.get("offset")) || 0,
  };
  const go = (changes) => navigate(["organizations"], { ...state, ...changes, limit: undefined });

  const queryInput = h("input", { id: "org-query", type: "search", value: state.query, placeholder: "Name, slug or ID" });
  const search = h("form", { class: "filters", role: "search", "aria-label": "Search organizations" },
    field("Search", queryInput),
    h("div", { class: "row end" }, h("button", { type: "submit" }, "Search")));
  search.addEventListener("submit", (e) => {
    e.preventDefault();
    go({ query: queryInput.value.trim(), offset: 0 });
  });

  const createSlot = h("div");
  const createButton = h("button", { type: "button", onclick: () => {
    if (!createSlot.firstChild) createSlot.append(createForm(() => createSlot.replaceChildren()));
    createSlot.querySelector("input").focus();
  } }, "Create organization");

  const results = h("div");
  main.append(pageTitle("Organizations", createButton), createSlot, search, results);
  await loadInto(results,
    () => clerk().organizations.list(compact({ query: state.query, order_by: state.order_by, limit: state.limit,
      offset: state.offset, include_members_count: true })),
    (res) => [
      table({
        caption: "Organizations",
        sort: state.order_by,
        onSort: (order_by) => go({ order_by, offset: 0 }),
        rows: res.data,
        empty: "No organizations match.",
        columns: [
          { label: "Name", sort: "name", render: (o) => h("a", { href: href(["organizations", o.id]) }, o.name) },
          { label: "Slug", render: (o) => h("code", {}, o.slug) },
          { label: "Members", sort: "members_count", render: (o) => String(o.members_count ?? "—") },
          { label: "Created", sort: "created_at", render: (o) => fmtDate(o.created_at) },
        ],
      }),
      pager({ offset: state.offset, limit: state.limit, count: res.data.length, total: res.total_count, noun: "organizations", onPage: (offset) => go({ offset }) }),
    ],
    "Loading organizations…");
}

function createForm(close) {
  const name = h("input", { id: "new-org-name", name: "name", required: true, autocomplete: "off" });
  const slug = h("input", { id: "new-org-slug", name: "slug", autocomplete: "off", pattern: "[a-z0-9\\-]+" }); // "-" escaped: Chromium compiles pattern with the v flag
  const creator = h("input", { id: "new-org-creator", name: "created_by", autocomplete: "off", placeholder: "user_…" });
  const errors = h("div");
  const submit = h("button", { type: "submit" }, "Create");
  const form = h("form", { class: "card stack", "aria-labelledby": "new-org-h" },
    h("h2", { id: "new-org-h" }, "New organization"),
    h("div", { class: "grid-3" },
      field("Name", name),
      field("Slug", slug, "Optional; derived from the name. Lowercase letters, digits, dashes."),
      field("Created by (user ID)", creator, "Optional; becomes its first admin.")),
    errors,
    h("div", { class: "row" }, submit, h("button", { type: "button", class: "secondary", onclick: close }, "Cancel")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const org = await runAction(submit, errors, () => clerk().organizations.create(compact({
      name: name.value.trim(), slug: slug.value.trim(), created_by: creator.value.trim(),
    })), "Creating…", { form });
    if (org) {
      toast(`Created ${org.name}`);
      navigate(["organizations", org.id]);
    }
  });
  return form;
}
