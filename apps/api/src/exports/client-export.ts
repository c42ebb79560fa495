import { joinAnswers } from "@tend/core";
import {
  type Db,
  type ExportEntry,
  type FieldCipher,
  findClientAccountForExport,
  findClientSettings,
  listAccessToClient,
  listAllEntriesOfClient,
  listAllSkipsOfClient,
  listAssignmentsOfClient,
} from "@tend/db";
import { readAssignment } from "../practice/assignments.ts";
import { answerRows } from "./answer-rows.ts";
import { toCsv } from "./csv.ts";

type Deps = { db: Db; cipher: FieldCipher };

function readEntry(cipher: FieldCipher, e: ExportEntry) {
  const words = e.wordsCiphertext
    ? cipher.decryptJson<Record<string, unknown>>(e.wordsCiphertext, e.id)
    : {};
  return {
    id: e.id,
    assignmentId: e.assignmentId,
    exercise: { id: e.exerciseId, title: e.definition.title, slug: e.slug, version: e.version },
    status: e.status,
    startedAt: e.startedAt,
    updatedAt: e.updatedAt,
    completedAt: e.completedAt,
    shared: e.sharedAt !== null,
    sharedAt: e.sharedAt,
    flaggedForSession: e.flaggedForSession,
    answers: joinAnswers(words, e.measures) as Record<string, unknown>,
    definition: e.definition,
  };
}

/**
 * Everything Tend holds about a client, in their own words (decrypted): account, settings,
 * assignments with their therapist's notes, every entry (drafts too), their "not today"
 * choices, the note for the week, and who looked at their data.
 */
export async function buildClientExport({ db, cipher }: Deps, clientId: string, now: Date) {
  const account = await findClientAccountForExport(db, clientId);
  if (!account) return undefined;
  const [settings, assignments, entries, skips, accessLog] = await Promise.all([
    findClientSettings(db, clientId),
    listAssignmentsOfClient(db, clientId),
    listAllEntriesOfClient(db, clientId),
    listAllSkipsOfClient(db, clientId),
    listAccessToClient(db, clientId, 100_000),
  ]);
  return {
    format: "tend-export",
    version: 1,
    exportedAt: now,
    account: {
      id: account.id,
      name: account.name,
      email: account.email,
      createdAt: account.createdAt,
      joinedTherapistAt: account.joinedAt,
      therapistName: account.therapistName,
      twoFactorEnabled: Boolean(account.twoFactorEnabled),
      calendarFeedActive: account.calendarTokenHash !== null,
      deletionRequestedAt: account.deletionRequestedAt,
    },
    settings: settings ?? null,
    weekNote: account.weekNoteCiphertext
      ? {
          text: cipher.decrypt(account.weekNoteCiphertext, `week-note:${clientId}`),
          updatedAt: account.weekNoteUpdatedAt,
        }
      : null,
    assignments: assignments.map((a) => {
      const dto = readAssignment(cipher, a);
      return {
        id: dto.id,
        exercise: { id: dto.exerciseId, title: dto.exerciseTitle, minutes: dto.exerciseMinutes },
        note: dto.note,
        schedule: dto.schedule,
        startDate: dto.startDate,
        endDate: dto.endDate,
        remindersEnabled: dto.remindersEnabled,
        status: dto.status,
        createdAt: dto.createdAt,
        updatedAt: dto.updatedAt,
      };
    }),
    entries: entries.map((e) => readEntry(cipher, e)),
    notToday: skips,
    accessLog,
  };
}

export type ClientExport = NonNullable<Awaited<ReturnType<typeof buildClientExport>>>;

export const CSV_HEADER = [
  "entry_id",
  "completed_at",
  "exercise",
  "step_id",
  "step_label",
  "field",
  "value",
];

/** One row per answered field of every entry (drafts have no completed_at). */
export function clientExportCsv(data: ClientExport): string {
  const rows: string[][] = [];
  for (const e of data.entries) {
    for (const r of answerRows(e.definition, e.answers)) {
      rows.push([
        e.id,
        e.completedAt ? e.completedAt.toISOString() : "",
        e.exercise.title,
        r.stepId,
        r.stepLabel,
        r.field,
        r.value,
      ]);
    }
  }
  return toCsv(CSV_HEADER, rows);
}
