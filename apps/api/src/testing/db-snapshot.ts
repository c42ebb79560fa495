import type { Db } from "@tend/db";
import { sql } from "kysely";

/**
 * Tables that change on their own while a request is refused, legitimately: the audit log
 * (a denied or viewed access is recorded), rate-limit counters (a refused call still
 * counts), sessions (sliding expiry) and better-auth's verification/rate-limit rows.
 */
export const VOLATILE_TABLES = [
  "audit_event",
  "rate_limit_bucket",
  "rateLimit",
  "session",
  "verification",
];

/** Row count and a hash of every row, per table. */
export type DbSnapshot = Record<string, { rows: number; hash: string }>;

async function tablesOf(db: Db, exclude: string[]): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  return rows.rows.map((r) => r.name).filter((n) => !exclude.includes(n));
}

/**
 * A snapshot function for one database: one round trip that counts and hashes the rows of
 * every table except `exclude` (the table list is read once, at creation).
 */
export async function snapshotter(
  db: Db,
  exclude: string[] = VOLATILE_TABLES,
): Promise<() => Promise<DbSnapshot>> {
  const tables = await tablesOf(db, exclude);
  const query = sql.raw(
    tables
      .map(
        (t) =>
          `select '${t}' as t, count(*)::int as n, ` +
          `coalesce(md5(string_agg(r::text, E'\\n' order by r::text)), '') as h from "${t}" r`,
      )
      .join(" union all "),
  );
  return async () => {
    const { rows } = await query.execute(db);
    const out: DbSnapshot = {};
    for (const r of rows as Array<{ t: string; n: number; h: string }>)
      out[r.t] = { rows: r.n, hash: r.h };
    return out;
  };
}

/** Tables whose rows differ between two snapshots, e.g. ["entry: 3 → 4 rows"]. */
export function snapshotDiff(before: DbSnapshot, after: DbSnapshot): string[] {
  const out: string[] = [];
  for (const t of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[t];
    const a = after[t];
    if (b?.hash === a?.hash && b?.rows === a?.rows) continue;
    out.push(
      b?.rows === a?.rows
        ? `${t}: rows changed (${a?.rows} rows)`
        : `${t}: ${b?.rows} → ${a?.rows} rows`,
    );
  }
  return out;
}
