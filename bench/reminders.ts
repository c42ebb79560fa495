// Reminder throughput, end to end: N due reminders in a fresh database → the real worker process
// (`node --import tsx apps/worker/src/main.ts`, NODE_ENV=production) → Redis → SMTP. Not a test: it prints
// numbers. `npm run bench:reminders -- --n 10000`
//
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the bench
// creates its own database there and drops it afterwards. REDIS_URL (default
// redis://127.0.0.1:6379) is used under a unique queue prefix, removed afterwards. The SMTP
// server is a local smtp-server sink that counts what arrives by Message-ID.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, FieldCipher, migrateToLatest, syncCatalog } from "@tend/db";
import { Redis } from "ioredis";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { seedDueReminders } from "../apps/worker/src/testing/seed.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    n: { type: "string", default: "10000" },
    "timeout-s": { type: "string", default: "900" },
  },
});
const N = Number(values.n);
const timeoutMs = Number(values["timeout-s"]) * 1000;
if (!Number.isInteger(N) || N < 1) throw new Error("--n must be a positive whole number");

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const dbName = `tend_bench_${tag}`;
const prefix = `tend-bench-${tag}`;

const say = (line: string) => console.log(line);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** An SMTP sink that keeps only what the numbers need: the Message-ID and when it came. */
async function startSink() {
  const arrivals: Array<{ id: string; at: number }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      let head = "";
      let inBody = false;
      stream.on("data", (chunk: Buffer) => {
        if (inBody) return;
        head += chunk.toString("latin1");
        const end = head.indexOf("\r\n\r\n");
        if (end >= 0) {
          head = head.slice(0, end);
          inBody = true;
        }
      });
      stream.on("end", () => {
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? "";
        arrivals.push({ id, at: performance.now() });
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Resident memory of a process now, and its peak so far (Linux /proc), in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]);
    return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

async function main() {
  say(`bench:reminders  N=${N}  database=${dbName}  redis=${redisUrl} prefix=${prefix}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const db = createDb(databaseUrl, { max: 4, applicationName: "tend-bench" });
  const sink = await startSink();
  let worker: ChildProcess | undefined;
  const logs: string[] = [];

  try {
    await migrateToLatest(db);
    await syncCatalog(db);
    const seededAt = performance.now();
    const dueAt = new Date(Date.now() - 1_000);
    await seedDueReminders(db, { count: N, dueAt, tag: `bench${tag}` });
    say(`seeded ${N} due reminders in ${Math.round(performance.now() - seededAt)} ms`);

    const startedAt = performance.now();
    const startedAtWall = Date.now();
    worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        SMTP_URL: sink.url,
        QUEUE_PREFIX: prefix,
        PUBLIC_URL: "https://tend.example",
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        DATA_ENCRYPTION_KEY: FieldCipher.generateSpec("bench1"),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (b) => logs.push(String(b)));
    worker.stderr?.on("data", (b) => logs.push(String(b)));
    const pid = worker.pid!;

    let peakRss = 0;
    let peakHwm = 0;
    const sampler = setInterval(() => {
      const m = memoryOf(pid);
      if (!m) return;
      peakRss = Math.max(peakRss, m.rss);
      peakHwm = Math.max(peakHwm, m.peak);
    }, 100);

    const unique = () => new Set(sink.arrivals.map((a) => a.id)).size;
    let lastReport = performance.now();
    while (unique() < N && performance.now() - startedAt < timeoutMs) {
      if (worker.exitCode !== null) throw new Error(`worker exited:\n${logs.join("")}`);
      if (performance.now() - lastReport > 5_000) {
        lastReport = performance.now();
        const m = memoryOf(pid);
        say(
          `  … ${unique()}/${N} received after ${((lastReport - startedAt) / 1000).toFixed(1)} s, RSS ${m?.rss.toFixed(0)} MiB`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const allInAt = performance.now();
    await new Promise((r) => setTimeout(r, 3_000)); // late duplicates, if any, arrive now
    clearInterval(sampler);
    const finalMemory = memoryOf(pid);
    peakHwm = Math.max(peakHwm, finalMemory?.peak ?? 0);

    const written = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.max("created_at").as("last"))
      .where("template", "=", "practice-reminder")
      .executeTakeFirst();
    const statuses = await db
      .selectFrom("outbox")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    const ids = sink.arrivals.map((a) => a.id);
    const distinct = new Set(ids).size;
    const first = sink.arrivals[0]?.at ?? Number.NaN;
    const lastUnique = Math.min(allInAt, sink.arrivals.at(-1)?.at ?? Number.NaN);
    const seconds = (ms: number) => (ms / 1000).toFixed(2);

    say("");
    const row = (label: string, value: string) => say(`${label.padEnd(30)}${value}`);
    const lastEmailS = (lastUnique - startedAt) / 1000;
    row("reminders seeded", `${N}`);
    row("emails received", `${ids.length} (${distinct} distinct Message-IDs)`);
    row("duplicates", `${ids.length - distinct}`);
    row("lost", `${N - distinct}`);
    row(
      "worker start → all in outbox",
      `${seconds(new Date(written?.last ?? Number.NaN).getTime() - startedAtWall)} s (the reminder sweep)`,
    );
    row("worker start → first email", `${seconds(first - startedAt)} s`);
    row("worker start → last email", `${lastEmailS.toFixed(2)} s`);
    row("throughput, end to end", `${(distinct / lastEmailS).toFixed(0)} emails/s (boot included)`);
    row(
      "throughput, first → last",
      `${(distinct / ((lastUnique - first) / 1000)).toFixed(0)} emails/s`,
    );
    row(
      "worker memory, peak RSS",
      `${Math.max(peakRss, peakHwm).toFixed(0)} MiB (sampled every 100 ms: ${peakRss.toFixed(0)} MiB; kernel high-water mark: ${peakHwm.toFixed(0)} MiB)`,
    );
    row("outbox", statuses.map((s) => `${s.status} ${s.n}`).join(", "));
    if (N - distinct > 0) process.exitCode = 1;
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once("exit", r));
      worker.kill("SIGTERM");
      const timer = setTimeout(() => worker!.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await sink.close();
    await db.destroy();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${dbName} with (force)`);
    await cleanup.end();
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
}

await main();
