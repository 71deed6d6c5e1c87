// Entry: wires the navigation, the connection indicator and the routes to their views.

import { h, focusKeys, refocus } from "./ui.js";
import { currentRoute, navigate } from "./router.js";
import { connection, restore, disconnect, onConnectionChange, health, onHealthChange } from "./connection.js";
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
  const hadFocus = main.contains(document.activeElement) && document.activeElement !== main;
  const keys = hadFocus ? focusKeys(document.activeElement) : [];
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
  } else if (hadFocus && !refocus(main, keys)) {
    // The same page re-rendered (sort, next page, page size, search): focus goes back to the
    // control that was pressed, in the new view, once it is there (else to the heading).
    const dropped = () => !document.activeElement || document.activeElement === document.body;
    rendering.then(() => { if (dropped()) refocus(main, keys) || focusHeading(); }, () => {});
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

/** The header's indicator: connected (green), connection lost (red: the last request got no answer), or not connected. */
function renderStatus() {
  const conn = connection();
  const slot = document.getElementById("conn-status");
  const lost = health() === "lost";
  slot.replaceChildren(conn
    ? h("span", { class: `conn ${lost ? "lost" : "ok"}` }, h("span", { class: "dot", "aria-hidden": "true" }),
      `${lost ? "Connection lost" : "Connected"}: ${new URL(conn.serverURL).host}`,
      h("button", { type: "button", class: "link", onclick: () => { disconnect(); navigate(["connect"]); } }, "Disconnect"))
    : h("span", { class: "conn" }, h("span", { class: "dot", "aria-hidden": "true" }), "Not connected"));
}

onConnectionChange(renderStatus);
onHealthChange(renderStatus);
renderStatus();
window.addEventListener("hashchange", render);
await restore();
render();
