import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The client's email preferences and the planned times of their weekly summary.
  await db.schema
    .alterTable("client_profile")
    .addColumn("quiet_start", "text", (c) => c.notNull().defaultTo("21:00"))
    .addColumn("quiet_end", "text", (c) => c.notNull().defaultTo("08:00"))
    .addColumn("reminders_paused_until", "timestamptz")
    .addColumn("reminder_emails", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("summary_emails", "boolean", (c) => c.notNull().defaultTo(true))
    // ISO weekday (7 = Sunday) and local time of the weekly reflection summary.
    .addColumn("summary_day", "integer", (c) => c.notNull().defaultTo(7))
    .addColumn("summary_time", "text", (c) => c.notNull().defaultTo("18:00"))
    .addColumn("quote_words_in_summary", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("next_summary_at", "timestamptz")
    .execute();
  await sql`create index client_profile_summary_due_idx on client_profile (next_summary_at) where summary_emails`.execute(
    db,
  );

  await db.schema
    .createTable("therapist_settings")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .addColumn("digest_emails", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("digest_day", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("digest_time", "text", (c) => c.notNull().defaultTo("07:00"))
    .addColumn("next_digest_at", "timestamptz")
    .execute();
  await sql`create index therapist_settings_digest_due_idx on therapist_settings (next_digest_at) where digest_emails`.execute(
    db,
  );

  // Each assignment knows its next reminder; the worker claims due ones with SKIP LOCKED.
  await db.schema
    .alterTable("assignment")
    .addColumn("next_reminder_at", "timestamptz")
    .addColumn("next_occurrence_at", "timestamptz")
    .execute();
  await sql`create index assignment_reminder_due_idx on assignment (next_reminder_at)
            where status = 'active' and reminders_enabled and next_reminder_at is not null`.execute(
    db,
  );

  // "Not today": the client let one planned practice go, no questions asked.
  await db.schema
    .createTable("reminder_skip")
    .addColumn("assignment_id", "uuid", (c) =>
      c.notNull().references("assignment.id").onDelete("cascade"),
    )
    .addColumn("occurrence_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("reminder_skip_pk", ["assignment_id", "occurrence_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_skip").execute();
  await db.schema
    .alterTable("assignment")
    .dropColumn("next_reminder_at")
    .dropColumn("next_occurrence_at")
    .execute();
  await db.schema.dropTable("therapist_settings").execute();
  for (const c of [
    "quiet_start",
    "quiet_end",
    "reminders_paused_until",
    "reminder_emails",
    "summary_emails",
    "summary_day",
    "summary_time",
    "quote_words_in_summary",
    "next_summary_at",
  ]) {
    await db.schema.alterTable("client_profile").dropColumn(c).execute();
  }
}
