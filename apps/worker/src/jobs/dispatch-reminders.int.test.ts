// What the client's choices do to what is sent: practised already, "not today", a pause, quiet
// hours and one-click unsubscribe (through the real API process, as a mail app would call it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { refreshClientReminders, skipOccurrence } from "@tend/db";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { messageIdFor } from "../email/transport.ts";
import type { WorkerRuntime } from "../runtime.ts";
import { sweepCounter, testClock } from "../testing/clock.ts";
import {
  countByKey,
  rowByKey,
  startTestRuntime,
  TEST_ENCRYPTION_KEY,
  TEST_LINK_SECRET,
  testCipher,
  until,
} from "../testing/email-runtime.ts";
import { type AppProcess, startApi } from "../testing/processes.ts";
import {
  reminderKey,
  seedAssignment,
  seedClient,
  seedEntry,
  seedTherapist,
} from "../testing/seed.ts";

// Asia/Tokyo is UTC+9 all year, so every instant below can be checked by hand:
// 09:00 in Tokyo is 00:00 UTC the same day, 22:00 is 13:00 UTC, 08:00 is 23:00 UTC the day before.
const DAY = 86_400_000;
// A few days ahead of the real clock: the links' expiry (and the API, which runs on real time)
// see the same future as the worker's test clock.
const day0 = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
const utc = (day: number, hhmm: string) =>
  new Date(Date.parse(`${day0}T${hhmm}:00.000Z`) + day * DAY);
const localDay = (day: number) => utc(day, "00:00").toISOString().slice(0, 10);
const daily = (time: string) => ({
  kind: "days" as const,
  days: [1, 2, 3, 4, 5, 6, 7],
  times: [time],
});

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let api: AppProcess & { url: string };
let runtime: WorkerRuntime | undefined;
let dataDir: string;
const clock = testClock(utc(-1, "12:00"));
const sweeps = sweepCounter();

const who: Record<"practised" | "notToday" | "paused" | "quiet" | "unsubscribes", string> = {
  practised: "",
  notToday: "",
  paused: "",
  quiet: "",
  unsubscribes: "",
};
const assignment = { ...who };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "tend-reminders-"));
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
  api = await startApi({
    DATABASE_URL: t.url,
    AUTH_SECRET: TEST_LINK_SECRET,
    DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    DATA_DIR: dataDir,
  });

  const therapistId = await seedTherapist(t.db);
  const now = clock.now();
  for (const key of Object.keys(who) as Array<keyof typeof who>) {
    const client = await seedClient(t.db, therapistId, {
      name: `Client ${key}`,
      timeZone: "Asia/Tokyo",
    });
    // Paused until day 2 at 09:00 Tokyo time: that practice is reminded again, the ones before not.
    if (key === "paused")
      await t.db
        .updateTable("client_profile")
        .set({ reminders_paused_until: utc(2, "00:00") })
        .where("user_id", "=", client.id)
        .execute();
    who[key] = client.id;
    assignment[key] = await seedAssignment(t.db, {
      therapistId,
      clientId: client.id,
      schedule: daily(key === "quiet" ? "22:00" : "09:00"),
      startDate: localDay(0),
      now,
    });
  }
  // Practised on day 1 at 07:00 Tokyo time, before that day's 09:00 reminder.
  await seedEntry(t.db, testCipher(), {
    clientId: who.practised,
    assignmentId: assignment.practised,
    completedAt: utc(0, "22:00"),
  });
  // "Not today" for day 1, ahead of time (the Today page does this through the same repository).
  expect(await skipOccurrence(t.db, who.notToday, assignment.notToday, utc(1, "00:00"))).toBe(true);

  runtime = await startTestRuntime({
    t,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: "reminder-choices",
    publicUrl: api.url,
    reminderSweepMs: 50,
    clock: clock.now,
    onReminderSweep: sweeps.onReminderSweep,
  });
}, 90_000);

