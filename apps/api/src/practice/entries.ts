import { randomUUID } from "node:crypto";
import {
  type Answers,
  AppError,
  type ExerciseDefinition,
  joinAnswers,
  splitAnswers,
  validateResponse,
} from "@tend/core";
import {
  type Db,
  type EntryView,
  type FieldCipher,
  findAssignmentForClient,
  findCurrentExerciseVersion,
  findDraftForAssignment,
  findDraftForExercise,
  findEntryOfClient,
  insertDraftEntry,
  saveEntryAnswers,
} from "@tend/db";

type Ctx = { db: Db; cipher: FieldCipher };

/** An entry as its author sees it: every word, decrypted. */
export function readOwnEntry(cipher: FieldCipher, e: EntryView) {
  const words = e.wordsCiphertext
    ? cipher.decryptJson<Record<string, unknown>>(e.wordsCiphertext, e.id)
    : {};
  return {
    id: e.id,
    assignmentId: e.assignmentId,
    exerciseId: e.exerciseId,
    version: e.version,
    definition: e.definition,
    status: e.status,
    answers: joinAnswers(words, e.measures),
    shared: e.sharedAt !== null,
    flaggedForSession: e.flaggedForSession,
    startedAt: e.startedAt,
    updatedAt: e.updatedAt,
    completedAt: e.completedAt,
  };
}
export type OwnEntry = ReturnType<typeof readOwnEntry>;

/**
 * Begin (or resume) practising. With an assignment, an unfinished draft for it is resumed;
 * otherwise a new draft answers the exercise's current version. Built-in exercises can be
 * practised any time too.
 */
export async function startPractice(
  { db, cipher }: Ctx,
  client: { id: string; therapistId: string },
  input: { assignmentId?: string | undefined; exerciseId?: string | undefined },
): Promise<OwnEntry> {
  let exerciseId = input.exerciseId;
  if (input.assignmentId) {
    const assignment = await findAssignmentForClient(db, client.id, input.assignmentId);
    if (!assignment) throw new AppError("NOT_FOUND", "We could not find that practice.");
    if (assignment.status === "ended")
      throw new AppError("CONFLICT", "This practice has been finished by your therapist.");
    const draft = await findDraftForAssignment(db, client.id, assignment.id);
    if (draft) return readOwnEntry(cipher, draft);
    exerciseId = assignment.exerciseId;
  }
  if (!exerciseId) throw new AppError("BAD_INPUT", "Please choose an exercise to practise.");
  if (!input.assignmentId) {
    // "Any time" practice: pick up where the client left off rather than piling up drafts.
    const draft = await findDraftForExercise(db, client.id, exerciseId);
    if (draft) return readOwnEntry(cipher, draft);
  }
  const exercise = await findCurrentExerciseVersion(db, exerciseId);
  // Without an assignment, only the built-in library (or the therapist's own exercises) may be practised.
  if (
    !exercise ||
    (!input.assignmentId &&
      exercise.ownerUserId !== null &&
      exercise.ownerUserId !== client.therapistId)
  ) {
    throw new AppError("NOT_FOUND", "We could not find that exercise.");
  }
  const id = randomUUID();
  try {
    await insertDraftEntry(db, {
      id,
      clientId: client.id,
      assignmentId: input.assignmentId ?? null,
      exerciseVersionId: exercise.versionId,
    });
  } catch (err) {
    // Two tabs started the same assignment at once: resume the one that won.
    if (input.assignmentId && (err as { code?: string }).code === "23505") {
      const draft = await findDraftForAssignment(db, client.id, input.assignmentId);
      if (draft) return readOwnEntry(cipher, draft);
    }
    throw err;
  }
  return readOwnEntry(cipher, (await findEntryOfClient(db, client.id, id))!);
}

function checked(definition: ExerciseDefinition, answers: unknown, partial: boolean): Answers {
  const result = validateResponse(definition, answers, { partial });
  if (!result.ok) {
    const first = result.issues[0]!;
    // The client reads this: a whole sentence (core's per-step messages are lower-case fragments).
    const text = first.message.charAt(0).toUpperCase() + first.message.slice(1);
    const where = first.stepId ? ` (step "${first.stepId}")` : "";
    throw new AppError("BAD_INPUT", `${text}${where}${/[.!?]$/.test(text) ? "" : "."}`);
  }
  return result.answers;
}

/** Save answers so far (a draft), or finish the entry. Answers are checked against the entry's own version. */
export async function saveAnswers(
  { db, cipher }: Ctx,
  clientId: string,
  input: { entryId: string; answers: unknown },
  { complete }: { complete: boolean },
): Promise<OwnEntry> {
  const entry = await findEntryOfClient(db, clientId, input.entryId);
  if (!entry) throw new AppError("NOT_FOUND", "We could not find that entry.");
  if (entry.status !== "draft") throw new AppError("CONFLICT", "This entry is already finished.");
  const answers = checked(entry.definition, input.answers, !complete);
  const { words, measures } = splitAnswers(entry.definition, answers);
  const saved = await saveEntryAnswers(db, clientId, entry.id, {
    wordsCiphertext: cipher.encryptJson(words, entry.id),
    measures,
    complete,
  });
  if (!saved) throw new AppError("CONFLICT", "This entry is already finished.");
  return readOwnEntry(cipher, (await findEntryOfClient(db, clientId, entry.id))!);
}
