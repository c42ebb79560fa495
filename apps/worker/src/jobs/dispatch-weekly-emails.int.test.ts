// Weekly reflection summaries and therapist digests: on the chosen local day and time, with the
// right counts and ratings, quotes only when the client allows them, and no private words ever.
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { messageIdFor } from "../email/transport.ts";
import type { WorkerRuntime } from "../runtime.ts";
import { sweepCounter, testClock } from "../testing/clock.ts";
import { rowByKey, startTestRuntime, testCipher, until } from "../testing/email-runtime.ts";
import { seedClient, seedEntry, seedTherapist } from "../testing/seed.ts";

/** Words that must never leave the database: harsh versions, free text, private entries. */
const CANARY = "CANARY-7f3a";

const ratings = (stuck: number, powerless: number, dismissed: number) => ({
  "stuck-motivated": stuck,
  "powerless-empowered": powerless,
  "dismissed-validated": dismissed,
});
const reframe = (
  harsh: [number, number, number],
  kinder: [number, number, number],
  words: { harsh: string; kinder: string },
) => ({
  words: { reframe: words, noticed: `${CANARY} something I noticed` },
  measures: { reframe: { harshRatings: ratings(...harsh), kinderRatings: ratings(...kinder) } },
});

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let runtime: WorkerRuntime | undefined;
const clock = testClock("2026-03-18T12:00:00.000Z"); // a Wednesday
const sweeps = sweepCounter();
const ids = { therapist: "", sam: "", kim: "", alex: "", e1: "", e2: "" };

