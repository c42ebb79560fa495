import path from "node:path";
import { z } from "zod";
import { StartError } from "./start-error.ts";

/** `npm start` builds the web app and the api serves it; `npm run dev` runs Vite and reloads on change. */
export type Mode = "start" | "dev";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Ports the launcher owns. 5432 is often a machine-wide PostgreSQL, so ours is 54329. */
export const fixedPorts = {
  embeddedPostgres: 54329,
  mailSmtp: 1025,
  mailWeb: 1080,
  webDev: 5173,
} as const;

const portError = "must be a port number (1-65535)";

const schema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" })
    .optional(),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// URL" })
    .default("redis://127.0.0.1:6379"),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// URL" }).optional(),
  PORT: z.coerce
    .number({ error: portError })
    .int({ error: portError })
    .min(1, { error: portError })
    .max(65535, { error: portError })
    .default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  DATA_DIR: z.string().optional(),
  PATH: z.string().default(""),
  NO_COLOR: z.string().optional(),
  FORCE_COLOR: z.string().optional(),
});

export type Config = {
  mode: Mode;
  /** Set: use this PostgreSQL. Unset: start the embedded one. */
  databaseUrl: string | undefined;
  redisUrl: string;
  /** Set: the app sends mail there. Unset: start the local mail catcher. */
  smtpUrl: string | undefined;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** Where to look for `redis-server`. */
  searchPath: string;
  colour: boolean;
  /** The launcher's own environment, passed on to every child. */
  inheritedEnv: NodeJS.ProcessEnv;
};

/** Read and validate the environment once. Empty variables count as unset. */
export function readConfig(mode: Mode): Config {
  const source = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new StartError(`Tend cannot start: ${problems.join("; ")}.`);
  }
  const env = parsed.data;
  // In dev mode people open Vite's page, so links in emails must point there.
  const appPort = mode === "dev" ? fixedPorts.webDev : env.PORT;
  return {
    mode,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${appPort}`).replace(/\/+$/, ""),
    dataDir: path.resolve(repoRoot, env.DATA_DIR ?? ".data"),
    searchPath: env.PATH,
    colour: env.FORCE_COLOR ? env.FORCE_COLOR !== "0" : !env.NO_COLOR && process.stdout.isTTY,
    inheritedEnv: { ...process.env },
  };
}
