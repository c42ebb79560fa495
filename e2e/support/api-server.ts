import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
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

/**
 * A private copy of the built web app, so a rebuild of apps/web/dist while tests run (another
 * terminal, a watch build) cannot pull the page's scripts out from under the browser.
 */
async function snapshotWebDist(): Promise<string> {
  const source = path.join(root, "apps/web/dist");
  for (let attempt = 0; ; attempt++) {
    const target = mkdtempSync(path.join(os.tmpdir(), "tend-web-"));
    try {
      cpSync(source, target, { recursive: true });
    } catch {} // a file vanished mid-copy: checked just below
    const index = path.join(target, "index.html");
    const assets = existsSync(index)
      ? [...readFileSync(index, "utf8").matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(
          (m) => m[1]!,
        )
      : [];
    if (assets.length > 0 && assets.every((a) => existsSync(path.join(target, a)))) return target;
    rmSync(target, { recursive: true, force: true });
    if (attempt >= 20)
      throw new Error("apps/web/dist is missing or incomplete: run `npm run build -w @tend/web`");
    await new Promise((r) => setTimeout(r, 250)); // a build may be writing it right now
  }
}

/** Start the real API process (as `npm start` does) on a fresh database, serving the built web app. */
export async function startApi(extraEnv: Record<string, string> = {}): Promise<RunningApi> {
  const db = await createTestDatabase();
  const webDist = await snapshotWebDist();
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
      WEB_DIST: webDist,
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
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}
