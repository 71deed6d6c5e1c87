// Helpers for the console's end-to-end run: assertions (playwright-core has no `expect`), waits
// on text, focus checks, axe-core checks, and the step runner that screenshots each step.

import { createServer } from "node:net";
import { once } from "node:events";
import { join } from "node:path";
import { createRequire } from "node:module";

export class AssertionError extends Error {}
export const assert = (cond, message) => { if (!cond) throw new AssertionError(message); };

/** Waits until `locator`'s text contains `text` (or matches a RegExp); returns the text. */
export async function seeText(locator, text, timeout = 8000) {
  const deadline = Date.now() + timeout;
  if (process.env.E2E_DEBUG) console.log("   see", String(locator), String(text)); // E2E_DEBUG=1: trace each wait
  let last = "";
  for (;;) {
    last = (await locator.first().innerText({ timeout: 1000 }).catch(() => last)) ?? "";
    if (typeof text === "string" ? last.includes(text) : text.test(last)) return last;
    if (Date.now() > deadline) throw new AssertionError(`expected ${JSON.stringify(String(text))} in ${locator}, saw ${JSON.stringify(last.slice(0, 300))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `fn` (in Node) until it returns a truthy value; fails with `message` after `timeout`. */
export async function until(fn, message, timeout = 8000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new AssertionError(message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Hash navigation keeps the in-memory connection (a reload would drop it). */
export async function go(page, hash, heading) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  if (heading) await seeText(page.locator("h1"), heading);
}

/** Focuses `selector` and presses `key` (Enter by default): what a keyboard user does. */
export async function press(page, selector, key = "Enter") {
  await page.focus(selector);
  await page.keyboard.press(key);
}

export async function rowCount(page, scope = "main") {
  await page.locator(`${scope} table tbody tr`).first().waitFor();
  return page.locator(`${scope} table tbody tr`).count();
}

/** The texts of the first data column (the users list's selection column is skipped). */
export const firstColumn = (page) => page.locator("main table tbody tr td:nth-child(1 of :not(.select))").allInnerTexts();

/** A port nothing listens on (bound, then released). */
export async function closedPort() {
  const srv = createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** A short description of the focused element: `tag#id.class "text"`. */
export const describeFocus = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "<body>";
  const text = (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${text}"`;
});

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`: how a
 * keyboard user reaches a control. Fails after `max` presses.
 */
export async function tabTo(page, selector, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new AssertionError(`${max} ${back ? "Shift+Tab" : "Tab"} presses did not reach ${selector} (focus on ${await describeFocus(page)})`);
}

/**
 * Waits until the focused element matches `selector` (a CSS selector evaluated in the page), so
 * that an action that ends asynchronously is given its time; fails naming where focus is.
 */
export async function focusIs(page, selector, what = selector, timeout = 4000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    if (Date.now() > deadline) throw new AssertionError(`focus should be on ${what}, is on ${await describeFocus(page)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Soft assertions for a step that checks several things: every failure is collected and
 * `done()` throws them all at once, so one run shows each part that fails.
 */
export function softly(page) {
  const failures = [];
  const keep = (err) => { if (!(err instanceof AssertionError)) throw err; failures.push(err.message); };
  return {
    that: (cond, message) => { if (!cond) failures.push(message); },
    focus: (selector, what) => focusIs(page, selector, what, 1500).catch(keep),
    text: (locator, text, timeout) => seeText(locator, text, timeout).catch((e) => { keep(e); return ""; }),
    done: () => assert(failures.length === 0, failures.join(" | ")),
  };
}

// ---- axe-core ---------------------------------------------------------------------------------

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
export const axeLog = []; // { state, violations } for every state checked

/**
 * Runs axe-core (WCAG 2.x A and AA rules plus best practices) on the page as it is now and fails
 * on any violation, listing rule ids and the first offending nodes.
 */
export async function axe(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ["violations"] });
    return res.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  axeLog.push({ state, violations: violations.length });
  assert(violations.length === 0,
    `axe (${state}): ${violations.map((v) => `${v.id} at ${v.nodes.join(", ")}`).join("; ")}`);
}

// ---- steps ------------------------------------------------------------------------------------

/**
 * Runs named steps against one page: each fails on a thrown error, an unexpected browser
 * console error or an axe violation in its final state, and ends with a screenshot in `outDir`
 * (steps without a browser pass `screenshot: false` and skip both).
 */
export function stepRunner(page, outDir, prefix = "") {
  let consoleErrors = [];
  page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(msg.text()); });
  page.on("pageerror", (err) => consoleErrors.push(`uncaught: ${err.message}`));
  const results = [];
  let shot = 0;
  const file = (name) => join(outDir, `${prefix ? `${prefix}-` : ""}${String(++shot).padStart(2, "0")}-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`);

  async function step(name, fn, { allowConsoleErrors = [], screenshot = true } = {}) {
    consoleErrors = [];
    const started = Date.now();
    let error;
    try {
      await fn();
      if (screenshot) await axe(page, `end of "${name}"`); // every browser step ends with an axe check
      const unexpected = consoleErrors.filter((e) => !allowConsoleErrors.some((re) => re.test(e)));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    } catch (err) {
      error = err;
    }
    if (screenshot && error) await page.evaluate(() => document.querySelectorAll("dialog[open]").forEach((d) => d.close())).catch(() => {}); // no cascade
    if (screenshot) await page.screenshot({ path: file(name), fullPage: true }).catch(() => {});
    results.push({ name, ok: !error });
    console.log(`${error ? "FAIL" : "ok  "} ${name} (${Date.now() - started} ms)${error ? `\n     ${error.message.split("\n")[0]}` : ""}`);
  }
  /** An extra screenshot inside a step. */
  const snap = (name) => page.screenshot({ path: file(name), fullPage: true });
  return { step, snap, results };
}
