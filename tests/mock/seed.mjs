// Deterministic sample data: ~25 users, 3 organizations with members and invitations, sessions,
// instance invitations and allow/blocklist entries. Same seed, same ids: tests can rely on them.

import * as shape from "./shapes.mjs";
import { prng } from "../prng.mjs";

const FIRST = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger",
  "Radia", "Donald", "Hedy", "John", "Katherine", "Tim", "Anita", "Guido", "Sophie", "Niklaus",
  "Joan", "Bjarne", "Adele", "Ward", "Lynn"];
const LAST = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen",
  "Dijkstra", "Perlman", "Knuth", "Lamarr", "McCarthy", "Johnson", "Berners-Lee", "Borg", "van Rossum",
  "Wilson", "Wirth", "Clarke", "Stroustrup", "Goldberg", "Cunningham", "Conway"];
const CITIES = [["Lisbon", "PT"], ["Berlin", "DE"], ["Toronto", "CA"], ["Osaka", "JP"], ["Austin", "US"]];
const BROWSERS = ["Chrome", "Firefox", "Safari", "Edge"];

const DAY = 86400_000;

/** Fresh state. `seed === false` gives an empty instance. */
export function seedState(seed = 1, now = Date.now()) {
  const state = {
    users: new Map(), sessions: new Map(), organizations: new Map(), memberships: [],
    orgInvitations: new Map(), invitations: new Map(), allowlist: new Map(), blocklist: new Map(),
    actorTokens: new Map(),
  };
  if (seed === false) return state;
  const rand = prng(seed).next;
  const id = (prefix) => shape.makeId(prefix, rand);

  FIRST.forEach((first, i) => {
    const last = LAST[i];
    const created = now - (FIRST.length - i) * 3 * DAY; // older first: user 0 is the oldest
    const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + "@example.com";
    const phones = i % 3 === 0 ? [shape.phoneNumber(id("idn"), `+1555010${String(i).padStart(4, "0")}`, created)] : [];
    const u = shape.user({
      id: id("user"),
      first_name: first,
      last_name: last,
      username: i % 2 === 0 ? first.toLowerCase() + (i + 1) : null,
      email_addresses: [shape.emailAddress(id("idn"), email, created)],
      phone_numbers: phones,
      password_enabled: i % 4 !== 3,
      banned: i === 6,
      locked: i === 9,
      created_at: created,
      last_sign_in_at: i % 5 === 4 ? null : now - (i % 7) * DAY - 3600_000,
      last_active_at: now - (i % 7) * DAY,
      public_metadata: { plan: i % 3 === 0 ? "pro" : "free" },
      private_metadata: i % 3 === 0 ? { stripe_customer_id: `cus_${1000 + i}` } : {},
      unsafe_metadata: i % 2 === 0 ? { theme: "dark" } : {},
    });
    state.users.set(u.id, u);

    // One or two sessions for the first twelve users.
    if (i < 12) {
      const count = i % 2 === 0 ? 2 : 1;
      for (let s = 0; s < count; s++) {
        const [city, country] = CITIES[(i + s) % CITIES.length];
        const sessCreated = now - (s + 1) * DAY - i * 3600_000;
        const sess = shape.session({
          id: id("sess"), user_id: u.id, client_id: id("client"), activity_id: id("sess_activity"),
          status: s === 0 ? "active" : "ended", created_at: sessCreated, last_active_at: sessCreated + 1800_000,
          browser: BROWSERS[(i + s) % BROWSERS.length], city, country,
        });
        state.sessions.set(sess.id, sess);
      }
    }
  });

  const users = [...state.users.values()];
  const orgs = [["Acme Inc", "acme"], ["Globex", "globex"], ["Initech", "initech"]];
  orgs.forEach(([name, slug], o) => {
    const created = now - (60 - o * 10) * DAY;
    const admin = users[o];
    const org = shape.organization({ id: id("org"), name, slug, created_by: admin.id, created_at: created,
      public_metadata: { tier: o === 0 ? "enterprise" : "startup" } });
    state.organizations.set(org.id, org);
    // Admin + every third user (offset by org) as a member.
    state.memberships.push({ id: id("orgmem"), organization_id: org.id, user_id: admin.id, role: "org:admin", created_at: created });
    users.forEach((u, i) => {
      if (i !== o && i % 3 === o) {
        state.memberships.push({ id: id("orgmem"), organization_id: org.id, user_id: u.id, role: "org:member", created_at: created + i * DAY });
      }
    });
    const inv = { id: id("orginv"), organization_id: org.id, email_address: `new.hire${o + 1}@${slug}.example.com`,
      role: "org:member", inviter_id: admin.id, status: "pending", created_at: now - 2 * DAY };
    state.orgInvitations.set(inv.id, inv);
  });

  [["pending", "pat@example.org"], ["accepted", "sam@example.org"], ["revoked", "lee@example.org"]].forEach(([status, email], n) => {
    const inv = shape.invitation({ id: id("inv"), email_address: email, status, created_at: now - (n + 1) * DAY });
    state.invitations.set(inv.id, inv);
  });
  for (const [n, ident] of ["*@partner.example.com", "+15550100999"].entries()) {
    const e = shape.listIdentifier("allowlist_identifier", { id: id("alid"), identifier: ident, created_at: now - (n + 5) * DAY });
    state.allowlist.set(e.id, e);
  }
  const b = shape.listIdentifier("blocklist_identifier", { id: id("blid"), identifier: "spam@bad.example", created_at: now - 9 * DAY });
  state.blocklist.set(b.id, b);
  return state;
}
