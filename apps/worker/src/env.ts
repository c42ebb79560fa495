import path from "node:path";
import { FieldCipher, loadOrCreateLocalSecret } from "@tend/db";
import { z } from "zod";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  SMTP_URL: z.string().url().default("smtp://127.0.0.1:1025"),
  /** Where people reach Tend: every link in an email starts with it. Required in production. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "PUBLIC_URL must be an http(s) URL" })
    .optional(),
  /** Local secrets live under it (shared with the API, so both sign and check the same links). */
  DATA_DIR: z.string().default(path.join(repoRoot, ".data")),
  /** Signs the links in emails (unsubscribe, "not today"); the API checks them with the same secret. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** Decrypts clients' words when a summary quotes them: "<key id>:<base64 32 bytes>[,…]". */
  DATA_ENCRYPTION_KEY: z.string().optional(),
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
  /** How long a worker's claim on an outbox row lasts; a dead worker's rows wait this long. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(120),
  /** First retry delay after a temporary SMTP problem; doubles per attempt, capped at 1 h. */
  EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** How often due reminders, weekly summaries and digests are looked for. */
  REMINDER_SWEEP_MS: z.coerce.number().int().min(50).default(30_000),
  /** BullMQ key prefix; put it in braces ({tend}) for Redis Cluster. */
  QUEUE_PREFIX: z.string().min(1).default("tend"),
  SWEEP_EVERY_MS: z.coerce.number().int().min(100).default(60_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The operator HTTP server (/metrics, /queues): its port (0 turns it off) and interface. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  OPS_HOST: z.string().min(1).default("127.0.0.1"),
  /** Bearer token for GET /metrics on the operator port. Unset: /metrics answers 404. */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .min(16, "METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)")
      .optional(),
  ),
  /** HTTP Basic credentials of the queue dashboard (/queues). No password: no dashboard. */
  OPERATOR_USER: z.string().min(1).default("operator"),
  OPERATOR_PASSWORD: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(12, "OPERATOR_PASSWORD must be at least 12 characters").optional(),
  ),
});

export type WorkerEnv = Omit<
  z.infer<typeof schema>,
  "PUBLIC_URL" | "AUTH_SECRET" | "DATA_ENCRYPTION_KEY"
> & {
  PUBLIC_URL: string;
  AUTH_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
};

/** Parse the worker's environment once, at boot. A problem stops the process with a sentence. */
export function readWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The worker cannot start, its environment is not valid:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production") {
    if (!env.PUBLIC_URL)
      throw new Error(
        "PUBLIC_URL is not set. In production the links in emails must point where people reach Tend (e.g. https://tend.example.org).",
      );
    if (!env.AUTH_SECRET)
      throw new Error(
        "AUTH_SECRET is not set. In production the worker needs the API's AUTH_SECRET to sign the links in emails.",
      );
    if (!env.DATA_ENCRYPTION_KEY)
      throw new Error(
        "DATA_ENCRYPTION_KEY is not set. In production the worker needs the API's key to quote a client's words in their summary.",
      );
  }
  const AUTH_SECRET = env.AUTH_SECRET ?? loadOrCreateLocalSecret(env.DATA_DIR, "auth-secret");
  const DATA_ENCRYPTION_KEY =
    env.DATA_ENCRYPTION_KEY ??
    loadOrCreateLocalSecret(env.DATA_DIR, "data-encryption-key", () =>
      FieldCipher.generateSpec("local1"),
    );
  try {
    FieldCipher.fromSpec(DATA_ENCRYPTION_KEY);
  } catch (err) {
    throw new Error(
      `The worker cannot start, DATA_ENCRYPTION_KEY is not valid: ${(err as Error).message}`,
    );
  }
  return {
    ...env,
    AUTH_SECRET,
    DATA_ENCRYPTION_KEY,
    PUBLIC_URL: (env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
  };
}
