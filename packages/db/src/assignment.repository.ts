import type { Schedule } from "@tend/core";
import type { Db } from "./create-db.ts";
import type { AssignmentStatus, ExerciseVersionRef } from "./index.ts";

export type AssignmentView = {
  id: string;
  therapistId: string;
  clientId: string;
  exerciseId: string;
  exerciseTitle: string;
  exerciseMinutes: number;
  noteCiphertext: string | null;
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  remindersEnabled: boolean;
  status: AssignmentStatus;
  createdAt: Date;
  updatedAt: Date;
};

function baseQuery(db: Db) {
  return db
    .selectFrom("assignment as a")
    .innerJoin("exercise as e", "e.id", "a.exercise_id")
    .innerJoin("exercise_version as v", (j) =>
      j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select([
      "a.id",
      "a.therapist_id as therapistId",
      "a.client_id as clientId",
      "a.exercise_id as exerciseId",
      "a.note_ciphertext as noteCiphertext",
      "a.schedule",
      "a.start_date as startDate",
      "a.end_date as endDate",
      "a.reminders_enabled as remindersEnabled",
      "a.status",
      "a.created_at as createdAt",
      "a.updated_at as updatedAt",
      "v.definition",
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;
function toView({ definition, ...r }: BaseRow): AssignmentView {
  return { ...r, exerciseTitle: definition.title, exerciseMinutes: definition.minutes };
}

export type NewAssignment = {
  id: string;
  therapistId: string;
  clientId: string;
  exercise: ExerciseVersionRef;
  noteCiphertext: string | null;
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  remindersEnabled: boolean;
};

export async function insertAssignment(db: Db, a: NewAssignment): Promise<AssignmentView> {
  await db
    .insertInto("assignment")
    .values({
      id: a.id,
      therapist_id: a.therapistId,
      client_id: a.clientId,
      exercise_id: a.exercise.exerciseId,
      note_ciphertext: a.noteCiphertext,
      schedule: JSON.stringify(a.schedule),
      start_date: a.startDate,
      end_date: a.endDate,
      reminders_enabled: a.remindersEnabled,
    })
    .execute();
  return toView(await baseQuery(db).where("a.id", "=", a.id).executeTakeFirstOrThrow());
}

/** Scoped to the therapist in the query: another therapist's assignment is simply not found. */
export async function findAssignmentForTherapist(
  db: Db,
  therapistId: string,
  id: string,
): Promise<AssignmentView | undefined> {
  const r = await baseQuery(db)
    .where("a.id", "=", id)
    .where("a.therapist_id", "=", therapistId)
    .executeTakeFirst();
  return r ? toView(r) : undefined;
}

export async function findAssignmentForClient(
  db: Db,
  clientId: string,
  id: string,
): Promise<AssignmentView | undefined> {
  const r = await baseQuery(db)
    .where("a.id", "=", id)
    .where("a.client_id", "=", clientId)
    .executeTakeFirst();
  return r ? toView(r) : undefined;
}

export async function listAssignmentsOfClient(
  db: Db,
  clientId: string,
  { therapistId, statuses }: { therapistId?: string; statuses?: AssignmentStatus[] } = {},
): Promise<AssignmentView[]> {
  let q = baseQuery(db).where("a.client_id", "=", clientId);
  if (therapistId) q = q.where("a.therapist_id", "=", therapistId);
  if (statuses) q = q.where("a.status", "in", statuses);
  const rows = await q.orderBy("a.created_at", "desc").execute();
  return rows.map(toView);
}

export type AssignmentPatch = {
  noteCiphertext?: string | null;
  schedule?: Schedule;
  startDate?: string;
  endDate?: string | null;
  remindersEnabled?: boolean;
  status?: AssignmentStatus;
};

export async function updateAssignment(
  db: Db,
  therapistId: string,
  id: string,
  patch: AssignmentPatch,
): Promise<boolean> {
  const r = await db
    .updateTable("assignment")
    .set({
      ...(patch.noteCiphertext !== undefined ? { note_ciphertext: patch.noteCiphertext } : {}),
      ...(patch.schedule ? { schedule: JSON.stringify(patch.schedule) } : {}),
      ...(patch.startDate ? { start_date: patch.startDate } : {}),
      ...(patch.endDate !== undefined ? { end_date: patch.endDate } : {}),
      ...(patch.remindersEnabled !== undefined
        ? { reminders_enabled: patch.remindersEnabled }
        : {}),
      ...(patch.status ? { status: patch.status } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .where("therapist_id", "=", therapistId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
