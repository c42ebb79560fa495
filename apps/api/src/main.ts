import { serve } from "@hono/node-server";
import { createDb, FieldCipher, migrateToLatest, syncCatalog } from "@tend/db";
import { createApp } from "./app.ts";
import { createAuth } from "./auth/auth.ts";
import type { SessionRow } from "./auth/session.ts";
import { startChangeFeed } from "./cache/change-feed.ts";
import { createSessionCache } from "./cache/session-cache.ts";
import { DEMO, ensureDemoAccounts } from "./demo-data.ts";
import { readApiEnv } from "./env.ts";
import { installListeningAbortSignalAny } from "./http/abort-signal-any.ts";
import { createLogger } from "./logger.ts";
import { createApiMetrics } from "./observability/metrics.ts";

// tRPC combines two abort signals per call; Node 20's own way costs a fifth of a small call.
installListeningAbortSignalAny();
const env = readApiEnv();
const log = createLogger(env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { applicationName: "tend-api" });

await migrateToLatest(db);
await syncCatalog(db);
const auth = createAuth({ db, env, log });

if (env.TEND_EMBEDDED_DB && (await ensureDemoAccounts(db, auth))) {
  log.info(
    { therapist: DEMO.therapist.email, client: DEMO.client.email, password: DEMO.password },
    "created demo accounts on the local database",
  );
}

const cipher = FieldCipher.fromSpec(env.DATA_ENCRYPTION_KEY);
// Sessions kept in memory while PostgreSQL tells us what changed (cache/session-cache.ts).
const changes = startChangeFeed({ connectionString: env.DATABASE_URL, log });
const metrics = createApiMetrics();
const sessions = createSessionCache<SessionRow>(changes, {
  onLookup: (hit) => metrics.cacheLookup("session", hit),
});
const app = createApp(
  { db, log, config: env, auth, cipher, sessions },
  { webDist: env.WEB_DIST, metrics },
);
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => {
  log.info({ port: env.PORT, publicUrl: env.PUBLIC_URL }, "api listening");
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "api stopping: finishing in-flight requests");
  const force = setTimeout(() => {
    log.warn("api did not stop within 10 s, exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await changes.close();
  await db.destroy();
  log.info("api stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
