// The real worker process (`node --import tsx src/main.ts`), killed with SIGKILL in the middle of
// its work and started again: no reminder is lost. A message the SMTP server had already taken
// when the process died, but that was not yet recorded as sent, is sent again when its claim
// runs out (the documented window in jobs/send-email.ts): duplicates are bounded by the sends in
// flight at the moment of the kill, and each carries the same Message-ID as the first copy.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/support/smtp-sink.ts";
import {
  countByKey,
  sleep,
  TEST_ENCRYPTION_KEY,
  TEST_LINK_SECRET,
  until,
} from "./testing/email-runtime.ts";
import { type AppProcess, startApp } from "./testing/processes.ts";
import { reminderKey, seedDueReminders } from "./testing/seed.ts";

/** About the sends a kill can leave accepted but unrecorded with this slow sink (30 ms a message, 4 SMTP connections): a bound, measured at 8 extra copies over two kills. */
const IN_FLIGHT = 10;
const LEASE_SECONDS = 3;
const COUNT = 300;

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let dataDir: string;
let worker: AppProcess | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "tend-worker-process-"));
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
});
afterAll(async () => {
  await worker?.stop();
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): AppProcess {
  worker = startApp("worker", {
    NODE_ENV: "production", // as deployed (React's production build, secrets required)
    DATABASE_URL: t.url,
    REDIS_URL: redis.url,
    SMTP_URL: sink.url,
    QUEUE_PREFIX: "worker-process",
    PUBLIC_URL: "http://tend.test",
    AUTH_SECRET: TEST_LINK_SECRET,
    DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    DATA_DIR: dataDir,
    OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    OUTBOX_POLL_MS: "200",
    REMINDER_SWEEP_MS: "200",
    EMAIL_RETRY_BASE_MS: "100",
  });
  return worker;
}

async function outboxCounts() {
  const rows = await t.db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("template", "=", "practice-reminder")
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("the worker process, killed mid-batch", () => {
  it("loses nothing across two SIGKILLs and restarts; duplicates stay within the SMTP window", async () => {
    const dueAt = new Date(Date.now() - 5_000);
    const keys = (await seedDueReminders(t.db, { count: COUNT, dueAt })).map((a) =>
      reminderKey(a, dueAt),
    );
    sink.delay(30); // each message takes a moment: a kill always finds sends in flight

    const t0 = Date.now();
    const mark = (what: string) => console.info(`[worker-process] +${Date.now() - t0} ms ${what}`);
    // Kill 1: as soon as the first reminders are in the outbox (mid-dispatch or just after).
    let w = startWorker();
    await until(async () => total(await outboxCounts()) > 0, {
      timeoutMs: 30_000,
      what: "first reminders in the outbox",
    });
    mark("kill 1");
    await w.kill();
    const atKill1 = { outbox: await outboxCounts(), received: sink.messages.length };

    // Kill 2: in the middle of sending.
    w = startWorker();
    const half = sink.messages.length + (COUNT - sink.messages.length) / 2;
    await until(() => sink.messages.length >= half, { timeoutMs: 30_000, what: "half sent" });
    mark("kill 2");
    await w.kill();
    const atKill2 = { outbox: await outboxCounts(), received: sink.messages.length };

    // Third start: finishes the job, claiming again what the dead processes held (after the lease).
    startWorker();
    await until(async () => (await outboxCounts()).sent === COUNT, {
      timeoutMs: 45_000,
      what: "every reminder recorded as sent",
    });
    mark("all sent");
    await until(() => keys.every((k) => countByKey(sink, k) >= 1), { what: "every key received" });
    await sleep(LEASE_SECONDS * 1_000 + 500); // one more lease: anything still to come, comes

    const counts = keys.map((k) => countByKey(sink, k));
    const duplicated = counts.filter((c) => c > 1).length;
    const extra = counts.reduce((a, c) => a + c, 0) - keys.length;
    console.info(
      `[worker-process] ${COUNT} reminders; at kill 1: outbox ${JSON.stringify(atKill1.outbox)}, ` +
        `${atKill1.received} received; at kill 2: outbox ${JSON.stringify(atKill2.outbox)}, ` +
        `${atKill2.received} received; finally ${sink.messages.length} received, ` +
        `${duplicated} reminders arrived twice (${extra} extra copies)`,
    );

    expect(
      counts.filter((c) => c < 1),
      "lost reminders",
    ).toEqual([]);
    expect(await outboxCounts()).toEqual({ sent: COUNT }); // one row per key, whatever happened
    expect(extra).toBeLessThanOrEqual(2 * IN_FLIGHT);
    expect(sink.messages.length).toBe(COUNT + extra);
  }, 120_000);
});

describe("the worker process, stopped with SIGTERM while sending", () => {
  it("finishes and records the sends in hand, exits 0, and a restart sends nothing twice", async () => {
    await worker?.stop(); // the previous test's last worker
    const dueAt = new Date(Date.now() - 60_000);
    const keys = (await seedDueReminders(t.db, { count: 60, dueAt })).map((a) =>
      reminderKey(a, dueAt),
    );
    sink.delay(150); // sends take a moment, so SIGTERM always finds some in flight
    const before = sink.messages.length;
    const w = startWorker();
    await until(() => sink.messages.length >= before + 5, {
      timeoutMs: 30_000,
      what: "sending under way",
    });
    await w.stop();
    expect(
      { code: w.child.exitCode, signal: w.child.signalCode },
      w.logs.join("").slice(-3000),
    ).toEqual({ code: 0, signal: null });

    // Every message the SMTP server accepted before the stop is recorded as sent: nothing was cut off.
    const received = keys.filter((k) => countByKey(sink, k) > 0);
    expect(received.length).toBeGreaterThan(0);
    const rows = await t.db
      .selectFrom("outbox")
      .select(["idempotency_key", "status"])
      .where("idempotency_key", "in", keys)
      .execute();
    const statusOf = new Map(rows.map((r) => [r.idempotency_key, r.status]));
    for (const k of received) expect(statusOf.get(k), k).toBe("sent");

    sink.delay(0);
    startWorker();
    await until(() => keys.every((k) => countByKey(sink, k) >= 1), {
      timeoutMs: 45_000,
      what: "all sent after restart",
    });
    await sleep(LEASE_SECONDS * 1_000 + 500);
    expect(keys.map((k) => countByKey(sink, k)).filter((c) => c !== 1)).toEqual([]);
  }, 120_000);
});
