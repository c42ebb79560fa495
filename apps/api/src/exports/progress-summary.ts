import { type ScaleSummary, type Schedule, summarizeScales } from "@tend/core";
import {
  type ClientSummary,
  type Db,
  type FieldCipher,
  getWeekNote,
  listAssignmentsOfClient,
  listCompletionTimesForTherapist,
  listProgressEntries,
} from "@tend/db";
import { readAssignment } from "../practice/assignments.ts";
import { buildProgress } from "../review/progress-bundle.ts";
import { type ReadableAnswer, readableAnswers } from "./answer-rows.ts";
import type { Period } from "./period.ts";

type Deps = { db: Db; cipher: FieldCipher };

export type SummaryEntry = {
  id: string;
  exerciseTitle: string;
  completedAt: Date;
  answers: ReadableAnswer[];
};

/** What a printable progress summary shows. Built only from what its reader may see. */
export type ProgressSummary = {
  audience: "client" | "therapist";
  clientName: string;
  timeZone: string;
  period: { start: string; end: string };
  generatedAt: Date;
  practiceByWeek: Array<{ weekStart: string; count: number }>;
  totalPractices: number;
  scales: ScaleSummary[];
  soothing: {
    points: Array<{
      entryId: string;
      localDate: string;
      before: number | null;
      after: number | null;
    }>;
    meanBefore: number | null;
    meanAfter: number | null;
  };
  flagged: SummaryEntry[];
  reflections: SummaryEntry[];
  /** Therapist's copy only: what is assigned now, and the note for the week. */
  assignments?: Array<{ id: string; title: string; plan: string; status: string }>;
  weekNote?: string;
};

const round1 = (n: number) => Math.round(n * 10) / 10;
function mean(values: Array<number | null>): number | null {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
}

const DAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];
/** "Mondays and Thursdays at 08:00", "twice a week, whenever suits". */
export function describePlan(schedule: Schedule): string {
  if (schedule.kind === "flexible") {
    const n = schedule.timesPerWeek;
    const times = n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
    return `${times} a week, whenever suits`;
  }
  const names = schedule.days.map((d) => (d === 7 ? "Sundays" : DAY_NAMES[d - 1]!));
  const days =
    names.length === 7
      ? "every day"
      : names.length === 1
        ? names[0]!
        : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${days} at ${schedule.times.join(" and ")}`;
}

function fromProgress(
  progress: ReturnType<typeof buildProgress>,
  entries: Parameters<typeof summarizeScales>[0],
) {
  const toSummary = (e: (typeof progress.flagged)[number]): SummaryEntry => ({
    id: e.id,
    exerciseTitle: e.exerciseTitle,
    completedAt: e.completedAt,
    answers: readableAnswers(e.definition, e.answers as Record<string, unknown>),
  });
  return {
    practiceByWeek: progress.practiceByWeek,
    totalPractices: progress.totalPractices,
    scales: summarizeScales(entries),
    soothing: {
      points: progress.soothingTouch.map((p) => ({
        entryId: p.entryId,
        localDate: p.localDate,
        before: p.before,
        after: p.after,
      })),
      meanBefore: mean(progress.soothingTouch.map((p) => p.before)),
      meanAfter: mean(progress.soothingTouch.map((p) => p.after)),
    },
    flagged: progress.flagged.map(toSummary),
    reflections: progress.reflections.map(toSummary),
  };
}

/** The client's own summary: every entry of theirs in the period, private ones included. */
export async function clientProgressSummary(
  { db, cipher }: Deps,
  client: { id: string; name: string; timeZone: string },
  period: Period,
  now: Date,
): Promise<ProgressSummary> {
  const entries = await listProgressEntries(db, client.id, {
    from: period.from,
    to: period.to,
    sharedOnly: false,
  });
  const progress = buildProgress(cipher, {
    entries,
    completions: entries,
    timeZone: client.timeZone,
    from: period.from,
    to: period.to,
  });
  return {
    audience: "client",
    clientName: client.name,
    timeZone: client.timeZone,
    period: { start: period.start, end: period.end },
    generatedAt: now,
    ...fromProgress(progress, entries),
  };
}

/**
 * The therapist's copy: shared entries only (words and ratings of private ones never leave the
 * database), practice times as far as the client allows, the current assignments and the note
 * for the week. Never the therapist's session notes, never another client.
 */
export async function therapistProgressSummary(
  { db, cipher }: Deps,
  therapistId: string,
  client: ClientSummary,
  period: Period,
  now: Date,
): Promise<ProgressSummary> {
  const [entries, completions, assignments, weekNote] = await Promise.all([
    listProgressEntries(db, client.id, { from: period.from, to: period.to, sharedOnly: true }),
    listCompletionTimesForTherapist(db, therapistId, client.id, period.from, period.to),
    listAssignmentsOfClient(db, client.id, { therapistId, statuses: ["active", "paused"] }),
    getWeekNote(db, client.id),
  ]);
  const progress = buildProgress(cipher, {
    entries,
    completions,
    timeZone: client.timeZone,
    from: period.from,
    to: period.to,
  });
  return {
    audience: "therapist",
    clientName: client.name,
    timeZone: client.timeZone,
    period: { start: period.start, end: period.end },
    generatedAt: now,
    ...fromProgress(progress, entries),
    assignments: assignments.map((a) => {
      const dto = readAssignment(cipher, a);
      return {
        id: dto.id,
        title: dto.exerciseTitle,
        plan: describePlan(dto.schedule),
        status: dto.status === "paused" ? "paused for now" : "active",
      };
    }),
    weekNote: weekNote?.ciphertext
      ? cipher.decrypt(weekNote.ciphertext, `week-note:${client.id}`)
      : "",
  };
}
