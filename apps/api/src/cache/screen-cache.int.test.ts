/**
 * Screens reused per data version (cache/screen-cache.ts): a change made anywhere — another API
 * process (app B here, its own cache), or plain SQL — shows on this process's very next request.
 * Two apps share one database, as two API processes would.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "../testing/harness.ts";
import { createScreenCache, localDateKey, quarterHourSlot } from "./screen-cache.ts";

const THERAPIST_PASSWORD = "a calm river 2026";
const CLIENT_PASSWORD = "a quiet harbour 2026";
const OWN = {
  title: "Three good breaths",
  purpose: "A tiny pause.",
  minutes: 2,
  steps: [{ kind: "text", id: "noticed", label: "What did you notice?", size: "short" }],
};

let a: TestApi;
let b: TestApi;
let therapist: Actor;
let client: Actor;
/** The same people, signed in on app B. */
let therapistB: Caller;
let clientB: Caller;
let exerciseId: string;
let assignmentId: string;

async function signInOn(api: TestApi, email: string, password: string) {
  const caller = new Caller(api);
  const res = await caller.signIn(email, password);
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
  return caller;
}

const dataVersion = async (userId: string) =>
  (
    await a.db
      .selectFrom("user")
      .select("data_version")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow()
  ).data_version;

beforeAll(async () => {
  a = await createTestApi({ TRUST_PROXY: "true" });
  // Another API process: same database and keys, its own screens.
  b = await createTestApi(
    { TRUST_PROXY: "true", DATA_ENCRYPTION_KEY: a.env.DATA_ENCRYPTION_KEY },
    { database: a.database },
  );
  therapist = await signUpTherapist(a, "Tam Cache", "tam@example.com", THERAPIST_PASSWORD);
  client = await inviteAndAccept(a, therapist, "Cleo Client", "cleo@example.com", CLIENT_PASSWORD);
  therapistB = await signInOn(b, therapist.email, THERAPIST_PASSWORD);
  clientB = await signInOn(b, client.email, CLIENT_PASSWORD);
  exerciseId = (await therapist.caller.mutate("exercise.create", { definition: OWN })).id;
  assignmentId = (
    await therapist.caller.mutate("assignments.create", {
      clientId: client.id,
      exerciseId,
      startDate: "2026-01-05",
      schedule: { kind: "flexible", timesPerWeek: 3 },
      note: "Start small.",
    })
  ).id;
}, 60_000);
afterAll(async () => {
  await b?.drop();
  await a?.drop();
});

describe("Today", () => {
  it("is reused while nothing changes: a change that skips the triggers is not seen", async () => {
    const first = await client.caller.query("practice.today");
    expect(first.assignments[0]).toMatchObject({ id: assignmentId, title: OWN.title });
    // Behind the triggers' back (replication role): the version stays, so the screen is reused.
    await a.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx
        .updateTable("assignment")
        .set({ status: "paused" })
        .where("id", "=", assignmentId)
        .execute();
    });
    const again = await client.caller.query("practice.today");
    expect(again.assignments[0].status).toBe("active");
    // Put it back the same way, so the next tests start from what the screen shows.
    await a.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx
        .updateTable("assignment")
        .set({ status: "active" })
        .where("id", "=", assignmentId)
        .execute();
    });
  });

  it("shows the therapist's pause made on another process at once", async () => {
    await client.caller.query("practice.today");
    await therapistB.mutate("assignments.setStatus", { id: assignmentId, action: "pause" });
    expect((await client.caller.query("practice.today")).assignments[0].status).toBe("paused");
    await therapistB.mutate("assignments.setStatus", { id: assignmentId, action: "resume" });
    expect((await client.caller.query("practice.today")).assignments[0].status).toBe("active");
  });

  it("shows a new title when the therapist edits the exercise elsewhere", async () => {
    await client.caller.query("practice.today");
    await therapistB.mutate("exercise.update", {
      id: exerciseId,
      definition: { ...OWN, title: "Four good breaths" },
    });
    const t = await client.caller.query("practice.today");
    expect(t.assignments[0].title).toBe("Four good breaths");
    expect(t.flexible[0].title).toBe("Four good breaths");
  });

  it("shows a draft begun and a practice finished on another process", async () => {
    const before = await client.caller.query("practice.today");
    expect(before.drafts).toEqual([]);
    const draft = await clientB.mutate("practice.start", { assignmentId });
    const withDraft = await client.caller.query("practice.today");
    expect(withDraft.drafts.map((d: { entryId: string }) => d.entryId)).toEqual([draft.id]);
    await clientB.mutate("practice.complete", {
      entryId: draft.id,
      answers: { noticed: "my shoulders dropped" },
    });
    const after = await client.caller.query("practice.today");
    expect(after.drafts).toEqual([]);
    expect(after.practisedThisWeek).toBe(before.practisedThisWeek + 1);
    expect(after.flexible[0].doneThisWeek).toBe(before.flexible[0].doneThisWeek + 1);
  });

  it("shows the week note and a new time zone at once", async () => {
    await client.caller.query("practice.today");
    await therapistB.mutate("review.setWeekNote", { clientId: client.id, note: "Gently does it." });
    expect((await client.caller.query("practice.today")).weekNote).toBe("Gently does it.");
    await a.db
      .updateTable("client_profile")
      .set({ time_zone: "Pacific/Auckland" })
      .where("user_id", "=", client.id)
      .execute();
    expect((await client.caller.query("practice.today")).timeZone).toBe("Pacific/Auckland");
  });
});

