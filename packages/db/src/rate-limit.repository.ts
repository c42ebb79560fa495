import { sql } from "kysely";
import type { Db } from "./create-db.ts";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * A fixed-window counter in PostgreSQL, so every API process shares it.
 * Counts this hit and says whether it is within `max` per `windowSeconds`.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  max: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  const { rows } = await sql<{ count: number; window_start: Date; now: Date }>`
    insert into rate_limit_bucket as b (key, window_start, count)
    values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when b.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else b.count + 1 end,
      window_start = case when b.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else b.window_start end
    returning count, window_start, now() as now`.execute(db);
  const row = rows[0]!;
  const elapsed = (row.now.getTime() - row.window_start.getTime()) / 1000;
  return {
    allowed: row.count <= max,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)),
  };
}
