// Finds a user from what an operator types: a user ID, or an email address (looked up with
// `users.list`). Used wherever a form asks for "a user" (sessions, members, impersonation).

import { clerk } from "./connection.js";
import { InputError } from "./errors.js";

/** The user for `text`; an InputError (tied to the form field `field`) when there is none. */
export async function findUser(text, field) {
  const value = text.trim();
  if (!value) throw new InputError("Enter a user ID (user_…) or an email address.", field);
  if (!value.includes("@")) return clerk().users.get({ user_id: value });
  const [user] = await clerk().users.list({ email_address: [value], limit: 1 });
  if (!user) throw new InputError(`No user has the email address ${value}.`, field);
  return user;
}
