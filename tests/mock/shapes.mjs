// Builders for objects shaped like the Backend API spec's schemas (User, Session, Organization, ...).
// Every field the spec marks `required` is present, so the client's response validation accepts them.

import { randomBytes } from "node:crypto";
import { identifierType } from "./http.mjs";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Clerk-looking id (`user_2abc...`): prefix + 27 base62 chars, from `rand()` (seeded) or crypto. */
export function makeId(prefix, rand) {
  let out = "";
  const bytes = rand ? null : randomBytes(27);
  for (let i = 0; i < 27; i++) {
    const r = rand ? Math.floor(rand() * 62) : bytes[i] % 62;
    out += ALPHABET[r];
  }
  return `${prefix}_${out}`;
}

const adminVerification = () => ({
  object: "verification_admin",
  status: "verified",
  strategy: "admin",
  attempts: null,
  expire_at: null,
});

/** A code verification not yet attempted (an identifier added without `verified: true`). */
const pendingVerification = (strategy) => ({
  object: "verification_otp",
  status: "unverified",
  strategy,
  attempts: null,
  expire_at: null,
});

/** The verification an identifier gets when an admin sets `verified`. */
export const verification = (verified, strategy) => (verified ? adminVerification() : pendingVerification(strategy));

export function emailAddress(id, address, at, { verified = true } = {}) {
  return {
    id,
    object: "email_address",
    email_address: address,
    reserved: false,
    verification: verification(verified, "email_code"),
    linked_to: [],
    created_at: at,
    updated_at: at,
  };
}

export function phoneNumber(id, number, at, { verified = true } = {}) {
  return {
    id,
    object: "phone_number",
    phone_number: number,
    reserved_for_second_factor: false,
    default_second_factor: false,
    reserved: false,
    verification: verification(verified, "phone_code"),
    linked_to: [],
    backup_codes: null,
    created_at: at,
    updated_at: at,
  };
}

export function user(fields) {
  const at = fields.created_at;
  return {
    id: fields.id,
    object: "user",
    external_id: fields.external_id ?? null,
    primary_email_address_id: fields.email_addresses[0]?.id ?? null,
    primary_phone_number_id: fields.phone_numbers[0]?.id ?? null,
    primary_web3_wallet_id: null,
    username: fields.username ?? null,
    first_name: fields.first_name ?? null,
    last_name: fields.last_name ?? null,
    locale: null,
    profile_image_url: "",
    image_url: "",
    has_image: false,
    public_metadata: fields.public_metadata ?? {},
    private_metadata: fields.private_metadata ?? {},
    unsafe_metadata: fields.unsafe_metadata ?? {},
    email_addresses: fields.email_addresses,
    phone_numbers: fields.phone_numbers,
    web3_wallets: [],
    passkeys: [],
    password_enabled: Boolean(fields.password_enabled),
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    password_last_updated_at: fields.password_enabled ? at : null,
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    last_sign_in_at: fields.last_sign_in_at ?? null,
    banned: Boolean(fields.banned),
    locked: Boolean(fields.locked),
    lockout_expires_in_seconds: fields.locked ? 3600 : null,
    verification_attempts_remaining: fields.locked ? 0 : 100,
    updated_at: at,
    created_at: at,
    delete_self_enabled: true,
    create_organization_enabled: true,
    create_organizations_limit: null,
    last_active_at: fields.last_active_at ?? null,
    legal_accepted_at: null,
    bypass_client_trust: false,
  };
}

export function session(fields) {
  return {
    object: "session",
    id: fields.id,
    user_id: fields.user_id,
    client_id: fields.client_id,
    actor: null,
    status: fields.status ?? "active",
    last_active_organization_id: null,
    last_active_at: fields.last_active_at,
    latest_activity: {
      object: "session_activity",
      id: fields.activity_id,
      device_type: fields.device ?? "Macintosh",
      is_mobile: false,
      browser_name: fields.browser ?? "Chrome",
      browser_version: "126.0.0.0",
      ip_address: fields.ip ?? "203.0.113.7",
      city: fields.city ?? "Lisbon",
      country: fields.country ?? "PT",
    },
    expire_at: fields.created_at + 7 * 86400_000,
    abandon_at: fields.created_at + 30 * 86400_000,
    updated_at: fields.last_active_at,
    created_at: fields.created_at,
    tasks: null,
  };
}

