/**
 * Mutations need POST and our own Origin (or, without an Origin, Sec-Fetch-Site: same-origin).
 * A refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  outboxRows,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const PASSWORD = "a calm river 2026";
let api: TestApi;
let therapist: Actor;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Dana Therapist", "dana@example.com", PASSWORD);
});
afterAll(async () => api?.drop());

async function invitationCount() {
  const r = await api.db
    .selectFrom("invitation")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function passwordHash(userId: string) {
  const r = await api.db
    .selectFrom("account")
    .select("password")
    .where("userId", "=", userId)
    .executeTakeFirstOrThrow();
  return r.password;
}

const invite = { name: "Chris Client", email: "chris@example.com" };

describe("a tRPC mutation", () => {
  it("from another Origin: 403, no invitation, no email", async () => {
    for (const origin of ["https://evil.example", "null", "http://tend.test.evil.example"]) {
      const r = await therapist.caller.trpc("invitations.send", "mutation", invite, { origin });
      expect(r.status, origin).toBe(403);
      expect(r.body.error).toMatch(/Tend's own pages/);
    }
    expect(await invitationCount()).toBe(0);
    expect(await outboxRows(api, { template: "invite" })).toHaveLength(0);
  });

  it("the Vite dev origin is not trusted outside development", async () => {
    const r = await therapist.caller.trpc("invitations.send", "mutation", invite, {
      origin: "http://localhost:5173",
    });
    expect(r.status).toBe(403);
    expect(await invitationCount()).toBe(0);
  });

  it("without Origin and without Sec-Fetch-Site: same-origin: 403", async () => {
    const none = await therapist.caller.trpc("invitations.send", "mutation", invite, {
      origin: null,
    });
    expect(none.status).toBe(403);
    const crossSite = await therapist.caller.trpc("invitations.send", "mutation", invite, {
      origin: null,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(await invitationCount()).toBe(0);
  });

  it("without Origin but with Sec-Fetch-Site: same-origin: allowed", async () => {
    const r = await therapist.caller.trpc("invitations.send", "mutation", invite, {
      origin: null,
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(r.status).toBe(200);
    expect(await invitationCount()).toBe(1);
    await api.db.deleteFrom("invitation").execute();
    await api.db.deleteFrom("outbox").execute();
  });

  it("with our Origin: allowed (the control)", async () => {
    const r = await therapist.caller.trpc("invitations.send", "mutation", invite);
    expect(r.status).toBe(200);
    expect(await invitationCount()).toBe(1);
    await api.db.deleteFrom("invitation").execute();
    await api.db.deleteFrom("outbox").execute();
  });

  it("sent as GET is refused and changes nothing", async () => {
    const res = await therapist.caller.fetch(
      `/trpc/invitations.send?input=${encodeURIComponent(JSON.stringify(invite))}`,
    );
    expect(res.status).toBe(405);
    expect(await invitationCount()).toBe(0);
    expect(await outboxRows(api)).toHaveLength(0);
  });
});

describe("a better-auth POST", () => {
  it("sign-up from another Origin: 403, no account", async () => {
    const res = await new Caller(api).authPost(
      "/sign-up/email",
      { name: "Eve", email: "eve@example.com", password: PASSWORD },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    const user = await api.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", "eve@example.com")
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it("change-password from another Origin or with no Origin: 403, the password stays", async () => {
    const before = await passwordHash(therapist.id);
    const body = { currentPassword: PASSWORD, newPassword: "taken over by someone else" };
    const evil = await therapist.caller.authPost("/change-password", body, {
      origin: "https://evil.example",
    });
    expect(evil.status).toBe(403);
    const none = await therapist.caller.authPost("/change-password", body, { origin: null });
    expect(none.status).toBe(403);
    expect(await passwordHash(therapist.id)).toBe(before);
    expect((await new Caller(api).signIn(therapist.email, PASSWORD)).status).toBe(200);
  });

  it("sign-out from another Origin: 403, still signed in", async () => {
    const res = await therapist.caller.authPost(
      "/sign-out",
      {},
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect((await therapist.caller.trpc("me.get", "query")).status).toBe(200);
  });

  it("sign-out as GET is refused, still signed in", async () => {
    const res = await therapist.caller.fetch("/api/auth/sign-out");
    expect([404, 405]).toContain(res.status);
    expect((await therapist.caller.trpc("me.get", "query")).status).toBe(200);
  });

  it("password reset request from another Origin: 403, no email queued", async () => {
    const res = await new Caller(api).authPost(
      "/request-password-reset",
      { email: therapist.email, redirectTo: "/reset-password" },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(await outboxRows(api, { template: "reset-password" })).toHaveLength(0);
  });
});
