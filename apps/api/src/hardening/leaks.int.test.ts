/**
 * Where could a client's private words, or a therapist's session note, end up? Canary strings
 * are written through the real API (a private entry per client, a session note per client),
 * then the whole system runs — the API in process, the worker runtime on the same database
 * with an SMTP sink and a clock moved far enough ahead for reminders, weekly summaries and the
 * therapist's digest — and every place the words could leak to is searched:
 *
 * - every response the therapist receives (every query procedure, aimed at each client), and
 *   their printable summary PDF of each client (text extracted with `pdftotext`);
 * - every response a client receives and every export of theirs (JSON, CSV, PDF, calendar):
 *   their own words are legitimately there, the session notes and the other client's are not;
 * - every email sent: no canary in any therapist email; in client emails only the kinder words
 *   of the client who allowed quotes, in their own weekly summary (and never the harsh words);
 * - the outbox rows in PostgreSQL (email data is kept in clear text there);
 * - everything in Redis under the test's queue prefix (SCAN, then DUMP and a typed read of
 *   every key), taken after every step of the clock;
 * - what the worker's operator port shows (/metrics and the queue dashboard's API);
 * - every log line of the API and the worker at debug level, through the production loggers:
 *   no canary, no email address, no name.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createTestDatabase, type TestDatabase, testRedisUrl } from "@tend/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { messageIdFor } from "../../../worker/src/email/transport.ts";
import { createLogger as createWorkerLogger } from "../../../worker/src/logger.ts";
import { createWorkerMetrics } from "../../../worker/src/ops/metrics.ts";
import { type OpsServer, opsQueues, startOpsServer } from "../../../worker/src/ops/ops-server.ts";
import type { WorkerRuntime } from "../../../worker/src/runtime.ts";
import { sweepCounter, testClock } from "../../../worker/src/testing/clock.ts";
import {
  startTestRuntime,
  TEST_ENCRYPTION_KEY,
  TEST_LINK_SECRET,
  until,
} from "../../../worker/src/testing/email-runtime.ts";
import { createLogger } from "../logger.ts";
import { Caller, createTestApi, latestInvitationToken, type TestApi } from "../testing/harness.ts";
import { LOVED_ONE_ANSWERS } from "../testing/two-tenants.ts";
import { appRouter } from "../trpc/router.ts";

// ── The canaries and the people ─────────────────────────────────────────────

const CANARY = {
  /** Client N (quotes off): their private entry. Never outside their own views and exports. */
  harshN: "CANARYHARSHN7f3a9c",
  kinderN: "CANARYKINDERN2b8e41",
  /** Client Q (quotes on): harsh words never in an email; kinder words only in Q's summary. */
  harshQ: "CANARYHARSHQ5d1f07",
  kinderQ: "CANARYKINDERQ9c4e22",
  /** The therapist's session notes: never shown to a client, never emailed. */
  sessionN: "CANARYSESSIONN3e7b15",
  sessionQ: "CANARYSESSIONQ8a6d30",
};
/** A shared entry of client N: the therapist is meant to see it (shows the search works). */
const SHARED_WORDS = "sharedwordsvisible4c2a";

const THERAPIST = { name: "Wilhelmina Quarrington", email: "wilhelmina.quarrington@example.com" };
const CLIENT_N = { name: "Bartholomew Fenwright", email: "bartholomew.fenwright@example.com" };
const CLIENT_Q = { name: "Seraphina Oakenshaw", email: "seraphina.oakenshaw@example.com" };
const PENDING = { name: "Ignatius Thistlewood", email: "ignatius.thistlewood@example.com" };
const NAME_PARTS = [THERAPIST, CLIENT_N, CLIENT_Q, PENDING].flatMap((p) => p.name.split(" "));
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const ALL_CANARIES = Object.values(CANARY);

// ── Capture: logs, responses ────────────────────────────────────────────────

function lineSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(l);
      done();
    },
  });
  return { lines, stream };
}
const apiLogs = lineSink();
const workerLogs = lineSink();

