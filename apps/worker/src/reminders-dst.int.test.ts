// Daylight saving: a daily reminder across each zone's clock change arrives once a day, at the
// instant its local time names. Every expected instant below is written out by hand.
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/support/smtp-sink.ts";
import { messageIdFor } from "./email/transport.ts";
import type { WorkerRuntime } from "./runtime.ts";
import { sweepCounter, testClock } from "./testing/clock.ts";
import { countByKey, startTestRuntime, until } from "./testing/email-runtime.ts";
import {
  NO_QUIET_HOURS,
  reminderKey,
  seedAssignment,
  seedClient,
  seedTherapist,
} from "./testing/seed.ts";

type Case = {
  zone: string;
  what: string;
  /** Daily at this local time, from the first to the last of three local dates. */
  time: string;
  dates: [string, string, string];
  /** When each of the three reminders must arrive (UTC), and what the email says (local). */
  expected: Array<[utc: string, local: string]>;
};

// The "compatible" rule: a time the clock skips moves forward by the size of the gap; a time
// that happens twice is the first of the two (so it fires once, not twice).
const cases: Case[] = [
  {
    zone: "America/New_York",
    what: "spring forward (8 Mar 2026, 02:00 EST → 03:00 EDT): 02:30 does not exist",
    time: "02:30",
    dates: ["2026-03-07", "2026-03-08", "2026-03-09"],
    expected: [
      ["2026-03-07T07:30:00.000Z", "Saturday 7 March at 02:30"], // EST, −5
      ["2026-03-08T07:30:00.000Z", "Sunday 8 March at 03:30"], // skipped hour: 03:30 EDT
      ["2026-03-09T06:30:00.000Z", "Monday 9 March at 02:30"], // EDT, −4
    ],
  },
  {
    zone: "America/New_York",
    what: "fall back (1 Nov 2026, 02:00 EDT → 01:00 EST): 01:30 happens twice",
    time: "01:30",
    dates: ["2026-10-31", "2026-11-01", "2026-11-02"],
    expected: [
      ["2026-10-31T05:30:00.000Z", "Saturday 31 October at 01:30"], // EDT, −4
      ["2026-11-01T05:30:00.000Z", "Sunday 1 November at 01:30"], // the first 01:30 (EDT)
      ["2026-11-02T06:30:00.000Z", "Monday 2 November at 01:30"], // EST, −5
    ],
  },
  {
    zone: "Europe/London",
    what: "spring forward (29 Mar 2026, 01:00 GMT → 02:00 BST): 01:30 does not exist",
    time: "01:30",
    dates: ["2026-03-28", "2026-03-29", "2026-03-30"],
    expected: [
      ["2026-03-28T01:30:00.000Z", "Saturday 28 March at 01:30"], // GMT, +0
      ["2026-03-29T01:30:00.000Z", "Sunday 29 March at 02:30"], // 02:30 BST
      ["2026-03-30T00:30:00.000Z", "Monday 30 March at 01:30"], // BST, +1
    ],
  },
  {
    zone: "Europe/London",
    what: "fall back (25 Oct 2026, 02:00 BST → 01:00 GMT): 01:30 happens twice",
    time: "01:30",
    dates: ["2026-10-24", "2026-10-25", "2026-10-26"],
    expected: [
      ["2026-10-24T00:30:00.000Z", "Saturday 24 October at 01:30"], // BST, +1
      ["2026-10-25T00:30:00.000Z", "Sunday 25 October at 01:30"], // the first 01:30 (BST)
      ["2026-10-26T01:30:00.000Z", "Monday 26 October at 01:30"], // GMT, +0
    ],
  },
  {
    zone: "Australia/Sydney",
    what: "fall back (5 Apr 2026, 03:00 AEDT → 02:00 AEST): 02:30 happens twice",
    time: "02:30",
    dates: ["2026-04-04", "2026-04-05", "2026-04-06"],
    expected: [
      ["2026-04-03T15:30:00.000Z", "Saturday 4 April at 02:30"], // AEDT, +11
      ["2026-04-04T15:30:00.000Z", "Sunday 5 April at 02:30"], // the first 02:30 (AEDT)
      ["2026-04-05T16:30:00.000Z", "Monday 6 April at 02:30"], // AEST, +10
    ],
  },
  {
    zone: "Australia/Sydney",
    what: "spring forward (4 Oct 2026, 02:00 AEST → 03:00 AEDT): 02:30 does not exist",
    time: "02:30",
    dates: ["2026-10-03", "2026-10-04", "2026-10-05"],
    expected: [
      ["2026-10-02T16:30:00.000Z", "Saturday 3 October at 02:30"], // AEST, +10
      ["2026-10-03T16:30:00.000Z", "Sunday 4 October at 03:30"], // 03:30 AEDT
      ["2026-10-04T15:30:00.000Z", "Monday 5 October at 02:30"], // AEDT, +11
    ],
  },
  {
    zone: "Australia/Lord_Howe",
    what: "half-hour fall back (5 Apr 2026, 02:00 +11 → 01:30 +10:30): 01:45 happens twice",
    time: "01:45",
    dates: ["2026-04-04", "2026-04-05", "2026-04-06"],
    expected: [
      ["2026-04-03T14:45:00.000Z", "Saturday 4 April at 01:45"], // +11
      ["2026-04-04T14:45:00.000Z", "Sunday 5 April at 01:45"], // the first 01:45 (+11)
      ["2026-04-05T15:15:00.000Z", "Monday 6 April at 01:45"], // +10:30
    ],
  },
  {
    zone: "Australia/Lord_Howe",
    what: "half-hour spring forward (4 Oct 2026, 02:00 +10:30 → 02:30 +11): 02:15 does not exist",
    time: "02:15",
    dates: ["2026-10-03", "2026-10-04", "2026-10-05"],
    expected: [
      ["2026-10-02T15:45:00.000Z", "Saturday 3 October at 02:15"], // +10:30
      ["2026-10-03T15:45:00.000Z", "Sunday 4 October at 02:45"], // moved by the 30-minute gap
      ["2026-10-04T15:15:00.000Z", "Monday 5 October at 02:15"], // +11
    ],
  },
  {
    zone: "Asia/Kolkata",
    what: "no daylight saving (+05:30 all year), the same days as New York's change",
    time: "09:00",
    dates: ["2026-03-07", "2026-03-08", "2026-03-09"],
    expected: [
      ["2026-03-07T03:30:00.000Z", "Saturday 7 March at 09:00"],
      ["2026-03-08T03:30:00.000Z", "Sunday 8 March at 09:00"],
      ["2026-03-09T03:30:00.000Z", "Monday 9 March at 09:00"],
    ],
  },
  {
    zone: "Pacific/Chatham",
    what: "fall back (5 Apr 2026, 03:45 +13:45 → 02:45 +12:45): 03:00 happens twice",
    time: "03:00",
    dates: ["2026-04-04", "2026-04-05", "2026-04-06"],
    expected: [
      ["2026-04-03T13:15:00.000Z", "Saturday 4 April at 03:00"], // +13:45
      ["2026-04-04T13:15:00.000Z", "Sunday 5 April at 03:00"], // the first 03:00 (+13:45)
      ["2026-04-05T14:15:00.000Z", "Monday 6 April at 03:00"], // +12:45
    ],
  },
  {
    zone: "Pacific/Chatham",
    what: "spring forward (27 Sep 2026, 02:45 +12:45 → 03:45 +13:45): 03:00 does not exist",
    time: "03:00",
    dates: ["2026-09-26", "2026-09-27", "2026-09-28"],
    expected: [
      ["2026-09-25T14:15:00.000Z", "Saturday 26 September at 03:00"], // +12:45
      ["2026-09-26T14:15:00.000Z", "Sunday 27 September at 04:00"], // moved by the hour's gap
      ["2026-09-27T13:15:00.000Z", "Monday 28 September at 03:00"], // +13:45
    ],
  },
];

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let runtime: WorkerRuntime | undefined;
const clock = testClock("2026-03-01T00:00:00.000Z");
const sweeps = sweepCounter();
/** Per case, its assignment. */
const assignments: string[] = [];

