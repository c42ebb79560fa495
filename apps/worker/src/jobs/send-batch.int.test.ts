import { claimDueEmails, enqueueEmail, enqueueEmails } from "@tend/db";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { createMailer, messageIdFor } from "../email/transport.ts";
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
import {
  createSendSlots,
  DEFAULT_RETRY_POLICY,
  type SendEmailDeps,
  type SendOutcome,
  sendOutboxBatch,
} from "./send-email.ts";

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let runtimes: WorkerRuntime[] = [];
const mailers: Array<{ close: () => void }> = [];

beforeAll(async () => {
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
});
afterEach(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  runtimes = [];
  for (const m of mailers.splice(0)) m.close();
  sink.delay(0);
  sink.answer(undefined);
  sink.answerFor(undefined);
});
afterAll(async () => {
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
});

function batchDeps(overrides: Partial<SendEmailDeps> = {}): SendEmailDeps {
  const mailer = createMailer({ smtpUrl: sink.url, from: TEST_MAIL_FROM });
  mailers.push(mailer);
  return {
    db: t.db,
    mailer,
    log: pino({ level: "silent" }),
    cipher: testCipher(),
    retry: DEFAULT_RETRY_POLICY,
    minLeaseLeftMs: 1_000,
    ...overrides,
  };
}

/** Claim every due row whose key starts with `prefix` (other tests' rows are sent already). */
async function claimAll(prefix: string, leaseSeconds: number) {
  const rows = await claimDueEmails(t.db, { limit: 1_000, leaseSeconds });
  expect(rows.every((r) => r.idempotency_key.startsWith(prefix))).toBe(true);
  return rows;
}

