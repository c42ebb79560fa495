import { claimDueEmails, type Db, recordEmailOutcomes } from "@tend/db";
import type { Queue } from "bullmq";
import type { Logger } from "../logger.ts";
import { SEND_EMAILS_JOB } from "../queue/names.ts";
import type { SendBatchJobData } from "./send-email.ts";

export type DispatchPolicy = {
  /** Emails in one send job: claimed together, sent side by side, recorded together. */
  batchSize: number;
  /** Most send jobs waiting or running at once; a claim tops the queue up to this. */
  maxBatches: number;
  /** How long a claim holds a row; past it, any worker may claim the row again. */
  leaseSeconds: number;
};

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  batchSize: 100,
  maxBatches: 8,
  leaseSeconds: 120,
};

export type DispatchDeps = {
  db: Db;
  emailQueue: Queue<SendBatchJobData>;
  log: Logger;
  policy: DispatchPolicy;
};

/**
 * Claim due outbox rows in one statement and queue one send job per `batchSize` of them, with
 * `<first row id>-<its claim number>` as the job id. The job carries each row's claim number:
 * when a row is claimed again (its lease ran out: a worker died, or Redis lost the job), the new
 * claim goes out in a new job at once, and a job of an earlier claim that Redis still holds (a
 * dead worker's stalled job) finds the row moved on and does nothing for it.
 * Returns how many rows were claimed.
 */
export async function dispatchOutbox(deps: DispatchDeps): Promise<number> {
  const { db, emailQueue, log, policy } = deps;
  // Top up, never flood: a claim starts the lease clock, so claim only what can be sent soon.
  const counts = await emailQueue.getJobCounts("waiting", "active", "delayed", "prioritized");
  const pending = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const room = policy.maxBatches - pending;
  if (room <= 0) return 0;

  const rows = await claimDueEmails(db, {
    limit: room * policy.batchSize,
    leaseSeconds: policy.leaseSeconds,
  });
  if (rows.length === 0) return 0;
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += policy.batchSize)
    batches.push(rows.slice(i, i + policy.batchSize));
  try {
    await emailQueue.addBulk(
      batches.map((batch) => ({
        name: SEND_EMAILS_JOB,
        data: { claims: batch.map((row) => ({ outboxId: row.id, attempt: row.attempts })) },
        // The outbox rows carry the retry schedule; the job itself runs once and leaves no trace.
        opts: {
          jobId: `${batch[0]!.id}-${batch[0]!.attempts}`,
          attempts: 1,
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  } catch (err) {
    // Redis went away between the claim and the add: hand the rows back at once rather than
    // letting them wait out the lease. A job that did reach Redis finds its rows 'queued' and skips.
    const error = `could not queue the send job: ${(err as Error).message}`;
    await recordEmailOutcomes(
      db,
      rows.map((row) => ({ id: row.id, status: "retry" as const, error, retryAt: new Date() })),
    ).catch(() => undefined);
    throw err;
  }
  log.debug({ claimed: rows.length, jobs: batches.length }, "outbox rows queued for sending");
  return rows.length;
}

export type OutboxDispatcher = {
  /** Dispatch now (joins a run in progress, and runs once more after it). */
  runNow: () => Promise<void>;
  /** Dispatch soon: bursts of pokes within `debounceMs` become one run. */
  poke: () => void;
  close: () => Promise<void>;
};

/**
 * One dispatcher per process, however many triggers (schedule, NOTIFY, start, Redis back).
 * Runs never overlap in a process; across processes `FOR UPDATE SKIP LOCKED` keeps them apart.
 */
export function createOutboxDispatcher(
  run: () => Promise<number>,
  { log, debounceMs }: { log: Logger; debounceMs: number },
): OutboxDispatcher {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const runNow = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again && !closed);
      } catch (err) {
        log.warn({ err: (err as Error).message }, "could not dispatch outbox emails; will retry");
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  return {
    runNow,
    poke: () => {
      if (closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void runNow();
      }, debounceMs);
    },
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
