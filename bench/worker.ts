// Worker figures besides reminders: BullMQ's own no-op throughput on this Redis (the ceiling any
// job kind can reach), and weekly summaries for 10,000 clients of the seeded database.
import { randomBytes } from "node:crypto";
import { createDb } from "@tend/db";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { sql } from "kysely";
import { messageIdFor } from "../apps/worker/src/email/transport.ts";
import { redisUrl, sleep } from "./lib/env.ts";
import { startApp } from "./lib/processes.ts";
import { startSmtpSink } from "./lib/smtp-sink.ts";
import { clearRedisPrefix, workerEnv } from "./reminders.ts";

/** Jobs that do nothing, added in bulk and processed by one Worker (concurrency 50). */
export async function benchBullmqNoop(jobs: number) {
  const prefix = `tend-bench-noop-${randomBytes(3).toString("hex")}`;
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await producer.ping();
  const queue = new Queue("noop", { connection: producer, prefix });
  let done = 0;
  const worker = new Worker(
    "noop",
    async () => {
      done++;
    },
    { connection: consumer, prefix, concurrency: 50, autorun: false },
  );
  try {
    for (let i = 0; i < jobs; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
          name: "noop",
          data: { i: i + k },
          opts: { removeOnComplete: true, removeOnFail: true },
        })),
      );
    }
    const started = performance.now();
    void worker.run();
    const until = started + 120_000;
    while (done < jobs && performance.now() < until) await sleep(20);
    const seconds = (performance.now() - started) / 1000;
    return { jobs: done, seconds, perSecond: done / seconds };
  } finally {
    await worker.close();
    await queue.close();
    await producer.quit().catch(() => undefined);
    await consumer.quit().catch(() => undefined);
    await clearRedisPrefix(prefix);
  }
}

/**
 * Weekly summaries for `clients` clients of the seeded database: their summaries fall due a
 * minute ago; a real worker process claims them, writes the outbox rows, renders and sends them
 * into a local SMTP sink. Timed from the worker's start (boot included) to the last summary in.
 * Anything else that would fall due within the hour (reminders, digests, other summaries) is
 * moved a week on first, so only summaries are sent.
 */
export async function benchSummaries(databaseUrl: string, clients: number, timeoutMs: number) {
  const db = createDb(databaseUrl, { max: 2, applicationName: "tend-bench" });
  const sink = await startSmtpSink();
  const prefix = `tend-bench-sum-${randomBytes(3).toString("hex")}`;
  try {
    await sql`update assignment set next_reminder_at = next_reminder_at + interval '7 days',
                next_occurrence_at = next_occurrence_at + interval '7 days'
              where next_reminder_at < now() + interval '1 hour'`.execute(db);
    await sql`update therapist_settings set next_digest_at = next_digest_at + interval '7 days'
              where next_digest_at < now() + interval '1 hour'`.execute(db);
    await sql`update client_profile set next_summary_at = next_summary_at + interval '7 days'
              where next_summary_at < now() + interval '1 hour'`.execute(db);
    const dueAt = new Date(Date.now() - 60_000);
    dueAt.setMilliseconds(0);
    const { rows } = await sql<{ user_id: string }>`
      update client_profile set next_summary_at = ${dueAt}, summary_emails = true
       where user_id in (select user_id from client_profile where user_id in
                           (select id from "user" where email like 'bench-client-%')
                         order by md5(user_id) limit ${clients})
      returning user_id`.execute(db);
    // The Message-IDs the worker will use: one per summary key (see email/transport.ts).
    const expected = new Set(
      rows.map((r) => messageIdFor(`summary:${r.user_id}:${dueAt.toISOString()}`, "tend.local")),
    );
    const started = performance.now();
    const run = startApp("worker", workerEnv(databaseUrl, sink.url, prefix), "worker-summaries");
    try {
      const received = () => sink.arrivals.filter((a) => expected.has(a.id));
      const receivedCount = () => {
        let n = 0;
        for (const id of sink.distinct) if (expected.has(id)) n++;
        return n;
      };
      let last = performance.now();
      while (receivedCount() < expected.size) {
        if (run.child.exitCode !== null) throw new Error(`worker exited:\n${run.logs.join("")}`);
        if (performance.now() - started > timeoutMs) break;
        if (performance.now() - last > 10_000) {
          last = performance.now();
          console.log(
            `    … ${receivedCount()}/${expected.size} summaries after ${((last - started) / 1000).toFixed(0)} s`,
          );
        }
        await sleep(50);
      }
      const got = received();
      const distinct = new Set(got.map((a) => a.id)).size;
      const lastAt = got.reduce((m, a) => Math.max(m, a.at), 0);
      const outbox = await sql<{ seconds: number }>`
        select extract(epoch from max(created_at) - min(created_at))::float8 as seconds
          from outbox where idempotency_key like ${`summary:%:${dueAt.toISOString()}`}`.execute(db);
      return {
        clients: rows.length,
        distinct,
        duplicates: got.length - distinct,
        lost: rows.length - distinct,
        seconds: (lastAt - started) / 1000,
        dispatchSeconds: outbox.rows[0]?.seconds ?? Number.NaN,
        peakMb: run.peakMb(),
      };
    } finally {
      await run.stop();
    }
  } finally {
    await sink.close();
    await db.destroy();
    await clearRedisPrefix(prefix);
  }
}