afterAll(async () => {
  await runtime?.close();
  await api?.stop();
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function reminderKeys(): Promise<string[]> {
  const rows = await t.db
    .selectFrom("outbox")
    .select("idempotency_key")
    .where("template", "=", "practice-reminder")
    .orderBy("idempotency_key")
    .execute();
  return rows.map((r) => r.idempotency_key);
}

/** Move the clock just short of `at` (nothing new), then to `at` (exactly `expected` new). */
async function stepTo(at: Date, expected: string[]) {
  const before = await reminderKeys();
  clock.set(new Date(at.getTime() - 1));
  await sweeps.settled(clock);
  expect(await reminderKeys(), `nothing before ${at.toISOString()}`).toEqual(before);
  clock.set(at);
  await sweeps.settled(clock);
  expect(await reminderKeys(), `at ${at.toISOString()}`).toEqual([...before, ...expected].sort());
  for (const key of expected)
    await until(async () => (await rowByKey(t, key)).status === "sent", { what: `${key} sent` });
}

const emailOf = (key: string) =>
  sink.messages.find((m) => m.messageId === messageIdFor(key, "tend.local"));

function header(key: string, name: string): string | undefined {
  const line = emailOf(key)?.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(":") + 1)
    .replace(/\r?\n[ \t]+/g, "")
    .trim();
}

describe("what a client's choices do to their reminders", () => {
  it("sends what is wanted, when it is wanted, and nothing else", async () => {
    const key = (k: keyof typeof who, day: number, hhmm = "00:00") =>
      reminderKey(assignment[k], utc(day, hhmm));

    // Day 0, 09:00 Tokyo: everyone but the paused client.
    await stepTo(utc(0, "00:00"), [
      key("practised", 0),
      key("notToday", 0),
      key("unsubscribes", 0),
    ]);
    const first = emailOf(key("practised", 0))!;
    expect(first.subject).toBe("The loved-one test, whenever you have a few minutes");
    expect(first.text).toContain(`at 09:00 (Tokyo time)`);
    expect(header(key("practised", 0), "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // Quiet hours: the 22:00 practice is reminded at 08:00 the next morning, not at 22:00.
    await stepTo(utc(0, "13:00"), []);
    await stepTo(utc(0, "23:00"), [key("quiet", 0, "13:00")]);
    expect(emailOf(key("quiet", 0, "13:00"))!.text).toContain("at 22:00 (Tokyo time)");

    // One-click unsubscribe from the header, as a mail app does it: POST, no cookies, no Origin.
    const unsubscribe = header(key("unsubscribes", 0), "List-Unsubscribe")!;
    expect(unsubscribe).toMatch(new RegExp(`^<${api.url}/api/email/unsubscribe/[^>]+>$`));
    const res = await fetch(unsubscribe.slice(1, -1), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.json()).toEqual({ ok: true, stopped: "reminders" });

    // Day 1, 09:00 Tokyo: practised already, let go ("not today"), paused, unsubscribed: nothing.
    await stepTo(utc(1, "00:00"), []);

    // Turning reminder emails back on (what the settings page saves) brings them back.
    await t.db
      .updateTable("client_profile")
      .set({ reminder_emails: true })
      .where("user_id", "=", who.unsubscribes)
      .execute();
    await refreshClientReminders(t.db, who.unsubscribes, clock.now());

    await stepTo(utc(1, "23:00"), [key("quiet", 1, "13:00")]);
    // Day 2, 09:00 Tokyo: everyone again, the paused client included (the pause ends at 09:00).
    await stepTo(utc(2, "00:00"), [
      key("practised", 2),
      key("notToday", 2),
      key("paused", 2),
      key("unsubscribes", 2),
    ]);

    const expected = [
      key("practised", 0),
      key("practised", 2),
      key("notToday", 0),
      key("notToday", 2),
      key("paused", 2),
      key("unsubscribes", 0),
      key("unsubscribes", 2),
      key("quiet", 0, "13:00"),
      key("quiet", 1, "13:00"),
    ];
    expect(expected.map((k) => countByKey(sink, k))).toEqual(expected.map(() => 1));
    expect(sink.messages).toHaveLength(expected.length);
  });

  it("the email's 'Not today' link lets that practice go (the page posts it with our Origin)", async () => {
    const key = reminderKey(assignment.notToday, utc(2, "00:00"));
    const link = /\/api\/email\/not-today\/[A-Za-z0-9_.-]+/.exec(emailOf(key)!.text!)?.[0];
    expect(link).toBeDefined();
    // A GET (a mail scanner following links) changes nothing: it only opens the page.
    const look = await fetch(`${api.url}${link}`, { redirect: "manual" });
    expect(look.status).toBe(303);
    expect(look.headers.get("location")).toMatch(/^\/not-today#/);
    const skips = () =>
      t.db
        .selectFrom("reminder_skip")
        .select("occurrence_at")
        .where("assignment_id", "=", assignment.notToday)
        .execute();
    expect((await skips()).map((s) => s.occurrence_at.toISOString())).toEqual([
      utc(1, "00:00").toISOString(),
    ]);
    const res = await fetch(`${api.url}${link}`, {
      method: "POST",
      headers: { origin: api.url },
      redirect: "manual",
    });
    expect(res.status).toBe(200);
    expect((await skips()).map((s) => s.occurrence_at.toISOString()).sort()).toEqual(
      [utc(1, "00:00").toISOString(), utc(2, "00:00").toISOString()].sort(),
    );
  });
});
