#!/usr/bin/env node
// End-to-end test of the admin console in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Starts the mock API and the console's dev server on 127.0.0.1 (free
// ports), checks the dev server's proxy (proxy.mjs), walks the operator's main paths, issue #13's
// Broken list (broken.mjs) and features (features.mjs, keyboard-only run included), every screen
// at 1280 and 390 px (screens.mjs), and the console once through the proxy. Each step asserts
// what the page shows, where focus is and what the mock's state became, fails on any browser
// console error and any axe-core violation, and saves a screenshot under test-output/e2e/.
// Prints "N passed, M failed"; exits non-zero on any failure.
//
//   node tests/e2e/run.mjs [--update-docs-screenshot]   (writes docs/console.png too)

import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { assert, seeText, rowCount, firstColumn, closedPort, stepRunner, axeLog } from "./lib.mjs";
import { brokenSteps } from "./broken.mjs";
import { proxyChecks } from "./proxy.mjs";
import { featureSteps } from "./features.mjs";
import { everyScreen } from "./screens.mjs";
import { startMock } from "../mock/server.mjs";
import { startDevServer } from "../../www/dev-server.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = join(ROOT, "test-output", "e2e");
const KEY = "sk_test_e2e_console";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Clicks the users list's Clear and waits for the unfiltered list: Clear re-renders the whole
 * view (a hash change), and typing into the old form before that is lost with it.
 */
async function clearUserFilters(page) {
  await page.getByRole("button", { name: "Clear" }).click();
  await seeText(page.locator(".pager"), "of 25");
}

// ---- the run ------------------------------------------------------------------------------------

const mock = await startMock({ port: 0, seed: 1 });
const dev = await startDevServer({ port: 0, mockUrl: mock.url });
const profile = await mkdtemp(join(tmpdir(), "clerk-edge-e2e-"));
await rm(OUT, { recursive: true, force: true }); // no stale screenshots from an earlier run
await mkdir(OUT, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 860 },
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(8000);

const { step, snap, results } = stepRunner(page, OUT);

const seeded = [...mock.state.users.values()];
const grace = seeded.find((u) => u.first_name === "Grace");
const acme = [...mock.state.organizations.values()].find((o) => o.slug === "acme");

for (const [name, fn] of proxyChecks({ mock, key: KEY })) await step(name, fn, { screenshot: false });

await step("connect", async () => {
  await page.goto(`${dev.url}/`);
  await seeText(page.locator("h1"), "Connect");
  await seeText(page.locator(".warning"), "trusted operators only");
  assert(await page.locator("#base-url").inputValue() === mock.url, "base URL defaults to the local mock");
  await snap("connect-screen");
  // A malformed key is refused before anything is sent.
  await page.fill("#secret-key", "not-a-key");
  await page.click("form button[type=submit]");
  await seeText(page.locator(".error"), "sk_test_");
  // Nothing listening: the SDK's ConnectionError is shown, and the console stays on Connect.
  await page.fill("#base-url", `http://127.0.0.1:${await closedPort()}`);
  await page.fill("#secret-key", KEY);
  await page.click("form button[type=submit]");
  await page.locator(".error").waitFor();
  // The preset fills the mock's URL and its demo key and focuses the key field.
  await page.getByRole("button", { name: "Use the local mock" }).click();
  assert(await page.locator("#base-url").inputValue() === mock.url, "the preset fills the mock URL");
  assert(await page.evaluate(() => document.activeElement?.id) === "secret-key", "the preset focuses the key");
  await page.keyboard.press("Enter"); // keyboard submit
  await seeText(page.locator("h1"), "Users");
  await seeText(page.locator("#conn-status"), "Connected");
  assert(await page.evaluate(() => document.activeElement?.tagName) === "H1", "focus moves to the new page's heading");
  assert(await page.evaluate(() => sessionStorage.length) === 0, "the key is not stored unless asked");
}, { allowConsoleErrors: [/ERR_CONNECTION_REFUSED/] }); // the unreachable base URL, on purpose