/** A browser-like caller that keeps the text of every response it receives. */
class RecordingCaller extends Caller {
  responses: Array<{ path: string; status: number; text: string }> = [];
  override async fetch(p: string, init: RequestInit = {}, opts = {}): Promise<Response> {
    const res = await super.fetch(p, init, opts);
    if (!/application\/pdf/.test(res.headers.get("content-type") ?? ""))
      this.responses.push({ path: p, status: res.status, text: await res.clone().text() });
    return res;
  }
}

type Person = { caller: RecordingCaller; id: string; name: string; email: string };

// ── The scenario ────────────────────────────────────────────────────────────

let t: TestDatabase;
let api: TestApi;
let sink: SmtpSink;
let runtime: WorkerRuntime | undefined;
let ops: ReturnType<typeof opsQueues> | undefined;
let opsServer: OpsServer | undefined;
let redis: Redis;
let tmp: string;
let therapist: Person;
let clientN: Person;
let clientQ: Person;
let builtInId: string;
const prefix = `leaks-${Date.now().toString(36)}`;
const redisSnapshots: string[] = [];
const METRICS_TOKEN = "leak-test-metrics-token-0123";
const OPERATOR = { user: "ops", password: "leak test operator password" };

async function signUp(): Promise<Person> {
  const caller = new RecordingCaller(api);
  const res = await caller.authPost("/sign-up/email", {
    name: THERAPIST.name,
    email: THERAPIST.email,
    password: "a calm river 2026",
  });
  if (res.status !== 200) throw new Error(`sign-up: ${res.status}`);
  const me = await caller.query("me.get");
  return { caller, id: me.id, ...THERAPIST };
}

async function invite(person: { name: string; email: string }): Promise<Person> {
  await therapist.caller.mutate("invitations.send", person);
  const token = await latestInvitationToken(api, person.email);
  const caller = new RecordingCaller(api);
  const res = await caller.authPost("/tend/accept-invitation", {
    token,
    name: person.name,
    timeZone: "Europe/London",
    password: "a quiet harbour 2026",
  });
  if (res.status !== 200) throw new Error(`accept: ${res.status}`);
  const me = await caller.query("me.get");
  return { caller, id: me.id, ...person };
}

/** Practise the assignment and keep the entry private (the default); returns its id. */
async function practisePrivately(
  client: Person,
  assignmentId: string,
  harsh: string,
  kinder: string,
) {
  const entry = await client.caller.mutate("practice.start", { assignmentId });
  await client.caller.mutate("practice.complete", {
    entryId: entry.id,
    answers: LOVED_ONE_ANSWERS(`I always ruin things ${harsh}`, `I did my best today ${kinder}`),
  });
  return entry.id as string;
}

async function snapshotRedis(): Promise<void> {
  const parts: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      parts.push(`${key} (${type})`);
      const dump = await redis.dumpBuffer(key);
      if (dump) parts.push(dump.toString("latin1"));
      if (type === "string") parts.push((await redis.get(key)) ?? "");
      else if (type === "hash") parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === "list") parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === "set") parts.push(JSON.stringify(await redis.smembers(key)));
      else if (type === "zset")
        parts.push(JSON.stringify(await redis.call("ZRANGE", key, "0", "-1", "WITHSCORES")));
      else if (type === "stream") parts.push(JSON.stringify(await redis.xrange(key, "-", "+")));
    }
  } while (cursor !== "0");
  redisSnapshots.push(parts.join("\n"));
}

