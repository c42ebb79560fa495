import type { Db } from "./create-db.ts";
import type { EntryView } from "./entry.repository.ts";

/** The client's own account as they may download it (nothing about anyone else but their therapist's name). */
export async function findClientAccountForExport(db: Db, clientId: string) {
  return db
    .selectFrom("user as u")
    .innerJoin("client_profile as p", "p.user_id", "u.id")
    .innerJoin("user as t", "t.id", "p.therapist_id")
    .select([
      "u.id",
      "u.name",
      "u.email",
      "u.createdAt",
      "u.twoFactorEnabled",
      "p.created_at as joinedAt",
      "p.deletion_requested_at as deletionRequestedAt",
      "p.week_note_ciphertext as weekNoteCiphertext",
      "p.week_note_updated_at as weekNoteUpdatedAt",
      "p.calendar_token_hash as calendarTokenHash",
      "t.name as therapistName",
    ])
    .where("u.id", "=", clientId)
    .where("u.role", "=", "client")
    .executeTakeFirst();
}

export type ExportEntry = EntryView & { slug: string | null };

/** Every entry of the client, drafts too, oldest first, with the exercise version it answered. */
export async function listAllEntriesOfClient(db: Db, clientId: string): Promise<ExportEntry[]> {
  return db
    .selectFrom("entry as n")
    .innerJoin("exercise_version as v", "v.id", "n.exercise_version_id")
    .innerJoin("exercise as e", "e.id", "v.exercise_id")
    .select([
      "n.id",
      "n.client_id as clientId",
      "n.assignment_id as assignmentId",
      "n.exercise_version_id as exerciseVersionId",
      "v.exercise_id as exerciseId",
      "v.version",
      "v.definition",
      "e.slug",
      "n.status",
      "n.words_ciphertext as wordsCiphertext",
      "n.measures",
      "n.shared_at as sharedAt",
      "n.flagged_for_session as flaggedForSession",
      "n.started_at as startedAt",
      "n.updated_at as updatedAt",
      "n.completed_at as completedAt",
    ])
    .where("n.client_id", "=", clientId)
    .orderBy((eb) => eb.fn.coalesce("n.completed_at", "n.started_at"))
    .orderBy("n.id")
    .execute();
}

/** Every "not today" the client chose, oldest first. */
export async function listAllSkipsOfClient(db: Db, clientId: string) {
  return db
    .selectFrom("reminder_skip as s")
    .innerJoin("assignment as a", "a.id", "s.assignment_id")
    .select([
      "s.assignment_id as assignmentId",
      "s.occurrence_at as occurrenceAt",
      "s.created_at as createdAt",
    ])
    .where("a.client_id", "=", clientId)
    .orderBy("s.occurrence_at")
    .execute();
}
