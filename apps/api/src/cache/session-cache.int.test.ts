/**
 * Sessions kept in memory (cache/session-cache.ts) by two API processes (apps A and B, each
 * with its own change feed, on one database): what one process or PostgreSQL changes, the
 * other stops trusting within moments; a person always reads their own writes; with the feed
 * down nothing kept is used.
 */
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionRow } from "../auth/session.ts";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "../testing/harness.ts";
import { type ChangeFeed, startChangeFeed } from "./change-feed.ts";
import { createSessionCache, type SessionCache } from "./session-cache.ts";

const THERAPIST_PASSWORD = "a calm river 2026";
const CLIENT_PASSWORD = "a quiet harbour 2026";
const log = pino({ level: "silent" });

let a: TestApi;
let b: TestApi;
let feedA: ChangeFeed;
let feedB: ChangeFeed;
let sessionsA: SessionCache<SessionRow>;
let therapist: Actor;
let client: Actor;
let assignmentId: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` passes (or fails after `ms`); returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await sleep(5);
  }
}

/** The same cookies, used on another app (process). */
function sameBrowserOn(api: TestApi, caller: Caller): Caller {
  const other = new Caller(api, caller.ip);
  for (const [k, v] of caller.cookies) other.cookies.set(k, v);
  return other;
}

async function until(feed: ChangeFeed) {
  await within(5_000, async () => feed.live);
}

/** Changes made behind the triggers' back (no version moves, no notification). */
async function quietly(api: TestApi, work: (db: TestApi["db"]) => Promise<unknown>) {
  await api.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

let base: TestApi;
beforeAll(async () => {
  base = await createTestApi({ TRUST_PROXY: "true" });
  feedA = startChangeFeed({ connectionString: base.database.url, log, heartbeatMs: 200 });
  feedB = startChangeFeed({ connectionString: base.database.url, log, heartbeatMs: 200 });
  sessionsA = createSessionCache<SessionRow>(feedA);
  const same = { TRUST_PROXY: "true", DATA_ENCRYPTION_KEY: base.env.DATA_ENCRYPTION_KEY };
  a = await createTestApi(same, { database: base.database, sessions: sessionsA });
  b = await createTestApi(same, {
    database: base.database,
    sessions: createSessionCache<SessionRow>(feedB),
  });
  await Promise.all([until(feedA), until(feedB)]);
  therapist = await signUpTherapist(a, "Sol Session", "sol@example.com", THERAPIST_PASSWORD);
  client = await inviteAndAccept(a, therapist, "Ray Client", "ray@example.com", CLIENT_PASSWORD);
  const library = await therapist.caller.query("exercise.listLibrary");
  assignmentId = (
    await therapist.caller.mutate("assignments.create", {
      clientId: client.id,
      exerciseId: library[0].id,
      startDate: "2026-01-05",
      schedule: { kind: "flexible", timesPerWeek: 2 },
    })
  ).id;
}, 60_000);
// Drop `base` last: a and b share its database.
afterAll(async () => {
  await feedA?.close();
  await feedB?.close();
  await b?.drop();
  await a?.drop();
  await base?.drop();
});

describe("kept sessions", () => {
  it("are used: a session deleted behind the triggers' back still answers until told", async () => {
    const caller = new Caller(a);
    expect((await caller.signIn(client.email, CLIENT_PASSWORD)).status).toBe(200);
    expect((await caller.trpc("practice.today", "query")).status).toBe(200);
    expect(sessionsA.size).toBeGreaterThan(0);
    const token = caller.sessionToken()!;
    await quietly(a, (db) => db.deleteFrom("session").where("token", "=", token).execute());
    // Kept: no query was made, so the deletion is not seen (this is what the triggers are for).
    expect((await caller.trpc("practice.today", "query")).status).toBe(200);
    // Without the kept row (another process, nothing kept) the session is gone.
    expect((await sameBrowserOn(b, caller).trpc("practice.today", "query")).status).toBe(401);
  });

  it("signing out on one process is refused on the other within moments", async () => {
    const onA = new Caller(a);
    expect((await onA.signIn(client.email, CLIENT_PASSWORD)).status).toBe(200);
    expect((await onA.trpc("practice.today", "query")).status).toBe(200); // kept on A
    const onB = sameBrowserOn(b, onA);
    expect((await onB.authPost("/sign-out", {})).status).toBe(200);
    const ms = await within(2_000, async () => (await onA.trpc("me.get", "query")).status === 401);
    expect(ms).toBeLessThan(2_000);
  });

  it("a person reads their own writes at once; others' writes arrive within moments", async () => {
    const today = async () => (await client.caller.query("practice.today")).assignments[0];
    expect((await today()).status).toBe("active");
    // The therapist pauses on B: A hears of it from PostgreSQL.
    const therapistOnB = sameBrowserOn(b, therapist.caller);
    await therapistOnB.mutate("assignments.setStatus", { id: assignmentId, action: "pause" });
    await within(2_000, async () => (await today()).status === "paused");
    // The client's own write on A shows on their very next request, without waiting.
    const draft = await client.caller.mutate("practice.start", { assignmentId });
    const t = await client.caller.query("practice.today");
    expect(t.drafts.map((d: { entryId: string }) => d.entryId)).toContain(draft.id);
    await therapistOnB.mutate("assignments.setStatus", { id: assignmentId, action: "resume" });
  });

  it("a new name made through better-auth shows on that person's next request", async () => {
    await therapist.caller.query("me.get");
    const r = await therapist.caller.authPost("/update-user", { name: "Sol Renamed" });
    expect(r.status).toBe(200);
    expect((await therapist.caller.query("me.get")).name).toBe("Sol Renamed");
  });

  it("with the feed down nothing kept is used, and requests still work", async () => {
    const caller = new Caller(a);
    expect((await caller.signIn(client.email, CLIENT_PASSWORD)).status).toBe(200);
    expect((await caller.trpc("practice.today", "query")).status).toBe(200);
    const feed = startChangeFeed({ connectionString: a.database.url, log, heartbeatMs: 100 });
    const sessions = createSessionCache<SessionRow>(feed);
    await until(feed);
    const row = { userId: "u1" } as SessionRow;
    await sessions.load("t1", async () => row);
    expect(sessions.get("t1")).toBe(row);
    // The listening connection is ended from the server side: the feed goes down at once.
    await a.db.executeQuery(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'tend-api-listen' and pid <> pg_backend_pid()
            and datname = current_database()`.compile(a.db),
    );
    await within(2_000, async () => !feed.live);
    expect(sessions.get("t1")).toBeUndefined();
    expect(await sessions.load("t2", async () => row)).toBe(row);
    expect(sessions.get("t2")).toBeUndefined();
    // And it comes back by itself, starting from nothing.
    await within(5_000, async () => feed.live);
    expect(sessions.get("t1")).toBeUndefined();
    await feed.close();
    // feedA and feedB were ended too, and came back: A still answers.
    await until(feedA);
    expect((await caller.trpc("practice.today", "query")).status).toBe(200);
  });

  it("a row read while its user changed is not kept", async () => {
    const feed = startChangeFeed({ connectionString: a.database.url, log });
    const sessions = createSessionCache<SessionRow>(feed);
    await until(feed);
    const row = { userId: client.id } as SessionRow;
    await sessions.load("racing", async () => {
      // The change lands (and is heard) while the row is being read.
      await a.db
        .updateTable("user")
        .set({ data_version: sql`data_version + 1` })
        .where("id", "=", client.id)
        .execute();
      await sleep(200);
      return row;
    });
    expect(sessions.get("racing")).toBeUndefined();
    await sessions.load("calm", async () => row);
    expect(sessions.get("calm")).toBe(row);
    await feed.close();
  });
});