function pdfText(bytes: ArrayBuffer, name: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, new Uint8Array(bytes));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** Text with all whitespace removed: a canary wrapped over two lines still matches. */
const squeeze = (s: string) => s.replace(/\s+/g, "");
const found = (haystack: string, needles: string[]) =>
  needles.filter((n) => squeeze(haystack).includes(n));

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "tend-leaks-"));
  [t, sink] = await Promise.all([createTestDatabase(), startSmtpSink()]);
  api = await createTestApi(
    {
      AUTH_SECRET: TEST_LINK_SECRET,
      DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      TRUST_PROXY: "true",
    },
    { database: t, log: createLogger("debug", "api", apiLogs.stream) },
  );
  redis = new Redis(testRedisUrl());
  builtInId = (
    await t.db
      .selectFrom("exercise")
      .select("id")
      .where("slug", "=", "loved-one-test")
      .executeTakeFirstOrThrow()
  ).id;

  // People, through the API.
  therapist = await signUp();
  clientN = await invite(CLIENT_N);
  clientQ = await invite(CLIENT_Q);
  await therapist.caller.mutate("invitations.send", PENDING); // stays pending
  await clientQ.caller.mutate("me.updateClientSettings", { quoteWordsInSummary: true });

  // Homework, practice (private), a shared entry, a flag, session notes, a note for the week.
  const today = new Date().toISOString().slice(0, 10);
  const assign = (clientId: string) =>
    therapist.caller.mutate("assignments.create", {
      clientId,
      exerciseId: builtInId,
      schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["12:00"] },
      startDate: today,
      note: "Go gently with this one.",
    });
  const assignmentN = await assign(clientN.id);
  const assignmentQ = await assign(clientQ.id);
  const privateN = await practisePrivately(clientN, assignmentN.id, CANARY.harshN, CANARY.kinderN);
  await practisePrivately(clientQ, assignmentQ.id, CANARY.harshQ, CANARY.kinderQ);
  await clientN.caller.mutate("entries.setFlag", { id: privateN, flagged: true });
  const shared = await clientN.caller.mutate("practice.start", { exerciseId: builtInId });
  await clientN.caller.mutate("practice.complete", {
    entryId: shared.id,
    answers: LOVED_ONE_ANSWERS(`harsh ${SHARED_WORDS}`, `kinder ${SHARED_WORDS}`),
  });
  await clientN.caller.mutate("entries.setSharing", { id: shared.id, shared: true });
  for (const [client, note] of [
    [clientN, CANARY.sessionN],
    [clientQ, CANARY.sessionQ],
  ] as const)
    await therapist.caller.mutate("sessionNotes.save", {
      clientId: client.id,
      sessionDate: today,
      note: `We spoke about the week. ${note}`,
    });
  await therapist.caller.mutate("review.setWeekNote", {
    clientId: clientN.id,
    note: "Notice one kind thing a day.",
  });

  // The worker, on the same database, with a clock the test moves.
  const clock = testClock(new Date());
  const sweeps = sweepCounter();
  const workerLog = createWorkerLogger("debug", workerLogs.stream);
  ops = opsQueues(testRedisUrl(), prefix);
  const metrics = createWorkerMetrics({ db: t.db, queues: ops.queues, log: workerLog });
  runtime = await startTestRuntime({
    t,
    redisUrl: testRedisUrl(),
    smtpUrl: sink.url,
    prefix,
    reminderSweepMs: 100,
    clock: clock.now,
    onReminderSweep: sweeps.onReminderSweep,
    log: workerLog,
    metrics,
    leaseSeconds: 10,
  });
  opsServer = await startOpsServer({
    host: "127.0.0.1",
    port: 0,
    metrics,
    queues: ops.queues,
    log: workerLog,
    metricsToken: METRICS_TOKEN,
    operator: OPERATOR,
  });
  await sweeps.settled(clock); // plans the first summaries and digest

  // Move the clock to each next due instant until every kind of email has been written. SMTP is
  // slowed down meanwhile, so send jobs are still in Redis when it is searched after each step.
  sink.delay(300);
  const queuedFor = async (template: string, to: string) =>
    (await t.db
      .selectFrom("outbox")
      .select("id")
      .where("template", "=", template)
      .where("to_address", "=", to)
      .executeTakeFirst()) !== undefined;
  for (let step = 0; ; step++) {
    if (step > 30) throw new Error("the scheduled emails did not all come due");
    const due: Date[] = [];
    for (const client of [clientN, clientQ]) {
      if (!(await queuedFor("practice-reminder", client.email))) {
        const a = await t.db
          .selectFrom("assignment")
          .select("next_reminder_at")
          .where("client_id", "=", client.id)
          .executeTakeFirstOrThrow();
        if (a.next_reminder_at) due.push(a.next_reminder_at);
      }
      if (!(await queuedFor("weekly-summary", client.email))) {
        const p = await t.db
          .selectFrom("client_profile")
          .select("next_summary_at")
          .where("user_id", "=", client.id)
          .executeTakeFirstOrThrow();
        if (p.next_summary_at) due.push(p.next_summary_at);
      }
    }
    if (!(await queuedFor("therapist-digest", therapist.email))) {
      const s = await t.db
        .selectFrom("therapist_settings")
        .select("next_digest_at")
        .where("user_id", "=", therapist.id)
        .executeTakeFirstOrThrow();
      if (s.next_digest_at) due.push(s.next_digest_at);
    }
    if (due.length === 0) break;
    await snapshotRedis();
    const next = Math.min(...due.map((d) => d.getTime()));
    clock.set(new Date(Math.max(next, clock.now().getTime()) + 1_000));
    await sweeps.settled(clock);
    await new Promise((r) => setTimeout(r, 100)); // the NOTIFY → dispatch → send job path
    await snapshotRedis();
  }
  sink.delay(0);
  // Everything written is delivered (or deliberately not), and nothing is left in flight.
  await until(
    async () => {
      const open = await t.db
        .selectFrom("outbox")
        .select("id")
        .where("status", "in", ["queued", "sending"])
        .where("next_attempt_at", "<=", new Date())
        .execute();
      const sent = await t.db
        .selectFrom("outbox")
        .select("id")
        .where("status", "=", "sent")
        .execute();
      return open.length === 0 && sink.messages.length >= sent.length;
    },
    { timeoutMs: 30_000, what: "the outbox drained" },
  );
  await snapshotRedis();
}, 120_000);

