// Issue #13's "Missing" list end to end against the mock: organizations managed in full, a user's
// identifiers, bulk work and CSV export, impersonation, the request inspector, and a
// keyboard-only run. Each step asserts what the page shows, where focus is, what the mock's
// state became, and runs axe on the intermediate states (dialogs, errors, reports).

import { readFile } from "node:fs/promises";
import { assert, seeText, focusIs, tabTo, until, axe, go, press } from "./lib.mjs";

const byFirst = (mock, first) => [...mock.state.users.values()].find((u) => u.first_name === first);
const orgBySlug = (mock, slug) => [...mock.state.organizations.values()].find((o) => o.slug === slug);
const membership = (mock, org, user) => mock.state.memberships.find((m) => m.organization_id === org.id && m.user_id === user.id);

/** Confirms the open dialog from the keyboard: focus starts on Cancel, Tab reaches the confirming button. */
async function confirmByKeyboard(page, text, state) {
  await seeText(page.locator("dialog"), text);
  if (state) await axe(page, state);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator("dialog").waitFor({ state: "detached" });
}

/** Creates a user straight in the mock's API (setup, not what is under test). */
async function apiCreateUser(mock, key, body) {
  const res = await fetch(`${mock.url}/v1/users`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  assert(res.ok, `setup: creating a user answered ${res.status}`);
  return res.json();
}

export function featureSteps({ page, step, mock, key }) {
  return [
    () => step("organizations: creator by name, add member, change role, remove, edit, metadata, delete", async () => {
      const acme = orgBySlug(mock, "acme");
      const alan = byFirst(mock, "Alan");
      await go(page, `#/organizations/${acme.id}`, "Acme Inc");
      await seeText(page.locator("#org-created-by"), "Ada Lovelace");

      await page.fill("#member-user", "alan.turing@example.com");
      await press(page, "#member-add");
      await seeText(page.locator("#toasts"), "Added Alan Turing as Member");
      assert(membership(mock, acme, alan)?.role === "org:member", "the mock has Alan as a member");
      await seeText(page.locator("#org-members"), "Alan Turing");
      await focusIs(page, "#member-add", "Add member");
      await page.fill("#member-user", "alan.turing@example.com");
      await press(page, "#member-add");
      await seeText(page.locator("#members-h ~ div .error"), "already a member");
      await focusIs(page, "#member-user[aria-invalid=true]", "the user field, marked invalid");
      await axe(page, "organization: add member refused");
      await page.fill("#member-user", "nobody@example.com");
      await press(page, "#member-add");
      await seeText(page.locator("#member-user-error"), "No user has the email address nobody@example.com");

      await press(page, 'button[aria-label="Change role of Alan Turing"]');
      await seeText(page.locator("dialog"), "Role of Alan Turing in Acme Inc");
      await axe(page, "organization: role dialog");
      await page.selectOption("#member-new-role", "org:admin");
      await page.locator("dialog").getByRole("button", { name: "Save role" }).click();
      await seeText(page.locator("#toasts"), "Alan Turing is now Admin");
      assert(membership(mock, acme, alan).role === "org:admin", "the mock has Alan as admin");
      await focusIs(page, 'button[aria-label="Change role of Alan Turing"]', "Change role of Alan Turing");

      await press(page, 'button[aria-label="Remove Alan Turing"]');
      await confirmByKeyboard(page, "Remove Alan Turing from Acme Inc?", "organization: remove confirmation");
      await seeText(page.locator("#toasts"), "Removed Alan Turing from Acme Inc");
      assert(!membership(mock, acme, alan), "the mock removed the membership");
      await focusIs(page, "#members-h", "the Members heading");

      await press(page, "#org-edit");
      await page.fill("#org-edit-name", "Acme Corporation");
      await page.fill("#org-edit-slug", "globex");
      await page.keyboard.press("Enter");
      await seeText(page.locator("dialog .error"), "already taken");
      assert(await page.getAttribute("#org-edit-slug", "aria-invalid") === "true", "the taken slug is marked invalid");
      await axe(page, "organization: edit dialog with an error");
      await page.fill("#org-edit-slug", "acme-corp");
      await page.fill("#org-edit-limit", "50");
      await page.keyboard.press("Enter");
      await seeText(page.locator("h1"), "Acme Corporation");
      assert(acme.name === "Acme Corporation" && acme.slug === "acme-corp" && acme.max_allowed_memberships === 50, "the mock saved name, slug and limit");
      await focusIs(page, "#org-edit", "Edit");

      await page.fill("#org-meta-public", '{"tier": "enterprise", "region": "eu"}');
      await page.fill("#org-meta-private", '{"crm": "c_9"}');
      await press(page, "#org-save-metadata");
      await seeText(page.locator("#toasts"), "Metadata saved");
      assert(JSON.stringify([acme.public_metadata, acme.private_metadata]) === '[{"tier":"enterprise","region":"eu"},{"crm":"c_9"}]', "the mock merged the metadata");
      await focusIs(page, "#org-save-metadata", "Save metadata");

      await go(page, "#/organizations", "Organizations");
      await page.getByRole("button", { name: "Create organization" }).click();
      await page.fill("#new-org-name", "Doomed Co");
      await page.keyboard.press("Enter");
      await seeText(page.locator("h1"), "Doomed Co");
      await press(page, "#org-delete");
      await confirmByKeyboard(page, "Delete Doomed Co (doomed-co)?", "organization: delete confirmation");
      await seeText(page.locator("h1"), "Organizations");
      assert(!orgBySlug(mock, "doomed-co"), "the mock deleted the organization");
    }, { allowConsoleErrors: [/status of (400|404|422)/] }),

    () => step("a user's email addresses and phone numbers: add, verify, make primary, remove", async () => {
      const kj = byFirst(mock, "Katherine");
      await go(page, `#/users/${kj.id}`, "Katherine Johnson");
      await page.fill("#add-email", "kj@nasa.example");
      await press(page, "#add-email-submit");
      await seeText(page.locator("#email-list"), "kj@nasa.example");
      const added = kj.email_addresses.find((e) => e.email_address === "kj@nasa.example");
      assert(added?.verification.status === "unverified", "the mock added it unverified");
      await seeText(page.locator(`[data-focus-key="ident-${added.id}"]`), "Unverified");
      await focusIs(page, "#add-email-submit", "Add email address");

      await press(page, 'button[aria-label="Verify kj@nasa.example"]');
      await seeText(page.locator("#toasts"), "Marked kj@nasa.example as verified");
      assert(added.verification.status === "verified", "the mock verified it");
      await focusIs(page, `[data-focus-key="ident-${added.id}"]`, "its list item (the Verify button is gone)");
      await press(page, 'button[aria-label="Make primary: kj@nasa.example"]');
      await seeText(page.locator("#toasts"), "kj@nasa.example is now the primary email address");
      assert(kj.primary_email_address_id === added.id, "the mock made it primary");
      await seeText(page.locator(`[data-focus-key="ident-${added.id}"]`), "Primary"); // the card has re-rendered
      assert(await page.locator('button[aria-label="Remove kj@nasa.example"]').count() === 0, "the primary address offers no Remove");
      await press(page, 'button[aria-label="Remove katherine.johnson@example.com"]');
      await confirmByKeyboard(page, "Remove the email address katherine.johnson@example.com", "identifiers: remove confirmation");
      await until(() => !kj.email_addresses.some((e) => e.email_address === "katherine.johnson@example.com"), "the mock removed the old address");
      await focusIs(page, "#email-h", "the Email addresses heading");

      await page.fill("#add-email", "a@b"); // the browser accepts it; the API does not
      await press(page, "#add-email-submit");
      await seeText(page.locator("#add-email-error"), "must be a valid email address");
      await focusIs(page, "#add-email[aria-invalid=true]", "the email field, marked invalid");
      await axe(page, "identifiers: refused email");

      await page.fill("#add-phone", "555-0100");
      assert(await page.$eval("#add-phone", (el) => el.validity.patternMismatch), "a phone number not in E.164 is refused before sending");
      await page.fill("#add-phone", "+15550177");
      await page.check("#add-phone-verified");
      await press(page, "#add-phone-submit");
      await seeText(page.locator("#phone-list"), "+15550177");
      const phone = kj.phone_numbers[0];
      assert(phone?.phone_number === "+15550177" && phone.verification.status === "verified" && kj.primary_phone_number_id === phone.id,
        "the mock has the phone number, verified and primary");
    }, { allowConsoleErrors: [/status of 422/] }),

    () => step("bulk ban, unban and delete with a per-user report; CSV export", async () => {
      await go(page, "#/users?order_by=%2Bfirst_name", "Users");
      await seeText(page.locator(".pager"), "Showing 1–10");
      for (const name of ["Ada Lovelace", "Adele Goldberg", "Alan Turing"]) await press(page, `input[aria-label="Select ${name}"]`, "Space");
      await seeText(page.locator("#bulk-count"), "3 selected");
      const [ada, adele, alan] = ["Ada", "Adele", "Alan"].map((f) => byFirst(mock, f));
      mock.state.users.delete(adele.id); // someone else deletes Adele meanwhile: one of three fails
      await press(page, "#bulk-ban");
      await confirmByKeyboard(page, "Ban 3 users: Ada Lovelace, Adele Goldberg, Alan Turing?", "bulk: confirmation");
      await seeText(page.locator("#bulk-report"), "Ban: 2 of 3 done, 1 failed");
      await seeText(page.locator("#bulk-report"), "Adele Goldberg: Not found");
      assert(ada.banned && alan.banned, "the mock banned Ada and Alan");
      await focusIs(page, "#bulk-report-h", "the report's heading");
      await axe(page, "bulk: report");

      await seeText(page.locator("#bulk-count"), "No users selected");
      for (const name of ["Ada Lovelace", "Alan Turing"]) await page.check(`input[aria-label="Select ${name}"]`);
      await page.click("#bulk-unban");
      await confirmByKeyboard(page, "Unban 2 users");
      await seeText(page.locator("#bulk-report"), "Unban: 2 of 2 done");
      assert(!ada.banned && !alan.banned, "the mock unbanned both");

      for (const n of [1, 2]) await apiCreateUser(mock, key, { email_address: [`bulk.delete${n}@example.com`], first_name: "Bulk", last_name: `Delete ${n}` });
      await go(page, "#/users?query=bulk.delete", "Users");
      await seeText(page.locator(".pager"), "of 2");
      await page.check("#bulk-all");
      await seeText(page.locator("#bulk-count"), "2 selected");
      await page.click("#bulk-delete");
      await confirmByKeyboard(page, /Delete 2 users: Bulk Delete [12], Bulk Delete [12]\?/);
      await seeText(page.locator("#bulk-report"), "Delete: 2 of 2 done");
      assert(![...mock.state.users.values()].some((u) => u.first_name === "Bulk"), "the mock deleted both");

      await apiCreateUser(mock, key, { email_address: ["formula@example.com"], first_name: '=HYPERLINK("http://evil.example")', last_name: "Formula" });
      await go(page, "#/users", "Users");
      await seeText(page.locator(".pager"), "Showing 1–10");
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#users-export")]);
      assert(/^users-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
      const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
      assert(lines[0] === "id,first_name,last_name,username,email_address,phone_number,created_at,last_sign_in_at,banned,locked", `header ${lines[0]}`);
      assert(lines.length - 1 === mock.state.users.size, `${lines.length - 1} rows for ${mock.state.users.size} users (all pages)`);
      assert(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil.example"")"`)), "a formula-like name is neutralised");
      assert(lines.some((l) => l.includes(`,"'+15550100000",`)), "phone numbers are exported (guarded with ' and quoted)");
      await seeText(page.locator("#toasts"), `Exported ${mock.state.users.size} users`);
      await go(page, "#/users?query=hopper", "Users");
      await seeText(page.locator(".pager"), "of 1");
      const [filtered] = await Promise.all([page.waitForEvent("download"), page.click("#users-export")]);
      const rows = (await readFile(await filtered.path(), "utf8")).trimEnd().split("\r\n");
      assert(rows.length === 2 && rows[1].includes("grace.hopper@example.com"), `the filtered export has Grace only: ${rows.length - 1} rows`);
    }, { allowConsoleErrors: [/status of 404/] }),

    () => step("impersonation: a form, a second confirmation that says what it allows, the link, revoke", async () => {
      const frances = byFirst(mock, "Frances");
      const ada = byFirst(mock, "Ada");
      await go(page, `#/users/${frances.id}`, "Frances Allen");
      const before = mock.state.actorTokens.size;
      await press(page, "#action-impersonate");
      await seeText(page.locator("dialog"), "Impersonate Frances Allen");
      await axe(page, "impersonation: form");
      await page.fill("#imp-actor", "nobody@example.com");
      await page.keyboard.press("Enter");
      await seeText(page.locator("#imp-actor-error"), "No user has the email address nobody@example.com");
      await page.fill("#imp-actor", "ada.lovelace@example.com");
      await page.keyboard.press("Enter");
      await seeText(page.locator("dialog"), "without a password");
      await seeText(page.locator("dialog"), "recorded as taken by Ada Lovelace");
      await axe(page, "impersonation: second confirmation");
      await page.keyboard.press("Escape");
      await page.locator("dialog").waitFor({ state: "detached" });
      assert(mock.state.actorTokens.size === before, "cancelling the second confirmation creates nothing");
      await focusIs(page, "#action-impersonate", "Impersonate…");

      await press(page, "#action-impersonate");
      await page.fill("#imp-actor", "ada.lovelace@example.com");
      await page.keyboard.press("Enter");
      await confirmByKeyboard(page, "Impersonating Frances Allen lets whoever opens the link");
      const url = await until(() => page.locator("#imp-url").inputValue().catch(() => ""), "the link is shown");
      const token = [...mock.state.actorTokens.values()].at(-1);
      assert(token.user_id === frances.id && token.actor.sub === ada.id && token.status === "pending", "the mock has a pending actor token, Ada acting as Frances");
      assert(url === token.url && /\/v1\/tickets\/accept\?ticket=/.test(url), `the page shows the token's URL: ${url}`);
      await focusIs(page, "#imp-h", "the link's heading");
      await press(page, "#imp-revoke");
      await seeText(page.locator("#imp-revoked"), "was revoked");
      assert(token.status === "revoked", "the mock revoked it");
    }),

    () => step("request inspector: signed in, signed out and why, a pasted request, the instance's key, option errors, a handshake's headers", async () => {
      await go(page, "#/tools", "Tools");
      await page.click("#ri-sample");
      await until(async () => (await page.inputValue("#ri-cookie")).includes("__client_uat="), "the sample fills the cookies");
      await page.click("#ri-run");
      await seeText(page.locator("#ri-verdict"), "Signed in as user_");
      await seeText(page.locator("#ri-auth-out"), '"userId": "user_');
      await seeText(page.locator("#ri-state-out"), '"isAuthenticated": true');
      await seeText(page.locator("#ri-result"), /Headers it adds to the response \(\d+\)/);
      await axe(page, "request inspector: signed in");
      const cookie = await page.inputValue("#ri-cookie");
      await page.fill("#ri-cookie", cookie.replace(/;\s*__client_uat=\d+/, ""));
      await page.click("#ri-run");
      await seeText(page.locator("#ri-verdict"), "Signed out: session-token-but-no-client-uat");
      await seeText(page.locator("#ri-verdict"), "Clerk sets both");
      await seeText(page.locator("#ri-headers-out"), "x-clerk-auth-reason");
      await seeText(page.locator("#ri-headers-out"), "session-token-but-no-client-uat");

      const token = /__session=([^;\s]+)/.exec(cookie)[1];
      await page.click("#ri-h ~ details summary");
      await page.fill("#ri-raw", `GET /api/me HTTP/1.1\nHost: app.example.com\nAuthorization: Bearer ${token}\nSec-Fetch-Dest: empty\nOrigin: https://app.example.com\n\n`);
      await page.click("#ri-parse");
      assert(await page.inputValue("#ri-url") === "https://app.example.com/api/me", "the URL comes from Host and the path");
      assert(await page.inputValue("#ri-dest") === "empty" && (await page.inputValue("#ri-auth")).startsWith("Bearer ey"), "Sec-Fetch-Dest and Authorization are filled");
      assert(await page.inputValue("#ri-headers") === "Origin: https://app.example.com", "other headers are kept");
      assert(await page.inputValue("#ri-cookie") === "", "no Cookie in the pasted request");
      await page.check("#ri-key-instance");
      await page.click("#ri-run");
      await seeText(page.locator("#ri-verdict"), "Signed in as user_"); // verified with the instance's JWKS
      await page.fill("#ri-azp", "https://app.example.com");
      await page.click("#ri-run");
      await seeText(page.locator("#ri-verdict"), "Signed out: token-invalid-authorized-parties");
      await seeText(page.locator("#ri-verdict"), "not in authorizedParties");

      await page.fill("#ri-options", '{"clockSkewInMs": "soon"}');
      await page.click("#ri-run");
      const refused = await seeText(page.locator("#ri-result .error"), "authenticateRequest refused these options");
      assert(refused.includes("clockSkewInMs must be a finite number") && !/InvalidRequestError|Error:/.test(refused), `in plain words: ${refused}`);
      await axe(page, "request inspector: options refused");
      await page.fill("#ri-options", "{nope");
      await page.click("#ri-run");
      await seeText(page.locator("#ri-options-error"), "not valid JSON");
      await page.fill("#ri-options", "");

      const handshake = await page.evaluate(async () => {
        const { renderState } = await import("/app/views/request-inspector.js");
        const headers = new Headers({ location: "https://accounts.example.test/v1/client/handshake?redirect_url=https%3A%2F%2Fapp.example.com%2F",
          "x-clerk-auth-status": "handshake", "x-clerk-auth-reason": "session-token-expired" });
        headers.append("set-cookie", "__clerk_handshake=; Max-Age=0; Path=/");
        headers.append("set-cookie", "__session=eyJnew; Path=/; SameSite=Lax");
        const div = document.createElement("div");
        div.append(...renderState({ status: "handshake", reason: "session-token-expired", message: "", headers, toAuth: () => ({ userId: null }) }));
        return div.textContent;
      });
      for (const part of ["Handshake", "location", "https://accounts.example.test/v1/client/handshake", "__clerk_handshake=; Max-Age=0; Path=/",
        "__session=eyJnew; Path=/; SameSite=Lax", "Headers it adds to the response (5)", "session-token-expired", '"status": "handshake"']) {
        assert(handshake.includes(part), `a handshake state shows ${part}`);
      }
    }),

    () => step("keyboard only: search, open a user, lock and unlock, save, go to an organization, add and remove a member", async () => {
      await go(page, "#/users", "Users");
      await focusIs(page, "h1", "the Users heading");
      await tabTo(page, "#user-query");
      await page.keyboard.type("turing");
      await page.keyboard.press("Enter");
      await seeText(page.locator(".pager"), "of 1");
      await focusIs(page, "#user-query", "the search field, after the results re-render");
      await tabTo(page, 'main table a[href^="#/users/"]');
      await page.keyboard.press("Enter");
      await seeText(page.locator("h1"), "Alan Turing");
      await focusIs(page, "h1", "the user's heading");
      await tabTo(page, "#action-lock");
      await page.keyboard.press("Enter");
      await seeText(page.locator(".meta-line"), "Locked");
      await focusIs(page, "#action-unlock", "Unlock");
      await page.keyboard.press("Enter");
      await seeText(page.locator(".meta-line"), "Active");
      await focusIs(page, "#action-lock", "Lock");
      await tabTo(page, "#p-username");
      await page.keyboard.type("aturing");
      await tabTo(page, "#save-profile");
      await page.keyboard.press("Enter");
      await seeText(page.locator("#toasts"), "Profile saved");
      await focusIs(page, "#save-profile", "Save profile");
      assert(byFirst(mock, "Alan").username === "aturing", "the mock saved the username");
      await tabTo(page, '#nav a[data-section="organizations"]', { back: true });
      await page.keyboard.press("Enter");
      await seeText(page.locator("h1"), "Organizations");
      await focusIs(page, "h1", "the Organizations heading");
      await tabTo(page, 'main table a[href*="#/organizations/org_"]');
      const orgName = await page.evaluate(() => document.activeElement.textContent);
      await page.keyboard.press("Enter");
      await seeText(page.locator("h1"), orgName);
      await tabTo(page, "#member-user");
      await page.keyboard.type("grace.hopper@example.com");
      await tabTo(page, "#member-add");
      await page.keyboard.press("Enter");
      await seeText(page.locator("#toasts"), "Added Grace Hopper");
      await focusIs(page, "#member-add", "Add member");
      await tabTo(page, 'button[aria-label="Remove Grace Hopper"]');
      await page.keyboard.press("Enter");
      await confirmByKeyboard(page, "Remove Grace Hopper");
      await seeText(page.locator("#toasts"), "Removed Grace Hopper");
      await focusIs(page, "#members-h", "the Members heading");
    }),
  ];
}
