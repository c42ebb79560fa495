import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { freePort } from "../../test/support/redis-server.ts";

const root = path.resolve(import.meta.dirname, "../..");

export type RunningApi = {
  url: string;
  db: TestDatabase;
  logs: string[];
  stop: () => Promise<void>;
};

/** Start the real API process (as `npm start` does) on a fresh database, serving the built web app. */
export async function startApi(extraEnv: Record<string, string> = {}): Promise<RunningApi> {
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      WEB_DIST: path.join(root, "apps/web/dist"),
      DATA_DIR: path.join(root, ".data/test"),
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b) => logs.push(String(b)));
  child.stderr?.on("data", (b) => logs.push(String(b)));
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited early:\n${logs.join("")}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > until) throw new Error(`api did not start:\n${logs.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    db,
    logs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await db.drop();
    },
  };
}