beforeAll(async () => {
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
  const cipher = testCipher();
  ids.therapist = await seedTherapist(t.db, { name: "Dr. Ana Ruiz", digestEmails: true });
  // Sam: Berlin, Sunday 18:00 (the default), lets the summary quote their words.
  const sam = await seedClient(t.db, ids.therapist, {
    name: "Sam Lee",
    timeZone: "Europe/Berlin",
    summaryEmails: true,
    quoteWords: true,
  });
  // Kim: Kolkata, Saturday 09:30, no quotes, and keeps private practice out of the digest.
  const kim = await seedClient(t.db, ids.therapist, {
    name: "Kim Park",
    timeZone: "Asia/Kolkata",
    summaryEmails: true,
    summaryDay: 6,
    summaryTime: "09:30",
    quoteWords: false,
    sharePracticeLog: false,
  });
  // Alex: New York, Sunday 18:00, a week with no practice.
  const alex = await seedClient(t.db, ids.therapist, {
    name: "Alex Moreau",
    timeZone: "America/New_York",
    summaryEmails: true,
  });
  Object.assign(ids, { sam: sam.id, kim: kim.id, alex: alex.id });

  // Sam's week: two loved-one tests (one shared and flagged for session), and one the week before.
  ids.e1 = await seedEntry(t.db, cipher, {
    clientId: sam.id,
    completedAt: new Date("2026-03-18T10:00:00Z"),
    shared: true,
    flagged: true,
    ...reframe([2, 3, 4], [7, 6, 8], {
      harsh: `${CANARY} I always ruin everything`,
      kinder: "You did what you could on a hard day",
    }),
  });
  ids.e2 = await seedEntry(t.db, cipher, {
    clientId: sam.id,
    completedAt: new Date("2026-03-20T19:00:00Z"),
    ...reframe([4, 5, 6], [7, 6, 6], {
      harsh: `${CANARY} I should be over this by now`,
      kinder: "It makes sense that you're tired",
    }),
  });
  await seedEntry(t.db, cipher, {
    clientId: sam.id,
    completedAt: new Date("2026-03-10T10:00:00Z"),
    ...reframe([0, 0, 0], [10, 10, 10], { harsh: CANARY, kinder: "last week's words" }),
  });
  // Kim's week: a private noticing entry (with words nobody else may read) and a shared reframe.
  await seedEntry(t.db, cipher, {
    clientId: kim.id,
    slug: "noticing-inner-voice",
    completedAt: new Date("2026-03-17T06:00:00Z"),
    words: { moment: `${CANARY} at work`, "self-talk": `${CANARY} private self-talk` },
    measures: { harshness: 8 },
  });
  await seedEntry(t.db, cipher, {
    clientId: kim.id,
    completedAt: new Date("2026-03-19T06:00:00Z"),
    shared: true,
    ...reframe([5, 5, 5], [5, 5, 5], { harsh: CANARY, kinder: `${CANARY} kinder, not to quote` }),
  });

  runtime = await startTestRuntime({
    t,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: "weekly-emails",
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

async function outboxKeys(): Promise<string[]> {
  const rows = await t.db.selectFrom("outbox").select("idempotency_key").execute();
  return rows.map((r) => r.idempotency_key).sort();
}

/** Nothing 1 ms before `at`; at `at`, exactly `key`, then delivered. */
async function arrivesAt(at: string, key: string) {
  const before = await outboxKeys();
  clock.set(new Date(Date.parse(at) - 1));
  await sweeps.settled(clock);
  expect(await outboxKeys(), `nothing just before ${at}`).toEqual(before);
  clock.set(at);
  await sweeps.settled(clock);
  expect(await outboxKeys()).toEqual([...before, key].sort());
  await until(async () => (await rowByKey(t, key)).status === "sent", { what: `${key} sent` });
  return sink.messages.find((m) => m.messageId === messageIdFor(key, "tend.local"))!;
}

describe("weekly summaries and therapist digests", () => {
  it("arrive on each person's local day and time, saying what the week held", async () => {
    // Kim: Saturday 21 March, 09:30 in Kolkata (+05:30) = 04:00 UTC.
    const kim = await arrivesAt(
      "2026-03-21T04:00:00.000Z",
      `summary:${ids.kim}:2026-03-21T04:00:00.000Z`,
    );
    expect(kim.subject).toBe("Your week in Tend: 2 practices to look back on");
    expect(kim.text).toContain("You practised twice this week.");
    expect(kim.text).toContain("The loved-one test: once");
    expect(kim.text).toContain("Noticing the inner voice: once");
    expect(kim.text).toContain(
      "Between 'stuck' and 'motivated', your harsh and kinder versions felt about the same (5 of 10 and 5 of 10).",
    );
    expect(kim.text).not.toMatch(/kinder words you wrote/); // Kim does not allow quotes

    // Sam: Sunday 22 March, 18:00 in Berlin (still winter time, +1) = 17:00 UTC.
    const samKey = `summary:${ids.sam}:2026-03-22T17:00:00.000Z`;
    const sam = await arrivesAt("2026-03-22T17:00:00.000Z", samKey);
    expect(sam.subject).toBe("Your week in Tend: 2 practices to look back on");
    expect(sam.text).toContain("You practised twice this week."); // not last week's entry
    expect(sam.text).toContain("The loved-one test: twice");
    expect(sam.text).toContain(
      "Your kinder versions felt closer to 'motivated' (7 of 10) than the harsh ones (3 of 10).",
    );
    expect(sam.text).toContain(
      "Your kinder versions felt closer to 'empowered' (6 of 10) than the harsh ones (4 of 10).",
    );
    expect(sam.text).toContain(
      "Your kinder versions felt closer to 'validated' (7 of 10) than the harsh ones (5 of 10).",
    );
    expect(sam.text).toMatch(/kinder words you wrote to yourself/);
    expect(sam.text).toContain("“You did what you could on a hard day”");
    expect(sam.text).toContain("“It makes sense that you're tired”");
    expect(sam.text).not.toContain("last week's words");
    expect(sam.text).toMatch(/Write this week's reflection/);
    expect(sam.parsed.headerLines.map((h) => h.key)).toEqual(
      expect.arrayContaining(["list-unsubscribe", "list-unsubscribe-post"]),
    );
    // The outbox row names the entries to quote; their words were never in it.
    const row = await rowByKey(t, samKey);
    expect(row.data.quoteEntryIds).toEqual([ids.e1, ids.e2]);
    expect(JSON.stringify(row.data)).not.toMatch(/hard day|tired|CANARY/);
    const kimRow = await rowByKey(t, `summary:${ids.kim}:2026-03-21T04:00:00.000Z`);
    expect(kimRow.data.quoteEntryIds).toEqual([]);

    // Alex: Sunday 22 March, 18:00 in New York (summer time since 8 March, −4) = 22:00 UTC.
    const alex = await arrivesAt(
      "2026-03-22T22:00:00.000Z",
      `summary:${ids.alex}:2026-03-22T22:00:00.000Z`,
    );
    // The week runs from last Sunday 18:00 to this one, local time.
    expect(alex.subject).toBe("Your week in Tend, 16 March – 22 March");
    expect(alex.text).toMatch(/Nothing is wrong/);
    expect(alex.text).not.toMatch(/practised|0 times/);
    expect(alex.text).toMatch(/Write this week's reflection/);

    // The therapist: Monday 23 March, 07:00 UTC (the default digest time).
    const digest = await arrivesAt(
      "2026-03-23T07:00:00.000Z",
      `digest:${ids.therapist}:2026-03-23T07:00:00.000Z`,
    );
    expect(digest.subject).toBe("Your clients' week in Tend, 17 March – 23 March");
    const text = digest.text!;
    // Alphabetical; Kim's private entry is left out (Kim does not share the practice log).
    expect(text.indexOf("Alex Moreau")).toBeLessThan(text.indexOf("Kim Park"));
    expect(text.indexOf("Kim Park")).toBeLessThan(text.indexOf("Sam Lee"));
    expect(text).toMatch(/Alex Moreau\s+No practice shared this week/);
    expect(text).toMatch(/Kim Park\s+1 practice\b/);
    expect(text).toMatch(
      /Sam Lee\s+2 practices\s+Marked for your next session: The loved-one test \(Wednesday 18 March\)/,
    );
    expect(text).not.toMatch(/hard day|tired/);
  });

  it("never lets a private or harsh word out, in any email", async () => {
    expect(sink.messages.length).toBe(4);
    for (const m of sink.messages) {
      for (const part of [m.subject, m.text, m.html, JSON.stringify(m.parsed.headerLines)])
        expect(String(part)).not.toContain(CANARY);
    }
  });
});
