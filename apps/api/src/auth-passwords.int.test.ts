/**
 * Passwords: 8–128 characters, not one of the common ones, no composition rules, stored as
 * argon2id. Password reset: single-use tokens, links built from PUBLIC_URL, never from Host.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Caller,
  createTestApi,
  latestInvitationToken,
  outboxRows,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const ARGON2ID = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{32,}$/;
const COMMON = /common/i;
type ErrorBody = { message?: string; code?: string };

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
});
afterAll(async () => api?.drop());

let n = 0;
function nextEmail() {
  n++;
  return `person${n}@example.com`;
}

async function signUp(password: string, email = nextEmail()) {
  const res = await new Caller(api).authPost("/sign-up/email", { name: "Pat", email, password });
  return { res, email, body: (await res.json()) as ErrorBody };
}

async function userExists(email: string) {
  return Boolean(
    await api.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(),
  );
}

async function storedHash(email: string) {
  const row = await api.db
    .selectFrom("account as a")
    .innerJoin("user as u", "u.id", "a.userId")
    .select("a.password")
    .where("u.email", "=", email)
    .where("a.providerId", "=", "credential")
    .executeTakeFirstOrThrow();
  return row.password!;
}

describe("password rules at sign-up", () => {
  it.each([
    ["7 characters", "x7#kq2L", /at least 8 characters/],
    ["129 characters", "a".repeat(64) + "b".repeat(65), /at most 128 characters/],
    ["password1", "password1", COMMON],
    ["iloveyou", "iloveyou", COMMON],
    ["Password1 (any case)", "Password1", COMMON],
  ])("rejects %s with a sentence, and creates no account", async (_label, password, message) => {
    const { res, email, body } = await signUp(password);
    expect(res.status).toBe(400);
    expect(body.message).toMatch(message);
    // A sentence for a person, not a code.
    expect(body.message).toMatch(/^[A-Z].{10,}\.$/);
    expect(await userExists(email)).toBe(false);
  });

  it.each([
    ["a long passphrase of words only", "correct horse battery staple"],
    ["exactly 8 characters", "kq7#vLm2"],
    ["exactly 128 characters", "river stone ".repeat(10) + "a".repeat(8)],
  ])("accepts %s", async (_label, password) => {
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(password.length).toBeLessThanOrEqual(128);
    const { res, email } = await signUp(password);
    expect(res.status).toBe(200);
    expect(await userExists(email)).toBe(true);
    expect((await new Caller(api).signIn(email, password)).status).toBe(200);
  });

  it("stores an argon2id hash with OWASP's settings, never the password", async () => {
    const password = "slow mornings by the sea";
    const { res, email } = await signUp(password);
    expect(res.status).toBe(200);
    const hash = await storedHash(email);
    expect(hash).toMatch(ARGON2ID);
    expect(hash).not.toContain(password);
    expect((await new Caller(api).signIn(email, "slow mornings by the SEA")).status).toBe(401);
  });
});

describe("password rules elsewhere", () => {
  it("change-password refuses a common password and keeps the old one", async () => {
    const t = await signUpTherapist(api, "Dana", nextEmail(), "first long password");
    const before = await storedHash(t.email);
    const res = await t.caller.authPost("/change-password", {
      currentPassword: "first long password",
      newPassword: "iloveyou",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).message).toMatch(COMMON);
    expect(await storedHash(t.email)).toBe(before);
  });

  it("accepting an invitation refuses a short or common password and creates no account", async () => {
    const t = await signUpTherapist(api, "Dana", nextEmail());
    const email = nextEmail();
    await t.caller.mutate("invitations.send", { name: "Chris", email });
    const token = await latestInvitationToken(api, email);
    for (const [password, message] of [
      ["short1", /at least 8/],
      ["password1", COMMON],
    ] as const) {
      const res = await new Caller(api).authPost("/tend/accept-invitation", {
        token,
        name: "Chris",
        timeZone: "Europe/London",
        password,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).message).toMatch(message);
    }
    expect(await userExists(email)).toBe(false);
    // The invitation is still usable with a good password, and that password is argon2id too.
    const ok = await new Caller(api).authPost("/tend/accept-invitation", {
      token,
      name: "Chris",
      timeZone: "Europe/London",
      password: "walking the dog at dawn",
    });
    expect(ok.status).toBe(200);
    expect(await storedHash(email)).toMatch(ARGON2ID);
  });
});

describe("password reset", () => {
  async function requestReset(email: string, init: { host?: string } = {}) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (init.host) headers.host = init.host;
    const url = init.host
      ? `http://${init.host}/api/auth/request-password-reset`
      : "/api/auth/request-password-reset";
    return new Caller(api).fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ email, redirectTo: "/reset-password" }),
    });
  }

  async function latestResetUrl(email: string) {
    const rows = await outboxRows(api, { template: "reset-password", to: email });
    expect(rows.length).toBeGreaterThan(0);
    return String(rows.at(-1)!.data.url);
  }

  function tokenOf(url: string) {
    return new URL(url).pathname.split("/").at(-1)!;
  }

  it("a reset token works once; the new password works, the old one and old sessions do not", async () => {
    const t = await signUpTherapist(api, "Dana", nextEmail(), "old but long password");
    expect((await requestReset(t.email)).status).toBe(200);
    const token = tokenOf(await latestResetUrl(t.email));
    expect(token).toMatch(/^\w{20,}$/);

    const first = await new Caller(api).authPost("/reset-password", {
      token,
      newPassword: "new and longer password",
    });
    expect(first.status).toBe(200);

    const again = await new Caller(api).authPost("/reset-password", {
      token,
      newPassword: "a third password entirely",
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as ErrorBody).code).toBe("INVALID_TOKEN");

    expect((await new Caller(api).signIn(t.email, "new and longer password")).status).toBe(200);
    expect((await new Caller(api).signIn(t.email, "old but long password")).status).toBe(401);
    expect((await new Caller(api).signIn(t.email, "a third password entirely")).status).toBe(401);
    // revokeSessionsOnPasswordReset: the session from before the reset is gone.
    expect((await t.caller.trpc("me.get", "query")).status).toBe(401);
  });

  it("a common new password is refused and does not spend the token", async () => {
    const t = await signUpTherapist(api, "Dana", nextEmail(), "old but long password");
    await requestReset(t.email);
    const token = tokenOf(await latestResetUrl(t.email));
    const weak = await new Caller(api).authPost("/reset-password", {
      token,
      newPassword: "password1",
    });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as ErrorBody).message).toMatch(COMMON);
    const ok = await new Caller(api).authPost("/reset-password", {
      token,
      newPassword: "a sensible new password",
    });
    expect(ok.status).toBe(200);
  });

  it("builds the link from PUBLIC_URL, never from the Host header", async () => {
    const t = await signUpTherapist(api, "Dana", nextEmail());
    const res = await requestReset(t.email, { host: "evil.example" });
    expect(res.status).toBe(200);
    const url = await latestResetUrl(t.email);
    expect(url.startsWith(`${api.env.PUBLIC_URL}/`)).toBe(true);
    expect(url).not.toContain("evil.example");
  });

  it("refuses a redirect to another site, and queues nothing", async () => {
    const t = await signUpTherapist(api, "Dana", nextEmail());
    const res = await new Caller(api).authPost("/request-password-reset", {
      email: t.email,
      redirectTo: "https://evil.example/steal",
    });
    expect(res.status).toBe(403);
    expect(await outboxRows(api, { template: "reset-password", to: t.email })).toHaveLength(0);
  });
});
