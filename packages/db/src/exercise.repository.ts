import { CATALOG, type ExerciseDefinition } from "@tend/core";
import { sql } from "kysely";
import type { Db } from "./create-db.ts";

export type ExerciseSummary = {
  id: string;
  slug: string | null;
  version: number;
  versionId: string;
  builtIn: boolean;
  definition: ExerciseDefinition;
};

/**
 * Make the database's built-in exercises match the catalog in code. A changed
 * definition becomes a new version; older versions stay for the entries that use them.
 */
export async function syncCatalog(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Serialise concurrent starts (api and worker may both sync).
    await sql`select pg_advisory_xact_lock(hashtext('tend.sync_catalog'))`.execute(trx);
    for (const { slug, definition } of CATALOG) {
      const json = JSON.stringify(definition);
      const existing = await trx
        .selectFrom("exercise")
        .innerJoin("exercise_version as v", (j) =>
          j
            .onRef("v.exercise_id", "=", "exercise.id")
            .onRef("v.version", "=", "exercise.current_version"),
        )
        .select(["exercise.id", "exercise.current_version"])
        // jsonb equality ignores key order and whitespace.
        .select(sql<boolean>`v.definition = ${json}::jsonb`.as("same"))
        .where("exercise.slug", "=", slug)
        .executeTakeFirst();
      if (!existing) {
        const { id } = await trx
          .insertInto("exercise")
          .values({ slug, owner_user_id: null })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("exercise_version")
          .values({ exercise_id: id, version: 1, definition: json })
          .execute();
      } else if (!existing.same) {
        const version = existing.current_version + 1;
        await trx
          .insertInto("exercise_version")
          .values({ exercise_id: existing.id, version, definition: json })
          .execute();
        await trx
          .updateTable("exercise")
          .set({ current_version: version })
          .where("id", "=", existing.id)
          .execute();
      }
    }
  });
}

/** The built-in library, current versions, in catalog order. */
export async function listBuiltInExercises(db: Db): Promise<ExerciseSummary[]> {
  const rows = await db
    .selectFrom("exercise")
    .innerJoin("exercise_version as v", (j) =>
      j
        .onRef("v.exercise_id", "=", "exercise.id")
        .onRef("v.version", "=", "exercise.current_version"),
    )
    .select(["exercise.id", "exercise.slug", "v.id as versionId", "v.version", "v.definition"])
    .where("exercise.slug", "is not", null)
    .where("exercise.archived_at", "is", null)
    .execute();
  const order = new Map(CATALOG.map((e, i) => [e.slug, i]));
  return rows
    .map((r) => ({
      id: r.id,
      slug: r.slug,
      version: r.version,
      versionId: r.versionId,
      builtIn: true,
      definition: r.definition,
    }))
    .sort((a, b) => (order.get(a.slug ?? "") ?? 99) - (order.get(b.slug ?? "") ?? 99));
}
