import { createDb, FieldCipher } from "@tend/db";
import { readWorkerEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createWorkerMetrics } from "./ops/metrics.ts";
import { opsQueues, startOpsServer } from "./ops/ops-server.ts";
import { startWorkerRuntime } from "./runtime.ts";

const env = readWorkerEnv();
const log = createLogger(env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { applicationName: "tend-worker" });
const ops = opsQueues(env.REDIS_URL, env.QUEUE_PREFIX);
const metrics = createWorkerMetrics({ db, queues: ops.queues, log });

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
  metrics,
});
// Metrics and the queue dashboard, on the operator port only (OPS_PORT=0 turns it off).
const opsServer =
  env.OPS_PORT === 0
    ? undefined
    : await startOpsServer({
        host: env.OPS_HOST,
        port: env.OPS_PORT,
        metrics,
        queues: ops.queues,
        log,
        metricsToken: env.METRICS_TOKEN,
        operator: { user: env.OPERATOR_USER, password: env.OPERATOR_PASSWORD },
      });
if (opsServer)
  log.info(
    {
      address: opsServer.url,
      metrics: env.METRICS_TOKEN ? "/metrics" : "off (set METRICS_TOKEN)",
      dashboard: env.OPERATOR_PASSWORD ? "/queues" : "off (set OPERATOR_PASSWORD)",
    },
    "operator server listening",
  );
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
  await opsServer?.close();
  await runtime.close();
  await ops.close();
  await db.destroy();
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
