// `npm run bench`: the whole suite, on this machine's PostgreSQL (DATABASE_URL) and Redis
// (REDIS_URL), 127.0.0.1 only. Writes bench/results.json (every figure measured in this run) and
// prints a table against the targets. See BENCHMARKS.md.
//
//   npm run bench                                   # full size
//   npm run bench -- --entries 500000 --reminders 20000 --duration 5
//   npm run bench -- --reuse-seed                   # keep an existing tend_bench
//   npm run bench -- --sections api,web             # some sections only (seed is implied)
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchApi, load, pickSample, signInMany } from "./api.ts";
import {
  BENCH_AUTH_SECRET,
  BENCH_DATA_KEY,
  BENCH_DB,
  BENCH_ORIGIN,
  databaseExists,
  databaseUrl,
  fmt,
  redisUrl,
  repoRoot,
  serverUrl,
} from "./lib/env.ts";
import { startApi } from "./lib/processes.ts";
import { Results } from "./lib/results.ts";
import { runReminderBench } from "./reminders.ts";
import { createSeededDatabase, seedArgOptions, seedOptionsFromArgs } from "./seed.ts";
import { buildWeb, launch, lcp, todayJs, webDist } from "./web.ts";
import { benchBullmqNoop, benchSummaries } from "./worker.ts";

const { values } = parseArgs({
  options: {
    ...seedArgOptions,
    reminders: { type: "string", default: "100000" },
    "scale-reminders": { type: "string", default: "20000" },
    summaries: { type: "string", default: "10000" },
    "noop-jobs": { type: "string", default: "20000" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    "lcp-runs": { type: "string", default: "5" },
    "reuse-seed": { type: "boolean", default: false },
    sections: { type: "string", default: "api,web,worker,scale" },
    out: { type: "string", default: path.join(repoRoot, "bench/results.json") },
  },
});
const int = (key: keyof typeof values) => {
  const n = Number(String(values[key]).replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} must be a positive whole number`);
  return n;
};
const sections = new Set(String(values.sections).split(","));
const seedOptions = seedOptionsFromArgs(values);
const results = new Results();
const startedAt = performance.now();
const say = (line: string) => console.log(line);
const heading = (title: string) =>
  say(
    `\n== ${title} (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim();
  } catch {
    return "(unavailable)";
  }
}

async function machine() {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  const pgVersion = (await c.query("show server_version")).rows[0]?.server_version as string;
  await c.end();
  const redisInfo = sh("redis-cli", ["-u", redisUrl, "info", "server"]);
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memory: sh("free", ["-h"]),
    node: process.version,
    postgres: pgVersion,
    redis: /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? "(unavailable)",
    loadAverageAtStart: os.loadavg(),
  };
}

const apiEnv = (url: string) => ({
  DATABASE_URL: url,
  PUBLIC_URL: BENCH_ORIGIN,
  AUTH_SECRET: BENCH_AUTH_SECRET,
  DATA_ENCRYPTION_KEY: BENCH_DATA_KEY,
  // Sign-ins come from many (made-up) addresses, as they would from many people.
  TRUST_PROXY: "true",
  WEB_DIST: webDist,
});

