import { readFileSync } from "node:fs";
import path from "node:path";
import { type Child, StopOrder } from "./child.ts";
import type { Context } from "./context.ts";
import { fixedPorts } from "./env.ts";
import { displayPath, redactUrl } from "./output.ts";
import { unlessStopping } from "./supervisor.ts";

export type DatabaseInUse = {
  url: string;
  /** True for the embedded server: only there may the app create demo data. */
  embedded: boolean;
  /** For the banner, without the password. */
  description: string;
};

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR/postgres. */
export async function provideDatabase(ctx: Context): Promise<DatabaseInUse> {
  const { config, out } = ctx;
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, description: redactUrl(config.databaseUrl) };
  }
  const dataDir = path.join(config.dataDir, "postgres");
  const where = displayPath(dataDir, ctx.repoRoot);
  out.say(
    `Starting the embedded PostgreSQL on 127.0.0.1:${fixedPorts.embeddedPostgres} (data in ${where})…`,
  );
  const spawnedAt = Math.floor(Date.now() / 1000);
  const child = ctx.sup.start({
    tag: "db",
    what: "embedded PostgreSQL",
    command: process.execPath,
    args: [
      "--import",
      "tsx",
      path.join(import.meta.dirname, "postgres-server.ts"),
      dataDir,
      String(fixedPorts.embeddedPostgres),
    ],
    cwd: ctx.repoRoot,
    env: config.inheritedEnv,
    ipc: true,
    // Only the helper: it asks PostgreSQL for a fast shutdown and waits for it.
    stopTarget: "leader",
    graceMs: 20_000,
    stopRank: StopOrder.postgres,
    // PostgreSQL runs in a session of its own: killing the helper's group does not reach it.
    onKill: () => quitPostmaster(dataDir, spawnedAt),
  });
  const url = await unlessStopping(readyUrl(child), ctx.sup.signal);
  child.ready = true;
  return { url, embedded: true, description: `embedded, ${redactUrl(url)} (data in ${where})` };
}

/**
 * SIGQUIT = PostgreSQL's "immediate shutdown": it stops its backends and exits at once.
 * postmaster.pid holds its pid and start time; a file older than our start is stale.
 */
function quitPostmaster(dataDir: string, spawnedAt: number): void {
  try {
    const [pid, , startTime] = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split(
      "\n",
    );
    if (Number(startTime) >= spawnedAt) process.kill(Number(pid), "SIGQUIT");
  } catch {
    // Not running.
  }
}

function readyUrl(child: Child): Promise<string> {
  return new Promise((resolve) => {
    child.proc.on("message", (message: unknown) => {
      if (isReady(message)) resolve(message.url);
    });
  });
}

function isReady(message: unknown): message is { type: "ready"; url: string } {
  return (
    typeof message === "object" &&
    message !== null &&
    "type" in message &&
    message.type === "ready" &&
    "url" in message &&
    typeof message.url === "string"
  );
}
