import { createDb, FieldCipher } from "@tend/db";
import { readWorkerEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { startWorkerRuntime } from "./runtime.ts";

const env = readWorkerEnv();
const log = createLogger(env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { applicationName: "tend-worker" });

const runtime = await startWorkerRuntime({
  db,
  log,
  redisUrl: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  sweepEveryMs: env.SWEEP_EVERY_MS,
  databaseUrl: env.DATABASE_URL,
  smtpUrl: env.SMTP_URL,
  mailFrom: env.MAIL_FROM,
  outboxPollMs: env.OUTBOX_POLL_MS,
  outbox: { leaseSeconds: env.OUTBOX_LEASE_SECONDS, retry: { baseMs: env.EMAIL_RETRY_BASE_MS } },
  links: { publicUrl: env.PUBLIC_URL, linkSecret: env.AUTH_SECRET },
  cipher: FieldCipher.fromSpec(env.DATA_ENCRYPTION_KEY),
  reminderSweepMs: env.REMINDER_SWEEP_MS,
});
log.info(
  {
    sweepEveryMs: env.SWEEP_EVERY_MS,
    outboxPollMs: env.OUTBOX_POLL_MS,
    reminderSweepMs: env.REMINDER_SWEEP_MS,
    publicUrl: env.PUBLIC_URL,
  },
  "worker started",
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping: finishing the jobs in hand");
  const force = setTimeout(() => {
    log.warn("worker did not stop within 15 s, exiting");
    process.exit(1);
  }, 15_000);
  force.unref();
  await runtime.close();
  await db.destroy();
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
