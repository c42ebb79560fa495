// The worker's operator port: Prometheus metrics behind a bearer token, the bull-board queue
// dashboard behind HTTP Basic auth, against a real runtime (PostgreSQL, Redis, SMTP sink).
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { enqueueEmail } from "@tend/db";
import { createTestDatabase, type TestDatabase, testRedisUrl } from "@tend/db/testing";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { createLogger } from "../logger.ts";
import type { WorkerRuntime } from "../runtime.ts";
import { sweepCounter, testClock } from "../testing/clock.ts";
import { magicLinkEmail, startTestRuntime, until } from "../testing/email-runtime.ts";
import { seedDueReminders } from "../testing/seed.ts";
import { createWorkerMetrics, type WorkerMetrics } from "./metrics.ts";
import { type OpsServer, opsApp, opsQueues, startOpsServer } from "./ops-server.ts";

const TOKEN = "metrics-token-for-tests-0123456789";
const OPERATOR = { user: "ops", password: "a long operator password" };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

let t: TestDatabase;
let sink: SmtpSink;
let runtime: WorkerRuntime | undefined;
let server: OpsServer | undefined;
let queues: ReturnType<typeof opsQueues>;
let metrics: WorkerMetrics;
const prefix = `ops-${randomUUID().slice(0, 8)}`;
const clock = testClock("2026-06-01T08:00:00.000Z");
const sweeps = sweepCounter();

beforeAll(async () => {
  [t, sink] = await Promise.all([createTestDatabase(), startSmtpSink()]);
  const log = pino({ level: "silent" });
  queues = opsQueues(testRedisUrl(), prefix);
  metrics = createWorkerMetrics({ db: t.db, queues: queues.queues, log });
  runtime = await startTestRuntime({
    t,
    redisUrl: testRedisUrl(),
    smtpUrl: sink.url,
    prefix,
    reminderSweepMs: 50,
    clock: clock.now,
    onReminderSweep: sweeps.onReminderSweep,
    metrics,
    leaseSeconds: 10,
    retry: { baseMs: 20, maxAttempts: 1 },
  });
  server = await startOpsServer({
    host: "127.0.0.1",
    port: 0,
    metrics,
    queues: queues.queues,
    log,
    metricsToken: TOKEN,
    operator: OPERATOR,
  });
});

afterAll(async () => {
  await server?.close();
  await runtime?.close();
  await queues?.close();
  await sink?.close();
  await t?.drop();
  const redis = new Redis(testRedisUrl());
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

async function scrape(token = TOKEN) {
  const res = await fetch(`${server!.url}/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const sample = (text: string, line: string) =>
  text.split("\n").find((l) => l.startsWith(`${line} `) || l === line);
const valueAt = (text: string, series: string) => Number(sample(text, series)?.split(" ").at(-1));

describe("GET /metrics on the operator port", () => {
  it("answers only to the bearer token", async () => {
    expect(server?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server!.url}/metrics`)).status).toBe(401);
    expect((await scrape("not-the-token-not-the-token")).status).toBe(401);
    const basicInstead = await fetch(`${server!.url}/metrics`, {
      headers: { authorization: basic(OPERATOR.user, OPERATOR.password) },
    });
    expect(basicInstead.status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.type).toContain("text/plain");
    expect(ok.text).toContain("process_resident_memory_bytes");
    expect(ok.text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("counts emails by template and outcome, reminders by outcome, and reads queues and the outbox at scrape time", async () => {
    // Two reminders due, sent through the real pipeline.
    await seedDueReminders(t.db, { count: 2, dueAt: new Date("2026-06-01T09:00:00.000Z") });
    clock.set("2026-06-01T09:01:00.000Z");
    await sweeps.settled(clock);
    await until(() => sink.messages.length >= 2, { what: "two reminders sent" });

    // One email the SMTP server refuses for good.
    sink.answer({ code: 550, message: "no such mailbox" });
    await enqueueEmail(t.db, magicLinkEmail("ops:refused", "nobody@example.org"));
    await until(
      async () =>
        (
          await t.db
            .selectFrom("outbox")
            .select("status")
            .where("idempotency_key", "=", "ops:refused")
            .executeTakeFirstOrThrow()
        ).status === "failed",
      { what: "refused email recorded as failed" },
    );
    sink.answer(undefined);

    // One email waiting for later: the backlog gauge sees it.
    await enqueueEmail(t.db, {
      ...magicLinkEmail("ops:later", "later@example.org"),
      notBefore: new Date(Date.now() + 3_600_000),
    });

    const { text } = await scrape();
    expect(valueAt(text, 'tend_emails_total{template="practice-reminder",outcome="sent"}')).toBe(2);
    expect(valueAt(text, 'tend_emails_total{template="magic-link",outcome="failed"}')).toBe(1);
    expect(valueAt(text, 'tend_reminders_total{outcome="queued"}')).toBe(2);
    expect(valueAt(text, 'tend_reminders_total{outcome="practised"}')).toBe(0);
    expect(valueAt(text, 'tend_outbox_backlog{status="queued"}')).toBe(1);
    expect(valueAt(text, 'tend_outbox_backlog{status="sending"}')).toBe(0);
    expect(valueAt(text, "tend_outbox_oldest_due_seconds")).toBe(0);
    for (const queue of ["email", "maintenance"])
      for (const state of ["waiting", "active", "delayed", "failed"])
        expect(
          sample(text, `tend_queue_jobs{queue="${queue}",state="${state}"}`),
          `${queue} ${state}`,
        ).toBeDefined();
    // The maintenance schedulers keep their next runs as delayed jobs.
    expect(valueAt(text, 'tend_queue_jobs{queue="maintenance",state="delayed"}')).toBeGreaterThan(
      0,
    );
    // Labels are templates and outcomes, never who.
    expect(text).not.toMatch(/@example\.org/);
  });

  it("is not served at all without METRICS_TOKEN", async () => {
    const app = opsApp({
      metrics,
      queues: queues.queues,
      log: pino({ level: "silent" }),
      metricsToken: undefined,
      operator: { user: "ops", password: undefined },
    });
    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
  });
});

