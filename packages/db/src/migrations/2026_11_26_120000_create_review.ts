import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The therapist's private notes, one per session date. Never shown to the client; encrypted.
  await db.schema
    .createTable("session_note")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("therapist_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("client_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("session_date", "date", (c) => c.notNull())
    .addColumn("note_ciphertext", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("session_note_one_per_date", ["therapist_id", "client_id", "session_date"])
    .execute();

  // "A note for the week", written together in session; the client sees it on Today. Encrypted.
  await db.schema
    .alterTable("client_profile")
    .addColumn("week_note_ciphertext", "text")
    .addColumn("week_note_updated_at", "timestamptz")
    // Private calendar feed: only the sha256 of the token is stored.
    .addColumn("calendar_token_hash", "text")
    // Account deletion: everything goes after a 7-day grace period the client can cancel.
    .addColumn("deletion_requested_at", "timestamptz")
    .execute();
  await sql`create unique index client_profile_calendar_token_idx on client_profile (calendar_token_hash) where calendar_token_hash is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("session_note").execute();
  for (const c of [
    "week_note_ciphertext",
    "week_note_updated_at",
    "calendar_token_hash",
    "deletion_requested_at",
  ]) {
    await db.schema.alterTable("client_profile").dropColumn(c).execute();
  }
}
