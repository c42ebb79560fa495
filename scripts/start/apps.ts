import path from "node:path";
import { type Child, describeExit, StopOrder } from "./child.ts";
import type { Context } from "./context.ts";
import { PRODUCTION_NODE_ARGS } from "./node-args.ts";
import { StartError } from "./start-error.ts";
import { unlessStopping } from "./supervisor.ts";
import { answersOk, waitUntil } from "./wait.ts";

const appNames = ["api", "worker"] as const;

/**
 * `npm start`: build once (turbo, cached): the web app the api serves, and the api and the
 * worker as plain JavaScript in apps/<app>/dist (see scripts/build-app.ts).
 */
export async function buildApps(ctx: Context): Promise<void> {
  ctx.out.say("Building the web app, the api and the worker (npm run build)…");
  const build = ctx.sup.start({
    tag: "build",
    what: "build",
    command: "npm",
    args: ["run", "build", "--", "--output-logs=errors-only"],
    cwd: ctx.repoRoot,
    env: ctx.config.inheritedEnv,
    output: "inherit",
    kind: "task",
    graceMs: 5_000,
    stopRank: StopOrder.app,
  });
  const result = await unlessStopping(build.exited, ctx.sup.signal);
  if (result.code !== 0) {
    throw new StartError(
      `Tend did not build (npm run build: ${describeExit(result)}); fix the errors above and try again.`,
    );
  }
}

/**
 * Start the api and the worker straight under node (no npm in between), so signals reach them:
 * the built dist/main.js for `npm start`, the TypeScript sources under `tsx watch` for dev.
 */
export function startApps(ctx: Context, env: NodeJS.ProcessEnv): Child[] {
  const tsx = path.join(ctx.repoRoot, "node_modules/.bin/tsx");
  const args =
    ctx.config.mode === "dev"
      ? [tsx, "watch", "--clear-screen=false", "src/main.ts"]
      : [...PRODUCTION_NODE_ARGS, "dist/main.js"];
  return appNames.map((name) =>
    ctx.sup.start({
      tag: name,
      what: name,
      command: process.execPath,
      args,
      // The app's own folder, as `npm start -w` would: tsx reads its tsconfig (JSX settings).
      cwd: path.join(ctx.repoRoot, "apps", name),
      env,
      // The worker lets in-hand jobs finish for up to 15 s (apps/worker/src/main.ts); wait a little longer.
      graceMs: name === "worker" ? 16_000 : 11_000,
      stopRank: StopOrder.app,
    }),
  );
}

/** Wait for the api's /healthz. In dev mode keep waiting: a typo gets fixed and tsx reloads. */
export async function waitForApi(ctx: Context): Promise<string> {
  const healthUrl = `http://127.0.0.1:${ctx.config.port}/healthz`;
  const dev = ctx.config.mode === "dev";
  const timeoutMs = 60_000;
  const check = () => answersOk(healthUrl);
  let up = await waitUntil(check, { timeoutMs, signal: ctx.sup.signal });
  if (!up && dev) {
    ctx.out.say(
      `Still waiting for ${healthUrl}; see the [api] lines above. Saving a fix reloads it.`,
    );
    up = await waitUntil(check, { timeoutMs: Number.POSITIVE_INFINITY, signal: ctx.sup.signal });
  }
  if (!up)
    throw new StartError(
      `The api did not answer ${healthUrl} within ${timeoutMs / 1000} s; see the [api] lines above.`,
    );
  return healthUrl;
}