describe("the queue dashboard (/queues)", () => {
  it("asks for the operator's credentials", async () => {
    const none = await fetch(`${server!.url}/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic /);
    const wrong = await fetch(`${server!.url}/queues`, {
      headers: { authorization: basic(OPERATOR.user, "not the password") },
    });
    expect(wrong.status).toBe(401);
    const api = await fetch(`${server!.url}/queues/api/queues`);
    expect(api.status).toBe(401);
    const token = await fetch(`${server!.url}/queues`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(token.status).toBe(401);
  });

  it("shows both queues, read-only, with ids and no personal data in the jobs", async () => {
    const auth = { authorization: basic(OPERATOR.user, OPERATOR.password) };
    const page = await fetch(`${server!.url}/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Tend queues</title>");
    const asset = await fetch(`${server!.url}/queues/static/favicon-32x32.png`, { headers: auth });
    expect(asset.status).toBe(200);

    // Keep a send job in Redis to look at: SMTP slow, then a new email.
    sink.delay(1_500);
    await enqueueEmail(t.db, magicLinkEmail("ops:visible", "visible.person@example.org"));
    let seen = "";
    await until(
      async () => {
        const res = await fetch(
          `${server!.url}/queues/api/queues?activeQueue=email&status=active&page=1&jobsPerPage=50`,
          { headers: auth },
        );
        seen = await res.text();
        return seen.includes('"outboxId"');
      },
      { what: "the send job listed by the dashboard" },
    );
    sink.delay(0);
    const body = JSON.parse(seen) as {
      queues: Array<{ name: string; readOnlyMode: boolean; jobs: Array<{ data: unknown }> }>;
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual(["email", "maintenance"]);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    const jobs = body.queues.find((q) => q.name === "email")!.jobs;
    expect(jobs.length).toBeGreaterThan(0);
    // A send job is a batch of claims: ids and claim numbers only.
    for (const job of jobs) {
      expect(Object.keys(job.data as object)).toEqual(["claims"]);
      for (const claim of (job.data as { claims: object[] }).claims)
        expect(Object.keys(claim).sort()).toEqual(["attempt", "outboxId"]);
    }
    expect(seen).not.toMatch(/@example\.org|visible\.person/);
  });

  it("refuses requests from other sites that would change something", async () => {
    const res = await fetch(`${server!.url}/queues/api/queues/email/pause`, {
      method: "PUT",
      headers: {
        authorization: basic(OPERATOR.user, OPERATOR.password),
        origin: "https://elsewhere.example",
      },
    });
    expect(res.status).toBe(403);
  });

  it("is off, and says so in the log, without OPERATOR_PASSWORD", async () => {
    const lines: string[] = [];
    const log = createLogger(
      "info",
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = opsApp({
      metrics,
      queues: queues.queues,
      log,
      metricsToken: TOKEN,
      operator: { user: "ops", password: undefined },
    });
    for (const path of ["/queues", "/queues/", "/queues/api/queues"]) {
      const res = await app.request(path, {
        headers: { authorization: basic("ops", "anything at all") },
      });
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("OPERATOR_PASSWORD");
    }
    expect(lines.join("")).toContain("queue dashboard is off");
  });
});

it("leaves a busy operator port to whoever has it, and says so", async () => {
  const lines: string[] = [];
  const log = createLogger(
    "info",
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const second = await startOpsServer({
    host: "127.0.0.1",
    port: server!.port,
    metrics,
    queues: queues.queues,
    log,
    metricsToken: TOKEN,
    operator: OPERATOR,
  });
  expect(second).toBeUndefined();
  expect(lines.join("")).toContain("operator port unavailable");
});
