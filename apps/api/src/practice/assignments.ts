import { randomUUID } from "node:crypto";
import { AppError, type Schedule } from "@tend/core";
import {
  type AssignmentView,
  type Db,
  type FieldCipher,
  findAssignmentForTherapist,
  findClientOfTherapist,
  findUsableExercise,
  insertAssignment,
  refreshAssignmentReminder,
  updateAssignment,
} from "@tend/db";

type Ctx = { db: Db; cipher: FieldCipher };

export function readAssignment(cipher: FieldCipher, a: AssignmentView) {
  return {
    id: a.id,
    clientId: a.clientId,
    exerciseId: a.exerciseId,
    exerciseTitle: a.exerciseTitle,
    exerciseMinutes: a.exerciseMinutes,
    note: a.noteCiphertext ? cipher.decrypt(a.noteCiphertext, a.id) : "",
    schedule: a.schedule,
    startDate: a.startDate,
    endDate: a.endDate,
    remindersEnabled: a.remindersEnabled,
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
export type AssignmentDto = ReturnType<typeof readAssignment>;

export type AssignmentFields = {
  note: string;
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  remindersEnabled: boolean;
};

function checkDates(startDate: string, endDate: string | null) {
  if (endDate && endDate < startDate)
    throw new AppError("BAD_INPUT", "The end date needs to be on or after the start date.");
}

export async function createAssignment(
  { db, cipher }: Ctx,
  therapistId: string,
  input: AssignmentFields & { clientId: string; exerciseId: string },
): Promise<AssignmentDto> {
  checkDates(input.startDate, input.endDate);
  const client = await findClientOfTherapist(db, therapistId, input.clientId);
  if (!client) throw new AppError("NOT_FOUND", "We could not find that client.");
  const exercise = await findUsableExercise(db, therapistId, input.exerciseId);
  if (!exercise || exercise.archived)
    throw new AppError("NOT_FOUND", "We could not find that exercise.");
  const id = randomUUID();
  const view = await insertAssignment(db, {
    id,
    therapistId,
    clientId: client.id,
    exercise,
    noteCiphertext: input.note ? cipher.encrypt(input.note, id) : null,
    schedule: input.schedule,
    startDate: input.startDate,
    endDate: input.endDate,
    remindersEnabled: input.remindersEnabled,
  });
  await refreshAssignmentReminder(db, id);
  return readAssignment(cipher, view);
}

export async function editAssignment(
  { db, cipher }: Ctx,
  therapistId: string,
  id: string,
  patch: Partial<AssignmentFields> & { status?: "active" | "paused" | "ended" },
): Promise<AssignmentDto> {
  const current = await findAssignmentForTherapist(db, therapistId, id);
  if (!current) throw new AppError("NOT_FOUND", "We could not find that assignment.");
  if (current.status === "ended" && patch.status !== undefined && patch.status !== "ended") {
    throw new AppError(
      "CONFLICT",
      "This assignment has ended. Assign the exercise again to restart it.",
    );
  }
  checkDates(
    patch.startDate ?? current.startDate,
    patch.endDate !== undefined ? patch.endDate : current.endDate,
  );
  await updateAssignment(db, therapistId, id, {
    ...(patch.note !== undefined
      ? { noteCiphertext: patch.note ? cipher.encrypt(patch.note, id) : null }
      : {}),
    ...(patch.schedule ? { schedule: patch.schedule } : {}),
    ...(patch.startDate ? { startDate: patch.startDate } : {}),
    ...(patch.endDate !== undefined ? { endDate: patch.endDate } : {}),
    ...(patch.remindersEnabled !== undefined ? { remindersEnabled: patch.remindersEnabled } : {}),
    ...(patch.status ? { status: patch.status } : {}),
  });
  // A new schedule, dates, status or reminder switch moves the next reminder at once.
  await refreshAssignmentReminder(db, id);
  return readAssignment(cipher, (await findAssignmentForTherapist(db, therapistId, id))!);
}