async function main() {
  const meta: Record<string, unknown> = { machine: await machine() };
  say(`bench on ${JSON.stringify(meta.machine)}`);
  const url = databaseUrl(BENCH_DB);

  // ── Data ────────────────────────────────────────────────────────────────
  heading("seed");
  if (values["reuse-seed"] && (await databaseExists(BENCH_DB))) {
    say(`  reusing ${BENCH_DB} (no seeding figures in this run)`);
    meta.seed = "reused";
  } else {
    const { report } = await createSeededDatabase(seedOptions);
    for (const [table, n] of Object.entries(report.counts)) say(`  ${table.padEnd(20)} ${fmt(n)}`);
    results.set("seed.seconds", report.seconds, "s", "COPY + indexes + VACUUM ANALYZE");
    results.set("seed.entries", report.counts.entries ?? 0, "rows");
    results.set("seed.clients", report.counts.client_profiles ?? 0, "rows");
    results.set("seed.therapists", report.counts.therapist_settings ?? 0, "rows");
    results.set("seed.outbox", report.counts.outbox ?? 0, "rows");
    meta.seed = seedOptions;
  }

  // ── Web build (the API serves it) ───────────────────────────────────────
  if (sections.has("web")) {
    heading("web build");
    buildWeb();
    const js = todayJs();
    say(`  Today needs ${js.kb.toFixed(1)} kB gzipped JS: ${js.files.join(", ")}`);
    results.set("web.today.js_kb", js.kb, "kB gzip", `${js.files.length} files`);
  }

  // ── API, then the browser against the same process ──────────────────────
  let apiPeak = 0;
  if (sections.has("api") || sections.has("web")) {
    const api = await startApi(apiEnv(url));
    try {
      let signedIn: Awaited<ReturnType<typeof benchApi>> | undefined;
      if (sections.has("api")) {
        heading(`api: autocannon, ${values.connections} connections, ${values.duration} s each`);
        signedIn = await benchApi(api.url, url, results, {
          connections: int("connections"),
          durationS: int("duration"),
          warmupS: Number(values.warmup),
          clients: 100,
          therapists: 50,
        });
      }
      if (sections.has("web")) {
        heading("web: Largest Contentful Paint, headless Chromium, cold loads");
        const sample = await pickSample(url, { clients: 1, therapists: 1 });
        const [client] = await signInMany(api.url, sample.clientEmails);
        const [therapist] = await signInMany(
          api.url,
          sample.therapists.map((t) => t.email),
        );
        const clientId = sample.therapists[0]!.clientId;
        // localhost, not 127.0.0.1: Chromium sends Secure cookies to localhost over http.
        const origin = api.url.replace("127.0.0.1", "localhost");
        const browser = await launch();
        try {
          const runs = int("lcp-runs");
          const today = await lcp(browser, {
            url: `${origin}/today`,
            cookie: client!.cookie,
            ready: /Practise any time|Planned for today|Whenever suits you/,
            runs,
          });
          say(
            `  Today  LCP median ${today.median.toFixed(0)} ms (${today.all.map((v) => v.toFixed(0)).join(", ")})`,
          );
          results.set("web.today.lcp_ms", today.median, "ms", `median of ${runs} cold loads`);
          const review = await lcp(browser, {
            url: `${origin}/clients/${clientId}/review`,
            cookie: therapist!.cookie,
            ready: /Reviewing together with/,
            runs,
          });
          say(
            `  Review LCP median ${review.median.toFixed(0)} ms (${review.all.map((v) => v.toFixed(0)).join(", ")})`,
          );
          results.set("web.review.lcp_ms", review.median, "ms", `median of ${runs} cold loads`);
        } finally {
          await browser.close();
        }
      }
      void signedIn;
    } finally {
      apiPeak = api.peakMb();
      await api.stop();
    }
    results.set("mem.api.peak_mb", apiPeak, "MiB", "VmHWM/RSS of the API process, whole run");
  }

  // ── Worker ──────────────────────────────────────────────────────────────
  const workerPeaks: number[] = [];
  if (sections.has("worker")) {
    heading("worker: BullMQ no-op jobs");
    const noop = await benchBullmqNoop(int("noop-jobs"));
    say(`  ${noop.jobs} no-op jobs in ${noop.seconds.toFixed(2)} s`);
    results.set("worker.noop.per_s", noop.perSecond, "jobs/s", `${noop.jobs} jobs, concurrency 50`);

    const n = int("reminders");
    heading(`worker: ${fmt(n)} due reminders → 1 worker process → SMTP sink`);
    const r = await runReminderBench({ n, workers: 1, timeoutMs: 30 * 60_000 }, say);
    say(
      `  ${r.distinct}/${r.n} delivered, ${r.perSecond.toFixed(0)}/s first → last (${r.perSecondWithBoot.toFixed(0)}/s with boot), duplicates ${r.duplicates}, lost ${r.lost}, outbox ${r.outbox}`,
    );
    results.set(
      "worker.reminders.per_s",
      r.perSecond,
      "emails/s",
      `${r.n} reminders, first → last email`,
    );
    results.set("worker.reminders.per_s_with_boot", r.perSecondWithBoot, "emails/s");
    results.set("worker.reminders.duplicates", r.duplicates, "count");
    results.set("worker.reminders.lost", r.lost, "count");
    results.set("worker.reminders.count", r.n, "reminders");
    workerPeaks.push(r.peakMb);

    const k = int("summaries");
    heading(`worker: weekly summaries for ${fmt(k)} clients of ${BENCH_DB}`);
    const s = await benchSummaries(url, k, 10 * 60_000);
    say(
      `  ${s.distinct}/${s.clients} summaries delivered in ${s.seconds.toFixed(1)} s (outbox rows written over ${s.dispatchSeconds.toFixed(1)} s), duplicates ${s.duplicates}, lost ${s.lost}`,
    );
    results.set(
      "worker.summaries.seconds",
      s.seconds,
      "s",
      `${s.clients} clients, worker start → last delivered`,
    );
    results.set(
      "worker.summaries.dispatch_seconds",
      s.dispatchSeconds,
      "s",
      "first → last outbox row",
    );
    results.set("worker.summaries.lost", s.lost, "count");
    results.set("worker.summaries.duplicates", s.duplicates, "count");
    workerPeaks.push(s.peakMb);
    results.set("mem.worker.peak_mb", Math.max(...workerPeaks), "MiB", "largest worker process");
  }

  // ── Scale-out: two API and two worker processes, one PostgreSQL, one Redis ──
  if (sections.has("scale")) {
    const n = int("scale-reminders");
    heading(`scale-out: 2 API + 2 worker processes on ${BENCH_DB}, ${fmt(n)} reminders`);
    const apis = [await startApi(apiEnv(url), "api-1"), await startApi(apiEnv(url), "api-2")];
    try {
      const sample = await pickSample(url, { clients: 60, therapists: 1 });
      // Signed in on api-1 only: api-2 accepts the same sessions (they live in PostgreSQL).
      const clients = await signInMany(apis[0]!.url, sample.clientEmails);
      const cookies = clients.map((c) => c.cookie);
      const loads: Array<Awaited<ReturnType<typeof load>>> = [];
      const r = await runReminderBench(
        {
          n,
          workers: 2,
          timeoutMs: 20 * 60_000,
          databaseUrl: url,
          during: async () => {
            const each = Math.max(1, Math.floor(int("connections") / 2));
            loads.push(
              ...(await Promise.all(
                apis.map((a) =>
                  load(
                    a.url,
                    { path: () => "/trpc/practice.today", cookies },
                    {
                      connections: each,
                      durationS: int("duration"),
                    },
                  ),
                ),
              )),
            );
          },
        },
        say,
      );
      const rps = loads.reduce((sum, l) => sum + l.rps, 0);
      const errors = loads.reduce((sum, l) => sum + l.errors, 0);
      say(
        `  api-1 + api-2: ${rps.toFixed(0)} req/s on practice.today (${loads.map((l) => `${l.rps.toFixed(0)} req/s p99 ${l.p99} ms`).join("; ")}), errors ${errors}`,
      );
      say(
        `  worker-1 + worker-2: ${r.distinct}/${r.n} reminders, ${r.perSecond.toFixed(0)}/s, duplicates ${r.duplicates}, lost ${r.lost}`,
      );
      results.set("scale.api.today.rps", rps, "req/s", "2 API processes, while 2 workers send");
      results.set("scale.api.today.p99_ms", Math.max(...loads.map((l) => l.p99)), "ms");
      results.set("scale.api.errors", errors, "count");
      results.set("scale.reminders.per_s", r.perSecond, "emails/s", `${r.n} reminders, 2 workers`);
      results.set("scale.reminders.duplicates", r.duplicates, "count");
      results.set("scale.reminders.lost", r.lost, "count");
    } finally {
      await Promise.all(apis.map((a) => a.stop()));
      // The reminder clients the scale test added (seedDueReminders: example.org, "Dr. Bulk"),
      // so a --reuse-seed run starts from the same data. Bounded: a failure only warns.
      const c = new pg.Client({ connectionString: url, statement_timeout: 300_000 });
      await c.connect();
      const cleanupStarted = performance.now();
      try {
        const r = await c.query(
          `delete from "user" where role = 'client' and email like 'bench%@example.org'`,
        );
        await c.query(`delete from "user" where role = 'therapist' and name = 'Dr. Bulk'`);
        say(
          `  removed the ${r.rowCount} scale-test clients (cascading deletes) in ${((performance.now() - cleanupStarted) / 1000).toFixed(1)} s`,
        );
      } catch (err) {
        say(`  could not remove the scale-test clients: ${(err as Error).message}`);
      } finally {
        await c.end();
      }
    }
  }

  const seconds = (performance.now() - startedAt) / 1000;
  meta.totalSeconds = Math.round(seconds);
  meta.loadAverageAtEnd = os.loadavg();
  meta.options = { ...values };
  results.write(String(values.out), meta);
  say(
    `\n${results.table()}\n\nwrote ${path.relative(repoRoot, String(values.out))} in ${seconds.toFixed(0)} s`,
  );
}

await main();
