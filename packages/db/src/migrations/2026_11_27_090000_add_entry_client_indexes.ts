import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
// Found by EXPLAIN (ANALYZE, BUFFERS) at bench size (≈2 M entries, see BENCHMARKS.md): a client's
// drafts (Today, resuming a practice) and a client's history (newest first) had no index that
// starts with client_id for their rows, so each was a sequential scan of every entry (≈300 ms).
// Plain CREATE INDEX (migrations run in a transaction): writes to `entry` wait while it builds.
export async function up(db: Kysely<any>): Promise<void> {
  // Small: only unfinished practices are in it.
  await sql`create index entry_client_draft_idx on entry (client_id, updated_at desc) where status = 'draft'`.execute(
    db,
  );
  // The order listEntriesOfClient reads a client's entries in (drafts and completed together).
  await sql`create index entry_client_recent_idx on entry (client_id, (coalesce(completed_at, updated_at)) desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists entry_client_recent_idx`.execute(db);
  await sql`drop index if exists entry_client_draft_idx`.execute(db);
}
