import pg from "pg";
import type { Logger } from "../logger.ts";

/** The channel the triggers of migration 2026_11_28_100000 notify, with a user id as payload. */
export const USER_CHANGED_CHANNEL = "tend_user_changed";

/**
 * Which users changed, as PostgreSQL tells every API process (LISTEN on its own connection).
 *
 * `live` is true only while the connection is up and has been checked recently: whatever a
 * process keeps about users must be bypassed when it is false, because changes may be missed.
 * Each time the feed goes down or comes back, `onReset` fires: forget everything kept.
 */
export type ChangeFeed = {
  readonly live: boolean;
  onUserChanged(listener: (userId: string) => void): void;
  onReset(listener: () => void): void;
  close(): Promise<void>;
};

export type ChangeFeedOptions = {
  connectionString: string;
  log: Logger;
  /** How often the connection is checked with a round trip (a dead TCP peer sends no errors). */
  heartbeatMs?: number;
  /** Wait before reconnecting after a failure (doubles up to 30 s). */
  retryMs?: number;
};

export function startChangeFeed({
  connectionString,
  log,
  heartbeatMs = 5_000,
  retryMs = 500,
}: ChangeFeedOptions): ChangeFeed {
  const userListeners: Array<(userId: string) => void> = [];
  const resetListeners: Array<() => void> = [];
  let client: pg.Client | null = null;
  let live = false;
  let closed = false;
  let retry = retryMs;
  let heartbeat: NodeJS.Timeout | undefined;
  let reconnect: NodeJS.Timeout | undefined;

  const reset = () => {
    for (const l of resetListeners) l();
  };

  const down = (why: unknown) => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
    const was = live;
    live = false;
    reset();
    const c = client;
    client = null;
    c?.removeAllListeners("notification");
    c?.end().catch(() => {});
    if (closed) return;
    if (was)
      log.warn({ err: why }, "change feed lost: cached sessions are bypassed until it returns");
    reconnect = setTimeout(connect, retry);
    retry = Math.min(retry * 2, 30_000);
  };

  async function connect() {
    if (closed) return;
    const c = new pg.Client({
      connectionString,
      application_name: "tend-api-listen",
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    c.on("error", (err) => {
      if (client === c) down(err);
    });
    c.on("end", () => {
      if (client === c) down(new Error("connection ended"));
    });
    c.on("notification", (n) => {
      if (n.channel !== USER_CHANGED_CHANNEL || !n.payload) return;
      for (const l of userListeners) l(n.payload);
    });
    client = c;
    try {
      await c.connect();
      await c.query(`listen ${USER_CHANGED_CHANNEL}`);
    } catch (err) {
      if (client === c) down(err);
      return;
    }
    if (closed || client !== c) {
      c.end().catch(() => {});
      return;
    }
    // Anything may have changed while no one listened: start from nothing.
    reset();
    live = true;
    retry = retryMs;
    heartbeat = setInterval(() => {
      let answered = false;
      const timer = setTimeout(() => {
        if (!answered && client === c) down(new Error("heartbeat timed out"));
      }, heartbeatMs);
      c.query("select 1").then(
        () => {
          answered = true;
          clearTimeout(timer);
        },
        (err) => {
          answered = true;
          clearTimeout(timer);
          if (client === c) down(err);
        },
      );
    }, heartbeatMs);
    heartbeat.unref();
  }

  void connect();

  return {
    get live() {
      return live;
    },
    onUserChanged: (l) => {
      userListeners.push(l);
    },
    onReset: (l) => {
      resetListeners.push(l);
    },
    close: async () => {
      closed = true;
      live = false;
      if (heartbeat) clearInterval(heartbeat);
      if (reconnect) clearTimeout(reconnect);
      const c = client;
      client = null;
      reset();
      await c?.end().catch(() => {});
    },
  };
}
