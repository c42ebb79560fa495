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

export type ExerciseVersionRef = {
  exerciseId: string;
  versionId: string;
  version: number;
  slug: string | null;
  ownerUserId: string | null;
  archived: boolean;
  definition: ExerciseDefinition;
};

function currentVersionQuery(db: Db) {
  return db
    .selectFrom("exercise as e")
    .innerJoin("exercise_version as v", (j) =>
      j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select([
      "e.id as exerciseId",
      "v.id as versionId",
      "v.version",
      "e.slug",
      "e.owner_user_id as ownerUserId",
      "e.archived_at",
      "v.definition",
    ]);
}

function toRef(r: {
  exerciseId: string;
  versionId: string;
  version: number;
  slug: string | null;
  ownerUserId: string | null;
  archived_at: Date | null;
  definition: ExerciseDefinition;
}): ExerciseVersionRef {
  return {
    exerciseId: r.exerciseId,
    versionId: r.versionId,
    version: r.version,
    slug: r.slug,
    ownerUserId: r.ownerUserId,
    archived: r.archived_at !== null,
    definition: r.definition,
  };
}

/** The current version of an exercise a therapist may use: built-in, or their own. */
export async function findUsableExercise(
  db: Db,
  therapistId: string,
  exerciseId: string,
): Promise<ExerciseVersionRef | undefined> {
  const r = await currentVersionQuery(db)
    .where("e.id", "=", exerciseId)
    .where((eb) =>
      eb.or([eb("e.owner_user_id", "is", null), eb("e.owner_user_id", "=", therapistId)]),
    )
    .executeTakeFirst();
  return r ? toRef(r) : undefined;
}

export async function findCurrentExerciseVersion(
  db: Db,
  exerciseId: string,
): Promise<ExerciseVersionRef | undefined> {
  const r = await currentVersionQuery(db).where("e.id", "=", exerciseId).executeTakeFirst();
  return r ? toRef(r) : undefined;
}

export async function findExerciseVersion(db: Db, versionId: string) {
  return db
    .selectFrom("exercise_version as v")
    .innerJoin("exercise as e", "e.id", "v.exercise_id")
    .select(["v.id", "v.version", "v.definition", "e.id as exerciseId", "e.slug"])
    .where("v.id", "=", versionId)
    .executeTakeFirst();
}

/** Built-in exercises plus the therapist's own (not archived), current versions. */
export async function listExercisesForTherapist(
  db: Db,
  therapistId: string,
): Promise<ExerciseVersionRef[]> {
  const rows = await currentVersionQuery(db)
    .where("e.archived_at", "is", null)
    .where((eb) =>
      eb.or([eb("e.owner_user_id", "is", null), eb("e.owner_user_id", "=", therapistId)]),
    )
    .orderBy("e.created_at")
    .execute();
  const order = new Map(CATALOG.map((e, i) => [e.slug, i]));
  return rows
    .map(toRef)
    .sort((a, b) => (order.get(a.slug ?? "") ?? 1000) - (order.get(b.slug ?? "") ?? 1000));
}

/** A therapist's own exercise, version 1. */
export async function createOwnExercise(
  db: Db,
  therapistId: string,
  definition: ExerciseDefinition,
): Promise<ExerciseVersionRef> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("exercise")
      .values({ slug: null, owner_user_id: therapistId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("exercise_version")
      .values({ exercise_id: id, version: 1, definition: JSON.stringify(definition) })
      .execute();
    return (await findCurrentExerciseVersion(trx, id))!;
  });
}

/** Editing makes a new version; entries keep pointing at the version they answered. */
export async function updateOwnExercise(
  db: Db,
  therapistId: string,
  exerciseId: string,
  definition: ExerciseDefinition,
): Promise<ExerciseVersionRef | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("exercise")
      .select(["id", "current_version"])
      .where("id", "=", exerciseId)
      .where("owner_user_id", "=", therapistId)
      .where("archived_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    const version = row.current_version + 1;
    await trx
      .insertInto("exercise_version")
      .values({ exercise_id: row.id, version, definition: JSON.stringify(definition) })
      .execute();
    await trx
      .updateTable("exercise")
      .set({ current_version: version })
      .where("id", "=", row.id)
      .execute();
    return findCurrentExerciseVersion(trx, row.id);
  });
}

export async function archiveOwnExercise(
  db: Db,
  therapistId: string,
  exerciseId: string,
): Promise<boolean> {
  const r = await db
    .updateTable("exercise")
    .set({ archived_at: new Date() })
    .where("id", "=", exerciseId)
    .where("owner_user_id", "=", therapistId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
