// Where the bench runs: the PostgreSQL server at DATABASE_URL (its own databases on it), the Redis
// at REDIS_URL (under its own key prefixes), processes on 127.0.0.1 only.
import { createHash } from "node:crypto";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** The database the seeded data lives in (reused by `npm run bench -- --reuse-seed`). */
export const BENCH_DB = "tend_bench";

/**
 * Bench-only secrets, fixed so a seeded database can be reused by a later run: the seeder
 * encrypts with the key the API and worker decrypt with. Never used outside the bench database.
 */
export const BENCH_AUTH_SECRET = createHash("sha256").update("tend-bench-auth").digest("base64url");
export const BENCH_DATA_KEY = `bench1:${createHash("sha256").update("tend-bench-data").digest("base64")}`;
/** Every bench user's password (hashed once, the same hash for all). */
export const BENCH_PASSWORD = "a quiet bench morning 2026";
/** What the bench's API processes believe their public address is (origin checks). */
export const BENCH_ORIGIN = "http://tend.bench";

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

export function assertName(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
}

export async function recreateDatabase(name: string): Promise<string> {
  assertName(name);
  await admin(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  assertName(name);
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => {
    const r = await c.query("select 1 from pg_database where datname = $1", [name]);
    return r.rowCount === 1;
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small seeded PRNG (mulberry32): the same seed, the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
