// A JSON object editor: a textarea that validates as you type (must parse, must be an object)
// and says what is wrong, with aria-invalid for assistive tech.

import { h } from "./ui.js";

/** Where JSON.parse failed, as "line L, column C" when the engine reports a position. */
function describe(err, text) {
  const pos = /position (\d+)/.exec(err.message)?.[1];
  if (pos === undefined) return err.message;
  const before = text.slice(0, Number(pos));
  const line = before.split("\n").length;
  const column = Number(pos) - before.lastIndexOf("\n");
  return `${err.message.replace(/ in JSON at position \d+.*$/, "")} (line ${line}, column ${column})`;
}

/** Parses `text` as a JSON object; returns { value } or { error }. */
export function parseObject(text) {
  if (!text.trim()) return { value: {} };
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: "Metadata must be a JSON object, like {\"plan\": \"pro\"}." };
    return { value };
  } catch (err) {
    return { error: `Invalid JSON: ${describe(err, text)}` };
  }
}

/** Returns { el, read() -> object | undefined (undefined when invalid), textarea }. */
export function jsonEditor({ id, label, value, hint }) {
  const textarea = h("textarea", { id, rows: 6, spellcheck: "false", class: "mono", "aria-describedby": `${id}-msg` });
  textarea.value = JSON.stringify(value ?? {}, null, 2);
  const msg = h("small", { id: `${id}-msg`, class: "hint", "aria-live": "polite" }, hint ?? "");
  const check = () => {
    const { error } = parseObject(textarea.value);
    textarea.setAttribute("aria-invalid", error ? "true" : "false");
    msg.textContent = error ?? hint ?? "";
    msg.classList.toggle("invalid", Boolean(error));
    return !error;
  };
  textarea.addEventListener("input", check);
  const el = h("div", { class: "field" }, h("label", { for: id }, label), textarea, msg);
  return {
    el,
    textarea,
    read() {
      if (!check()) {
        textarea.focus();
        return undefined;
      }
      return parseObject(textarea.value).value;
    },
  };
}

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The PATCH body that turns `before` into `after` under Clerk's merge semantics (nested objects
 * merge, null deletes): removed keys become null, changed values are sent, unchanged ones are not.
 */
export function mergePatch(before, after) {
  const patch = {};
  for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null;
  for (const [k, v] of Object.entries(after)) {
    if (isPlainObject(v) && isPlainObject(before[k])) {
      const inner = mergePatch(before[k], v);
      if (Object.keys(inner).length) patch[k] = inner;
    } else if (JSON.stringify(v) !== JSON.stringify(before[k])) {
      patch[k] = v;
    }
  }
  return patch;
}
