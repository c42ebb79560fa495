import path from "node:path";
import { FieldCipher, loadOrCreateLocalSecret } from "@tend/db";
import { z } from "zod";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  DATA_DIR: z.string().default(path.join(repoRoot, ".data")),
  WEB_DIST: z.string().default(path.join(repoRoot, "apps/web/dist")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Signs session cookies. Required in production; generated under DATA_DIR locally. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Trust X-Forwarded-For from a reverse proxy in front of the API. */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Encrypts clients' words at rest: "<key id>:<base64 32 bytes>[,<older id>:<older key>]". Required in production. */
  DATA_ENCRYPTION_KEY: z.string().optional(),
  /** Bearer token for GET /metrics (Prometheus). Unset: /metrics does not exist (404). */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .min(16, "METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)")
      .optional(),
  ),
  /** Set by `npm start` when it runs the embedded database: create the demo accounts. */
  TEND_EMBEDDED_DB: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

export type ApiEnv = Omit<z.infer<typeof schema>, "AUTH_SECRET" | "DATA_ENCRYPTION_KEY"> & {
  PUBLIC_URL: string;
  AUTH_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
};

/** Parse the API's environment once, at boot. A problem stops the process with a sentence. */
export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The API cannot start, its environment is not valid:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is not set. In production it must be a random string of 32+ characters (openssl rand -base64 48).",
    );
  }
  if (env.NODE_ENV === "production" && !env.DATA_ENCRYPTION_KEY) {
    throw new Error(
      "DATA_ENCRYPTION_KEY is not set. In production it must be <key id>:<base64 of 32 random bytes> (see SECURITY.md).",
    );
  }
  const AUTH_SECRET = env.AUTH_SECRET ?? loadOrCreateLocalSecret(env.DATA_DIR, "auth-secret");
  const DATA_ENCRYPTION_KEY =
    env.DATA_ENCRYPTION_KEY ??
    loadOrCreateLocalSecret(env.DATA_DIR, "data-encryption-key", () =>
      FieldCipher.generateSpec("local1"),
    );
  return {
    ...env,
    AUTH_SECRET,
    DATA_ENCRYPTION_KEY,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}