export function organization(fields) {
  return {
    object: "organization",
    id: fields.id,
    name: fields.name,
    slug: fields.slug,
    image_url: "",
    has_image: false,
    max_allowed_memberships: fields.max_allowed_memberships ?? 0,
    admin_delete_enabled: true,
    public_metadata: fields.public_metadata ?? {},
    private_metadata: fields.private_metadata ?? {},
    created_by: fields.created_by ?? "",
    created_at: fields.created_at,
    updated_at: fields.created_at,
    role_set_key: null,
  };
}

/** The membership as the API returns it: the organization embedded, the user's public data. */
export function membership(m, org, u) {
  return {
    id: m.id,
    object: "organization_membership",
    role: m.role,
    role_name: m.role === "org:admin" ? "Admin" : "Member",
    permissions: m.role === "org:admin"
      ? ["org:sys_memberships:manage", "org:sys_memberships:read", "org:sys_profile:manage"]
      : ["org:sys_memberships:read"],
    public_metadata: m.public_metadata ?? {},
    private_metadata: m.private_metadata ?? {},
    organization: org,
    public_user_data: {
      user_id: u.id,
      first_name: u.first_name,
      last_name: u.last_name,
      profile_image_url: "",
      image_url: "",
      has_image: false,
      identifier: u.email_addresses[0]?.email_address ?? u.username ?? u.id,
      username: u.username,
      banned: u.banned,
    },
    created_at: m.created_at,
    updated_at: m.created_at,
  };
}

export function organizationInvitation(fields, inviter) {
  return {
    object: "organization_invitation",
    id: fields.id,
    email_address: fields.email_address,
    role: fields.role,
    role_name: fields.role === "org:admin" ? "Admin" : "Member",
    organization_id: fields.organization_id,
    inviter_id: inviter?.id ?? null,
    public_inviter_data: inviter
      ? {
          user_id: inviter.id,
          first_name: inviter.first_name,
          last_name: inviter.last_name,
          image_url: "",
          has_image: false,
          identifier: inviter.email_addresses[0]?.email_address ?? inviter.id,
        }
      : null,
    status: fields.status ?? "pending",
    public_metadata: fields.public_metadata ?? {},
    private_metadata: fields.private_metadata ?? {},
    url: null,
    expires_at: fields.created_at + 30 * 86400_000,
    created_at: fields.created_at,
    updated_at: fields.created_at,
  };
}

export function invitation(fields) {
  return {
    object: "invitation",
    id: fields.id,
    email_address: fields.email_address,
    public_metadata: fields.public_metadata ?? {},
    revoked: fields.status === "revoked",
    status: fields.status ?? "pending",
    url: `https://accounts.example.test/sign-up?__clerk_ticket=${fields.id}`,
    expires_at: fields.created_at + 30 * 86400_000,
    created_at: fields.created_at,
    updated_at: fields.created_at,
  };
}

/** An actor token: a sign-in ticket that lets `actor.sub` act as `user_id`. */
export function actorToken(fields) {
  return {
    object: "actor_token",
    id: fields.id,
    status: fields.status ?? "pending",
    user_id: fields.user_id,
    actor: fields.actor,
    token: fields.token,
    url: `https://accounts.example.test/v1/tickets/accept?ticket=${fields.token}`,
    created_at: fields.created_at,
    updated_at: fields.created_at,
  };
}

export function listIdentifier(kind, fields) {
  const out = {
    object: kind, // "allowlist_identifier" | "blocklist_identifier"
    id: fields.id,
    identifier: fields.identifier,
    identifier_type: identifierType(fields.identifier),
    instance_id: "ins_mock",
    created_at: fields.created_at,
    updated_at: fields.created_at,
  };
  if (kind === "allowlist_identifier") out.invitation_id = fields.invitation_id ?? "";
  return out;
}

export const deleted = (object, id) => ({ object, id, deleted: true });
