/**
 * Client invitations: one link, used once, for 7 days; resend replaces it, revoke kills it;
 * only the therapist who sent it can touch it. Accepting creates a verified client of that
 * therapist. Clients then sign in with a magic link.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  latestInvitationToken,
  outboxRows,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const UNUSABLE = /expired or has already been used/;
const DAY = 24 * 60 * 60 * 1000;

let api: TestApi;
let therapistA: Actor;
let therapistB: Actor;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapistA = await signUpTherapist(api, "Dana Therapist", "dana@example.com");
  therapistB = await signUpTherapist(api, "Boris Therapist", "boris@example.com");
});
afterAll(async () => api?.drop());

let n = 0;
function nextEmail() {
  n++;
  return `client${n}@example.com`;
}

async function invite(by: Actor = therapistA, email = nextEmail(), name = "Chris Client") {
  const inv = await by.caller.mutate("invitations.send", { name, email });
  const token = await latestInvitationToken(api, email.toLowerCase());
  return { inv, token, email, name };
}

function accept(token: string, over: Record<string, unknown> = {}) {
  const caller = new Caller(api);
  return caller
    .authPost("/tend/accept-invitation", {
      token,
      name: "Chris Client",
      timeZone: "Europe/London",
      password: "a quiet harbour 2026",
      ...over,
    })
    .then(async (res) => ({ res, caller, body: (await res.json()) as { message?: string } }));
}

async function invitationRow(id: string) {
  return api.db.selectFrom("invitation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function previewStatus(token: string, caller = new Caller(api)) {
  return (await caller.trpc("invitations.preview", "query", { token })).status;
}

describe("an invitation link", () => {
  it("stores only the sha256 of the token, never the token", async () => {
    const { inv, token } = await invite();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await invitationRow(inv.id);
    expect(row.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.token_hash).not.toBe(token);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("opens a preview, and works exactly once", async () => {
    const { token, email } = await invite();
    expect(await new Caller(api).query("invitations.preview", { token })).toEqual({
      therapistName: "Dana Therapist",
      clientName: "Chris Client",
      email,
    });
    const first = await accept(token);
    expect(first.res.status).toBe(200);
    const second = await accept(token, { name: "Someone Else" });
    expect(second.res.status).toBe(404);
    expect(second.body.message).toMatch(UNUSABLE);
    expect(await previewStatus(token)).toBe(404);
    const users = await api.db
      .selectFrom("user")
      .select("name")
      .where("email", "=", email)
      .execute();
    expect(users).toEqual([{ name: "Chris Client" }]);
  });

  it("expires 7 days after it is sent", async () => {
    const { inv, token, email } = await invite();
    const expiresIn = new Date(inv.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(7 * DAY - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * DAY);

    // Sent 6 days 23 hours ago: still fine.
    await api.db
      .updateTable("invitation")
      .set({ expires_at: new Date(Date.now() + 60 * 60_000) })
      .where("id", "=", inv.id)
      .execute();
    expect(await previewStatus(token)).toBe(200);

    // Sent 7 days and a minute ago: dead.
    await api.db
      .updateTable("invitation")
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where("id", "=", inv.id)
      .execute();
    expect(await previewStatus(token)).toBe(404);
    const r = await accept(token);
    expect(r.res.status).toBe(404);
    expect(r.body.message).toMatch(UNUSABLE);
    expect(
      await api.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(),
    ).toBeUndefined();
    const list = await therapistA.caller.query("clients.list");
    expect(list.invitations.find((i: { id: string }) => i.id === inv.id).state).toBe("expired");
  });

  it("resend replaces the token: old link dead, new link works, sent_count 2, a second email with a new key", async () => {
    const { inv, token: oldToken, email } = await invite();
    const before = await invitationRow(inv.id);
    const resent = await therapistA.caller.mutate("invitations.resend", { id: inv.id });
    expect(resent.sentCount).toBe(2);
    const after = await invitationRow(inv.id);
    expect(after.sent_count).toBe(2);
    expect(after.token_hash).not.toBe(before.token_hash);

    const newToken = await latestInvitationToken(api, email);
    expect(newToken).not.toBe(oldToken);
    const emails = await outboxRows(api, { template: "invite", to: email });
    expect(emails.map((e) => e.idempotency_key)).toEqual([
      `invite:${inv.id}:1`,
      `invite:${inv.id}:2`,
    ]);
    expect(emails[0]!.data.url).not.toBe(emails[1]!.data.url);

    expect(await previewStatus(oldToken)).toBe(404);
    const old = await accept(oldToken);
    expect(old.res.status).toBe(404);
    expect(old.body.message).toMatch(UNUSABLE);
    expect((await accept(newToken)).res.status).toBe(200);
  });

  it("revoke makes it dead (and it cannot be resent afterwards)", async () => {
    const { inv, token, email } = await invite();
    expect(await therapistA.caller.mutate("invitations.revoke", { id: inv.id })).toEqual({
      ok: true,
    });
    expect((await invitationRow(inv.id)).revoked_at).toBeInstanceOf(Date);
    expect(await previewStatus(token)).toBe(404);
    const r = await accept(token);
    expect(r.res.status).toBe(404);
    expect(r.body.message).toMatch(UNUSABLE);
    const resend = await therapistA.caller.trpc("invitations.resend", "mutation", { id: inv.id });
    expect(resend.status).toBe(409);
    expect(await outboxRows(api, { template: "invite", to: email })).toHaveLength(1);
  });

  it("an unknown or malformed token: 404 / 400, never an account", async () => {
    const unknown = await accept("x".repeat(43));
    expect(unknown.res.status).toBe(404);
    expect(unknown.body.message).toMatch(UNUSABLE);
    const short = await accept("short");
    expect(short.res.status).toBe(400);
  });
});

describe("accepting", () => {
  it("creates a client of the inviting therapist, email verified, with the chosen time zone, signed in", async () => {
    const { inv, token, email } = await invite(therapistB, nextEmail(), "Robin Client");
    const { res, caller } = await accept(token, {
      name: "Robin",
      timeZone: "America/Sao_Paulo",
    });
    expect(res.status).toBe(200);
    expect(caller.sessionToken()).not.toBeNull();

    const me = await caller.query("me.get");
    expect(me).toMatchObject({
      name: "Robin",
      email,
      role: "client",
      client: { therapistName: "Boris Therapist", timeZone: "America/Sao_Paulo" },
    });
    const user = await api.db
      .selectFrom("user")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(user.emailVerified).toBe(true);
    expect(user.role).toBe("client");
    const profile = await api.db
      .selectFrom("client_profile")
      .selectAll()
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(profile.therapist_id).toBe(therapistB.id);
    expect(profile.time_zone).toBe("America/Sao_Paulo");
    const row = await invitationRow(inv.id);
    expect(row.accepted_at).toBeInstanceOf(Date);
    expect(row.client_user_id).toBe(user.id);

    // B sees the client; A does not.
    const listB = await therapistB.caller.query("clients.list");
    expect(listB.clients.map((c: { id: string }) => c.id)).toContain(user.id);
    const listA = await therapistA.caller.query("clients.list");
    expect(listA.clients.map((c: { id: string }) => c.id)).not.toContain(user.id);

    // The therapist hears about it through the outbox.
    const joined = await outboxRows(api, { template: "client-joined", to: therapistB.email });
    expect(joined.at(-1)!.data).toEqual({ clientName: "Robin" });
  });

  it("an invalid time zone is a 400 with a sentence, and the link still works", async () => {
    const { token, email } = await invite();
    const r = await accept(token, { timeZone: "Mars/Olympus_Mons" });
    expect(r.res.status).toBe(400);
    expect(r.body.message).toMatch(/Please choose a time zone from the list\./);
    expect(
      await api.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(),
    ).toBeUndefined();
    expect((await accept(token)).res.status).toBe(200);
  });

  it("for an email that already has an account: a clear error, and that account is unchanged", async () => {
    const existing = await signUpTherapist(api, "Existing Person", "existing@example.com");
    const snapshot = async () => ({
      user: await api.db
        .selectFrom("user")
        .selectAll()
        .where("id", "=", existing.id)
        .executeTakeFirstOrThrow(),
      accounts: await api.db
        .selectFrom("account")
        .select(["id", "password", "providerId"])
        .where("userId", "=", existing.id)
        .execute(),
      profile: await api.db
        .selectFrom("client_profile")
        .selectAll()
        .where("user_id", "=", existing.id)
        .executeTakeFirst(),
    });
    const before = await snapshot();
    // Inviting answers as for anyone else (nothing is revealed to the inviter).
    const { inv, token } = await invite(therapistA, "Existing@Example.com", "Someone");
    expect(inv.state).toBe("pending");
    const r = await accept(token, { name: "Taken Over", password: "a different long password" });
    expect(r.res.status).toBe(409);
    expect(r.body.message).toMatch(/already a Tend account for this email address/);
    expect(r.caller.sessionToken()).toBeNull();
    expect(await snapshot()).toEqual(before);
    expect((await invitationRow(inv.id)).accepted_at).toBeNull();
    expect((await new Caller(api).signIn(existing.email, "a calm river 2026")).status).toBe(200);
    expect((await new Caller(api).signIn(existing.email, "a different long password")).status).toBe(
      401,
    );
  });
});

describe("another therapist's invitation", () => {
  it("therapist B cannot resend or revoke A's invitation: NOT_FOUND, and nothing changes", async () => {
    const { inv, token, email } = await invite(therapistA);
    const before = await invitationRow(inv.id);
    const emailsBefore = await outboxRows(api);

    const resend = await therapistB.caller.trpc("invitations.resend", "mutation", { id: inv.id });
    expect(resend.status).toBe(404);
    expect(resend.body.error.data.code).toBe("NOT_FOUND");
    const revoke = await therapistB.caller.trpc("invitations.revoke", "mutation", { id: inv.id });
    expect(revoke.status).toBe(404);
    expect(revoke.body.error.data.code).toBe("NOT_FOUND");

    expect(await invitationRow(inv.id)).toEqual(before);
    expect(await outboxRows(api)).toEqual(emailsBefore);
    const listB = await therapistB.caller.query("clients.list");
    expect(listB.invitations.map((i: { email: string }) => i.email)).not.toContain(email);
    expect(await previewStatus(token)).toBe(200);
  });

  it("a client cannot send, resend or revoke invitations", async () => {
    const { token, inv } = await invite(therapistA);
    const other = await invite(therapistA);
    const { caller } = await accept(token);
    expect(
      (await caller.trpc("invitations.send", "mutation", { name: "X", email: nextEmail() })).status,
    ).toBe(403);
    expect((await caller.trpc("invitations.resend", "mutation", { id: other.inv.id })).status).toBe(
      403,
    );
    expect((await caller.trpc("invitations.revoke", "mutation", { id: other.inv.id })).status).toBe(
      403,
    );
    expect((await invitationRow(other.inv.id)).revoked_at).toBeNull();
    expect(inv.id).not.toBe(other.inv.id);
  });
});

describe("magic link sign-in for clients", () => {
  function requestLink(email: string, callbackURL = "/today") {
    return new Caller(api).authPost("/sign-in/magic-link", { email, callbackURL });
  }

  it("request it, open the emailed link, and you are signed in as that client", async () => {
    const { token, email } = await invite(therapistA, nextEmail(), "Morgan");
    expect((await accept(token, { name: "Morgan", password: undefined })).res.status).toBe(200);

    const res = await requestLink(email);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: true });
    const rows = await outboxRows(api, { template: "magic-link", to: email });
    expect(rows).toHaveLength(1);
    const url = new URL(String(rows[0]!.data.url));
    expect(url.origin).toBe(api.env.PUBLIC_URL);

    const browser = new Caller(api);
    const open = await browser.fetch(url.pathname + url.search);
    expect(open.status).toBe(302);
    expect(open.headers.get("location")).toBe(`${api.env.PUBLIC_URL}/today`);
    expect(browser.sessionToken()).not.toBeNull();
    expect(await browser.query("me.get")).toMatchObject({
      email,
      role: "client",
      name: "Morgan",
      client: { therapistName: "Dana Therapist" },
    });

    // The link is spent.
    const again = new Caller(api);
    const reopened = await again.fetch(url.pathname + url.search);
    expect(reopened.headers.get("location")).toMatch(/error=INVALID_TOKEN/);
    expect(again.sessionToken()).toBeNull();
  });

  it("for an unknown email: the same answer, and no email is queued", async () => {
    const known = await invite(therapistA, nextEmail(), "Sam");
    await accept(known.token, { name: "Sam" });
    const emailsBefore = (await outboxRows(api)).length;

    const a = await requestLink(known.email);
    const b = await requestLink("nobody-here@example.com");
    expect(b.status).toBe(a.status);
    expect(await b.json()).toEqual(await a.json());
    expect(await outboxRows(api, { to: "nobody-here@example.com" })).toHaveLength(0);
    expect((await outboxRows(api)).length).toBe(emailsBefore + 1);
  });

  it("refuses to send you anywhere but our own site", async () => {
    const { token, email } = await invite();
    await accept(token);
    const res = await requestLink(email, "https://evil.example/steal");
    expect(res.status).toBe(403);
    expect(await outboxRows(api, { template: "magic-link", to: email })).toHaveLength(0);
  });
});
