import { LRUCache } from "lru-cache";

/**
 * Screens built for one data version (Today, a therapist's client list, a review), kept in
 * this process so the next request for the same version skips every query but the session's.
 *
 * Correctness does not depend on expiry: a key always carries the viewer's `data_version`,
 * which triggers in PostgreSQL move in the same transaction as any change the screen shows
 * (migration 2026_11_28_090000_add_data_versions), and the session query reads it. So a
 * change made through any process — another API, the worker, psql — is seen by the very next
 * request. Keys also carry whatever else the screen depends on (the local date, a time zone).
 * The expiry is a safety net, and how entries for versions nobody asks for again go away.
 *
 * Values are the procedures' results and must be treated as read-only.
 */
export type ScreenCache = {
  get<T>(key: string): T | undefined;
  set(key: string, value: object, ttlMs?: number): void;
  /** How many screens are held (metrics, tests). */
  readonly size: number;
};

export type ScreenCacheOptions = {
  /** Most screens kept (least recently used go first). */
  max?: number;
  /** Approximate bytes kept, counted as JSON characters. */
  maxBytes?: number;
  /** Longest a screen is reused, even for an unchanged version. */
  ttlMs?: number;
  /** Told of every lookup (metrics). */
  onLookup?: (hit: boolean) => void;
};

export function createScreenCache({
  max = 5_000,
  maxBytes = 32 * 1024 * 1024,
  ttlMs = 5 * 60_000,
  onLookup,
}: ScreenCacheOptions = {}): ScreenCache {
  const lru = new LRUCache<string, object>({
    max,
    maxSize: maxBytes,
    // Counted once, when a screen is stored (a cache miss already did the real work).
    sizeCalculation: (value) => Math.max(1, JSON.stringify(value).length),
    ttl: ttlMs,
    // Expired entries are not handed out; no timer per entry.
    ttlAutopurge: false,
  });
  return {
    get: <T>(key: string) => {
      const value = lru.get(key) as T | undefined;
      onLookup?.(value !== undefined);
      return value;
    },
    set: (key, value, ttl) => {
      if (ttl !== undefined && ttl <= 0) return;
      lru.set(key, value, ttl === undefined ? undefined : { ttl: Math.min(ttl, ttlMs) });
    },
    get size() {
      return lru.size;
    },
  };
}

/** A cache that keeps nothing (SCREEN_CACHE=off, and the tests that want every query run). */
export function noScreenCache(): ScreenCache {
  return { get: () => undefined, set: () => {}, size: 0 };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The last date worked out per time zone, and the quarter hour it holds for. */
const lastDates = new Map<string, { slot: number; date: string }>();

/**
 * "YYYY-MM-DD" of `at` in `timeZone`, cheaply: one formatter per zone, and the date is worked
 * out once per zone and quarter hour (no zone changes date inside one: see `quarterHourSlot`).
 */
export function localDateKey(at: Date, timeZone: string): string {
  const slot = quarterHourSlot(at);
  const last = lastDates.get(timeZone);
  if (last?.slot === slot) return last.date;
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dateFormats.set(timeZone, f);
  }
  const date = f.format(at);
  lastDates.set(timeZone, { slot, date });
  return date;
}

/**
 * The quarter hour `at` falls in, as a number. Every time zone's date changes on a quarter hour
 * of UTC (offsets are whole hours, halves or 45 minutes), so a key with this slot never spans
 * two local dates anywhere.
 */
export function quarterHourSlot(at: Date): number {
  return Math.floor(at.getTime() / (15 * 60_000));
}
