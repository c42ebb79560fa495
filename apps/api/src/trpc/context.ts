import type { Db } from "@tend/db";
import type { Logger } from "../logger.ts";

/** What every procedure may use. Tiers in init.ts narrow it (who is calling). */
export type AppDeps = { db: Db; log: Logger };

export type Context = AppDeps & { requestId: string; headers: Headers };

export function createContext(deps: AppDeps, req: Request, requestId: string): Context {
  return { ...deps, requestId, headers: req.headers };
}
