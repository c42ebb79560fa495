import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";

const root = path.resolve(import.meta.dirname, "../../../..");

export type ApiProcess = { url: string; logs: string[]; child: ChildProcess };
export type ApiProcesses = {
  db: TestDatabase;
  servers: ApiProcess[];
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitHealthy(server: ApiProcess, until: number) {
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`api exited early:\n${server.logs.join("")}`);
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`api did not start:\n${server.logs.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Start `count` real API processes (`node --import tsx apps/api/src/main.ts`, as in production)
 * on ONE fresh test database, so whatever they share, they share through PostgreSQL.
 */
export async function startApiProcesses(
  count: number,
  extraEnv: Record<string, string> = {},
): Promise<ApiProcesses> {
  const db = await createTestDatabase();
  const servers: ApiProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const logs: string[] = [];
      const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: db.url,
          PORT: String(port),
          HOST: "127.0.0.1",
          PUBLIC_URL: "http://tend.test",
          AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
          DATA_DIR: path.join(root, ".data/test"),
          WEB_DIST: path.join(root, ".data/test/no-web-dist"),
          LOG_LEVEL: "warn",
          ...extraEnv,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (b) => logs.push(String(b)));
      child.stderr?.on("data", (b) => logs.push(String(b)));
      servers.push({ url: `http://127.0.0.1:${port}`, logs, child });
    }
    const until = Date.now() + 30_000;
    await Promise.all(servers.map((s) => waitHealthy(s, until)));
  } catch (err) {
    await Promise.all(servers.map((s) => stopChild(s.child)));
    await db.drop();
    throw err;
  }
  return {
    db,
    servers,
    stop: async () => {
      await Promise.all(servers.map((s) => stopChild(s.child)));
      await db.drop();
    },
  };
}
