import type { Db, FieldCipher } from "@tend/db";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { listenForOutbox } from "./email/outbox-listener.ts";
import { createMailer } from "./email/transport.ts";
import {
  createOutboxDispatcher,
  DEFAULT_DISPATCH_POLICY,
  type DispatchPolicy,
  dispatchOutbox,
} from "./jobs/dispatch-outbox.ts";
import type { LinkConfig } from "./jobs/dispatch-reminders.ts";
import {
  createScheduledEmailSweeper,
  type ScheduledEmailsResult,
} from "./jobs/dispatch-scheduled-emails.ts";
import { purgeDeletedAccounts } from "./jobs/purge-deleted-accounts.ts";
import {
  createSendSlots,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  type SendBatchJobData,
  type SendEmailJobData,
  type SendOutcome,
  sendBatchJobData,
  sendEmailJobData,
  sendOutboxBatch,
} from "./jobs/send-email.ts";
import { runSweep } from "./jobs/sweep.ts";
import type { Logger } from "./logger.ts";
import type { WorkerMetrics } from "./ops/metrics.ts";
import {
  DISPATCH_OUTBOX_JOB,
  DISPATCH_OUTBOX_SCHEDULER_ID,
  EMAIL_QUEUE,
  MAINTENANCE_QUEUE,
  SCHEDULED_EMAILS_JOB,
  SCHEDULED_EMAILS_SCHEDULER_ID,
  SEND_EMAIL_JOB,
  SWEEP_SCHEDULER_ID,
} from "./queue/names.ts";
import { producerConnection, workerConnection } from "./queue/redis.ts";

export type WorkerDeps = {
  db: Db;
  log: Logger;
  redisUrl: string;
  prefix: string;
  sweepEveryMs: number;
  /** Called after each sweep (tests observe the worker through it). */
  onSweep?: () => void;
  /** For the LISTEN connection (a pooled connection cannot hold a LISTEN). */
  databaseUrl: string;
  smtpUrl: string;
  /** The From of every email, e.g. `Tend <no-reply@tend.local>`. */
  mailFrom: string;
  /** How often due outbox rows are looked for without a NOTIFY. */
  outboxPollMs: number;
  /** Production defaults apply to whatever is left out; tests shorten them. */
  outbox?: Partial<DispatchPolicy> & { retry?: Partial<RetryPolicy> };
  /** Called for each email a send job dealt with (tests observe deliveries through it). */
  onEmail?: (outboxId: string, outcome: SendOutcome) => void;
  /** Where links in emails point, and the secret that signs them (the API's AUTH_SECRET). */
  links: LinkConfig;
  /** Decrypts the words a weekly summary quotes, at send time. */
  cipher: FieldCipher;
  /** How often due reminders, weekly summaries and digests are looked for. */
  reminderSweepMs: number;
  /**
   * The time reminders and weekly emails fall due by (default: the system clock). Tests move
   * it; delivery (outbox leases and retries) always runs on real time.
   */
  clock?: () => Date;
  /** Called after each reminder/weekly sweep (tests observe the worker through it). */
  onReminderSweep?: (result: ScheduledEmailsResult) => void;
  /** Counts what is sent and decided, for /metrics (ops/metrics.ts). */
  metrics?: WorkerMetrics;
};

export type WorkerRuntime = { close: () => Promise<void> };

/**
 * Send jobs (batches) processed at once per process: while some batches wait for SMTP and
 * PostgreSQL (loading, recording), others are sending. Their sends share the SMTP pool's
 * connections. 4 (with the dispatcher's maxBatches 8) against 2 (with 4): 2852 and 2314 against
 * 2080 and 1943 emails/s in alternating runs of `npm run bench:reminders -- --n 20000`.
 */
const EMAIL_CONCURRENCY = 4;
/** NOTIFYs within this window (a transaction writing several rows) become one dispatch. */
const NOTIFY_DEBOUNCE_MS = 25;

