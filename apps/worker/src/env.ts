import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  SMTP_URL: z.string().url().default("smtp://127.0.0.1:1025"),
  /** Sender of every email: a display name and an address, or an address alone. */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
      message: 'MAIL_FROM must look like "Tend <no-reply@example.org>" or "no-reply@example.org"',
    })
    .default("Tend <no-reply@tend.local>"),
  /** How often the worker looks for due outbox rows even without a NOTIFY. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(5_000),
  /** First retry delay after a temporary SMTP problem; doubles per attempt, capped at 1 h. */
  EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** BullMQ key prefix; put it in braces ({tend}) for Redis Cluster. */
  QUEUE_PREFIX: z.string().min(1).default("tend"),
  SWEEP_EVERY_MS: z.coerce.number().int().min(100).default(60_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Parse the worker's environment once, at boot. */
export function readWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The worker cannot start, its environment is not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