describe("the therapist's screens", () => {
  it("the client list shows an invitation sent and a name changed elsewhere", async () => {
    const before = await therapist.caller.query("clients.list");
    expect(before.invitations.some((i: { email: string }) => i.email === "nia@example.com")).toBe(
      false,
    );
    await therapistB.mutate("invitations.send", { name: "Nia New", email: "nia@example.com" });
    const after = await therapist.caller.query("clients.list");
    expect(
      after.invitations.find((i: { email: string }) => i.email === "nia@example.com"),
    ).toBeTruthy();
    await a.db
      .updateTable("user")
      .set({ name: "Cleo Renamed" })
      .where("id", "=", client.id)
      .execute();
    const renamed = await therapist.caller.query("clients.list");
    expect(renamed.clients.map((c: { name: string }) => c.name)).toContain("Cleo Renamed");
  });

  it("the review shows a new week note, and stops at once when the client is no longer theirs", async () => {
    await therapist.caller.query("review.bundle", { clientId: client.id });
    await therapistB.mutate("review.setWeekNote", { clientId: client.id, note: "Slow mornings." });
    expect((await therapist.caller.query("review.bundle", { clientId: client.id })).weekNote).toBe(
      "Slow mornings.",
    );
    const other = await signUpTherapist(a, "Olu Other", "olu@example.com");
    await a.db
      .updateTable("client_profile")
      .set({ therapist_id: other.id })
      .where("user_id", "=", client.id)
      .execute();
    const gone = await therapist.caller.trpc("review.bundle", "query", { clientId: client.id });
    expect(gone.status).toBe(404);
    expect(JSON.stringify(gone.body)).not.toContain("Slow mornings.");
    // The new therapist sees the client; the old one's client list no longer has them.
    expect((await other.caller.query("review.bundle", { clientId: client.id })).client.id).toBe(
      client.id,
    );
    expect(
      (await therapist.caller.query("clients.list")).clients.map((c: { id: string }) => c.id),
    ).not.toContain(client.id);
    await a.db
      .updateTable("client_profile")
      .set({ therapist_id: therapist.id })
      .where("user_id", "=", client.id)
      .execute();
  });

  it("a therapist looking at the review again within minutes is one look in the client's log", async () => {
    const t = await signUpTherapist(a, "Lou Looking", "lou@example.com", THERAPIST_PASSWORD);
    const c = await inviteAndAccept(a, t, "Kim Looked", "kim@example.com", CLIENT_PASSWORD);
    const tOnB = await signInOn(b, t.email, THERAPIST_PASSWORD);
    const looks = async () =>
      (await c.caller.query("me.accessLog")).filter((l: { what: string }) => l.what === "review")
        .length;
    expect(await looks()).toBe(0);
    await t.caller.query("review.bundle", { clientId: c.id });
    await t.caller.query("review.bundle", { clientId: c.id });
    expect(await looks()).toBe(1);
    // App B is another process: its first look is recorded too.
    await tOnB.query("review.bundle", { clientId: c.id });
    expect(await looks()).toBe(2);
  });
});