describe("sending a batch of outbox emails", () => {
  it("records each email of a batch on its own: accepted, refused (5xx), greylisted (4xx), unrenderable", async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `mixed:${i}`);
    const address = (i: number) =>
      i % 4 === 1
        ? `refused${i}@example.org`
        : i % 4 === 2
          ? `later${i}@example.org`
          : `ok${i}@example.org`;
    await enqueueEmails(
      t.db,
      keys.map((key, i) =>
        i === 11
          ? { ...magicLinkEmail(key, address(i)), data: { url: "not a url" } }
          : magicLinkEmail(key, address(i)),
      ),
    );
    sink.answerFor((to) =>
      to.startsWith("refused")
        ? { code: 550, message: "5.1.1 mailbox unavailable" }
        : to.startsWith("later")
          ? { code: 451, message: "4.7.1 try again later" }
          : undefined,
    );
    const rows = await claimAll("mixed:", 60);
    expect(rows).toHaveLength(keys.length);

    const before = Date.now();
    // Retries far off, so no later test's worker picks the greylisted rows up.
    const outcomes = await sendOutboxBatch(
      batchDeps({ retry: { ...DEFAULT_RETRY_POLICY, baseMs: 3_600_000 } }),
      rows.map((r) => ({ outboxId: r.id, attempt: r.attempts })),
    );

    const expected = (i: number): SendOutcome =>
      i === 11 ? "failed" : i % 4 === 1 ? "failed" : i % 4 === 2 ? "retry" : "sent";
    const byKey = new Map(rows.map((r, n) => [r.idempotency_key, outcomes[n]]));
    for (const [i, key] of keys.entries()) {
      expect(byKey.get(key), key).toBe(expected(i));
      const row = await rowByKey(t, key);
      expect(row.locked_until, key).toBeNull();
      expect(row.attempts, key).toBe(1);
      if (i === 11) {
        expect(row.status).toBe("failed");
        expect(row.last_error).toMatch(/invalid data for template "magic-link"/);
      } else if (i % 4 === 1) {
        expect(row.status).toBe("failed");
        expect(row.last_error).toMatch(/^SMTP 550: .*mailbox unavailable/);
        expect(row.last_error).not.toMatch(/refused\d+@/); // the address stays out of the error
      } else if (i % 4 === 2) {
        expect(row.status).toBe("queued");
        expect(row.last_error).toMatch(/^SMTP 451: .*try again later/);
        expect(row.next_attempt_at.getTime()).toBeGreaterThan(before + 60_000);
      } else {
        expect(row.status).toBe("sent");
        expect(row.message_id).toBe(messageIdFor(key, "tend.local"));
        expect(row.sent_at).toBeInstanceOf(Date);
        expect(row.last_error).toBeNull();
      }
      expect(countByKey(sink, key), key).toBe(expected(i) === "sent" ? 1 : 0);
    }
  });

  it("leaves what a running-out lease cannot cover for a new claim, and sends each email once", async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `lease:${i}`);
    await enqueueEmails(
      t.db,
      keys.map((key) => magicLinkEmail(key)),
    );
    sink.delay(400); // each send takes 400 ms; one at a time
    const rows = await claimAll("lease:", 2);
    const outcomes = await sendOutboxBatch(
      batchDeps({ slots: createSendSlots(1) }),
      rows.map((r) => ({ outboxId: r.id, attempt: r.attempts })),
    );
    // A send starts only with a second of lease left: the first few go, the rest wait.
    const sent = outcomes.filter((o) => o === "sent").length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(keys.length);
    expect(outcomes.filter((o) => o !== "sent").every((o) => o === "skipped")).toBe(true);
    const left = rows.filter((_, n) => outcomes[n] === "skipped").map((r) => r.id);
    for (const id of left) {
      const row = (await t.db
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow())!;
      expect(row.status).toBe("sending"); // still claimed: nobody may take it before the lease ends
    }
    // Still leased: nobody else may claim them yet.
    if (Date.now() < rows[0]!.locked_until!.getTime() - 300)
      expect(await claimDueEmails(t.db, { limit: 100, leaseSeconds: 30 })).toEqual([]);

    // The lease ends; a new claim takes exactly what was not sent, and sends it.
    await sleep(Math.max(0, rows[0]!.locked_until!.getTime() - Date.now()) + 100);
    sink.delay(0);
    const again = await claimDueEmails(t.db, { limit: 100, leaseSeconds: 30 });
    expect(again.map((r) => r.id).sort()).toEqual([...left].sort());
    expect(again.every((r) => r.attempts === 2)).toBe(true);
    // The first batch's job, run again (a stalled job), finds its claims moved on.
    expect(
      await sendOutboxBatch(
        batchDeps(),
        rows.map((r) => ({ outboxId: r.id, attempt: r.attempts })),
      ),
    ).toEqual(rows.map(() => "skipped"));
    await sendOutboxBatch(
      batchDeps(),
      again.map((r) => ({ outboxId: r.id, attempt: r.attempts })),
    );
    for (const key of keys) {
      expect(countByKey(sink, key), key).toBe(1);
      expect((await rowByKey(t, key)).status, key).toBe("sent");
    }
  });

  it("two worker runtimes claiming small batches send every email exactly once", async () => {
    const sentBy = [0, 0];
    const onEmail = (worker: number) => (_id: string, outcome: SendOutcome) => {
      if (outcome === "sent") sentBy[worker]! += 1;
    };
    // Separate queues: only PostgreSQL (SKIP LOCKED) keeps their batches apart.
    await Promise.all(
      [0, 1].map(async (w) => {
        runtimes.push(
          await startTestRuntime({
            t,
            redisUrl: redis.url,
            smtpUrl: sink.url,
            prefix: `batches-${w}`,
            batchSize: 7,
            leaseSeconds: 30,
            onEmail: onEmail(w),
          }),
        );
      }),
    );
    sink.delay(5);
    const keys = Array.from({ length: 150 }, (_, i) => `two:${i}`);
    const before = sink.messages.length;
    await enqueueEmails(
      t.db,
      keys.map((key) => magicLinkEmail(key)),
    );
    await until(
      async () => {
        const rows = await t.db
          .selectFrom("outbox")
          .select("status")
          .where("idempotency_key", "like", "two:%")
          .execute();
        return rows.filter((r) => r.status === "sent").length === keys.length;
      },
      { timeoutMs: 30_000, what: "all 150 sent" },
    );
    await sleep(1_000);
    expect(keys.filter((k) => countByKey(sink, k) !== 1)).toEqual([]);
    expect(sink.messages.length - before).toBe(keys.length);
    expect(sentBy[0]! + sentBy[1]!).toBe(keys.length);
  }, 45_000);

  it("a single email still goes out as a batch of one (NOTIFY)", async () => {
    runtimes.push(
      await startTestRuntime({
        t,
        redisUrl: redis.url,
        smtpUrl: sink.url,
        prefix: "one",
        outboxPollMs: 60_000,
      }),
    );
    await sleep(500);
    await enqueueEmail(t.db, magicLinkEmail("one:1"));
    await until(() => countByKey(sink, "one:1") === 1, { timeoutMs: 5_000 });
  });
});
