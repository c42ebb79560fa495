import type { Db } from "@tend/db";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { runSweep } from "./jobs/sweep.ts";
import type { Logger } from "./logger.ts";
import { MAINTENANCE_QUEUE, SWEEP_SCHEDULER_ID } from "./queue/names.ts";
import { producerConnection, workerConnection } from "./queue/redis.ts";

export type WorkerDeps = {
  db: Db;
  log: Logger;
  redisUrl: string;
  prefix: string;
  sweepEveryMs: number;
  /** Called after each sweep (tests observe the worker through it). */
  onSweep?: () => void;
};

export type WorkerRuntime = { close: () => Promise<void> };

/**
 * Start the schedulers and workers. Redis holds only work in flight: schedulers are
 * (re)created on every start, and again whenever Redis comes back empty.
 */
export async function startWorkerRuntime(deps: WorkerDeps): Promise<WorkerRuntime> {
  const { log } = deps;
  const producer: Redis = producerConnection(deps.redisUrl);
  const consumer: Redis = workerConnection(deps.redisUrl);
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: producer, prefix: deps.prefix });
  queue.on("error", (err) => log.warn({ err: err.message }, "queue connection problem"));

  const ensureSchedulers = async () => {
    await queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: deps.sweepEveryMs },
      { name: "sweep", data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
  };

  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === "sweep") {
        const result = await runSweep(deps.db, log);
        deps.onSweep?.();
        return result;
      }
      throw new Error(`unknown job ${job.name}`);
    },
    { connection: consumer, prefix: deps.prefix, concurrency: 1, autorun: true },
  );
  worker.on("error", (err) => log.warn({ err: err.message }, "worker connection problem"));
  worker.on("failed", (job, err) => log.error({ job: job?.name, err: err.message }, "job failed"));

  // When Redis returns (possibly wiped), put the schedulers back.
  let lostRedis = false;
  producer.on("close", () => {
    if (!lostRedis) log.warn("lost Redis; waiting for it to come back");
    lostRedis = true;
  });
  producer.on("ready", () => {
    if (!lostRedis) return;
    lostRedis = false;
    log.info("Redis is back; restoring schedulers");
    ensureSchedulers().catch((err) =>
      log.warn({ err: err.message }, "could not restore schedulers yet"),
    );
  });

  await producer.ping().catch(() => undefined);
  await ensureSchedulers().catch((err) =>
    log.warn({ err: err.message }, "Redis not reachable yet; will retry when it is"),
  );
  if (producer.status !== "ready") lostRedis = true;

  return {
    close: async () => {
      // Finish the job in hand, then stop taking new ones.
      await worker.close();
      await queue.close();
      // BullMQ does not close connections it was given.
      await Promise.allSettled([consumer.quit(), producer.quit()]);
      consumer.disconnect();
      producer.disconnect();
    },
  };
}
