import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
// Found at bench size (≈2 M entries, see BENCHMARKS.md). EXPLAIN (ANALYZE, BUFFERS): a client's
// drafts (Today, resuming a practice) and a client's history (newest first) had no index that
// starts with client_id for their rows, so each was a sequential scan of every entry (≈300 ms).
// Deleting clients (account deletion) hit foreign keys without an index (below).
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
  // Deleting a client (account deletion) cascades through these foreign keys; without an index
  // each deleted client cost a sequential scan of every session note and every invitation.
  await sql`create index session_note_client_idx on session_note (client_id)`.execute(db);
  // Deleting an assignment (with its client) sets entry.assignment_id to null: one scan of every
  // entry per assignment without this. It also serves "practised this assignment on that day".
  await sql`create index entry_assignment_idx on entry (assignment_id) where assignment_id is not null`.execute(
    db,
  );
  await sql`create index invitation_client_user_idx on invitation (client_user_id) where client_user_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists invitation_client_user_idx`.execute(db);
  await sql`drop index if exists session_note_client_idx`.execute(db);
  await sql`drop index if exists entry_assignment_idx`.execute(db);
  await sql`drop index if exists entry_client_recent_idx`.execute(db);
  await sql`drop index if exists entry_client_draft_idx`.execute(db);
}
