import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assignment")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("therapist_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("client_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("exercise_id", "uuid", (c) => c.notNull().references("exercise.id"))
    // The therapist's personal note, encrypted like every free text (see entry).
    .addColumn("note_ciphertext", "text")
    .addColumn("schedule", "jsonb", (c) => c.notNull())
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date")
    .addColumn("reminders_enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("active").check(sql`status in ('active', 'paused', 'ended')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("assignment_client_idx")
    .on("assignment")
    .columns(["client_id", "status"])
    .execute();
  await db.schema
    .createIndex("assignment_therapist_idx")
    .on("assignment")
    .columns(["therapist_id", "client_id"])
    .execute();

  await db.schema
    .createTable("entry")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("client_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("assignment_id", "uuid", (c) => c.references("assignment.id").onDelete("set null"))
    // The exact version answered: editing the exercise later never touches this entry.
    .addColumn("exercise_version_id", "uuid", (c) => c.notNull().references("exercise_version.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft', 'complete')`),
    )
    // The client's words, AES-256-GCM: "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts).
    .addColumn("words_ciphertext", "text")
    // Ratings, choices and timers: plain, so progress can be computed in SQL.
    .addColumn("measures", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("shared_at", "timestamptz")
    .addColumn("flagged_for_session", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("completed_at", "timestamptz")
    .execute();
  await sql`create index entry_client_completed_idx on entry (client_id, completed_at desc) where status = 'complete'`.execute(
    db,
  );
  await sql`create index entry_client_shared_idx on entry (client_id, completed_at desc) where shared_at is not null`.execute(
    db,
  );
  await sql`create unique index entry_one_draft_per_assignment on entry (assignment_id) where status = 'draft' and assignment_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("entry").execute();
  await db.schema.dropTable("assignment").execute();
}
