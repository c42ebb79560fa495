import type { ExerciseDefinition } from "../exercise/model.ts";

/** One practised entry, as far as progress needs it (no words). */
export type EntryFacts = {
  id: string;
  completedAt: Date;
  exerciseTitle: string;
  definition: ExerciseDefinition;
  measures: Record<string, unknown>;
};

export type ScaleRating = {
  scaleId: string;
  left: string;
  right: string;
  harsh: number;
  kinder: number;
};

/** The harsh and kinder ratings of every reframe step in an entry, per scale. */
export function reframeRatings(entry: EntryFacts): ScaleRating[] {
  const out: ScaleRating[] = [];
  for (const step of entry.definition.steps) {
    if (step.kind !== "reframe") continue;
    const m = entry.measures[step.id] as
      | { harshRatings?: Record<string, number>; kinderRatings?: Record<string, number> }
      | undefined;
    if (!m?.harshRatings || !m.kinderRatings) continue;
    for (const scale of step.scales) {
      const harsh = m.harshRatings[scale.id];
      const kinder = m.kinderRatings[scale.id];
      if (typeof harsh === "number" && typeof kinder === "number") {
        out.push({ scaleId: scale.id, left: scale.left, right: scale.right, harsh, kinder });
      }
    }
  }
  return out;
}

export type ScaleSummary = {
  scaleId: string;
  left: string;
  right: string;
  harshMean: number;
  kinderMean: number;
  count: number;
};

/** Mean harsh and kinder rating per scale over a set of entries (rounded to one decimal). */
export function summarizeScales(entries: EntryFacts[]): ScaleSummary[] {
  const by = new Map<
    string,
    { left: string; right: string; harsh: number; kinder: number; count: number }
  >();
  for (const e of entries) {
    for (const r of reframeRatings(e)) {
      const acc = by.get(r.scaleId) ?? {
        left: r.left,
        right: r.right,
        harsh: 0,
        kinder: 0,
        count: 0,
      };
      acc.harsh += r.harsh;
      acc.kinder += r.kinder;
      acc.count += 1;
      by.set(r.scaleId, acc);
    }
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return [...by].map(([scaleId, a]) => ({
    scaleId,
    left: a.left,
    right: a.right,
    harshMean: round(a.harsh / a.count),
    kinderMean: round(a.kinder / a.count),
    count: a.count,
  }));
}

/** How many times each exercise was practised, most first. */
export function practiceByExercise(entries: EntryFacts[]): Array<{ title: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.exerciseTitle, (counts.get(e.exerciseTitle) ?? 0) + 1);
  return [...counts]
    .map(([title, count]) => ({ title, count }))
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
}
