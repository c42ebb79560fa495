// `npm start` / `npm run dev`: Redis, PostgreSQL and a mail catcher when none are configured,
// migrations, the web app (built, or Vite in dev), then the api and the worker. Ctrl-C stops
// everything in order: the app, then Redis, then PostgreSQL.
import { buildApps, startApps, waitForApi } from "./start/apps.ts";
import { printBanner } from "./start/banner.ts";
import type { Context } from "./start/context.ts";
import { type Config, type Mode, readConfig, repoRoot } from "./start/env.ts";
import { provideMail } from "./start/maildev.ts";
import { migrate } from "./start/migrate.ts";
import { displayPath, Output } from "./start/output.ts";
import { assertPortsFree } from "./start/ports.ts";
import { type DatabaseInUse, provideDatabase } from "./start/postgres.ts";
import { provideRedis } from "./start/redis.ts";
import { StartError } from "./start/start-error.ts";
import { Supervisor } from "./start/supervisor.ts";
import { startWebDevServer, webDist } from "./start/web.ts";

const config = loadConfig(parseMode(process.argv.slice(2)));
const out = new Output(config.colour);
const dataDirLabel = displayPath(config.dataDir, repoRoot);
const sup = new Supervisor(out, dataDirLabel);
const ctx: Context = { config, repoRoot, out, sup };

stopOnSignals(ctx);
// Last resort (a crash, a second Ctrl-C): nothing we started outlives us.
process.on("exit", () => sup.killAll());

try {
  await startEverything(ctx);
} catch (error) {
  if (!sup.isStopping) {
    out.problem(
      error instanceof StartError ? error.message : `Tend could not start: ${String(error)}`,
    );
    if (!(error instanceof StartError) && error instanceof Error) console.error(error.stack);
    void sup.shutdown(1);
  }
}
process.exit(await sup.finished);

async function startEverything(ctx: Context): Promise<void> {
  const { config, out } = ctx;
  out.say(config.mode === "dev" ? "Starting Tend in development mode…" : "Starting Tend…");
  await assertPortsFree(ctx);
  const redis = await provideRedis(ctx);
  const database = await provideDatabase(ctx);
  await migrate(ctx, database);
  const mail = await provideMail(ctx);
  const env = childEnv(config, database, redis.url, mail.smtpUrl);
  if (config.mode === "start") await buildApps(ctx);
  else startWebDevServer(ctx, env);
  const apps = startApps(ctx, env);
  const healthUrl = await waitForApi(ctx);
  for (const app of apps) app.ready = true;
  printBanner(out, {
    appUrl: config.publicUrl,
    inboxUrl: mail.inboxUrl,
    healthUrl,
    postgres: database.description,
    redis: redis.description,
    dataDir: dataDirLabel,
    demoAccounts: database.embedded,
  });
}

/** The launcher's environment plus where everything is. */
function childEnv(
  config: Config,
  database: DatabaseInUse,
  redisUrl: string,
  smtpUrl: string,
): NodeJS.ProcessEnv {
  // Demo data may only go into the embedded database: never pass the flag on from outside.
  const { TEND_EMBEDDED_DB: _ignored, ...inherited } = config.inheritedEnv;
  return {
    ...inherited,
    ...(config.colour && !inherited.FORCE_COLOR ? { FORCE_COLOR: "1" } : {}),
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    PORT: String(config.port),
    PUBLIC_URL: config.publicUrl,
    DATA_DIR: config.dataDir,
    WEB_DIST: webDist(repoRoot),
    ...(database.embedded ? { TEND_EMBEDDED_DB: "1" } : {}),
  };
}

/**
 * First Ctrl-C (or SIGTERM/SIGHUP): stop in order. Another one while stopping: kill at once.
 * Repeats within a second are the same Ctrl-C relayed by wrappers (`timeout`, npm), not a second one.
 */
function stopOnSignals({ out, sup }: Context): void {
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!sup.isStopping) {
      firstAt = Date.now();
      const name = signal === "SIGINT" ? "Ctrl-C" : signal;
      out.say(`${name}: stopping everything (press Ctrl-C again to kill it all at once)…`);
      void sup.shutdown(0);
      return;
    }
    if (Date.now() - firstAt < 1_000) return;
    out.say("Killing everything now.");
    sup.killAll();
    process.exit(130);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}

function parseMode(args: string[]): Mode {
  const unknown = args.filter((a) => a !== "--dev");
  if (unknown.length > 0) fail(`Unknown option ${unknown.join(" ")}: use --dev, or nothing.`);
  return args.includes("--dev") ? "dev" : "start";
}

function loadConfig(mode: Mode): Config {
  try {
    return readConfig(mode);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(1);
}