describe("what moves a data version", () => {
  it("the worker's bookkeeping (next reminder, next summary) moves nobody's version", async () => {
    const [c0, t0] = [await dataVersion(client.id), await dataVersion(therapist.id)];
    await a.db
      .updateTable("assignment")
      .set({ next_reminder_at: new Date(), next_occurrence_at: new Date() })
      .where("id", "=", assignmentId)
      .execute();
    await a.db
      .updateTable("client_profile")
      .set({ next_summary_at: new Date() })
      .where("user_id", "=", client.id)
      .execute();
    expect([await dataVersion(client.id), await dataVersion(therapist.id)]).toEqual([c0, t0]);
  });

  it("a client's entry moves the client's and their therapist's, not another therapist's", async () => {
    const other = await signUpTherapist(a, "Uma Unrelated", "uma@example.com");
    const before = await Promise.all([client.id, therapist.id, other.id].map(dataVersion));
    await clientB.mutate("practice.start", { assignmentId });
    const after = await Promise.all([client.id, therapist.id, other.id].map(dataVersion));
    expect(after[0]).toBeGreaterThan(before[0]!);
    expect(after[1]).toBeGreaterThan(before[1]!);
    expect(after[2]).toBe(before[2]);
  });

  it("deleting a client with everything they wrote still works (cascades fire the triggers)", async () => {
    const leaving = await inviteAndAccept(a, therapist, "Lee Leaving", "lee@example.com");
    const id = (
      await therapist.caller.mutate("assignments.create", {
        clientId: leaving.id,
        exerciseId,
        startDate: "2026-01-05",
        schedule: { kind: "flexible", timesPerWeek: 1 },
      })
    ).id;
    await leaving.caller.mutate("practice.start", { assignmentId: id });
    const t0 = await dataVersion(therapist.id);
    await a.db.deleteFrom("user").where("id", "=", leaving.id).execute();
    expect(await dataVersion(therapist.id)).toBeGreaterThan(t0);
    expect(
      (await therapist.caller.query("clients.list")).clients.map((c: { id: string }) => c.id),
    ).not.toContain(leaving.id);
  });
});

describe("the cache itself", () => {
  it("hands back what was stored, forgets after its time, and drops the least used when full", async () => {
    const cache = createScreenCache({ max: 2, ttlMs: 50 });
    cache.set("a", { n: 1 });
    expect(cache.get("a")).toEqual({ n: 1 });
    cache.set("b", { n: 2 });
    cache.set("c", { n: 3 });
    expect(cache.get("b")).toEqual({ n: 2 });
    expect(cache.size).toBe(2);
    cache.set("d", { n: 4 }, 0); // nothing to keep: already out of date
    expect(cache.get("d")).toBeUndefined();
    await new Promise((r) => setTimeout(r, 80));
    expect(cache.get("b")).toBeUndefined();
  });

  it("local dates and quarter hours", () => {
    const at = new Date("2026-03-29T00:40:00Z");
    expect(localDateKey(at, "UTC")).toBe("2026-03-29");
    expect(localDateKey(at, "America/New_York")).toBe("2026-03-28");
    expect(localDateKey(at, "Asia/Kathmandu")).toBe("2026-03-29");
    // Kathmandu (+05:45) changes date at 18:15 UTC: the slots either side differ.
    const before = new Date("2026-03-28T18:14:59Z");
    const after = new Date("2026-03-28T18:15:00Z");
    expect(localDateKey(before, "Asia/Kathmandu")).toBe("2026-03-28");
    expect(localDateKey(after, "Asia/Kathmandu")).toBe("2026-03-29");
    expect(quarterHourSlot(after)).toBe(quarterHourSlot(before) + 1);
    // The date is kept per zone and quarter hour only: asking about an earlier one works it out again.
    expect(localDateKey(before, "Asia/Kathmandu")).toBe("2026-03-28");
    expect(localDateKey(after, "Asia/Kathmandu")).toBe("2026-03-29");
  });
});
