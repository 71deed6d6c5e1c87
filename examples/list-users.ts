// Find users by email, walk every user page by page, and react to Clerk's error responses.
import { Clerk, ClerkErrors, SDKError, type User } from "clerk-edge";

declare const env: { CLERK_SECRET_KEY: string };

export async function findByEmail(clerk: Clerk, email: string): Promise<User | undefined> {
  const users = await clerk.users.list({ email_address: [email], limit: 1 });
  return users[0];
}

export async function allEmails(clerk: Clerk): Promise<string[]> {
  const emails: string[] = [];
  // item by item, across pages of 100 (ends on the last, short page)
  for await (const user of clerk.users.list.items({ limit: 100, order_by: "-created_at" })) {
    for (const address of user.email_addresses) emails.push(address.email_address);
  }
  return emails;
}

export async function displayName(userId: string): Promise<string> {
  const clerk = new Clerk({ bearerAuth: env.CLERK_SECRET_KEY, timeoutMs: 5_000 });
  try {
    const user = await clerk.users.get({ user_id: userId });
    return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.id;
  } catch (err) {
    if (err instanceof ClerkErrors && err.status === 404) return "(deleted user)";
    if (err instanceof ClerkErrors && err.status === 429) {
      throw new Error(`rate limited, retry in ${err.retryAfter ?? 1} s (trace ${err.clerk_trace_id})`);
    }
    if (err instanceof SDKError) throw new Error(`Clerk answered ${err.statusCode}: ${err.body.slice(0, 80)}`);
    throw err;
  }
}
