import type { ExerciseDefinition } from "../exercise/model.ts";
import type { Answers } from "../exercise/response.ts";

/**
 * A client's answers, split in two:
 * - `words`: everything they wrote (text steps, the harsh and kinder versions) — encrypted at rest;
 * - `measures`: ratings, choices, ticks and timers — kept plain so progress can be computed.
 */
export type SplitAnswers = { words: Record<string, unknown>; measures: Record<string, unknown> };

export function splitAnswers(definition: ExerciseDefinition, answers: Answers): SplitAnswers {
  const kinds = new Map(definition.steps.map((s) => [s.id, s.kind]));
  const words: Record<string, unknown> = {};
  const measures: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(answers)) {
    const kind = kinds.get(id);
    if (kind === "text") words[id] = value;
    else if (kind === "reframe" && value && typeof value === "object" && "harsh" in value) {
      const { harsh, kinder, harshRatings, kinderRatings } = value;
      words[id] = { harsh, kinder };
      measures[id] = { harshRatings, kinderRatings };
    } else measures[id] = value;
  }
  return { words, measures };
}

export function joinAnswers(
  words: Record<string, unknown>,
  measures: Record<string, unknown>,
): Answers {
  const out: Record<string, unknown> = { ...measures };
  for (const [id, value] of Object.entries(words)) {
    const m = measures[id];
    out[id] =
      m && typeof m === "object" && value && typeof value === "object" ? { ...value, ...m } : value;
  }
  return out as Answers;
}
