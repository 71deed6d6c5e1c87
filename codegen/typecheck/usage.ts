// The generated typings as a user meets them: each `@ts-expect-error` line must fail to
// type-check, so a typing that got looser fails `tsc -p codegen`.
import type { ClerkApi, User, WebhookEvent, WebhookEventType, UsersListParams } from "../../pkg/types/index.js";

declare const clerk: ClerkApi;

export async function calls(): Promise<void> {
  const user: User = await clerk.users.get({ user_id: "user_123" });
  const name: string | null | undefined = user.first_name;
  // @ts-expect-error user_id is required
  await clerk.users.get({});
  // @ts-expect-error unknown key
  await clerk.users.get({ user_id: "u", nope: 1 });

  const params: UsersListParams = { limit: 20, email_address: ["a@b.co"] };
  const page: User[] = await clerk.users.list(params, { timeoutMs: 2000, retries: { strategy: "none" } });
  await clerk.users.list(); // every param optional: params may be omitted
  for await (const u of clerk.users.list.items({ limit: 50 })) {
    const id: string = u.id;
  }
  for await (const p of clerk.organizations.list.pages({ limit: 10 })) {
    const total: number = p.total_count;
  }

  await clerk.emailSMSTemplates.list({ template_type: "sms" });
  // @ts-expect-error not one of the enum's values
  await clerk.emailSMSTemplates.list({ template_type: "fax" });

  await clerk.invitations.bulkCreate({ body: [{ email_address: "a@b.co" }] });
  // @ts-expect-error the array body goes under `body`
  await clerk.invitations.bulkCreate([{ email_address: "a@b.co" }]);

  await clerk.users.setProfileImage({ user_id: "u", file: new Blob(["x"]) });
  await clerk.organizations.uploadLogo({ organization_id: "o", file: { content: new Uint8Array(1), fileName: "a.png" } });

  const html: string = await clerk.miscellaneous.getPublicInterstitial({ frontend_api: "x" });
  const nothing: void = await clerk.webhooks.deleteSvixApp();
  await clerk.apiKeys.getSecret({ api_key_id: "ak_1" });
  void [name, page, html, nothing];
}

export function onEvent(event: WebhookEvent): string {
  switch (event.type) {
    case "user.created":
      return event.data.id;
    case "user.deleted":
      return String(event.data.deleted);
    case "session.created":
      return event.data.user_id;
    default:
      return event.type;
  }
}

const types: WebhookEventType[] = ["user.created", "subscriptionItem.freeTrialEnding"];
// @ts-expect-error not an event type
const wrong: WebhookEventType = "user.exploded";
void [types, wrong];
