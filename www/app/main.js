// Entry: wires the navigation, the connection indicator and the routes to their views.

import { h } from "./ui.js";
import { currentRoute, navigate } from "./router.js";
import { connection, restore, disconnect, onConnectionChange } from "./connection.js";
import * as connectView from "./views/connect.js";
import * as usersView from "./views/users.js";
import * as userView from "./views/user-detail.js";
import * as orgsView from "./views/organizations.js";
import * as orgView from "./views/organization-detail.js";
import * as sessionsView from "./views/sessions.js";
import * as invitationsView from "./views/invitations.js";
import * as listsView from "./views/lists.js";
import * as toolsView from "./views/tools.js";

// [first path part, view, needs a connection]
const ROUTES = {
  connect: [connectView, false],
  users: [usersView, true, userView],
  organizations: [orgsView, true, orgView],
  sessions: [sessionsView, true],
  invitations: [invitationsView, true],
  lists: [listsView, true],
  tools: [toolsView, false],
};

const main = document.getElementById("main");
let lastPath = null;

async function render() {
  const route = currentRoute();
  const [section = connection() ? "users" : "connect", id] = route.parts;
  const entry = ROUTES[section];
  if (!entry) return navigate([connection() ? "users" : "connect"]);
  const [listView, needsConnection, detailView] = entry;
  if (needsConnection && !connection()) return navigate(["connect"], { next: section });

  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.section === section) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const view = id && detailView ? detailView : listView;
  main.replaceChildren();
  const rendering = view.render(main, { ...route, id });
  // Move focus to the new page's heading on navigation (not on re-sorts of the same page), so
  // keyboard and screen-reader users land on the new content: at once where the view puts its
  // heading in before loading its data, else once it has rendered.
  const path = route.parts.join("/");
  if (path !== lastPath) {
    lastPath = path;
    // (Unless the user has moved on to another page meanwhile.)
    if (!focusHeading()) rendering.then(() => lastPath === path && focusHeading(), () => {});
  }
  await rendering;
}

/** Focuses the page's heading; false if there is none yet. */
function focusHeading() {
  const heading = main.querySelector("h1");
  if (!heading) return false;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  return true;
}

function renderStatus(conn) {
  const slot = document.getElementById("conn-status");
  slot.replaceChildren(conn
    ? h("span", { class: "conn ok" }, h("span", { class: "dot", "aria-hidden": "true" }), `Connected: ${new URL(conn.serverURL).host}`,
      h("button", { type: "button", class: "link", onclick: () => { disconnect(); navigate(["connect"]); } }, "Disconnect"))
    : h("span", { class: "conn" }, h("span", { class: "dot", "aria-hidden": "true" }), "Not connected"));
}

onConnectionChange(renderStatus);
renderStatus(null);
window.addEventListener("hashchange", render);
await restore();
render();
