import { LRUCache } from "lru-cache";
import type { ChangeFeed } from "./change-feed.ts";

/**
 * Recently used session rows (session + user + client profile + data version), by session
 * token, so most requests need no query at all.
 *
 * Kept only while the change feed is live. A change to the user (their data version moves with
 * everything their screens show) or to any of their sessions reaches every process through
 * PostgreSQL's NOTIFY within milliseconds and drops what was kept for that user; this process
 * also drops the caller's entries itself after every write it serves (`forgetUser`), so a
 * person always reads their own writes. The expiry bounds how long a kept row is trusted if
 * everything else failed at once.
 */
export type SessionCache<Row> = {
  /** The kept row, or undefined (not kept, expired, or the feed is not live). */
  get(token: string): Row | undefined;
  /**
   * Read through: `load` runs, and its row is kept unless the user changed while it ran (a
   * notification arrived in between) or the feed is not live.
   */
  load(token: string, load: () => Promise<Row | undefined>): Promise<Row | undefined>;
  forgetUser(userId: string): void;
  forgetToken(token: string): void;
  readonly size: number;
  /** Whether kept rows are used now (the change feed is live). */
  readonly live: boolean;
};

export type SessionCacheOptions = {
  max?: number;
  ttlMs?: number;
  /** Told of every lookup while live (metrics). */
  onLookup?: (hit: boolean) => void;
};

export function createSessionCache<Row extends { userId: string }>(
  feed: ChangeFeed,
  { max = 20_000, ttlMs = 10_000, onLookup }: SessionCacheOptions = {},
): SessionCache<Row> {
  const tokensOf = new Map<string, Set<string>>();
  /** Counts changes; `changedAt` says when each user last changed, so a load that raced a change is not kept. */
  let changes = 0;
  const changedAt = new Map<string, number>();
  /** Moves when everything is forgotten at once: loads begun before are not kept either. */
  let epoch = 0;
  const lru = new LRUCache<string, Row>({
    max,
    ttl: ttlMs,
    ttlAutopurge: false,
    dispose: (row, token) => {
      const tokens = tokensOf.get(row.userId);
      tokens?.delete(token);
      if (tokens?.size === 0) tokensOf.delete(row.userId);
    },
  });
  const forgetAll = () => {
    epoch++;
    lru.clear();
    changedAt.clear();
  };

  const forgetUser = (userId: string) => {
    changedAt.set(userId, ++changes);
    for (const token of [...(tokensOf.get(userId) ?? [])]) lru.delete(token);
    // Only loads in flight need these; keep the map bounded (forgetting all is always safe).
    if (changedAt.size > max) forgetAll();
  };
  feed.onUserChanged(forgetUser);
  feed.onReset(forgetAll);

  return {
    get: (token) => {
      if (!feed.live) return undefined;
      const row = lru.get(token);
      onLookup?.(row !== undefined);
      return row;
    },
    load: async (token, load) => {
      if (!feed.live) return load();
      const [startEpoch, startChanges] = [epoch, changes];
      const row = await load();
      if (!row || !feed.live || epoch !== startEpoch) return row;
      if ((changedAt.get(row.userId) ?? 0) > startChanges) return row;
      lru.set(token, row);
      const tokens = tokensOf.get(row.userId) ?? new Set<string>();
      tokens.add(token);
      tokensOf.set(row.userId, tokens);
      return row;
    },
    forgetUser,
    forgetToken: (token) => {
      lru.delete(token);
    },
    get size() {
      return lru.size;
    },
    get live() {
      return feed.live;
    },
  };
}
