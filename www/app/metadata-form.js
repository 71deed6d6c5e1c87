// The metadata card shared by users and organizations: one JSON editor per kind, saved as one
// merge PATCH (mergePatch: removed keys sent as null, unchanged ones not sent).

import { h, runAction, toast } from "./ui.js";
import { jsonEditor, mergePatch } from "./json-editor.js";

/**
 * kinds: [[key, { id, label, hint }]]; `current` holds the saved values; `save(patch)` sends the
 * merge and resolves to the updated object, handed to `onSaved`. `ids`: { heading, button }.
 */
export function metadataForm({ kinds, current, save, onSaved, ids, note, layout = "stack" }) {
  const editors = kinds.map(([key, opts]) => [key, jsonEditor({ ...opts, value: current[key] ?? {} })]);
  const errors = h("div");
  const button = h("button", { type: "submit", id: ids.button }, "Save metadata");
  const fields = editors.map(([, ed]) => ed.el);
  const form = h("form", { class: "card stack", "aria-labelledby": ids.heading },
    h("h2", { id: ids.heading }, "Metadata"),
    h("p", { class: "muted" }, note),
    layout === "stack" ? fields : h("div", { class: layout }, fields),
    errors,
    h("div", { class: "row" }, button));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const patch = {};
    for (const [key, ed] of editors) {
      const value = ed.read();
      if (value === undefined) return; // the editor shows what is wrong and has focus
      const diff = mergePatch(current[key] ?? {}, value);
      if (Object.keys(diff).length) patch[key] = diff;
    }
    if (!Object.keys(patch).length) return toast("Nothing changed");
    const updated = await runAction(button, errors, () => save(patch), "Saving…");
    if (updated) {
      toast("Metadata saved");
      onSaved(updated);
    }
  });
  return form;
}
