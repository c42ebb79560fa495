// Reminder throughput, end to end: N due reminders in a fresh database → the real worker process
// (`node --import tsx apps/worker/src/main.ts`, NODE_ENV=production) → Redis → SMTP. Not a test: it prints
// numbers. `npm run bench:reminders -- --n 10000 [--workers 2]`
//
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the bench
// creates its own database there and drops it afterwards. REDIS_URL (default
// redis://127.0.0.1:6379) is used under a unique queue prefix, removed afterwards. The SMTP
// server is a local smtp-server sink that counts what arrives by Message-ID.
// `npm run bench` calls `runReminderBench` (also with two workers, for the scale-out figures).
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createDb, type Db, FieldCipher, migrateToLatest, syncCatalog } from "@tend/db";
import { Redis } from "ioredis";
import { sql } from "kysely";
import { seedDueReminders } from "../apps/worker/src/testing/seed.ts";
import { trackCpu } from "./lib/cpu.ts";
import { dropDatabase, recreateDatabase, redisUrl, sleep } from "./lib/env.ts";
import { type AppProcess, startApp } from "./lib/processes.ts";
import { startSmtpSink } from "./lib/smtp-sink.ts";

export type ReminderBenchOptions = {
  n: number;
  /** Worker processes sharing the database and Redis. */
  workers: number;
  timeoutMs: number;
  /** Use this database (seeded reminders are added to it) instead of a fresh one. */
  databaseUrl?: string;
  /** Called with the running workers (e.g. to load the API at the same time). */
  during?: () => Promise<void>;
};

export type ReminderBenchResult = {
  n: number;
  workers: number;
  received: number;
  distinct: number;
  duplicates: number;
  lost: number;
  /** Distinct emails per second, first email → last email. */
  perSecond: number;
  /** Distinct emails per second from worker start (boot included). */
  perSecondWithBoot: number;
  secondsToLast: number;
  outboxSeconds: number;
  peakMb: number;
  outbox: string;
  /** CPU seconds per process group from worker start to the last email (Linux /proc). */
  cpu: Map<string, number>;
  /** Emails that arrived in each second after worker start (distinct or not). */
  perSecondTimeline: number[];
};

/** Delete the Redis keys of one queue prefix. */
export async function clearRedisPrefix(prefix: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export function workerEnv(databaseUrl: string, smtpUrl: string, prefix: string) {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    QUEUE_PREFIX: prefix,
    PUBLIC_URL: "https://tend.example",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEY: FieldCipher.generateSpec("bench1"),
  };
}

