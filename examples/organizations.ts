// Create an organization, upload its logo, invite people in bulk; per-call options and the
// errors a caller can act on.
import {
  Clerk,
  ClerkErrors,
  ConnectionError,
  InvalidRequestError,
  RequestAbortedError,
  RequestTimeoutError,
  type Organization,
} from "clerk-edge";

export async function createWithLogo(clerk: Clerk, name: string, ownerId: string, logo: Blob): Promise<Organization> {
  const org = await clerk.organizations.create({ name, created_by: ownerId });
  await clerk.organizations.uploadLogo({ organization_id: org.id, uploader_user_id: ownerId, file: logo });
  // the same upload from raw bytes, with an explicit file name and content type
  const bytes = new Uint8Array(await logo.arrayBuffer());
  await clerk.organizations.uploadLogo({
    organization_id: org.id,
    file: { content: bytes, fileName: "logo.png", contentType: "image/png" },
  });
  return org;
}

export async function inviteAll(clerk: Clerk, emails: string[], signal: AbortSignal): Promise<number> {
  // JSON-array bodies go under `body`
  const invitations = await clerk.invitations.bulkCreate(
    { body: emails.map((email_address) => ({ email_address, notify: true })) },
    { signal, timeoutMs: 10_000, retries: { strategy: "none" }, headers: { "x-request-source": "example" } },
  );
  return invitations.length;
}

/** A message a UI can show for any failure of the calls above. */
export function explain(err: unknown): string {
  if (err instanceof InvalidRequestError) return `not sent: ${err.problems.join("; ")}`;
  if (err instanceof ClerkErrors) return err.errors.map((e) => e.long_message ?? e.message).join("\n");
  if (err instanceof RequestTimeoutError) return "Clerk did not answer in time";
  if (err instanceof RequestAbortedError) return "cancelled";
  if (err instanceof ConnectionError) return "Clerk is unreachable";
  return String(err);
}
