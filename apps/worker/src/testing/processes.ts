// Real processes for the worker's integration tests: the API (for the links in emails) and the
// worker itself (to kill it), started as the README's "Running more than one of each" does:
// `node --import tsx apps/<app>/src/main.ts` from the repository root.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../../../../test/support/redis-server.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");

export type AppProcess = {
  child: ChildProcess;
  logs: string[];
  /** SIGTERM, then SIGKILL after a grace period; resolves once it exited. */
  stop: () => Promise<void>;
  /** SIGKILL at once (no shutdown code runs); resolves once it exited. */
  kill: () => Promise<void>;
};

export function startApp(
  app: "api" | "worker",
  env: Record<string, string>,
  /** `built`: the production bundle (`node apps/<app>/dist/main.js`, as `npm start` runs it). */
  { built = false }: { built?: boolean } = {},
): AppProcess {
  const logs: string[] = [];
  const main = built
    ? ["--enable-source-maps", `apps/${app}/dist/main.js`]
    : ["--import", "tsx", `apps/${app}/src/main.ts`];
  const child = spawn(process.execPath, main, {
    cwd: repoRoot,
    // OPS_PORT=0: test workers open no operator port (several run at once).
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", OPS_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b) => logs.push(String(b)));
  child.stderr?.on("data", (b) => logs.push(String(b)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    logs,
    stop: async () => {
      if (!running()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (!running()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The real API on a free port, its PUBLIC_URL its own address; resolves once /healthz answers. */
export async function startApi(env: {
  DATABASE_URL: string;
  AUTH_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
  DATA_DIR: string;
}): Promise<AppProcess & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = startApp("api", {
    ...env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    WEB_DIST: path.join(env.DATA_DIR, "no-web-dist"),
  });
  const end = Date.now() + 60_000;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`api exited early:\n${api.logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > end) {
      await api.kill();
      throw new Error(`api did not start:\n${api.logs.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...api, url };
}