await step("list and search users", async () => {
  assert(await rowCount(page) === 10, "first page has 10 rows");
  await seeText(page.locator(".pager"), "Showing 1–10 of 25");
  // A slow API shows a loading state while the next page loads.
  mock.setDelay(600);
  await page.getByRole("button", { name: "Next →" }).click();
  await seeText(page.locator("#users-results[aria-busy=true] [role=status]"), "Loading users…");
  await seeText(page.locator(".pager"), "Showing 11–20 of 25");
  mock.setDelay(0);
  // Sort by first name, ascending: Ada first.
  await page.click("th button[data-sort=first_name]");
  await seeText(page.locator("th[aria-sort=ascending]"), "Name");
  await seeText(page.locator(".pager"), "Showing 1–10 of 25");
  assert((await firstColumn(page))[0] === "Ada Lovelace", "ascending by first name starts with Ada");
  await page.click("th button[data-sort=first_name]");
  await seeText(page.locator("th[aria-sort=descending]"), "Name");
  assert((await firstColumn(page))[0] === "Ward Cunningham", "descending by first name starts with Ward");
  // Free-text search, then exact email.
  await page.fill("#user-query", "hopper");
  await page.click("form[role=search] button[type=submit]");
  await seeText(page.locator(".pager"), "of 1");
  assert(JSON.stringify(await firstColumn(page)) === '["Grace Hopper"]', "search finds Grace Hopper only");
  await clearUserFilters(page);
  await page.fill("#user-email", "alan.turing@example.com");
  await page.keyboard.press("Enter");
  await seeText(page.locator(".pager"), "of 1");
  assert(JSON.stringify(await firstColumn(page)) === '["Alan Turing"]', "email filter finds Alan Turing only");
});

await step("open a user", async () => {
  await clearUserFilters(page);
  await page.fill("#user-query", "grace");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  await seeText(page.locator("h1"), "Grace Hopper");
  await seeText(page.locator(".meta-line"), grace.id);
  await seeText(page.locator("#email-list"), "grace.hopper@example.com");
  await seeText(page.locator("#sessions-h + div"), "active");
  await seeText(page.locator("#orgs-h + div"), /Acme Inc|Globex|Initech|Not a member/);
  // The metadata editor refuses invalid JSON, then saves a valid edit as a merge.
  const editor = page.locator("#meta-public_metadata");
  await editor.fill('{"plan": "pro",');
  await seeText(page.locator("#meta-public_metadata-msg"), "Invalid JSON");
  assert(await editor.getAttribute("aria-invalid") === "true", "invalid JSON is flagged");
  await editor.fill('{"plan": "enterprise", "seats": 5}');
  await page.click("#save-metadata");
  await seeText(page.locator("#toasts"), "Metadata saved");
  assert(JSON.stringify(mock.state.users.get(grace.id).public_metadata) === '{"plan":"enterprise","seats":5}', "metadata stored by the API");
});

await step("ban and unban", async () => {
  await page.click("#action-ban");
  await seeText(page.locator("dialog"), "Ban Grace Hopper (grace.hopper@example.com)?");
  await page.locator("dialog").getByRole("button", { name: "Ban" }).click();
  await seeText(page.locator(".meta-line"), "Banned");
  assert(mock.state.users.get(grace.id).banned === true, "the mock has the user banned");
  await page.locator("#action-unban").waitFor();
  await snap("user-banned");
  await page.click("#action-unban");
  await seeText(page.locator(".meta-line"), "Active");
  assert(mock.state.users.get(grace.id).banned === false, "the mock has the user unbanned");
  await page.locator("#action-ban").waitFor();
});

