// Vitest global setup for the integration projects: find (or start) real PostgreSQL and Redis.
// - PostgreSQL: DATABASE_URL when set, else an embedded server under .data/test-postgres.
// - Redis: REDIS_URL (default redis://127.0.0.1:6379); if nothing answers and redis-server
//   is installed, a throwaway one on a spare port.
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { startEmbeddedPostgres } from "../packages/db/src/embedded-postgres.ts"; // registers exit hooks: test runner only

const root = path.resolve(import.meta.dirname, "..");

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
