// Impersonation: creates an actor token for the user and shows its sign-in URL. Two steps on
// purpose: a form (who impersonates, for how long), then a confirmation that says in plain words
// what the link allows. The link can be revoked until it is used.

import { h, field, runAction, confirmDialog, formDialog, fullName, toast } from "../ui.js";
import { clerk } from "../connection.js";
import { findUser } from "../user-lookup.js";

const LIFETIMES = [[600, "10 minutes"], [3600, "1 hour"], [86400, "24 hours"]];

/** The "Impersonate…" button; the created link is shown in `slot`. */
export function impersonateButton(user, slot) {
  const button = h("button", { type: "button", class: "secondary", id: "action-impersonate" }, "Impersonate…");
  button.addEventListener("click", async () => {
    const actor = h("input", { id: "imp-actor", name: "actor", required: true, autocomplete: "off", placeholder: "user_… or name@example.com" });
    const lifetime = h("select", { id: "imp-lifetime", name: "expires_in_seconds" },
      LIFETIMES.map(([s, l]) => h("option", { value: String(s), selected: s === 600 }, l)));
    const plan = await formDialog({
      title: `Impersonate ${fullName(user)}`,
      body: [
        h("p", {}, "Creates a one-time sign-in link. Whoever opens it is signed in as this user; the session records who is acting."),
        field("Who impersonates (your user ID or email address)", actor, "Recorded as the actor (the act claim) in the session token."),
        field("The link is valid for", lifetime),
      ],
      submitLabel: "Continue",
      busyLabel: "Checking…",
      submit: async () => ({ actor: await findUser(actor.value, "actor"), seconds: Number(lifetime.value) }),
    });
    if (!plan) return;
    const sure = await confirmDialog(
      `Impersonating ${fullName(user)} lets whoever opens the link sign in as ${fullName(user)} without a password or second factor, ` +
      `see everything they can see and do everything they can do, in every organization they belong to, until the session ends (30 minutes at most). ` +
      `Actions are recorded as taken by ${fullName(plan.actor)} on their behalf. Anyone who gets the link can use it once within ${LIFETIMES.find(([s]) => s === plan.seconds)[1]}.`,
      { confirmLabel: "Create impersonation link" });
    if (!sure) return;
    const token = await runAction(button, slot, () => clerk().actorTokens.create({
      user_id: user.id, actor: { sub: plan.actor.id }, expires_in_seconds: plan.seconds,
    }), "Creating…");
    if (token) showToken(slot, user, token);
  });
  return button;
}

function showToken(slot, user, token) {
  const url = h("input", { id: "imp-url", readonly: true, class: "mono", value: token.url });
  const copy = h("button", { type: "button", class: "secondary", onclick: async () => {
    url.select();
    await navigator.clipboard?.writeText(token.url).then(() => toast("Link copied"), () => toast("Select the link and copy it"));
  } }, "Copy");
  const revoke = h("button", { type: "button", class: "danger-outline", id: "imp-revoke" }, "Revoke link");
  const errors = h("div");
  revoke.addEventListener("click", async () => {
    const res = await runAction(revoke, errors, () => clerk().actorTokens.revoke({ actor_token_id: token.id }), "Revoking…");
    if (res) {
      slot.replaceChildren(h("p", { class: "verdict ok", role: "status", tabindex: "-1", id: "imp-revoked" }, `The impersonation link for ${fullName(user)} was revoked.`));
      slot.firstChild.focus();
    }
  });
  const card = h("section", { class: "card stack", "aria-labelledby": "imp-h" },
    h("h2", { id: "imp-h", tabindex: "-1" }, `Impersonation link for ${fullName(user)}`),
    h("p", {}, "Open it in a private window to act as this user. It works once; revoke it if it is no longer needed."),
    field("Sign-in link", url), h("div", { class: "row" }, copy, revoke), errors);
  slot.replaceChildren(card);
  card.querySelector("#imp-h").focus();
  toast("Impersonation link created");
}
