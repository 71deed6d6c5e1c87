// Every screen at desktop (1280 px) and phone (390 px) width: a full-page screenshot of each in
// test-output/e2e/screens/, axe on each, and no horizontal scrolling at 390 px.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { assert, seeText, until, axe, go } from "./lib.mjs";

export const WIDTHS = [[1280, 860], [390, 844]];

/** [file name, hash, heading] for every screen of the console, on the mock's seeded data. */
export function screensOf(mock) {
  const users = [...mock.state.users.values()];
  const grace = users.find((u) => u.first_name === "Grace");
  const ada = users.find((u) => u.first_name === "Ada");
  const org = [...mock.state.organizations.values()].find((o) => o.created_by === ada.id) ?? [...mock.state.organizations.values()][0];
  return [
    ["connect", "#/connect", "Connect"],
    ["users", "#/users", "Users"],
    ["user-detail", `#/users/${grace.id}`, "Grace Hopper"],
    ["organizations", "#/organizations", "Organizations"],
    ["organization-detail", `#/organizations/${org.id}`, org.name],
    ["sessions", `#/sessions?user=${encodeURIComponent(ada.email_addresses[0].email_address)}`, "Sessions"],
    ["invitations", "#/invitations", "Invitations"],
    ["allow-block", "#/lists", "Allowlist and blocklist"],
    ["tools", "#/tools", "Tools"],
  ];
}

/** Waits until nothing on the page is loading. */
const settled = (page) => until(() => page.evaluate(() => !document.querySelector("[aria-busy=true], main .loading")), "the page finished loading");

export async function everyScreen(page, mock, outDir) {
  const dir = join(outDir, "screens");
  await mkdir(dir, { recursive: true });
  try {
    for (const [width, height] of WIDTHS) {
      await page.setViewportSize({ width, height });
      for (const [name, hash, heading] of screensOf(mock)) {
        await go(page, hash);
        await seeText(page.locator("h1"), heading);
        await settled(page);
        await page.evaluate(() => document.getElementById("toasts").replaceChildren());
        await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
        await axe(page, `${name} at ${width} px`);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(over <= 0, `${name} at ${width} px scrolls sideways by ${over}px`);
      }
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 });
  }
}
