// Helpers for the worker's integration tests (not part of the running worker).

import type { OutboxRow } from "@tend/db";
import { FieldCipher, findEmail } from "@tend/db";
import type { TestDatabase } from "@tend/db/testing";
import pino from "pino";
import type { SmtpSink } from "../../../../test/support/smtp-sink.ts";
import { messageIdFor } from "../email/transport.ts";
import type { ScheduledEmailsResult } from "../jobs/dispatch-scheduled-emails.ts";
import type { RetryPolicy, SendOutcome } from "../jobs/send-email.ts";
import type { Logger } from "../logger.ts";
import type { WorkerMetrics } from "../ops/metrics.ts";
import { startWorkerRuntime, type WorkerRuntime } from "../runtime.ts";
import { testLogLevel } from "./test-env.ts";

export const TEST_MAIL_FROM = "Tend <no-reply@tend.local>";
/** The secret email links are signed with in tests (the API under test must use the same). */
export const TEST_LINK_SECRET = "test-link-secret-test-link-secret-0123456789";
/** One key for every test file: what a test encrypts, its worker can decrypt. */
export const TEST_ENCRYPTION_KEY = `test1:${Buffer.alloc(32, 7).toString("base64")}`;
export const testCipher = () => FieldCipher.fromSpec(TEST_ENCRYPTION_KEY);

export async function until(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 15_000, what = "condition" }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A worker runtime with the outbox timings shrunk for tests (lease seconds, retries in ms). */
export function startTestRuntime(opts: {
  t: TestDatabase;
  redisUrl: string;
  smtpUrl: string;
  prefix: string;
  outboxPollMs?: number;
  leaseSeconds?: number;
  /** Emails per send job (keep batches small with a short lease: see minLeaseLeftMs). */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  onEmail?: (outboxId: string, outcome: SendOutcome) => void;
  /** Where links in emails point (default http://tend.test). */
  publicUrl?: string;
  reminderSweepMs?: number;
  clock?: () => Date;
  onReminderSweep?: (result: ScheduledEmailsResult) => void;
  /** What the runtime logs to (default: silent, or TEST_LOG_LEVEL). */
  log?: Logger;
  metrics?: WorkerMetrics;
}): Promise<WorkerRuntime> {
  return startWorkerRuntime({
    db: opts.t.db,
    log: opts.log ?? pino({ level: testLogLevel() }),
    redisUrl: opts.redisUrl,
    prefix: opts.prefix,
    sweepEveryMs: 60_000,
    databaseUrl: opts.t.url,
    smtpUrl: opts.smtpUrl,
    mailFrom: TEST_MAIL_FROM,
    outboxPollMs: opts.outboxPollMs ?? 200,
    outbox: {
      leaseSeconds: opts.leaseSeconds ?? 3,
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      retry: { baseMs: 20, ...opts.retry },
    },
    ...(opts.onEmail ? { onEmail: opts.onEmail } : {}),
    links: { publicUrl: opts.publicUrl ?? "http://tend.test", linkSecret: TEST_LINK_SECRET },
    cipher: testCipher(),
    reminderSweepMs: opts.reminderSweepMs ?? 60_000,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.onReminderSweep ? { onReminderSweep: opts.onReminderSweep } : {}),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
  });
}

/** How many received emails carry the Message-ID this key maps to. */
export function countByKey(sink: SmtpSink, key: string): number {
  const id = messageIdFor(key, "tend.local");
  return sink.messages.filter((m) => m.messageId === id).length;
}

export async function rowByKey(t: TestDatabase, key: string): Promise<OutboxRow> {
  const row = await t.db
    .selectFrom("outbox")
    .select("id")
    .where("idempotency_key", "=", key)
    .executeTakeFirstOrThrow();
  return (await findEmail(t.db, row.id))!;
}

export function magicLinkEmail(key: string, to = "sam@example.org") {
  return {
    idempotencyKey: key,
    template: "magic-link",
    to,
    data: { url: `https://tend.example/auth/${encodeURIComponent(key)}`, name: "Sam" },
  };
}
