// Users: search (free text or exact email), sortable columns, offset pagination, create.
// The list state lives in the URL (#/users?query=..&order_by=..&offset=..) so back/forward work.

import { h, table, pager, fmtDate, badge, fullName, primaryEmail, compact, field, runAction, loadInto, pageTitle, toast, setFieldError } from "../ui.js";
import { clerk } from "../connection.js";
import { navigate, href } from "../router.js";
import { parseObject } from "../json-editor.js";
import { bulkSelection, exportButton } from "./users-bulk.js";

const PAGE_SIZES = [10, 20, 50];

export function statusBadges(u) {
  const out = [];
  if (u.banned) out.push(badge("Banned", "danger"));
  if (u.locked) out.push(badge("Locked", "warn"));
  return out.length ? out : [badge("Active", "ok")];
}

export async function render(main, route) {
  const q = route.query;
  const state = {
    query: q.get("query") ?? "",
    email: q.get("email") ?? "",
    banned: q.get("banned") ?? "",
    order_by: q.get("order_by") ?? "-created_at",
    limit: Number(q.get("limit")) || 10,
    offset: Number(q.get("offset")) || 0,
  };
  const go = (changes) => navigate(["users"], { ...state, ...changes });

  const queryInput = h("input", { id: "user-query", type: "search", value: state.query, placeholder: "Name, email, phone, username or ID" });
  const emailInput = h("input", { id: "user-email", type: "email", value: state.email, placeholder: "exact@address.com" });
  const bannedSelect = h("select", { id: "user-banned" },
    [["", "Any status"], ["true", "Banned"], ["false", "Not banned"]].map(([v, l]) => h("option", { value: v, selected: v === state.banned }, l)));
  const sizeSelect = h("select", { id: "user-limit", onchange: () => go({ limit: Number(sizeSelect.value), offset: 0 }) },
    PAGE_SIZES.map((n) => h("option", { value: String(n), selected: n === state.limit }, String(n))));

  const search = h("form", { class: "filters", role: "search", "aria-label": "Search users" },
    field("Search", queryInput),
    field("Email address", emailInput),
    field("Status", bannedSelect),
    h("div", { class: "row end" },
      h("button", { type: "submit" }, "Search"),
      h("button", { type: "button", class: "secondary", onclick: () => navigate(["users"], { order_by: state.order_by, limit: state.limit }) }, "Clear")));
  search.addEventListener("submit", (e) => {
    e.preventDefault();
    go({ query: queryInput.value.trim(), email: emailInput.value.trim(), banned: bannedSelect.value, offset: 0 });
  });

  const createSlot = h("div");
  const createButton = h("button", { type: "button", onclick: () => {
    if (createSlot.firstChild) return createSlot.querySelector("input")?.focus();
    createSlot.append(createForm(() => createSlot.replaceChildren()));
    createSlot.querySelector("input").focus();
  } }, "Create user");

  const filters = compact({
    query: state.query,
    email_address: state.email ? [state.email] : undefined,
    banned: state.banned === "" ? undefined : state.banned === "true",
  });
  const results = h("div", { id: "users-results" });
  const exportErrors = h("div");
  const bulk = bulkSelection(() => load());
  main.append(pageTitle("Users", exportButton(filters, state.order_by, exportErrors), createButton), exportErrors, createSlot, search,
    bulk.report, bulk.toolbar, results);

  const load = () => loadInto(results,
    () => Promise.all([
      clerk().users.list({ ...filters, order_by: state.order_by, limit: state.limit, offset: state.offset }),
      clerk().users.count(filters),
    ]),
    ([users, count]) => [
      bulk.reset(users),
      table({
        caption: "Users",
        sort: state.order_by,
        onSort: (order_by) => go({ order_by, offset: 0 }),
        empty: "No users match these filters.",
        rows: users,
        columns: [
          bulk.column,
          { label: "Name", sort: "first_name", render: (u) => h("a", { href: href(["users", u.id]) }, fullName(u)) },
          { label: "Email", sort: "email_address", render: primaryEmail },
          { label: "Username", sort: "username", render: (u) => u.username ?? "—" },
          { label: "Created", sort: "created_at", render: (u) => fmtDate(u.created_at) },
          { label: "Last sign-in", sort: "last_sign_in_at", render: (u) => fmtDate(u.last_sign_in_at) },
          { label: "Status", render: statusBadges },
        ],
      }),
      pager({ offset: state.offset, limit: state.limit, count: users.length, total: count.total_count, noun: "users",
        onPage: (offset) => go({ offset }), extra: [h("label", { for: "user-limit" }, "Per page"), sizeSelect] }),
    ],
    "Loading users…");
  await load();
}

/** The create-user form: one email, optional names, username, password and public metadata. */
function createForm(close) {
  // Each control is named after the API's parameter, so that an error naming it lands on it.
  const email = h("input", { id: "new-email", name: "email_address", type: "email", required: true, autocomplete: "off" });
  const first = h("input", { id: "new-first", name: "first_name", autocomplete: "off" });
  const last = h("input", { id: "new-last", name: "last_name", autocomplete: "off" });
  const username = h("input", { id: "new-username", name: "username", autocomplete: "off" });
  const password = h("input", { id: "new-password", name: "password", type: "password", autocomplete: "new-password" });
  const meta = h("textarea", { id: "new-meta", name: "public_metadata", rows: 2, class: "mono", placeholder: "{}" });
  const errors = h("div");
  const submit = h("button", { type: "submit" }, "Create");
  const form = h("form", { class: "card stack", "aria-labelledby": "create-h" },
    h("h2", { id: "create-h" }, "New user"),
    h("div", { class: "grid-3" },
      field("Email address", email), field("First name", first), field("Last name", last),
      field("Username", username, "Optional; only if usernames are enabled."),
      field("Password", password, "Optional; the instance's password rules apply."),
      field("Public metadata (JSON)", meta)),
    errors,
    h("div", { class: "row" }, submit, h("button", { type: "button", class: "secondary", onclick: close }, "Cancel")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const parsed = parseObject(meta.value);
    if (parsed.error) {
      errors.replaceChildren();
      setFieldError(meta, parsed.error);
      return meta.focus();
    }
    const user = await runAction(submit, errors, () => clerk().users.create(compact({
      email_address: [email.value.trim()],
      first_name: first.value.trim(),
      last_name: last.value.trim(),
      username: username.value.trim(),
      password: password.value,
      public_metadata: Object.keys(parsed.value).length ? parsed.value : undefined,
    })), "Creating…", { form });
    if (user) {
      toast(`Created ${fullName(user)} (${user.id})`);
      navigate(["users", user.id]);
    }
  });
  return form;
}