export async function runReminderBench(
  opts: ReminderBenchOptions,
  say: (line: string) => void = console.log,
): Promise<ReminderBenchResult> {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const ownDb = opts.databaseUrl === undefined;
  const dbName = `tend_bench_rem_${tag}`;
  const prefix = `tend-bench-${tag}`;
  const url = opts.databaseUrl ?? (await recreateDatabase(dbName));
  const db: Db = createDb(url, { max: 4, applicationName: "tend-bench" });
  const sink = await startSmtpSink();
  const workers: AppProcess[] = [];
  const env = workerEnv(url, sink.url, prefix);
  try {
    await migrateToLatest(db);
    await syncCatalog(db);
    const seededAt = performance.now();
    const dueAt = new Date(Date.now() - 1_000);
    await seedDueReminders(db, { count: opts.n, dueAt, tag: `bench${tag}` });
    say(`  seeded ${opts.n} due reminders in ${Math.round(performance.now() - seededAt)} ms`);

    const redisPid = await (async () => {
      const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      try {
        return Number(/process_id:(\d+)/.exec(await r.info("server"))?.[1]);
      } finally {
        r.disconnect();
      }
    })();
    const cpu = trackCpu(async () => {
      const pids = new Map<number, string>([
        [process.pid, "bench + SMTP sink"],
        [redisPid, "redis-server"],
      ]);
      for (const w of workers) pids.set(w.pid, "worker");
      const backends = await sql<{ pid: number }>`
        select pid from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
      for (const { pid } of backends.rows) pids.set(pid, "postgres backends");
      return pids;
    });
    const startedAt = performance.now();
    const startedAtWall = Date.now();
    // Extra node flags for the workers, opt-in (e.g. `BENCH_WORKER_NODE_ARGS="--cpu-prof
    // --cpu-prof-dir=/tmp/prof"`), split on spaces.
    const extraArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    for (let i = 0; i < opts.workers; i++)
      workers.push(startApp("worker", env, `worker-${i + 1}`, extraArgs));

    const unique = () => sink.distinct.size;
    const during = opts.during?.();
    let lastReport = performance.now();
    while (unique() < opts.n && performance.now() - startedAt < opts.timeoutMs) {
      const dead = workers.find((w) => w.child.exitCode !== null);
      if (dead) throw new Error(`${dead.name} exited:\n${dead.logs.join("")}`);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        say(
          `    … ${unique()}/${opts.n} received after ${((lastReport - startedAt) / 1000).toFixed(0)} s`,
        );
      }
      await sleep(50);
    }
    const allInAt = performance.now();
    const cpuSeconds = await cpu.stop();
    await during;
    await sleep(3_000); // late duplicates, if any, arrive now
    const peakMb = Math.max(...workers.map((w) => w.peakMb()));

    const written = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.max("created_at").as("last"))
      .where("template", "=", "practice-reminder")
      .where("idempotency_key", "like", "reminder:%")
      .executeTakeFirst();
    const statuses = await db
      .selectFrom("outbox")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("created_at", ">=", new Date(startedAtWall - 60_000))
      .groupBy("status")
      .execute();
    const ids = sink.arrivals.map((a) => a.id);
    const distinct = new Set(ids).size;
    const first = sink.arrivals[0]?.at ?? Number.NaN;
    const lastUnique = Math.min(allInAt, sink.arrivals.at(-1)?.at ?? Number.NaN);
    const secondsToLast = (lastUnique - startedAt) / 1000;
    return {
      n: opts.n,
      workers: opts.workers,
      received: ids.length,
      distinct,
      duplicates: ids.length - distinct,
      lost: opts.n - distinct,
      perSecond: distinct / ((lastUnique - first) / 1000),
      perSecondWithBoot: distinct / secondsToLast,
      secondsToLast,
      outboxSeconds: (new Date(written?.last ?? Number.NaN).getTime() - startedAtWall) / 1000,
      peakMb,
      outbox: statuses.map((s) => `${s.status} ${s.n}`).join(", "),
      cpu: cpuSeconds,
      perSecondTimeline: sink.arrivals.reduce<number[]>((bins, a) => {
        const s = Math.floor((a.at - startedAt) / 1000);
        for (let i = bins.length; i <= s; i++) bins.push(0);
        bins[s]! += 1;
        return bins;
      }, []),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await sink.close();
    await db.destroy();
    if (ownDb) await dropDatabase(dbName);
    await clearRedisPrefix(prefix);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "10000" },
      workers: { type: "string", default: "1" },
      "timeout-s": { type: "string", default: "900" },
      timeline: { type: "boolean", default: false },
    },
  });
  const n = Number(values.n);
  const workers = Number(values.workers);
  if (!Number.isInteger(n) || n < 1) throw new Error("--n must be a positive whole number");
  if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers must be 1 or more");
  console.log(`bench:reminders  N=${n}  workers=${workers}`);
  const r = await runReminderBench({ n, workers, timeoutMs: Number(values["timeout-s"]) * 1000 });
  const row = (label: string, value: string) => console.log(`${label.padEnd(30)}${value}`);
  console.log("");
  row("reminders seeded", `${r.n}`);
  row("emails received", `${r.received} (${r.distinct} distinct Message-IDs)`);
  row("duplicates", `${r.duplicates}`);
  row("lost", `${r.lost}`);
  row("worker start → all in outbox", `${r.outboxSeconds.toFixed(2)} s (the reminder sweep)`);
  row("worker start → last email", `${r.secondsToLast.toFixed(2)} s`);
  row("throughput, end to end", `${r.perSecondWithBoot.toFixed(0)} emails/s (boot included)`);
  row("throughput, first → last", `${r.perSecond.toFixed(0)} emails/s`);
  row("worker memory, peak RSS", `${r.peakMb.toFixed(0)} MiB (largest of the worker processes)`);
  row("outbox", r.outbox);
  for (const [label, seconds] of [...r.cpu].sort((a, b) => b[1] - a[1]))
    row(
      `cpu, ${label}`,
      `${seconds.toFixed(2)} s (${((seconds / r.secondsToLast) * 100).toFixed(0)} % of a core, ${((seconds / r.n) * 1e6).toFixed(0)} µs per email)`,
    );
  if (values.timeline) row("emails per second", r.perSecondTimeline.join(" "));
  if (r.lost > 0) process.exitCode = 1;
}
