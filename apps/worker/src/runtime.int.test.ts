import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../test/support/redis-server.ts";
import { startWorkerRuntime, type WorkerRuntime } from "./runtime.ts";
import { TEST_LINK_SECRET, testCipher } from "./testing/email-runtime.ts";

let t: TestDatabase;
let redis: TestRedis;
let runtime: WorkerRuntime | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  redis = await createTestRedis();
});
afterAll(async () => {
  await runtime?.close();
  await redis?.stop();
  await t?.drop();
});

async function until(check: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("worker runtime", () => {
  it("runs the sweep on its schedule, survives a Redis restart (emptied), and resumes", async () => {
    let sweeps = 0;
    runtime = await startWorkerRuntime({
      db: t.db,
      log: pino({ level: "silent" }),
      redisUrl: redis.url,
      prefix: "tend-test",
      sweepEveryMs: 200,
      databaseUrl: t.url,
      smtpUrl: "smtp://127.0.0.1:1", // no email is queued in this test
      mailFrom: "Tend <no-reply@tend.local>",
      outboxPollMs: 1_000,
      links: { publicUrl: "http://tend.test", linkSecret: TEST_LINK_SECRET },
      cipher: testCipher(),
      reminderSweepMs: 60_000,
      onSweep: () => {
        sweeps++;
      },
    });
    await until(() => sweeps >= 2, 10_000);

    await redis.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    const whileDown = sweeps;
    await new Promise((r) => setTimeout(r, 600));
    expect(sweeps).toBe(whileDown); // nothing runs without Redis, and nothing crashed

    await redis.start(); // a fresh, empty Redis: the schedulers must be rebuilt
    await until(() => sweeps >= whileDown + 2, 15_000);
    expect(sweeps).toBeGreaterThanOrEqual(whileDown + 2);
  }, 40_000);
});
