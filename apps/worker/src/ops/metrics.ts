import { countOutboxBacklog, type Db } from "@tend/db";
import type { Queue } from "bullmq";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { ReminderOutcome } from "../jobs/dispatch-reminders.ts";
import type { ScheduledEmailsResult } from "../jobs/dispatch-scheduled-emails.ts";
import type { SendOutcome } from "../jobs/send-email.ts";
import type { Logger } from "../logger.ts";

let processRegistry: Registry | undefined;

/** Node process metrics (CPU, memory, event loop lag, GC, handles): collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export type WorkerMetrics = {
  registry: Registry;
  /** What became of one send job's email (a job that found nothing to do is not counted). */
  emailOutcome: (template: string, outcome: SendOutcome) => void;
  /** What one reminder/weekly sweep decided. */
  scheduledEmails: (result: ScheduledEmailsResult) => void;
};

const QUEUE_STATES = ["waiting", "active", "delayed", "failed"] as const;
const REMINDER_OUTCOMES: ReminderOutcome[] = [
  "queued",
  "practised",
  "skipped",
  "paused",
  "off",
  "late",
  "deferred",
];

/**
 * The worker's metrics. Counters are counted as work happens in this process; queue depth and
 * the outbox backlog are read when Prometheus scrapes (BullMQ's job counts, one PostgreSQL
 * query), so they are the same whichever worker process is asked.
 */
export function createWorkerMetrics({
  db,
  queues,
  log,
}: {
  db: Db;
  queues: Queue[];
  log: Logger;
}): WorkerMetrics {
  const own = new Registry();

  const emails = new Counter({
    name: "tend_emails_total",
    help: "Emails handled by this worker, by template and outcome (sent, retry, failed, cancelled).",
    labelNames: ["template", "outcome"] as const,
    registers: [own],
  });
  const reminders = new Counter({
    name: "tend_reminders_total",
    help: "Due reminders decided by this worker, by outcome (queued = an email was written).",
    labelNames: ["outcome"] as const,
    registers: [own],
  });
  const weekly = new Counter({
    name: "tend_weekly_emails_total",
    help: "Weekly emails written to the outbox by this worker, by kind (summary, digest).",
    labelNames: ["kind"] as const,
    registers: [own],
  });
  for (const outcome of REMINDER_OUTCOMES) reminders.inc({ outcome }, 0);
  for (const kind of ["summary", "digest"]) weekly.inc({ kind }, 0);

  new Gauge({
    name: "tend_queue_jobs",
    help: "Jobs in each BullMQ queue by state, read from Redis at scrape time.",
    labelNames: ["queue", "state"] as const,
    registers: [own],
    async collect() {
      this.reset();
      await Promise.all(
        queues.map(async (queue) => {
          try {
            const counts = await queue.getJobCounts(...QUEUE_STATES);
            for (const state of QUEUE_STATES)
              this.set({ queue: queue.name, state }, counts[state] ?? 0);
          } catch (err) {
            log.debug({ queue: queue.name, err: (err as Error).message }, "no queue counts");
          }
        }),
      );
    },
  });

  // One query serves both outbox gauges: whichever is collected first reads, the other waits.
  let pending: Promise<void> | undefined;
  const readBacklog = (): Promise<void> => {
    pending ??= countOutboxBacklog(db)
      .then((b) => {
        backlog.set({ status: "queued" }, b.queued);
        backlog.set({ status: "sending" }, b.sending);
        oldest.set(b.oldestDueAt ? Math.max(0, (Date.now() - b.oldestDueAt.getTime()) / 1000) : 0);
      })
      .catch((err) => {
        backlog.reset();
        oldest.reset();
        log.debug({ err: (err as Error).message }, "no outbox backlog");
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  const backlog = new Gauge({
    name: "tend_outbox_backlog",
    help: "Outbox rows not yet sent, by status (queued, sending), read from PostgreSQL at scrape time.",
    labelNames: ["status"] as const,
    registers: [own],
    collect: () => readBacklog(),
  });
  const oldest = new Gauge({
    name: "tend_outbox_oldest_due_seconds",
    help: "How long the oldest due, queued outbox row has waited (0 when none is waiting).",
    registers: [own],
    collect: () => pending ?? readBacklog(),
  });

  return {
    registry: Registry.merge([processMetrics(), own]),
    emailOutcome: (template, outcome) => {
      if (outcome !== "skipped") emails.inc({ template, outcome });
    },
    scheduledEmails: (result) => {
      for (const outcome of REMINDER_OUTCOMES) {
        const n = result.reminders[outcome] ?? 0;
        if (n > 0) reminders.inc({ outcome }, n);
      }
      if (result.summaries > 0) weekly.inc({ kind: "summary" }, result.summaries);
      if (result.digests > 0) weekly.inc({ kind: "digest" }, result.digests);
    },
  };
}
