// Reminder emails through the whole pipeline under trouble: Redis wiped mid-run, two workers at
// once, an SMTP server that is down, then says "try later", or says "no".
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/support/smtp-sink.ts";
import { dispatchDueReminders } from "./jobs/dispatch-reminders.ts";
import { dispatchWeeklyEmails } from "./jobs/dispatch-weekly-emails.ts";
import type { WorkerRuntime } from "./runtime.ts";
import { sweepCounter, testClock } from "./testing/clock.ts";
import {
  countByKey,
  rowByKey,
  sleep,
  startTestRuntime,
  TEST_LINK_SECRET,
  until,
} from "./testing/email-runtime.ts";
import {
  reminderKey,
  seedAssignment,
  seedClient,
  seedDueReminders,
  seedTherapist,
} from "./testing/seed.ts";

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let runtimes: WorkerRuntime[] = [];
// Every test moves this clock forward within one day, so reminders seeded by an earlier test
// (planned again for the next day) never come due in a later one.
const clock = testClock("2026-06-01T08:00:00.000Z");

beforeAll(async () => {
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
});
afterEach(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  runtimes = [];
  sink.delay(0);
  sink.answer(undefined);
});
afterAll(async () => {
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
});

async function start(opts: Partial<Parameters<typeof startTestRuntime>[0]> = {}) {
  const sweeps = sweepCounter();
  const runtime = await startTestRuntime({
    t,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: "reminder-delivery",
    reminderSweepMs: 50,
    clock: clock.now,
    onReminderSweep: sweeps.onReminderSweep,
    ...opts,
  });
  runtimes.push(runtime);
  return sweeps;
}

const keysOf = (assignments: string[], at: string) => assignments.map((a) => reminderKey(a, at));

async function allSent(keys: string[], timeoutMs = 30_000) {
  await until(
    async () => {
      const rows = await t.db
        .selectFrom("outbox")
        .select("status")
        .where("idempotency_key", "in", keys)
        .execute();
      return rows.length === keys.length && rows.every((r) => r.status === "sent");
    },
    { timeoutMs, what: `${keys.length} reminders sent` },
  );
}

function expectEachOnce(keys: string[]) {
  const counts = keys.map((k) => countByKey(sink, k));
  expect(
    counts.filter((c) => c !== 1),
    "reminders not received exactly once",
  ).toEqual([]);
}