/**
 * Start the schedulers and workers. Redis holds only work in flight: schedulers are
 * (re)created on every start, and again whenever Redis comes back empty (restarted or
 * flushed); outbox rows are claimed from PostgreSQL and queued again.
 */
export async function startWorkerRuntime(deps: WorkerDeps): Promise<WorkerRuntime> {
  const { log } = deps;
  const dispatchPolicy: DispatchPolicy = {
    batchSize: deps.outbox?.batchSize ?? DEFAULT_DISPATCH_POLICY.batchSize,
    maxBatches: deps.outbox?.maxBatches ?? DEFAULT_DISPATCH_POLICY.maxBatches,
    leaseSeconds: deps.outbox?.leaseSeconds ?? DEFAULT_DISPATCH_POLICY.leaseSeconds,
  };
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.outbox?.retry };

  const producer: Redis = producerConnection(deps.redisUrl);
  const consumer: Redis = workerConnection(deps.redisUrl);
  const emailConsumer: Redis = workerConnection(deps.redisUrl);
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: producer, prefix: deps.prefix });
  const emailQueue = new Queue<SendBatchJobData>(EMAIL_QUEUE, {
    connection: producer,
    prefix: deps.prefix,
  });
  for (const q of [queue, emailQueue])
    q.on("error", (err) => log.warn({ err: err.message }, "queue connection problem"));

  const mailer = createMailer({ smtpUrl: deps.smtpUrl, from: deps.mailFrom });
  // Shared by all the batches in hand: one send per pooled connection at a time.
  const sendSlots = createSendSlots(mailer.connections);

  const dispatcher = createOutboxDispatcher(
    async () => {
      if (producer.status !== "ready") return 0; // nowhere to queue; Redis's return triggers a run
      return dispatchOutbox({ db: deps.db, emailQueue, log, policy: dispatchPolicy });
    },
    { log, debounceMs: NOTIFY_DEBOUNCE_MS },
  );

  const sweeper = createScheduledEmailSweeper({
    db: deps.db,
    links: deps.links,
    clock: deps.clock ?? (() => new Date()),
    log,
    onSweep: (result) => {
      deps.metrics?.scheduledEmails(result);
      deps.onReminderSweep?.(result);
    },
  });

  const ensureSchedulers = async () => {
    await queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: deps.sweepEveryMs },
      { name: "sweep", data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
    await queue.upsertJobScheduler(
      DISPATCH_OUTBOX_SCHEDULER_ID,
      { every: deps.outboxPollMs },
      { name: DISPATCH_OUTBOX_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await queue.upsertJobScheduler(
      SCHEDULED_EMAILS_SCHEDULER_ID,
      { every: deps.reminderSweepMs },
      { name: SCHEDULED_EMAILS_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  };

  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === "sweep") {
        const result = await runSweep(deps.db, log);
        // Account deletions whose 7-day grace period is over.
        await purgeDeletedAccounts(deps.db, log, { now: (deps.clock ?? (() => new Date()))() });
        deps.onSweep?.();
        return result;
      }
      if (job.name === DISPATCH_OUTBOX_JOB) return dispatcher.runNow();
      if (job.name === SCHEDULED_EMAILS_JOB) return sweeper.runNow();
      throw new Error(`unknown job ${job.name}`);
    },
    // One of each kind at once: a long reminder sweep must not hold up outbox dispatch. Each
    // kind is single-flight within the process, so this never runs the same work twice.
    { connection: consumer, prefix: deps.prefix, concurrency: 3, autorun: true },
  );

  // A send starts only with this much lease left (half the lease, at most a minute): more than
  // a send takes when the SMTP timeouts (10 s connect, 10 s greeting, 30 s idle) are not hit twice.
  const minLeaseLeftMs = Math.min(60_000, dispatchPolicy.leaseSeconds * 500);
  const emailWorker = new Worker<SendBatchJobData | SendEmailJobData>(
    EMAIL_QUEUE,
    async (job) => {
      // A single-email job was queued by an earlier version of the worker: a batch of one.
      const { claims } =
        job.name === SEND_EMAIL_JOB
          ? { claims: [sendEmailJobData.parse(job.data)] }
          : sendBatchJobData.parse(job.data);
      const outcomes = await sendOutboxBatch(
        {
          db: deps.db,
          mailer,
          slots: sendSlots,
          log,
          cipher: deps.cipher,
          retry: retryPolicy,
          minLeaseLeftMs,
          ...(deps.metrics ? { metrics: deps.metrics } : {}),
        },
        claims,
      );
      for (const [i, outcome] of outcomes.entries()) deps.onEmail?.(claims[i]!.outboxId, outcome);
      const counts: Partial<Record<SendOutcome, number>> = {};
      for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
      log.info(counts, "emails sent");
      return counts;
    },
    { connection: emailConsumer, prefix: deps.prefix, concurrency: EMAIL_CONCURRENCY },
  );
  // A batch is done: top the queue up from the outbox now rather than at the next poll.
  emailWorker.on("completed", () => dispatcher.poke());
  emailWorker.on("drained", () => dispatcher.poke());

  for (const w of [worker, emailWorker]) {
    w.on("error", (err) => log.warn({ err: err.message }, "worker connection problem"));
    // Ids only: a job's data is ids too, but it is never logged.
    w.on("failed", (job, err) =>
      log.error({ queue: w.name, job: job?.name, jobId: job?.id, err: err.message }, "job failed"),
    );
  }

  const restore = (why: string) => {
    log.info(why);
    ensureSchedulers()
      .then(() => {
        dispatcher.poke();
        void sweeper.runNow();
      })
      .catch((err) => log.warn({ err: err.message }, "could not restore schedulers yet"));
  };

  // When Redis returns (possibly wiped), put the schedulers back and re-queue from the outbox.
  let lostRedis = false;
  producer.on("close", () => {
    if (!lostRedis) log.warn("lost Redis; waiting for it to come back");
    lostRedis = true;
  });
  producer.on("ready", () => {
    if (!lostRedis) return;
    lostRedis = false;
    restore("Redis is back; restoring schedulers");
  });
  // A FLUSHALL leaves the connection up and nothing to notice: check for the schedulers.
  const watchdog = setInterval(
    () => {
      if (producer.status !== "ready") return;
      queue
        .getJobScheduler(DISPATCH_OUTBOX_SCHEDULER_ID)
        .then((found) => {
          if (!found) restore("Redis lost its schedulers (emptied?); restoring them");
        })
        .catch(() => undefined);
    },
    Math.max(1_000, deps.outboxPollMs),
  );

  const listener = listenForOutbox({
    databaseUrl: deps.databaseUrl,
    log,
    onNotify: () => dispatcher.poke(),
  });

  await producer.ping().catch(() => undefined);
  await ensureSchedulers().catch((err) =>
    log.warn({ err: err.message }, "Redis not reachable yet; will retry when it is"),
  );
  if (producer.status !== "ready") lostRedis = true;
  // Rows queued while no worker ran (or lost with a wiped Redis) go out now, and whatever fell
  // due meanwhile is dispatched (in the background: a large backlog must not delay start-up).
  await dispatcher.runNow();
  void sweeper.runNow();

  return {
    close: async () => {
      // Stop the triggers, then finish the jobs in hand and stop taking new ones.
      clearInterval(watchdog);
      await listener.close();
      await Promise.all([dispatcher.close(), sweeper.close()]);
      await Promise.all([worker.close(), emailWorker.close()]);
      await Promise.all([queue.close(), emailQueue.close()]);
      mailer.close();
      // BullMQ does not close connections it was given.
      await Promise.allSettled([consumer.quit(), emailConsumer.quit(), producer.quit()]);
      consumer.disconnect();
      emailConsumer.disconnect();
      producer.disconnect();
    },
  };
}
