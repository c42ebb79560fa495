import type { Db, FieldCipher } from "@tend/db";
import type { Auth } from "../auth/auth.ts";
import { resolveSession, type SessionInfo, type SessionRow } from "../auth/session.ts";
import type { ScreenCache } from "../cache/screen-cache.ts";
import type { SessionCache } from "../cache/session-cache.ts";
import type { ApiEnv } from "../env.ts";
import type { Logger } from "../logger.ts";

/** Long-lived things every request may use. */
export type AppDeps = {
  db: Db;
  log: Logger;
  config: ApiEnv;
  auth: Auth;
  cipher: FieldCipher;
  /** Screens kept per data version; createApp makes one when none is given. */
  screens?: ScreenCache;
  /** Session rows kept in memory while the change feed is live (main.ts); none in most tests. */
  sessions?: SessionCache<SessionRow>;
};

/**
 * One request's context. Tiers in init.ts narrow it to who is calling. It holds only what
 * procedures use: tRPC copies the whole context at every middleware that adds to it, so every
 * key costs on every call.
 */
export type Context = Pick<AppDeps, "db" | "config" | "cipher" | "sessions"> & {
  screens: ScreenCache;
  requestId: string;
  ip: string | null;
  /** The caller's session, looked up at most once, and only when a procedure needs it. */
  getSession: () => Promise<SessionInfo | null>;
};

export function createContext(
  deps: AppDeps & { screens: ScreenCache },
  req: { headers: Headers; resHeaders: Headers | null; requestId: string; ip: string | null },
): Context {
  let session: Promise<SessionInfo | null> | undefined;
  return {
    db: deps.db,
    config: deps.config,
    cipher: deps.cipher,
    sessions: deps.sessions,
    screens: deps.screens,
    requestId: req.requestId,
    ip: req.ip,
    getSession: () => {
      session ??= resolveSession(
        deps.auth,
        deps.db,
        req.headers,
        req.resHeaders,
        deps.config.SESSION_ABSOLUTE_HOURS,
        deps.sessions,
      );
      return session;
    },
  };
}
