import path from "node:path";
import { StopOrder } from "./child.ts";
import type { Context } from "./context.ts";
import { fixedPorts } from "./env.ts";

export function webDist(repoRoot: string): string {
  return path.join(repoRoot, "apps/web/dist");
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
