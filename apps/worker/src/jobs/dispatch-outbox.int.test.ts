import { claimDueEmails, enqueueEmail } from "@tend/db";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { Redis } from "ioredis";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { renderEmail } from "../email/render.ts";
import { createMailer } from "../email/transport.ts";
import type { WorkerRuntime } from "../runtime.ts";
import {
  countByKey,
  magicLinkEmail,
  rowByKey,
  sleep,
  startTestRuntime,
  TEST_MAIL_FROM,
  testCipher,
  until,
} from "../testing/email-runtime.ts";
import { DEFAULT_RETRY_POLICY, type SendOutcome, sendOutboxEmail } from "./send-email.ts";

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let runtimes: WorkerRuntime[] = [];

beforeAll(async () => {
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
});
afterEach(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  runtimes = [];
  sink.delay(0);
});
afterAll(async () => {
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
});

async function start(opts: Partial<Parameters<typeof startTestRuntime>[0]> = {}) {
  const runtime = await startTestRuntime({
    t,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: "dispatch-test",
    ...opts,
  });
  runtimes.push(runtime);
  return runtime;
}

async function countByStatus(prefix: string) {
  const rows = await t.db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("idempotency_key", "like", `${prefix}%`)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

function expectEachOnce(keys: string[]) {
  const counts = keys.map((k) => countByKey(sink, k));
  expect(
    counts.filter((c) => c !== 1),
    "emails not received exactly once",
  ).toEqual([]);
}

describe("dispatching the outbox", () => {
  it("sends at once on NOTIFY, without waiting for the poll", async () => {
    await start({ outboxPollMs: 60_000 });
    await sleep(1_000); // the scheduler's first run (at start) is over; the next is a minute away
    const queuedAt = Date.now();
    await enqueueEmail(t.db, magicLinkEmail("notify:1"));
    await until(() => countByKey(sink, "notify:1") === 1, { timeoutMs: 5_000 });
    expect(Date.now() - queuedAt).toBeLessThan(2_000);
  });

  it("sends rows queued while no worker ran as soon as one starts", async () => {
    const keys = ["offline:1", "offline:2", "offline:3"];
    for (const key of keys) await enqueueEmail(t.db, magicLinkEmail(key));
    await start({ outboxPollMs: 60_000 });
    await until(() => keys.every((k) => countByKey(sink, k) === 1), { timeoutMs: 5_000 });
  });

  it("listens again after its LISTEN connection is cut (as when PostgreSQL restarts)", async () => {
    await start({ outboxPollMs: 60_000 });
    const listeners = () =>
      sql<{ pid: number }>`select pid from pg_stat_activity
        where application_name = 'tend-worker-listen' and datname = current_database()`.execute(
        t.db,
      );
    await until(async () => (await listeners()).rows.length === 1);
    const [before] = (await listeners()).rows;
    await sql`select pg_terminate_backend(${before!.pid})`.execute(t.db);
    await until(async () => {
      const { rows } = await listeners();
      return rows.length === 1 && rows[0]!.pid !== before!.pid;
    });
    await sleep(200); // the new connection has issued LISTEN
    await enqueueEmail(t.db, magicLinkEmail("after-reconnect"));
    await until(() => countByKey(sink, "after-reconnect") === 1, { timeoutMs: 5_000 });
  });

  it("delivers every email exactly once when Redis is wiped (FLUSHALL) in the middle", async () => {
    sink.delay(40); // slow enough that the flush lands mid-way
    await start({ outboxPollMs: 200, leaseSeconds: 2 });
    const keys = Array.from({ length: 60 }, (_, i) => `flush:${i}`);
    const before = sink.messages.length;
    for (const key of keys) await enqueueEmail(t.db, magicLinkEmail(key));

    await until(() => sink.messages.length - before >= 10, { what: "first emails arrive" });
    const client = new Redis(redis.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
    const arrivedAtFlush = sink.messages.length - before;
    expect(arrivedAtFlush).toBeLessThan(keys.length);

    await until(async () => (await countByStatus("flush:")).sent === keys.length, {
      timeoutMs: 30_000,
      what: "all rows sent after the flush",
    });
    await sleep(2_500); // past one more lease: nothing comes twice
    expectEachOnce(keys);
    expect(sink.messages.length - before).toBe(keys.length);
  }, 60_000);

  it("runs side by side with other workers on the same database without duplicates", async () => {
    const sentBy = new Map<number, number>();
    const onEmail = (worker: number) => (_id: string, outcome: SendOutcome) => {
      if (outcome === "sent") sentBy.set(worker, (sentBy.get(worker) ?? 0) + 1);
    };
    // Two sharing one Redis queue (jobIds dedupe), and a third with its own queue (only
    // PostgreSQL's SKIP LOCKED claim keeps it apart).
    await Promise.all([
      start({ prefix: "side-a", onEmail: onEmail(1) }),
      start({ prefix: "side-a", onEmail: onEmail(2) }),
      start({ prefix: "side-b", onEmail: onEmail(3) }),
    ]);
    const keys = Array.from({ length: 90 }, (_, i) => `side:${i}`);
    const before = sink.messages.length;
    await Promise.all(
      [0, 1, 2].map(async (lane) => {
        for (const key of keys.filter((_, i) => i % 3 === lane))
          await enqueueEmail(t.db, magicLinkEmail(key));
      }),
    );
    await until(async () => (await countByStatus("side:")).sent === keys.length, {
      timeoutMs: 20_000,
    });
    await sleep(1_500);
    expectEachOnce(keys);
    expect(sink.messages.length - before).toBe(keys.length);
    expect([...sentBy.values()].reduce((a, b) => a + b, 0)).toBe(keys.length);
  }, 40_000);

  it("takes over a claim whose worker died before sending, once its lease ends", async () => {
    await enqueueEmail(t.db, magicLinkEmail("orphan"));
    // A worker claims the row and dies before doing anything else.
    const [claimed] = await claimDueEmails(t.db, { limit: 1, leaseSeconds: 3 });
    const leaseEnds = claimed!.locked_until!.getTime();
    expect(claimed?.idempotency_key).toBe("orphan");
    await start({ outboxPollMs: 200, leaseSeconds: 2 });
    await sleep(1_000);
    if (Date.now() < leaseEnds) expect(countByKey(sink, "orphan")).toBe(0); // still leased
    await until(() => countByKey(sink, "orphan") === 1, { timeoutMs: 8_000 });
    expect((await rowByKey(t, "orphan")).attempts).toBe(2);
  });

  it("a send job left over from an earlier claim does nothing; the current claim's job sends", async () => {
    await enqueueEmail(t.db, magicLinkEmail("stale-job"));
    const [first] = await claimDueEmails(t.db, { limit: 1, leaseSeconds: 1 });
    await sleep(1_100); // that worker died; its lease ran out
    const [second] = await claimDueEmails(t.db, { limit: 1, leaseSeconds: 30 });
    expect(second?.id).toBe(first?.id);
    const mailer = createMailer({ smtpUrl: sink.url, from: TEST_MAIL_FROM });
    const deps = {
      db: t.db,
      mailer,
      log: pino({ level: "silent" }),
      cipher: testCipher(),
      retry: DEFAULT_RETRY_POLICY,
      minLeaseLeftMs: 1_000,
    };
    try {
      // The dead worker's job, still in Redis (stalled), runs again: the row has moved on.
      expect(await sendOutboxEmail(deps, { outboxId: first!.id, attempt: first!.attempts })).toBe(
        "skipped",
      );
      expect(countByKey(sink, "stale-job")).toBe(0);
      expect(await sendOutboxEmail(deps, { outboxId: second!.id, attempt: second!.attempts })).toBe(
        "sent",
      );
    } finally {
      mailer.close();
    }
    expect(countByKey(sink, "stale-job")).toBe(1);
  });

  it("documents the duplicate window: SMTP accepted, then the worker died before recording", async () => {
    await enqueueEmail(t.db, magicLinkEmail("window"));
    const [row] = await claimDueEmails(t.db, { limit: 1, leaseSeconds: 2 });
    // The dying worker got as far as handing the message to SMTP, not as far as markEmailSent.
    const mailer = createMailer({ smtpUrl: sink.url, from: TEST_MAIL_FROM });
    try {
      const message = await renderEmail(row!.template, row!.data);
      await mailer.send({ to: row!.to_address, ...message, idempotencyKey: row!.idempotency_key });
    } finally {
      mailer.close();
    }
    await start({ outboxPollMs: 200, leaseSeconds: 2 });
    await until(async () => (await rowByKey(t, "window")).status === "sent", { timeoutMs: 6_000 });
    // At least once, not exactly once: the second copy is the same email under the same
    // Message-ID (countByKey matches on it), so mail clients and providers can fold the two.
    expect(countByKey(sink, "window")).toBe(2);
    expect((await rowByKey(t, "window")).attempts).toBe(2);
  });
});
