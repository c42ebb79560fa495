/**
 * The audit log: sign-ins (good and failed), and every time a therapist opens a client's data,
 * which the client can read in their access log (their own only).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const PASSWORD = "a calm river 2026";
let api: TestApi;
let therapistA: Actor;
let therapistB: Actor;
let clientA1: Actor;
let clientA2: Actor;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapistA = await signUpTherapist(api, "Dana Therapist", "dana@example.com", PASSWORD);
  therapistB = await signUpTherapist(api, "Boris Therapist", "boris@example.com", PASSWORD);
  clientA1 = await inviteAndAccept(api, therapistA, "Chris Client", "chris@example.com");
  clientA2 = await inviteAndAccept(api, therapistA, "Alex Client", "alex@example.com");
});
afterAll(async () => api?.drop());

async function events(action: string, filter: { actor?: string; subject?: string } = {}) {
  let q = api.db.selectFrom("audit_event").selectAll().where("action", "=", action).orderBy("id");
  if (filter.actor) q = q.where("actor_user_id", "=", filter.actor);
  if (filter.subject) q = q.where("subject_user_id", "=", filter.subject);
  return q.execute();
}

describe("sign-ins", () => {
  it("a successful sign-in is recorded with who and from where", async () => {
    const caller = new Caller(api);
    const before = (await events("sign_in", { actor: therapistA.id })).length;
    expect((await caller.signIn(therapistA.email, PASSWORD)).status).toBe(200);
    const rows = await events("sign_in", { actor: therapistA.id });
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actor_user_id: therapistA.id,
      subject_user_id: therapistA.id,
      ip: caller.ip,
    });
    expect(Date.now() - rows.at(-1)!.at.getTime()).toBeLessThan(60_000);
  });

  it("a failed sign-in is recorded against the account, with the address, and no password", async () => {
    const caller = new Caller(api);
    const res = await caller.signIn(therapistA.email, "not my password at all");
    expect(res.status).toBe(401);
    const rows = await events("sign_in_failed", { subject: therapistA.id });
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ subject_user_id: therapistA.id, ip: caller.ip });
    expect(last.detail).toEqual({ method: "password" });
    expect(JSON.stringify(last)).not.toContain("not my password at all");
    // No sign_in for that failure.
    const ok = await events("sign_in", { actor: therapistA.id });
    expect(ok.every((r) => r.ip !== caller.ip)).toBe(true);
  });

  it("a failed sign-in for an unknown email is recorded too (no subject)", async () => {
    const caller = new Caller(api);
    expect((await caller.signIn("nobody@example.com", "whatever it is")).status).toBe(401);
    const rows = await api.db
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "sign_in_failed")
      .where("ip", "=", caller.ip)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject_user_id).toBeNull();
  });
});

describe("sign-outs and password changes", () => {
  it("signing out and changing the password are recorded, without the password", async () => {
    const caller = new Caller(api);
    expect((await caller.signIn(therapistB.email, PASSWORD)).status).toBe(200);
    const outBefore = (await events("sign_out", { actor: therapistB.id })).length;
    const changed = await caller.authPost("/change-password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new river 2027",
      revokeOtherSessions: false,
    });
    expect(changed.status).toBe(200);
    const pw = await events("password_changed", { actor: therapistB.id });
    expect(pw).toHaveLength(1);
    expect(JSON.stringify(pw[0])).not.toContain("river");
    expect((await caller.authPost("/sign-out", {})).status).toBe(200);
    expect((await events("sign_out", { actor: therapistB.id })).length).toBeGreaterThan(outBefore);
    // Put the password back for the other tests.
    await caller.signIn(therapistB.email, "a brand new river 2027");
    await caller.authPost("/change-password", {
      currentPassword: "a brand new river 2027",
      newPassword: PASSWORD,
    });
  });
});

describe("client data views", () => {
  it("a therapist opening a client records client_data_viewed, and the client sees who and when", async () => {
    const t0 = Date.now();
    const client = await therapistA.caller.query("clients.get", { clientId: clientA1.id });
    expect(client).toMatchObject({ id: clientA1.id, email: clientA1.email });

    const rows = await events("client_data_viewed", { subject: clientA1.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: therapistA.id, subject_user_id: clientA1.id });
    expect(rows[0]!.ip).toBe(therapistA.caller.ip);

    const log = await clientA1.caller.query("me.accessLog");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      viewerName: "Dana Therapist",
      viewerRole: "therapist",
      what: "profile",
    });
    const at = new Date(log[0].at).getTime();
    expect(at).toBeGreaterThanOrEqual(t0 - 5_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it("a client never sees another client's access log", async () => {
    await therapistA.caller.query("clients.get", { clientId: clientA1.id });
    const mine = await clientA2.caller.query("me.accessLog");
    expect(mine).toEqual([]);
    await therapistA.caller.query("clients.get", { clientId: clientA2.id });
    const after = await clientA2.caller.query("me.accessLog");
    expect(after).toHaveLength(1);
    // A1's log only has A1's views (two by now), none of A2's.
    const a1 = await clientA1.caller.query("me.accessLog");
    expect(a1).toHaveLength(2);
    expect((await events("client_data_viewed", { subject: clientA1.id })).length).toBe(2);
  });

  it("another therapist cannot open the client, and nothing is recorded in the client's log", async () => {
    const before = (await events("client_data_viewed", { subject: clientA1.id })).length;
    const r = await therapistB.caller.trpc("clients.get", "query", { clientId: clientA1.id });
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain(clientA1.email);
    expect((await events("client_data_viewed", { subject: clientA1.id })).length).toBe(before);
  });

  it("the access log is for clients only, and a client cannot open clients", async () => {
    expect((await therapistA.caller.trpc("me.accessLog", "query")).status).toBe(403);
    expect((await new Caller(api).trpc("me.accessLog", "query")).status).toBe(401);
    const r = await clientA2.caller.trpc("clients.get", "query", { clientId: clientA1.id });
    expect(r.status).toBe(403);
  });
});