describe("reminders under trouble", () => {
  it("arrive exactly once each when Redis is wiped (FLUSHALL) in the middle of a run", async () => {
    const first = "2026-06-01T09:00:00.000Z";
    const second = "2026-06-01T09:05:00.000Z";
    const early = keysOf(
      await seedDueReminders(t.db, { count: 60, dueAt: new Date(first) }),
      first,
    );
    const late = keysOf(
      await seedDueReminders(t.db, { count: 30, dueAt: new Date(second) }),
      second,
    );
    sink.delay(40); // slow enough that the flush lands mid-way
    // A short lease, so rows whose jobs the flush took are claimed again soon; few jobs at a
    // time, so none waits in Redis until its claim is too old to send.
    const sweeps = await start({ leaseSeconds: 2, batchSize: 20 });
    const before = sink.messages.length;

    clock.set(first);
    await sweeps.settled(clock);
    await until(() => sink.messages.length - before >= 10, { what: "first reminders arrive" });
    const client = new Redis(redis.url);
    try {
      await client.flushall(); // jobs, schedulers, everything in flight
    } finally {
      client.disconnect();
    }
    expect(sink.messages.length - before).toBeLessThan(early.length);

    // The reminder sweep's scheduler was wiped too: it must come back for later reminders.
    clock.set(second);
    await sweeps.settled(clock, 15_000);
    await allSent([...early, ...late]);
    await sleep(2_500); // past one more lease: nothing comes twice
    expectEachOnce([...early, ...late]);
    expect(sink.messages.length - before).toBe(early.length + late.length);
  }, 60_000);

  it("two worker runtimes at once send every reminder exactly once", async () => {
    const at = "2026-06-01T10:00:00.000Z";
    const keys = keysOf(await seedDueReminders(t.db, { count: 200, dueAt: new Date(at) }), at);
    const queuedBy = [0, 0];
    // Different queue prefixes: only PostgreSQL (SKIP LOCKED) keeps the two apart.
    const [a, b] = await Promise.all(
      [0, 1].map((i) =>
        start({
          prefix: `two-runtimes-${i}`,
          leaseSeconds: 30,
          onReminderSweep: (r) => {
            queuedBy[i]! += r.reminders.queued;
            sweepsOf[i]?.onReminderSweep(r);
          },
        }),
      ),
    );
    const sweepsOf = [a, b];
    const before = sink.messages.length;
    clock.set(at);
    await allSent(keys);
    await sleep(1_000);
    expectEachOnce(keys);
    expect(sink.messages.length - before).toBe(keys.length);
    expect(queuedBy[0]! + queuedBy[1]!).toBe(keys.length);
  }, 60_000);

  it("keeps trying while SMTP is down and while it answers 4xx, then delivers once", async () => {
    const at = "2026-06-01T11:00:00.000Z";
    const [key] = keysOf(await seedDueReminders(t.db, { count: 1, dueAt: new Date(at) }), at);
    await start({ retry: { baseMs: 20, maxAttempts: 10 } });
    await sink.down();
    try {
      clock.set(at);
      await until(
        async () => ((await rowByKey(t, key!).catch(() => undefined))?.attempts ?? 0) >= 2,
        {
          what: "two attempts while SMTP is down",
        },
      );
      const row = await rowByKey(t, key!);
      expect(row.status).not.toBe("failed");
      expect(row.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    } finally {
      await sink.up();
    }
    sink.answer({ code: 451, message: "4.7.1 greylisted, try again later" });
    const attempts = (await rowByKey(t, key!)).attempts;
    await until(async () => {
      const row = await rowByKey(t, key!);
      return row.attempts >= attempts + 2 && /451/.test(row.last_error ?? "");
    });
    expect((await rowByKey(t, key!)).status).not.toBe("failed");
    sink.answer(undefined);
    await allSent([key!]);
    await sleep(300);
    expect(countByKey(sink, key!)).toBe(1);
    expect((await rowByKey(t, key!)).last_error).toBeNull();
  });

  // Timing-sensitive: failed in 1 of 4 full runs here (3 of ~12 with a benchmark beside it); the
  // likeliest cause, unproven, is a "down" sink's port being taken by another file's sink.
  it("does not send a reminder the client turned off while it waited for SMTP", {
    retry: 2,
  }, async () => {
    const at = "2026-06-01T11:30:00.000Z";
    const [assignment] = await seedDueReminders(t.db, { count: 1, dueAt: new Date(at) });
    const key = reminderKey(assignment!, at);
    await start({ retry: { baseMs: 50, maxAttempts: 10 } });
    await sink.down();
    try {
      clock.set(at);
      await until(
        async () => ((await rowByKey(t, key).catch(() => undefined))?.attempts ?? 0) >= 1,
      );
      // Meanwhile the client unsubscribes from reminders (what the one-click route saves).
      const { client_id } = await t.db
        .selectFrom("assignment")
        .select("client_id")
        .where("id", "=", assignment!)
        .executeTakeFirstOrThrow();
      await t.db
        .updateTable("client_profile")
        .set({ reminder_emails: false })
        .where("user_id", "=", client_id)
        .execute();
    } finally {
      await sink.up();
    }
    await until(async () => (await rowByKey(t, key)).status === "cancelled");
    expect((await rowByKey(t, key)).last_error).toBe("reminder emails turned off");
    await sleep(300);
    expect(countByKey(sink, key)).toBe(0);
  });

  it("stops at a 5xx: marked failed with the reason, and not tried again", async () => {
    const at = "2026-06-01T12:00:00.000Z";
    const [key] = keysOf(await seedDueReminders(t.db, { count: 1, dueAt: new Date(at) }), at);
    await start({ retry: { baseMs: 20, maxAttempts: 10 } });
    sink.answer({ code: 550, message: "5.1.1 mailbox unavailable" });
    clock.set(at);
    await until(async () => (await rowByKey(t, key!).catch(() => undefined))?.status === "failed");
    await sleep(500); // many retry periods later
    const row = await rowByKey(t, key!);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/SMTP 550/);
    expect(row.last_error).not.toContain("@"); // the address is not repeated in the error
    expect(countByKey(sink, key!)).toBe(0);
  });

  it("after an outage: a reminder hours late is let go, one caught by quiet hours waits for them to end", async () => {
    // No runtime here: the sweep is called directly, at chosen instants, on other days.
    const links = { publicUrl: "http://tend.test", linkSecret: TEST_LINK_SECRET };
    const therapistId = await seedTherapist(t.db);
    const napper = await seedClient(t.db, therapistId, {
      timeZone: "UTC",
      quietStart: "13:00",
      quietEnd: "15:00",
    });
    const sleeper = await seedClient(t.db, therapistId, { timeZone: "UTC" });
    const from = new Date("2026-07-01T00:00:00.000Z");
    const daily = (time: string) => ({
      kind: "days" as const,
      days: [1, 2, 3, 4, 5, 6, 7],
      times: [time],
    });
    const nap = await seedAssignment(t.db, {
      therapistId,
      clientId: napper.id,
      schedule: daily("12:30"),
      startDate: "2026-07-01",
      now: from,
    });
    const morning = await seedAssignment(t.db, {
      therapistId,
      clientId: sleeper.id,
      schedule: daily("09:00"),
      startDate: "2026-07-02",
      now: from,
    });
    const keysFor = async (id: string) =>
      (
        await t.db
          .selectFrom("outbox")
          .select("idempotency_key")
          .where("idempotency_key", "like", `reminder:${id}:%`)
          .execute()
      ).map((r) => r.idempotency_key);
    const next = (id: string) =>
      t.db
        .selectFrom("assignment")
        .select(["next_reminder_at", "next_occurrence_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();

    // Back at 13:10 on the 1st, inside the 13:00–15:00 quiet hours: the 12:30 reminder waits.
    await dispatchDueReminders(t.db, links, { now: new Date("2026-07-01T13:10:00.000Z") });
    expect(await next(nap)).toEqual({
      next_reminder_at: new Date("2026-07-01T15:00:00.000Z"),
      next_occurrence_at: new Date("2026-07-01T12:30:00.000Z"),
    });
    expect(await keysFor(nap)).toEqual([]);
    // 15:00: quiet hours are over, and 2½ hours late is still today's practice: it goes out.
    await dispatchDueReminders(t.db, links, { now: new Date("2026-07-01T15:00:00.000Z") });
    expect(await keysFor(nap)).toEqual([reminderKey(nap, "2026-07-01T12:30:00.000Z")]);
    expect((await next(nap)).next_occurrence_at).toEqual(new Date("2026-07-02T12:30:00.000Z"));

    // Back at 16:00 on the 2nd: the 09:00 reminder, 7 hours late, is let go.
    await dispatchDueReminders(t.db, links, { now: new Date("2026-07-02T16:00:00.000Z") });
    expect(await keysFor(morning)).toEqual([]);
    expect((await next(morning)).next_reminder_at).toEqual(new Date("2026-07-03T09:00:00.000Z"));

    // Reminders left weeks behind by the earlier tests (planned for 2 June) are not sent either,
    // and are planned again from now, not walked through day by day.
    const stale = await t.db
      .selectFrom("assignment")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("next_reminder_at", "<", new Date("2026-07-02T00:00:00.000Z"))
      .executeTakeFirstOrThrow();
    expect(Number(stale.n)).toBe(0);
    const sentInJuly = await t.db
      .selectFrom("outbox")
      .select("idempotency_key")
      .where("idempotency_key", "like", "reminder:%:2026-07-%")
      .execute();
    // Only fresh ones: the nap's (1 July after quiet hours, 2 July at 12:30) and, for the
    // earlier tests' assignments, the 2 July ones still within 6 hours of 16:00.
    for (const { idempotency_key: key } of sentInJuly)
      expect(key, "nothing more than 6 h old is sent").toMatch(/:2026-07-0[12]T/);

    // A weekly summary more than a day late is not sent; the next one is planned from now.
    await t.db
      .updateTable("client_profile")
      .set({ summary_emails: true, next_summary_at: new Date("2026-07-05T18:00:00.000Z") })
      .where("user_id", "=", sleeper.id)
      .execute();
    const weekly = await dispatchWeeklyEmails(t.db, links, {
      now: new Date("2026-07-08T12:00:00.000Z"),
    });
    expect(weekly.summaries).toBe(1); // claimed, and let go
    expect(
      await t.db
        .selectFrom("outbox")
        .select("id")
        .where("idempotency_key", "like", `summary:${sleeper.id}:%`)
        .execute(),
    ).toEqual([]);
    const profile = await t.db
      .selectFrom("client_profile")
      .select("next_summary_at")
      .where("user_id", "=", sleeper.id)
      .executeTakeFirstOrThrow();
    expect(profile.next_summary_at).toEqual(new Date("2026-07-12T18:00:00.000Z")); // next Sunday
  });
});