afterAll(async () => {
  await opsServer?.close();
  await runtime?.close();
  await ops?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await sink?.close();
  await api?.drop();
  await t?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ── The searches ────────────────────────────────────────────────────────────

/** Input for each query procedure, as each kind of caller would send it. */
function queryInputs(
  clientId: string,
  ids: { exerciseId: string; entryId?: string; token?: string },
) {
  return {
    "me.get": [undefined],
    "me.sessionState": [undefined],
    "me.accessLog": [undefined],
    "me.clientSettings": [undefined],
    "me.digestSettings": [undefined],
    "exercise.listLibrary": [undefined],
    "exercise.get": [{ id: ids.exerciseId }],
    "clients.list": [undefined],
    "clients.get": [{ clientId }],
    "invitations.preview": ids.token ? [{ token: ids.token }] : [],
    "assignments.listForClient": [{ clientId }],
    "practice.today": [undefined],
    "entries.mine": [undefined],
    "entries.get": ids.entryId ? [{ id: ids.entryId }] : [],
    "entries.forClient": [{ clientId }],
    "progress.mine": [undefined, { weeks: 104 }],
    "review.bundle": [{ clientId }, { clientId, from: "2020-01-01" }],
    "sessionNotes.list": [{ clientId }],
    "calendar.feedStatus": [undefined],
    "account.deletionStatus": [undefined],
    "meta.ping": [undefined],
  } as Record<string, unknown[]>;
}

const QUERY_PATHS = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
)
  .filter(([, p]) => p._def.type === "query")
  .map(([name]) => name);

async function walkQueries(caller: RecordingCaller, clientId: string, entryId?: string) {
  const token = await latestInvitationToken(api, PENDING.email);
  const inputs = queryInputs(clientId, {
    exerciseId: builtInId,
    token,
    ...(entryId ? { entryId } : {}),
  });
  let ok = 0;
  for (const name of QUERY_PATHS)
    for (const input of inputs[name] ?? []) {
      const r = await caller.trpc(name, "query", input);
      if (r.status === 200) ok++;
    }
  return ok;
}

describe("private words and session notes stay where they belong", () => {
  it("every query procedure has an input here (a new one must be added to the walk)", () => {
    const missing = QUERY_PATHS.filter((p) => !(p in queryInputs("x", { exerciseId: "y" })));
    expect(missing).toEqual([]);
  });

  it("the therapist receives no private words: every response, every query, each client", async () => {
    let ok = 0;
    for (const client of [clientN, clientQ]) ok += await walkQueries(therapist.caller, client.id);
    expect(ok).toBeGreaterThanOrEqual(9); // the therapist's own queries answered, for both clients
    const all = therapist.caller.responses.map((r) => r.text).join("\n");
    expect(therapist.caller.responses.length).toBeGreaterThan(20);
    expect(found(all, [CANARY.harshN, CANARY.kinderN, CANARY.harshQ, CANARY.kinderQ])).toEqual([]);
    // Controls: what the therapist is meant to see is there, so the search does see words.
    expect(all).toContain(SHARED_WORDS);
    expect(found(all, [CANARY.sessionN, CANARY.sessionQ])).toEqual([
      CANARY.sessionN,
      CANARY.sessionQ,
    ]);
  });

  it("the therapist's printable summaries hold no private words and no session notes", async () => {
    const texts: string[] = [];
    for (const client of [clientN, clientQ]) {
      const res = await therapist.caller.fetch(`/api/export/clients/${client.id}.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      texts.push(pdfText(await res.arrayBuffer(), `therapist-${client.id}.pdf`));
    }
    expect(found(texts.join("\n"), ALL_CANARIES)).toEqual([]);
    // Controls: the text was extracted, decrypted words do reach it (the note for the week),
    // and the shared entry is in it (as ratings: the summary quotes no entry's words).
    expect(squeeze(texts[0]!)).toContain(squeeze(CLIENT_N.name));
    expect(squeeze(texts[0]!)).toContain(squeeze("Notice one kind thing a day."));
    expect(texts[0]).toMatch(/practised twice/);
  });

  it("clients see their own words only, never a session note, in every response and export", async () => {
    for (const [client, own, others] of [
      [clientN, [CANARY.harshN, CANARY.kinderN], [CANARY.harshQ, CANARY.kinderQ]],
      [clientQ, [CANARY.harshQ, CANARY.kinderQ], [CANARY.harshN, CANARY.kinderN]],
    ] as const) {
      const entries = await client.caller.query("entries.mine");
      expect(await walkQueries(client.caller, client.id, entries[0]?.id)).toBeGreaterThanOrEqual(8);
      const feed = await client.caller.mutate("calendar.createFeed");
      const exports: string[] = [];
      for (const file of ["me.json", "me.csv", "me.ics"]) {
        const res = await client.caller.fetch(`/api/export/${file}`);
        expect(res.status, file).toBe(200);
        exports.push(await res.text());
      }
      const pdf = await client.caller.fetch("/api/export/me.pdf");
      expect(pdf.status).toBe(200);
      exports.push(pdfText(await pdf.arrayBuffer(), `client-${client.id}.pdf`));
      const calendar = await new Caller(api).fetch(new URL(feed.url).pathname);
      expect(calendar.status).toBe(200);
      exports.push(await calendar.text());

      const responses = client.caller.responses.map((r) => r.text).join("\n");
      const everything = `${responses}\n${exports.join("\n")}`;
      expect(found(everything, [CANARY.sessionN, CANARY.sessionQ, ...others])).toEqual([]);
      // Control: their own export does hold their own words.
      expect(found(exports[0]!, [...own])).toEqual([...own]);
    }
  });

  it("no email to anyone carries a canary, except the kinder words in the summary of the client who allowed quotes", async () => {
    const rows = await t.db
      .selectFrom("outbox")
      .select(["idempotency_key", "template", "to_address", "status", "data"])
      .execute();
    const byMessageId = new Map(
      rows.map((r) => [messageIdFor(r.idempotency_key, "tend.local"), r]),
    );
    const kinds = new Map<string, number>();
    for (const m of sink.messages) {
      const row = byMessageId.get(m.messageId ?? "");
      expect(row, `an email with no outbox row: ${m.subject}`).toBeDefined();
      const kind = `${row!.template} → ${row!.to_address}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const headers = [...m.parsed.headers].map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
      const whole = [m.subject, m.text, m.html || "", ...headers].join("\n");
      const allowed =
        row!.template === "weekly-summary" && row!.to_address === CLIENT_Q.email
          ? [CANARY.kinderQ]
          : [];
      expect(
        found(
          whole,
          ALL_CANARIES.filter((c) => !allowed.includes(c)),
        ),
        kind,
      ).toEqual([]);
      if (allowed.length) expect(found(whole, allowed), "quotes control").toEqual(allowed);
    }
    // Every kind of email was really sent and searched.
    for (const kind of [
      `practice-reminder → ${CLIENT_N.email}`,
      `practice-reminder → ${CLIENT_Q.email}`,
      `weekly-summary → ${CLIENT_N.email}`,
      `weekly-summary → ${CLIENT_Q.email}`,
      `therapist-digest → ${THERAPIST.email}`,
      `invite → ${CLIENT_N.email}`,
      `invite → ${PENDING.email}`,
    ])
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(1);
    // The summary of the client who keeps quotes off quotes nothing at all.
    const quiet = sink.messages.find(
      (m) =>
        byMessageId.get(m.messageId ?? "")?.template === "weekly-summary" &&
        m.envelopeTo.includes(CLIENT_N.email),
    )!;
    expect(found(`${quiet.text}${quiet.html}`, [CANARY.kinderN, CANARY.harshN])).toEqual([]);
    // And the outbox rows (clear text in PostgreSQL) never held words, only references.
    expect(found(JSON.stringify(rows.map((r) => r.data)), ALL_CANARIES)).toEqual([]);
  });

  it("Redis holds ids only: no canary, address or name under the queue prefix", () => {
    expect(redisSnapshots.length).toBeGreaterThan(2);
    const all = redisSnapshots.join("\n");
    expect(all).toContain(`${prefix}:email`); // the search did see the queues…
    expect(all).toContain("outboxId"); // …and send jobs' data while they were in flight
    expect(found(all, ALL_CANARIES)).toEqual([]);
    expect(all).not.toMatch(EMAIL_ADDRESS);
    for (const part of NAME_PARTS) expect(all, part).not.toContain(part);
  });

  it("the operator port (metrics, queue dashboard) shows no personal data", async () => {
    const metrics = await fetch(`${opsServer!.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const auth = `Basic ${Buffer.from(`${OPERATOR.user}:${OPERATOR.password}`).toString("base64")}`;
    const texts = [await metrics.text()];
    for (const queue of ["email", "maintenance"])
      for (const status of ["latest", "completed", "failed", "delayed"]) {
        const res = await fetch(
          `${opsServer!.url}/queues/api/queues?activeQueue=${queue}&status=${status}&page=1&jobsPerPage=100`,
          { headers: { authorization: auth } },
        );
        expect(res.status).toBe(200);
        texts.push(await res.text());
      }
    const all = texts.join("\n");
    expect(all).toContain('tend_emails_total{template="weekly-summary",outcome="sent"}');
    expect(found(all, ALL_CANARIES)).toEqual([]);
    expect(all).not.toMatch(EMAIL_ADDRESS);
    for (const part of NAME_PARTS) expect(all, part).not.toContain(part);
  });

  it("the logs of the API and the worker, at debug level, hold no canary, address or name", () => {
    const api = apiLogs.lines.join("\n");
    const worker = workerLogs.lines.join("\n");
    // Controls: the whole scenario was logged.
    expect(apiLogs.lines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(50);
    expect(api).toContain('"route":"/trpc/sessionNotes.save"');
    expect(worker).toContain('"msg":"email sent"');
    expect(worker).toContain("outboxId");
    for (const [name, text] of [
      ["api", api],
      ["worker", worker],
    ] as const) {
      expect(found(text, ALL_CANARIES), name).toEqual([]);
      expect(text.match(EMAIL_ADDRESS)?.[0], `${name}: an email address`).toBeUndefined();
      for (const part of NAME_PARTS) expect(text, `${name}: ${part}`).not.toContain(part);
    }
  });
});
