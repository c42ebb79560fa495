import type { ExerciseDefinition } from "@tend/core";
import type { Db } from "./create-db.ts";
import type { EntryStatus } from "./database.ts";

export type EntryView = {
  id: string;
  clientId: string;
  assignmentId: string | null;
  exerciseVersionId: string;
  exerciseId: string;
  version: number;
  definition: ExerciseDefinition;
  status: EntryStatus;
  wordsCiphertext: string | null;
  measures: Record<string, unknown>;
  sharedAt: Date | null;
  flaggedForSession: boolean;
  startedAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
};

function entryQuery(db: Db) {
  return db
    .selectFrom("entry as n")
    .innerJoin("exercise_version as v", "v.id", "n.exercise_version_id")
    .select([
      "n.id",
      "n.client_id as clientId",
      "n.assignment_id as assignmentId",
      "n.exercise_version_id as exerciseVersionId",
      "v.exercise_id as exerciseId",
      "v.version",
      "v.definition",
      "n.status",
      "n.words_ciphertext as wordsCiphertext",
      "n.measures",
      "n.shared_at as sharedAt",
      "n.flagged_for_session as flaggedForSession",
      "n.started_at as startedAt",
      "n.updated_at as updatedAt",
      "n.completed_at as completedAt",
    ]);
}

export async function insertDraftEntry(
  db: Db,
  e: { id: string; clientId: string; assignmentId: string | null; exerciseVersionId: string },
): Promise<void> {
  await db
    .insertInto("entry")
    .values({
      id: e.id,
      client_id: e.clientId,
      assignment_id: e.assignmentId,
      exercise_version_id: e.exerciseVersionId,
      measures: "{}",
    })
    .execute();
}

export async function findEntryOfClient(
  db: Db,
  clientId: string,
  id: string,
): Promise<EntryView | undefined> {
  return entryQuery(db)
    .where("n.id", "=", id)
    .where("n.client_id", "=", clientId)
    .executeTakeFirst();
}

export async function findDraftForAssignment(
  db: Db,
  clientId: string,
  assignmentId: string,
): Promise<EntryView | undefined> {
  return entryQuery(db)
    .where("n.client_id", "=", clientId)
    .where("n.assignment_id", "=", assignmentId)
    .where("n.status", "=", "draft")
    .executeTakeFirst();
}

/** An unfinished "any time" practice of this exercise (no assignment), to resume instead of starting over. */
export async function findDraftForExercise(
  db: Db,
  clientId: string,
  exerciseId: string,
): Promise<EntryView | undefined> {
  return entryQuery(db)
    .where("n.client_id", "=", clientId)
    .where("n.assignment_id", "is", null)
    .where("v.exercise_id", "=", exerciseId)
    .where("n.status", "=", "draft")
    .orderBy("n.updated_at", "desc")
    .executeTakeFirst();
}

export async function saveEntryAnswers(
  db: Db,
  clientId: string,
  id: string,
  values: { wordsCiphertext: string; measures: Record<string, unknown>; complete: boolean },
): Promise<boolean> {
  const now = new Date();
  const r = await db
    .updateTable("entry")
    .set({
      words_ciphertext: values.wordsCiphertext,
      measures: JSON.stringify(values.measures),
      updated_at: now,
      ...(values.complete ? { status: "complete" as const, completed_at: now } : {}),
    })
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The client's own entries, newest first (drafts included, so they can be resumed). */
export async function listEntriesOfClient(
  db: Db,
  clientId: string,
  limit = 200,
): Promise<EntryView[]> {
  return entryQuery(db)
    .where("n.client_id", "=", clientId)
    .orderBy((eb) => eb.fn.coalesce("n.completed_at", "n.updated_at"), "desc")
    .limit(limit)
    .execute();
}

export async function setEntrySharing(
  db: Db,
  clientId: string,
  id: string,
  shared: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable("entry")
    .set({ shared_at: shared ? new Date() : null })
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .where("status", "=", "complete")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setEntryFlag(
  db: Db,
  clientId: string,
  id: string,
  flagged: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable("entry")
    .set({ flagged_for_session: flagged })
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteEntryOfClient(db: Db, clientId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom("entry")
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * What a therapist may read of a client's entries: entries the client shared (words and all),
 * scoped through client_profile so only the client's own therapist gets rows.
 */
export async function listSharedEntriesForTherapist(
  db: Db,
  therapistId: string,
  clientId: string,
): Promise<EntryView[]> {
  return entryQuery(db)
    .innerJoin("client_profile as p", "p.user_id", "n.client_id")
    .where("p.therapist_id", "=", therapistId)
    .where("n.client_id", "=", clientId)
    .where("n.status", "=", "complete")
    .where("n.shared_at", "is not", null)
    .orderBy("n.completed_at", "desc")
    .execute();
}

/**
 * For private entries the therapist sees only that a practice happened (date and exercise),
 * and only if the client allows it. Selects no words and no measures.
 */
export async function listPrivatePracticeLogForTherapist(
  db: Db,
  therapistId: string,
  clientId: string,
) {
  const rows = await db
    .selectFrom("entry as n")
    .innerJoin("client_profile as p", "p.user_id", "n.client_id")
    .innerJoin("exercise_version as v", "v.id", "n.exercise_version_id")
    .select(["n.completed_at as completedAt", "v.definition"])
    .where("p.therapist_id", "=", therapistId)
    .where("p.share_practice_log", "=", true)
    .where("n.client_id", "=", clientId)
    .where("n.status", "=", "complete")
    .where("n.shared_at", "is", null)
    .orderBy("n.completed_at", "desc")
    .execute();
  return rows.map((r) => ({
    completedAt: r.completedAt as Date,
    exerciseTitle: r.definition.title,
  }));
}
