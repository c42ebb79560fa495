import type { ExerciseDefinition, Step } from "@tend/core";
import { type PracticeScreen, reframeAnswerOf } from "@tend/ui";

export type Answers = Record<string, unknown>;

const WORDS = "A few words are enough here, and rough is fine. Write whatever comes.";

function filled(text: unknown): boolean {
  return typeof text === "string" && text.trim() !== "";
}

/** Whether the person has put anything into this screen yet. */
export function screenHasInput(screen: PracticeScreen, answers: Answers): boolean {
  const value = answers[screen.step.id];
  if (value === undefined || value === null) return false;
  switch (screen.step.kind) {
    case "prompt":
      return false;
    case "text":
      return filled(value);
    case "choice":
    case "checklist":
      return Array.isArray(value) && value.length > 0;
    case "timer":
      return Number((value as { elapsedSeconds?: number }).elapsedSeconds) > 0;
    case "reframe": {
      const r = reframeAnswerOf(value);
      if (screen.part === "harsh") return filled(r.harsh);
      if (screen.part === "kinder") return filled(r.kinder);
      return Object.keys(r.harshRatings).length + Object.keys(r.kinderRatings).length > 0;
    }
    default:
      return typeof value === "number";
  }
}

/**
 * What a required step still needs before moving on, said gently; null when it can go on.
 * Optional steps never hold anyone up.
 */
export function screenProblem(screen: PracticeScreen, answers: Answers): string | null {
  const { step } = screen;
  if (step.kind === "prompt" || step.optional) return null;
  const value = answers[step.id];
  switch (step.kind) {
    case "text":
      return filled(value) ? null : WORDS;
    case "bipolar":
    case "intensity":
      return typeof value === "number"
        ? null
        : "Pick whichever number feels closest. There is no right one.";
    case "choice":
      return Array.isArray(value) && value.length > 0
        ? null
        : "Choose whichever fits best, even roughly.";
    case "checklist":
    case "timer":
      return null;
    case "reframe": {
      const r = reframeAnswerOf(value);
      if (screen.part === "harsh") return filled(r.harsh) ? null : WORDS;
      if (screen.part === "kinder") return filled(r.kinder) ? null : WORDS;
      const missing = step.scales.some(
        (s) => r.harshRatings[s.id] === undefined || r.kinderRatings[s.id] === undefined,
      );
      return missing
        ? "Rate both versions on each line when you're ready. Any number is fine."
        : null;
    }
  }
}

/** Where to pick up a draft: the last screen with something in it, so they see their own words. */
export function resumeIndex(screens: readonly PracticeScreen[], answers: Answers): number {
  for (let i = screens.length - 1; i >= 0; i--) if (screenHasInput(screens[i]!, answers)) return i;
  return 0;
}

/** The first screen that still needs something before the practice can be finished, or -1. */
export function firstUnfinishedScreen(
  screens: readonly PracticeScreen[],
  answers: Answers,
): number {
  return screens.findIndex((s) => screenProblem(s, answers) !== null);
}

function cleanAnswer(step: Step, value: unknown): unknown {
  switch (step.kind) {
    case "prompt":
      return undefined;
    case "text":
      return typeof value === "string" && (value.trim() !== "" || !step.optional)
        ? value
        : undefined;
    case "bipolar":
    case "intensity":
      return typeof value === "number" ? value : undefined;
    case "choice":
    case "checklist":
      return Array.isArray(value) ? value : undefined;
    case "timer":
      return value && typeof value === "object" && "elapsedSeconds" in value
        ? { elapsedSeconds: Math.max(0, Math.round(Number(value.elapsedSeconds) || 0)) }
        : undefined;
    case "reframe":
      return value === undefined ? undefined : reframeAnswerOf(value);
  }
}

/** Answers in the shape the API checks: only this exercise's steps, every value well-formed. */
export function answersToSave(definition: ExerciseDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const step of definition.steps) {
    const value = cleanAnswer(step, answers[step.id]);
    if (value !== undefined) out[step.id] = value;
  }
  return out;
}

/** Whether this exercise asks someone to meet their own harsh words (where old pain can stir). */
export function touchesOldPain(definition: ExerciseDefinition): boolean {
  return definition.steps.some((s) => s.kind === "reframe");
}
