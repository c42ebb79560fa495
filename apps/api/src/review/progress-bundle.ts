import {
  joinAnswers,
  practiceByExercise,
  practiceCountsByWeek,
  reframeSeries,
  soothingTouchSeries,
} from "@tend/core";
import type { FieldCipher, ProgressEntry } from "@tend/db";

/** Words and answers of an entry the viewer may read. */
export function readableEntry(cipher: FieldCipher, e: ProgressEntry) {
  const words = e.wordsCiphertext
    ? cipher.decryptJson<Record<string, unknown>>(e.wordsCiphertext, e.id)
    : {};
  return {
    id: e.id,
    exerciseTitle: e.exerciseTitle,
    slug: e.slug,
    completedAt: e.completedAt,
    definition: e.definition,
    answers: joinAnswers(words, e.measures),
    flaggedForSession: e.flagged,
    shared: e.shared,
  };
}

/**
 * The progress a viewer may see, computed only from what they may see: `entries` are already
 * filtered (all of them for the client; shared ones for the therapist) and `completions` are
 * the practice times the viewer may count.
 */
export function buildProgress(
  cipher: FieldCipher,
  {
    entries,
    completions,
    timeZone,
    from,
    to,
  }: {
    entries: ProgressEntry[];
    completions: Array<{ completedAt: Date }>;
    timeZone: string;
    from: Date;
    to: Date;
  },
) {
  return {
    timeZone,
    from,
    to,
    practiceByWeek: practiceCountsByWeek(completions, timeZone, from, to),
    totalPractices: completions.length,
    /** Per exercise, from the entries the viewer may read. */
    byExercise: practiceByExercise(entries),
    reframe: reframeSeries(entries, timeZone),
    soothingTouch: soothingTouchSeries(entries, timeZone),
    flagged: entries.filter((e) => e.flagged).map((e) => readableEntry(cipher, e)),
    reflections: entries
      .filter((e) => e.slug === "weekly-reflection")
      .map((e) => readableEntry(cipher, e)),
  };
}
