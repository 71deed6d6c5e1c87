// The types are strict: each line marked @ts-expect-error must stay a compile error
// (tsc fails with "Unused '@ts-expect-error' directive" if one starts to type-check).
import { Clerk } from "clerk-edge";

export async function mistakes(clerk: Clerk): Promise<void> {
  // @ts-expect-error limit is a number, not a string
  await clerk.users.list({ limit: "20" });

  // @ts-expect-error user_id is required
  await clerk.users.get({});

  // @ts-expect-error params are snake_case: userId is not a parameter
  await clerk.users.get({ user_id: "user_1", userId: "user_1" });

  // @ts-expect-error "fax" is not a template type (enum)
  await clerk.emailSMSTemplates.list({ template_type: "fax" });

  // @ts-expect-error there is no users.fetch operation
  await clerk.users.fetch({ user_id: "user_1" });

  // @ts-expect-error there is no userz namespace
  await clerk.userz.get({ user_id: "user_1" });

  const user = await clerk.users.get({ user_id: "user_1" });
  // @ts-expect-error responses are snake_case as the API sends them
  user.firstName;
  // first_name may be null: strict null checks force the caller to handle it
  // @ts-expect-error Object is possibly 'null'
  user.first_name.toUpperCase();

  // @ts-expect-error the file of an upload is not a string
  await clerk.users.setProfileImage({ user_id: "user_1", file: "avatar.png" });

  // @ts-expect-error timeoutMs is a number
  await clerk.users.get({ user_id: "user_1" }, { timeoutMs: "5s" });

  // @ts-expect-error retryConfig strategy is "backoff" or "none"
  new Clerk({ bearerAuth: "sk_test_x", retryConfig: { strategy: "sometimes" } });
}