beforeAll(async () => {
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
  const therapistId = await seedTherapist(t.db);
  for (const c of cases) {
    // Quiet hours off: most of these times are in the night, which is the point here.
    const client = await seedClient(t.db, therapistId, { timeZone: c.zone, ...NO_QUIET_HOURS });
    assignments.push(
      await seedAssignment(t.db, {
        therapistId,
        clientId: client.id,
        schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: [c.time] },
        startDate: c.dates[0],
        endDate: c.dates[2],
        now: clock.now(),
      }),
    );
  }
  runtime = await startTestRuntime({
    t,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: "reminders-dst",
    reminderSweepMs: 50,
    clock: clock.now,
    onReminderSweep: sweeps.onReminderSweep,
  });
});

afterAll(async () => {
  await runtime?.close();
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
});

async function outboxKeys(): Promise<Set<string>> {
  const rows = await t.db
    .selectFrom("outbox")
    .select("idempotency_key")
    .where("template", "=", "practice-reminder")
    .execute();
  return new Set(rows.map((r) => r.idempotency_key));
}

describe("reminders across daylight-saving changes", () => {
  it("arrive once a day, each at the hand-computed UTC instant, in all six zones", async () => {
    // Every expected reminder, in time order. The clock stops 1 ms before each (nothing yet)
    // and then on it (there it is).
    const timeline = cases
      .flatMap((c, i) =>
        c.expected.map(([at, local]) => ({ at, local, key: reminderKey(assignments[i]!, at), c })),
      )
      .sort((a, b) => a.at.localeCompare(b.at));
    const instants = [...new Set(timeline.map((e) => e.at))];

    for (const at of instants) {
      const due = timeline.filter((e) => e.at === at);
      const before = await outboxKeys();
      clock.set(new Date(Date.parse(at) - 1));
      await sweeps.settled(clock);
      expect(await outboxKeys(), `nothing new just before ${at}`).toEqual(before);

      clock.set(at);
      await sweeps.settled(clock);
      const now = await outboxKeys();
      const added = [...now].filter((k) => !before.has(k)).sort();
      expect(added, `${at}: ${due.map((d) => d.c.zone).join(", ")}`).toEqual(
        due.map((d) => d.key).sort(),
      );
    }

    const keys = timeline.map((e) => e.key);
    await until(() => keys.every((k) => countByKey(sink, k) >= 1), {
      what: "every reminder delivered",
    });
    // Once each, and nothing else at all (no second 01:30 on a fall-back night).
    expect(keys.map((k) => countByKey(sink, k))).toEqual(keys.map(() => 1));
    expect(sink.messages).toHaveLength(keys.length);
    for (const e of timeline) {
      const mail = sink.messages.find((m) => m.messageId === messageIdFor(e.key, "tend.local"))!;
      expect(mail.text, `${e.c.zone} ${e.at}`).toContain(e.local);
    }
    // Each assignment is over after its third day: no reminder is planned any more.
    const left = await t.db
      .selectFrom("assignment")
      .select("next_reminder_at")
      .where("next_reminder_at", "is not", null)
      .execute();
    expect(left).toEqual([]);
  }, 60_000);
});
