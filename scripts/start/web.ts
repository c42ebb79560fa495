import path from "node:path";
import { describeExit, StopOrder } from "./child.ts";
import type { Context } from "./context.ts";
import { fixedPorts } from "./env.ts";
import { StartError } from "./start-error.ts";
import { unlessStopping } from "./supervisor.ts";

export function webDist(repoRoot: string): string {
  return path.join(repoRoot, "apps/web/dist");
}

/** `npm start`: build the web app once; the api then serves apps/web/dist. */
export async function buildWeb(ctx: Context): Promise<void> {
  ctx.out.say("Building the web app (npm run build -w @tend/web)…");
  const build = ctx.sup.start({
    tag: "web",
    what: "web build",
    command: "npm",
    args: ["run", "build", "-w", "@tend/web"],
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
      `The web app did not build (npm run build -w @tend/web: ${describeExit(result)}); fix the errors above and try again.`,
    );
  }
}

/** `npm run dev`: Vite serves the web app with hot reload and proxies the api's routes. */
export function startWebDevServer(ctx: Context, env: NodeJS.ProcessEnv): void {
  ctx.sup.start({
    tag: "web",
    what: "web dev server (vite)",
    command: process.execPath,
    args: [
      path.join(ctx.repoRoot, "node_modules/.bin/vite"),
      ...["--port", String(fixedPorts.webDev), "--strictPort", "--clearScreen", "false"],
    ],
    cwd: path.join(ctx.repoRoot, "apps/web"),
    env,
    graceMs: 5_000,
    stopRank: StopOrder.app,
  }).ready = true;
}
