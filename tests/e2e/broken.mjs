// Issue #13's "Broken" list, one step per item. Each assertion failed on the console as it was
// before the fix (see the commit that added it); run after `connect` with a connected page.

import { assert, seeText, closedPort, until, axe, softly, go, press } from "./lib.mjs";

const overflowX = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

export function brokenSteps({ page, step, mock, dev, key }) {
  const users = () => [...mock.state.users.values()];
  const byName = (first) => users().find((u) => u.first_name === first);

  return [
    () => step("broken 1: focus stays put after sort, paging, lock, ban, save and a failed create", async () => {
      const expect = softly(page);
      await go(page, "#/users", "Users");
      await seeText(page.locator(".pager"), "Showing 1–10 of");
      await press(page, "th button[data-sort=first_name]");
      await seeText(page.locator("th[aria-sort=ascending]"), "Name");
      await expect.focus("th button[data-sort=first_name]", "the sort button");
      await press(page, ".pager button:has-text('Next')");
      await seeText(page.locator(".pager"), "Showing 11–20");
      await expect.focus(".pager > button:last-of-type", "Next");
      await press(page, ".pager button:has-text('Previous')");
      await seeText(page.locator(".pager"), "Showing 1–10");
      await expect.focus(".pager > button:first-of-type", "Previous");

      const linus = byName("Linus");
      await go(page, `#/users/${linus.id}`, "Linus Torvalds");
      await press(page, "#action-lock");
      await seeText(page.locator(".meta-line"), "Locked");
      await expect.focus("#action-unlock", "Unlock (which replaced Lock)");
      await press(page, "#action-unlock");
      await seeText(page.locator(".meta-line"), "Active");
      await expect.focus("#action-lock", "Lock (which replaced Unlock)");

      await press(page, "#action-ban");
      await page.locator("dialog").waitFor();
      await page.keyboard.press("Tab"); // Cancel has focus; Tab to the confirming button
      await page.keyboard.press("Enter");
      await seeText(page.locator(".meta-line"), "Banned");
      await expect.focus("#action-unban", "Unban (which replaced Ban)");
      await press(page, "#action-unban");
      await seeText(page.locator(".meta-line"), "Active");
      await expect.focus("#action-ban", "Ban");

      await page.fill("#p-first", "Linus B.");
      await press(page, "#save-profile");
      await seeText(page.locator("h1"), "Linus B. Torvalds");
      await expect.focus("#save-profile", "Save profile");
      expect.that(mock.state.users.get(linus.id).first_name === "Linus B.", "the mock saved the profile");

      await go(page, "#/users", "Users");
      await press(page, "button:has-text('Create user')");
      await page.fill("#new-email", "grace.hopper@example.com"); // taken: the API refuses it
      await press(page, "form[aria-labelledby=create-h] button[type=submit]");
      await seeText(page.locator(".error"), "That email address is taken");
      await expect.focus("#new-email, form[aria-labelledby=create-h] [role=alert]", "the refused field or the error");
      expect.done();
    }, { allowConsoleErrors: [/status of 422/] }),

    () => step("broken 2: the pager past the last page and on an empty list", async () => {
      const expect = softly(page);
      await go(page, "#/users?offset=1000", "Users");
      const past = await seeText(page.locator(".pager"), /25/);
      expect.that(!past.includes("0–1000"), `past the end, the pager says "${past}"`);
      expect.that(await page.getByRole("button", { name: "First page" }).count() === 1, "past the end there is a way back to the first page");
      await go(page, "#/users?query=zzzz-nobody", "Users");
      await seeText(page.locator("main table"), "No users match");
      const empty = await page.locator(".pager").innerText();
      expect.that(!empty.includes("0–0"), `an empty list's pager says "${empty}"`);
      expect.done();
    }),

    () => step("broken 3: the slug pattern is a valid regex and the client check runs", async () => {
      const expect = softly(page);
      await go(page, "#/organizations", "Organizations");
      await page.getByRole("button", { name: "Create organization" }).click();
      await page.fill("#new-org-name", "Bad Slug Inc");
      await page.fill("#new-org-slug", "Bad Slug!");
      expect.that(await page.$eval("#new-org-slug", (el) => el.validity.patternMismatch), "the slug pattern flags 'Bad Slug!'");
      await page.press("#new-org-slug", "Enter");
      await page.waitForTimeout(300);
      expect.that(![...mock.state.organizations.values()].some((o) => o.name === "Bad Slug Inc"), "nothing was created");
      await page.getByRole("button", { name: "Cancel" }).click();
      expect.done();
    }),

    () => step("broken 4: the create-user form clears a fixed field and ties the API's error to its field", async () => {
      const expect = softly(page);
      await go(page, "#/users", "Users");
      await page.getByRole("button", { name: "Create user" }).click();
      await page.fill("#new-email", "short.password@example.com");
      await page.fill("#new-meta", "{oops");
      await press(page, "#new-email");
      await until(async () => await page.getAttribute("#new-meta", "aria-invalid") === "true", "invalid JSON is flagged");
      await page.fill("#new-meta", '{"plan": "pro"}');
      await page.fill("#new-password", "short");
      await press(page, "#new-email");
      await seeText(page.locator("form[aria-labelledby=create-h]"), "8 characters");
      expect.that(await page.getAttribute("#new-meta", "aria-invalid") !== "true", "the fixed JSON field is no longer marked invalid");
      expect.that(await page.getAttribute("#new-password", "aria-invalid") === "true", "the password field is marked invalid");
      const described = await page.$eval("#new-password", (el) => (el.getAttribute("aria-describedby") ?? "").split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
      expect.that(/8 characters/.test(described), `the password's description carries the API's message (is "${described}")`);
      await expect.focus("#new-password", "the password field");
      await page.getByRole("button", { name: "Cancel" }).click();
      expect.done();
    }, { allowConsoleErrors: [/status of 422/] }),

    () => step("broken 5: organization detail fits a 390 px screen", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        const acme = [...mock.state.organizations.values()].find((o) => o.slug === "acme");
        await go(page, `#/organizations/${acme.id}`, "Acme Inc");
        await seeText(page.locator("main table"), "Admin");
        const over = await overflowX(page);
        assert(over <= 0, `the page is ${over}px wider than the screen`);
      } finally {
        await page.setViewportSize({ width: 1280, height: 860 });
      }
    }),

    () => step("broken 6: errors in plain words, no operation ids; local checks say nothing was sent", async () => {
      const expect = softly(page);
      await page.getByRole("link", { name: "Connection" }).click();
      await seeText(page.locator("h1"), "Connect");
      await page.fill("#base-url", `http://127.0.0.1:${await closedPort()}`);
      await page.fill("#secret-key", key);
      await page.click("form button[type=submit]");
      const refused = await expect.text(page.locator(".error"), "Could not reach", 3000);
      expect.that(!/GetUsersCount|ConnectionError|Failed to fetch/.test(refused), `the error shows internals: ${refused}`);
      await page.fill("#secret-key", "not-a-key");
      await page.click("form button[type=submit]");
      const local = await expect.text(page.locator(".error"), "sk_test_", 3000);
      expect.that(!local.includes("Request failed") && /nothing was sent/i.test(local), `a local check is titled as a failed request: ${local}`);
      await page.fill("#base-url", "not a url at all");
      await page.fill("#secret-key", key);
      await page.click("form button[type=submit]");
      const badUrl = await expect.text(page.locator(".error"), "base URL", 3000);
      expect.that(!/404|API error/.test(badUrl), `a malformed base URL is sent: ${badUrl}`);
      await page.fill("#base-url", mock.url);
      await page.click("form button[type=submit]");
      await seeText(page.locator("#conn-status"), "Connected");
      expect.done();
    }, { allowConsoleErrors: [/ERR_CONNECTION_REFUSED/] }),

    () => step("broken 7: the API going away mid-session is shown at once, with Retry", async () => {
      await go(page, "#/users", "Users");
      await seeText(page.locator(".pager"), "Showing 1–10");
      mock.setOffline(true);
      try {
        const started = Date.now();
        await page.getByRole("button", { name: "Next →" }).click();
        await seeText(page.locator("#conn-status"), "Connection lost", 3000);
        await seeText(page.locator("#users-results"), /not answering|retrying/i, 3000);
        await seeText(page.locator("#users-results .error"), "Could not reach", 12000);
        const took = Date.now() - started;
        assert(took < 7000, `the error came after ${took} ms of retries`);
        console.log(`     (connection lost: error with Retry after ${took} ms)`);
      } finally {
        mock.setOffline(false);
      }
      await page.getByRole("button", { name: "Retry" }).click();
      await seeText(page.locator(".pager"), "Showing 11–20");
      await seeText(page.locator("#conn-status"), "Connected");
    }, { allowConsoleErrors: [/ERR_(EMPTY_RESPONSE|CONNECTION_(RESET|CLOSED))|Failed to load resource/] }),

    () => step("broken 8: layout: aligned filters, narrow selects, badge casing, distinct Ban/Delete, named ban dialog, one toast", async () => {
      const expect = softly(page);
      const ada = byName("Ada");
      await go(page, `#/sessions?user=${encodeURIComponent(ada.email_addresses[0].email_address)}`, "Sessions");
      await seeText(page.locator("main"), "Sessions of Ada Lovelace");
      const top = (sel) => page.$eval(sel, (el) => el.getBoundingClientRect().top);
      const dy = Math.abs(await top("#session-user") - await top("#session-status"));
      expect.that(dy <= 2, `the status select sits ${dy}px off the user field`);

      await go(page, "#/users", "Users");
      await seeText(page.locator(".pager"), "Showing 1–10");
      const mid = (sel) => page.$eval(sel, (el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; });
      const off = Math.abs(await mid("#user-limit") - await mid(".pager button:has-text('Next')"));
      expect.that(off <= 4, `the page-size control sits ${off}px off the pager's line`);

      await go(page, "#/invitations", "Invitations");
      await seeText(page.locator("main table"), "pat@example.org");
      const width = await page.$eval("#inv-status", (el) => el.getBoundingClientRect().width);
      expect.that(width <= 400, `the invitations status filter is ${width}px wide`);

      const grace = byName("Grace");
      for (const hash of ["#/invitations", "#/users", `#/users/${grace.id}`]) {
        await go(page, hash);
        await page.locator("main .badge").first().waitFor();
        const badges = await page.locator("main .badge").allInnerTexts();
        const lower = badges.filter((t) => t[0] !== t[0].toUpperCase());
        expect.that(lower.length === 0, `badges not in sentence case on ${hash}: ${lower.join(", ")}`);
      }
      const bg = (sel) => page.$eval(sel, (el) => getComputedStyle(el).backgroundColor);
      expect.that(await bg("#action-ban") !== await bg("#action-delete"), "Ban and Delete look the same");
      await page.click("#action-ban");
      await expect.text(page.locator("dialog"), "Grace Hopper", 1000);
      await page.keyboard.press("Escape");
      await page.locator("dialog").waitFor({ state: "detached" });

      for (const id of ["#action-lock", "#action-unlock", "#action-lock", "#action-unlock"]) {
        await page.click(id);
        await page.locator(id === "#action-lock" ? "#action-unlock" : "#action-lock").waitFor();
      }
      const toasts = await page.locator("#toasts .toast").count();
      expect.that(toasts <= 1, `${toasts} toasts pile up`);
      const reserve = await page.evaluate(() => {
        const t = document.querySelector("#toasts .toast")?.getBoundingClientRect();
        return t ? parseFloat(getComputedStyle(document.querySelector("main")).paddingBottom) - t.height : 0;
      });
      expect.that(reserve >= 0, "the page leaves room below its content for the toast");

      for (const hash of ["#/users", `#/users/${grace.id}`, "#/invitations", "#/lists"]) {
        await go(page, hash);
        await page.locator("main table").first().waitFor();
        await page.locator("main [aria-busy=true]").waitFor({ state: "detached" }).catch(() => {});
        await axe(page, `broken 8: ${hash}`).catch((e) => expect.that(false, e.message));
      }
      expect.done();
    }),
  ];
}
