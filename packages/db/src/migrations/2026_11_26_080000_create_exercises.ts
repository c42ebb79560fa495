import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("exercise")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Built-in exercises have a slug and no owner; a therapist's own have an owner.
    .addColumn("slug", "text", (c) => c.unique())
    .addColumn("owner_user_id", "text")
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("exercise_builtin_or_owned", sql`(slug is null) <> (owner_user_id is null)`)
    .execute();
  await db.schema
    .createIndex("exercise_owner_idx")
    .on("exercise")
    .column("owner_user_id")
    .execute();

  // Every edit is a new immutable version; entries point at the version they answer.
  await db.schema
    .createTable("exercise_version")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("exercise_id", "uuid", (c) =>
      c.notNull().references("exercise.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("exercise_version_unique", ["exercise_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("exercise_version").execute();
  await db.schema.dropTable("exercise").execute();
}