await step("create and delete a user", async () => {
  await page.getByRole("link", { name: "← Users" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await page.fill("#new-email", "new.person@example.com");
  await page.fill("#new-first", "New");
  await page.fill("#new-last", "Person");
  await page.locator("#create-h").locator("..").getByRole("button", { name: "Create", exact: true }).click();
  await seeText(page.locator("h1"), "New Person");
  const created = [...mock.state.users.values()].find((u) => u.email_addresses[0]?.email_address === "new.person@example.com");
  assert(created, "the mock stored the new user");
  // It shows up in the list (stateful mock).
  await page.goto(`${dev.url}/#/users?query=new.person`);
  await seeText(page.locator("main table"), "New Person");
  // Creating it again shows Clerk's error message and code.
  await page.getByRole("button", { name: "Create user" }).click();
  await page.fill("#new-email", "new.person@example.com");
  await page.locator("#create-h").locator("..").getByRole("button", { name: "Create", exact: true }).click();
  await seeText(page.locator(".error"), "That email address is taken");
  await seeText(page.locator(".error .error-code"), "form_identifier_exists");
  // Delete with confirmation; cancelling first keeps the user.
  await page.getByRole("link", { name: "New Person" }).click();
  await page.click("#action-delete");
  await page.locator("dialog").waitFor();
  await page.keyboard.press("Escape"); // Esc cancels the confirmation
  await page.locator("dialog").waitFor({ state: "detached" });
  assert(mock.state.users.has(created.id), "cancel keeps the user");
  await page.click("#action-delete");
  await seeText(page.locator("dialog"), "cannot be undone");
  await page.locator("dialog").getByRole("button", { name: "Delete user" }).click();
  await seeText(page.locator("h1"), "Users");
  assert(!mock.state.users.has(created.id), "the mock deleted the user");
  await page.fill("#user-query", "new.person");
  await page.keyboard.press("Enter");
  await seeText(page.locator("main table"), "No users match");
}, { allowConsoleErrors: [/status of 422/] }); // the duplicate create, on purpose

await step("create an organization invitation", async () => {
  await page.getByRole("link", { name: "Organizations" }).click();
  await seeText(page.locator("main table"), "Acme Inc");
  await page.getByRole("link", { name: "Acme Inc" }).click();
  await seeText(page.locator("h1"), "Acme Inc");
  await seeText(page.locator("#org-members"), "Admin");
  await seeText(page.locator("#org-invitations"), `new.hire1@acme.example.com`);
  await page.fill("#invite-email", "cto@acme.example.com");
  await page.selectOption("#invite-role", "org:admin");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await seeText(page.locator("#toasts"), "Invited cto@acme.example.com as Admin");
  await seeText(page.locator("#org-invitations"), "cto@acme.example.com");
  const inv = [...mock.state.orgInvitations.values()].find((i) => i.email_address === "cto@acme.example.com");
  assert(inv?.organization_id === acme.id && inv.role === "org:admin" && inv.status === "pending", "the mock has the pending admin invitation");
  await page.getByRole("button", { name: "Revoke invitation for cto@acme.example.com" }).click();
  await page.locator("dialog").getByRole("button", { name: "Revoke" }).click();
  await seeText(page.locator("#toasts"), "Revoked the invitation for cto@acme.example.com");
  await page.getByRole("button", { name: "Revoke invitation for cto@acme.example.com" }).waitFor({ state: "detached" });
  assert(inv.status === "revoked", "the mock revoked it");
});

await step("verify a good and a tampered token", async () => {
  await page.getByRole("link", { name: "Tools" }).click();
  await page.click("#jwt-sample");
  await page.waitForFunction(() => document.querySelector("#jwt-input").value.split(".").length === 3);
  await page.click("#jwt-verify");
  await seeText(page.locator("#jwt-verdict"), "Valid");
  await seeText(page.locator("#jwt-claims"), '"sub": "user_');
  await seeText(page.locator("#jwt-header"), '"alg": "RS256"');
  await snap("token-valid");
  // The same token against the JWKS pasted as JSON, then against the connected instance's GET /jwks.
  const { jwks } = await (await fetch(`${mock.url}/__demo/sample-token`)).json();
  await page.fill("#jwt-key", JSON.stringify(jwks));
  await page.click("#jwt-verify");
  await seeText(page.locator("#jwt-verdict"), "Valid");
  await page.fill("#jwt-key", "");
  await page.check("#key-source-remote");
  await page.click("#jwt-verify");
  await seeText(page.locator("#jwt-verdict"), "Valid");
  await page.check("#key-source-pasted");
  await page.click("#jwt-sample");
  await page.waitForFunction(() => document.querySelector("#jwt-key").value.includes("BEGIN PUBLIC KEY"));
  await page.click("#jwt-tamper");
  await page.click("#jwt-verify");
  await seeText(page.locator("#jwt-verdict"), "Invalid: token-invalid-signature");
  await seeText(page.locator("#jwt-claims"), "user_attacker");
});

await step("verify a webhook", async () => {
  await page.click("#wh-sample");
  await page.click("#wh-verify");
  await seeText(page.locator("#wh-verdict"), "Valid: user.created");
  await page.fill("#wh-payload", (await page.locator("#wh-payload").inputValue()).replace("Sam", "Eve"));
  await page.click("#wh-verify");
  await seeText(page.locator("#wh-verdict"), /Invalid: .*signature/);
  // Options the SDK refuses are an error in plain words, not a verdict named after an error class.
  await page.fill("#wh-secret", "");
  await page.click("#wh-verify");
  const refused = await seeText(page.locator("#wh-verdict .error"), "Could not verify");
  assert(refused.includes("signingSecret is required") && !refused.includes("InvalidRequestError"), `in plain words: ${refused}`);
});

await step("sessions, invitations, allow/block lists, organizations list", async () => {
  // Sessions of a user found by email; revoke the active one.
  await page.getByRole("link", { name: "Sessions" }).click();
  await page.fill("#session-user", "ada.lovelace@example.com");
  await page.keyboard.press("Enter");
  await seeText(page.locator("main"), "Sessions of Ada Lovelace (2)");
  const ada = seeded.find((u) => u.first_name === "Ada");
  const active = [...mock.state.sessions.values()].find((x) => x.user_id === ada.id && x.status === "active");
  await snap("sessions");
  await page.getByRole("button", { name: `Revoke session ${active.id}` }).click();
  await page.locator("dialog").getByRole("button", { name: "Revoke" }).click();
  await seeText(page.locator("#toasts"), `Revoked ${active.id}`);
  assert(active.status === "revoked", "the mock revoked the session");
  // Instance invitations: create one, see it pending.
  await page.getByRole("link", { name: "Invitations" }).click();
  await seeText(page.locator("main table"), "pat@example.org");
  await page.fill("#inv-email", "friend@example.net");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await seeText(page.locator("main table"), "friend@example.net");
  await snap("invitations");
  // Blocklist: add and remove.
  await page.getByRole("link", { name: "Allow / block" }).click();
  await seeText(page.locator("main"), "*@partner.example.com");
  await page.fill("#blocklist-identifier", "+15550199999");
  await page.locator("#blocklist-h").locator("..").getByRole("button", { name: "Add" }).click();
  await seeText(page.locator("#blocklist-h").locator(".."), "Phone number");
  await snap("allow-block");
  await page.getByRole("button", { name: "Remove +15550199999" }).click();
  await page.locator("dialog").getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove +15550199999" }).waitFor({ state: "detached" });
  assert(![...mock.state.blocklist.values()].some((e) => e.identifier === "+15550199999"), "the mock removed it");
  // Organizations sorted by name.
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.click("th button[data-sort=name]");
  await seeText(page.locator("th[aria-sort=ascending]"), "Name");
  assert(JSON.stringify(await firstColumn(page)) === '["Acme Inc","Globex","Initech"]', "organizations sorted by name");
});

for (const run of brokenSteps({ page, step, mock, dev, key: KEY })) await run();
for (const run of featureSteps({ page, step, mock, key: KEY })) await run();

await step("every screen at 1280 and 390 px: screenshots, axe, no sideways scrolling", () => everyScreen(page, mock, OUT));

// ---- the console once through the proxy: a dev server whose CLERK_API_URL upstream is the mock
const proxied = await startDevServer({ port: 0, upstream: mock.url });
const page2 = await context.newPage();
page2.setDefaultTimeout(8000);
const viaProxy = stepRunner(page2, OUT, "proxy");
const direct = []; // API requests that did not go through the proxy
let proxiedCalls = 0;
page2.on("request", (r) => {
  if (r.url().startsWith(`${proxied.url}/proxy/v1/`)) proxiedCalls++;
  else if (r.url().startsWith(mock.url)) direct.push(r.url());
});
await viaProxy.step("through the proxy: connect, list, open a user, save metadata, create and delete a user", async () => {
  await page2.goto(`${proxied.url}/`);
  await seeText(page2.locator("h1"), "Connect");
  await page2.getByRole("button", { name: "Use the proxy" }).click();
  assert(await page2.inputValue("#base-url") === "/proxy/v1", "the preset fills /proxy/v1");
  await page2.fill("#secret-key", KEY);
  await page2.keyboard.press("Enter");
  await seeText(page2.locator("h1"), "Users");
  await seeText(page2.locator("#conn-status"), `Connected: ${new URL(proxied.url).host}`);
  await seeText(page2.locator(".pager"), `of ${mock.state.users.size}`);
  await page2.evaluate((id) => { location.hash = `#/users/${id}`; }, grace.id);
  await seeText(page2.locator("h1"), "Grace Hopper");
  await page2.fill("#meta-private_metadata", '{"via": "proxy"}');
  await page2.click("#save-metadata");
  await seeText(page2.locator("#toasts"), "Metadata saved");
  assert(mock.state.users.get(grace.id).private_metadata.via === "proxy", "the PATCH reached the mock through the proxy");
  await page2.evaluate(() => { location.hash = "#/users"; });
  await page2.getByRole("button", { name: "Create user" }).click();
  await page2.fill("#new-email", "proxied@example.com");
  await page2.keyboard.press("Enter");
  await seeText(page2.locator("h1"), "(no name)");
  const created = [...mock.state.users.values()].find((u) => u.email_addresses[0]?.email_address === "proxied@example.com");
  assert(created, "the POST reached the mock");
  await page2.click("#action-delete");
  await page2.locator("dialog").getByRole("button", { name: "Delete user" }).click();
  await seeText(page2.locator("h1"), "Users");
  assert(!mock.state.users.has(created.id), "the DELETE reached the mock");
  assert(direct.length === 0 && proxiedCalls >= 6, `API calls: ${proxiedCalls} through the proxy, ${direct.length} direct (${direct[0] ?? ""})`);
});
results.push(...viaProxy.results);
await page2.close();
await proxied.close();

if (process.argv.includes("--update-docs-screenshot")) {
  // A fresh seeded instance (the run above changed the data): the users list sorted by first
  // name, with a banned and a locked user on the first page and two users selected.
  const freshMock = await startMock({ port: 0, seed: 1 });
  const freshDev = await startDevServer({ port: 0, mockUrl: freshMock.url });
  const shotPage = await context.newPage();
  await shotPage.setViewportSize({ width: 1280, height: 1100 });
  await shotPage.goto(`${freshDev.url}/`);
  await shotPage.getByRole("button", { name: "Use the local mock" }).click();
  await shotPage.keyboard.press("Enter");
  await seeText(shotPage.locator("h1"), "Users");
  await shotPage.evaluate(() => { location.hash = "#/users?order_by=%2Bfirst_name"; });
  await seeText(shotPage.locator(".pager"), "Showing 1–10 of 25");
  for (const name of ["Barbara Liskov", "Edsger Dijkstra"]) await shotPage.check(`input[aria-label="Select ${name}"]`);
  await shotPage.evaluate(() => { document.activeElement?.blur(); document.getElementById("toasts").replaceChildren(); });
  const height = await shotPage.evaluate(() => Math.ceil(document.querySelector("main").lastElementChild.getBoundingClientRect().bottom) + 16);
  await shotPage.screenshot({ path: join(ROOT, "docs", "console.png"), clip: { x: 0, y: 0, width: 1280, height } });
  console.log("wrote docs/console.png");
  await shotPage.close();
  await freshDev.close();
  await freshMock.close();
}

await context.close();
await rm(profile, { recursive: true, force: true });
await dev.close();
await mock.close();

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots: ${OUT}`);
console.log(`axe: ${axeLog.length} states checked, ${axeLog.reduce((n, a) => n + a.violations, 0)} violations`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
