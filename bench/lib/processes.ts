import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { PRODUCTION_NODE_ARGS } from "../../scripts/start/node-args.ts";
import { freePort, repoRoot, sleep } from "./env.ts";

/** Resident memory of a process now and its kernel high-water mark (Linux /proc), in MiB. */
export function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]);
    return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

export type AppProcess = {
  name: string;
  child: ChildProcess;
  pid: number;
  logs: string[];
  /** Highest of the sampled RSS and the kernel's high-water mark so far, in MiB. */
  peakMb: () => number;
  stop: () => Promise<void>;
};

let built = false;
/** The api and the worker as production runs them: built once per bench run (esbuild, fast). */
function buildApps() {
  if (built) return;
  execFileSync("npm", ["run", "build", "-w", "@tend/api", "-w", "@tend/worker"], {
    cwd: repoRoot,
    stdio: "ignore",
  });
  built = true;
}

/**
 * `node <PRODUCTION_NODE_ARGS> apps/<app>/dist/main.js`, as `npm start` and the README run it,
 * sampled for memory every 100 ms.
 */
export function startApp(
  app: "api" | "worker",
  env: Record<string, string>,
  name: string = app,
  nodeArgs: string[] = [],
): AppProcess {
  buildApps();
  const logs: string[] = [];
  const child = spawn(
    process.execPath,
    [...PRODUCTION_NODE_ARGS, ...nodeArgs, `apps/${app}/dist/main.js`],
    {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (b) => logs.push(String(b)));
  child.stderr?.on("data", (b) => logs.push(String(b)));
  const pid = child.pid!;
  let peak = 0;
  const sample = () => {
    const m = memoryOf(pid);
    if (m) peak = Math.max(peak, m.rss, m.peak);
  };
  const sampler = setInterval(sample, 100);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    pid,
    logs,
    peakMb: () => {
      sample();
      return peak;
    },
    stop: async () => {
      sample();
      clearInterval(sampler);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The API on a free port of 127.0.0.1; resolves once /healthz answers. */
export async function startApi(
  env: Record<string, string>,
  name = "api",
  nodeArgs: string[] = [],
): Promise<AppProcess & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = startApp("api", { ...env, PORT: String(port), HOST: "127.0.0.1" }, name, nodeArgs);
  const until = Date.now() + 60_000;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`${name} exited early:\n${api.logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > until) {
      await api.stop();
      throw new Error(`${name} did not start:\n${api.logs.join("")}`);
    }
    await sleep(100);
  }
  return { ...api, url };
}
