// The embedded PostgreSQL, run by postgres.ts as a child in its own process group: Ctrl-C in the
// terminal then reaches only the launcher, which stops PostgreSQL last, after the app.
// Usage: node --import tsx postgres-server.ts <dataDir> <port>. Reports {type: "ready", url}
// over IPC; stops PostgreSQL on SIGTERM/SIGINT/SIGHUP or when the launcher goes away.
import type { EmbeddedPostgres } from "../../packages/db/src/embedded-postgres.ts";
import { importWithoutExitHooks } from "./exit-hooks.ts";

const [dataDir, portText] = process.argv.slice(2);
if (!dataDir || !portText) {
  console.error("usage: postgres-server.ts <dataDir> <port>");
  process.exit(2);
}

const { startEmbeddedPostgres } = await importWithoutExitHooks(
  () => import("../../packages/db/src/embedded-postgres.ts"),
);

// PostgreSQL is chatty at startup; show its log only when it fails, and problems afterwards.
const startupLog: string[] = [];
let started = false;
function onLog(text: string): void {
  for (const line of text.split("\n")) {
    if (!started) startupLog.push(line);
    else if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) console.log(line);
  }
}

let server: EmbeddedPostgres | undefined;
let stopWanted = false;
let stopping = false;

// Listen before starting: a stop asked for while PostgreSQL starts happens right after it has.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, requestStop);
process.on("disconnect", requestStop);

try {
  server = await startEmbeddedPostgres({ dataDir, port: Number(portText), onLog });
} catch (error) {
  for (const line of startupLog) console.error(line);
  console.error(`PostgreSQL did not start${error instanceof Error ? `: ${error.message}` : ""}`);
  process.exit(1);
}
started = true;
if (stopWanted) await stopServer();
process.send?.({ type: "ready", url: server.url });

function requestStop(): void {
  stopWanted = true;
  if (server && !stopping) void stopServer();
}

async function stopServer(): Promise<void> {
  stopping = true;
  // stop() waits for PostgreSQL's exit event, which never comes if it had already died.
  const gaveUp = setTimeout(() => process.exit(1), 15_000);
  await server?.stop();
  clearTimeout(gaveUp);
  process.exit(0);
}
