import { z } from "zod";
import { type ExerciseDefinition, RATING_MAX, RATING_MIN, type Step } from "./model.ts";

/**
 * Answers are a map from step id to a value whose shape depends on the step kind.
 * `validateResponse` checks them against the exact exercise version they answer.
 */

export const MAX_TEXT_ANSWER = 10_000;

const rating = z.number().int().min(RATING_MIN).max(RATING_MAX);
const text = z.string().max(MAX_TEXT_ANSWER);

export const answerValueSchema = z.union([
  text,
  rating,
  z.array(z.string().max(40)).max(30),
  z.strictObject({
    elapsedSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600),
  }),
  z.strictObject({
    harsh: text,
    kinder: text,
    harshRatings: z.record(z.string().max(40), rating),
    kinderRatings: z.record(z.string().max(40), rating),
  }),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const answersSchema = z.record(z.string().max(40), answerValueSchema);
export type Answers = z.infer<typeof answersSchema>;

export type ReframeAnswer = {
  harsh: string;
  kinder: string;
  harshRatings: Record<string, number>;
  kinderRatings: Record<string, number>;
};

function schemaForStep(step: Step, partial: boolean): z.ZodType | null {
  switch (step.kind) {
    case "prompt":
      return null;
    case "text":
      return partial || step.optional
        ? text
        : text.trim().min(1, "please write something here, even a few words");
    case "bipolar":
    case "intensity":
      return rating;
    case "choice": {
      const ids = step.options.map((o) => o.id) as [string, ...string[]];
      // A finished entry needs at least one option picked on a required choice.
      const arr = z.array(z.enum(ids)).min(partial || step.optional ? 0 : 1, "please pick one");
      return step.multiple
        ? arr.refine((a) => new Set(a).size === a.length, "each option once")
        : arr.max(1, "please pick just one");
    }
    case "checklist": {
      const ids = step.items.map((o) => o.id) as [string, ...string[]];
      return z.array(z.enum(ids)).refine((a) => new Set(a).size === a.length, "each item once");
    }
    case "timer":
      return z.strictObject({
        elapsedSeconds: z
          .number()
          .int()
          .min(0)
          .max(24 * 3600),
      });
    case "reframe": {
      const ratings = z
        .object(
          Object.fromEntries(step.scales.map((s) => [s.id, partial ? rating.optional() : rating])),
        )
        .strict();
      const words = partial
        ? text
        : text.trim().min(1, "please write something here, even a few words");
      return z
        .object({ harsh: words, kinder: words, harshRatings: ratings, kinderRatings: ratings })
        .strict();
    }
  }
}

/** Only the outer shape; each value is checked by its own step's schema, on the raw input. */
const rawAnswersSchema = z.record(z.string().max(40), z.unknown());

export type ResponseIssue = { stepId: string; message: string };
export type ValidationResult =
  | { ok: true; answers: Answers }
  | { ok: false; issues: ResponseIssue[] };

/**
 * Validate answers against one exercise version.
 * `partial` (a draft): any answered step must be well-formed, missing steps are fine.
 * Otherwise (a finished entry): every required step must be answered too.
 */
export function validateResponse(
  definition: ExerciseDefinition,
  input: unknown,
  { partial }: { partial: boolean },
): ValidationResult {
  const parsed = rawAnswersSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: [{ stepId: "", message: "answers are not in the expected shape" }],
    };
  const issues: ResponseIssue[] = [];
  const byId = new Map(definition.steps.map((s) => [s.id, s]));
  const answers: Answers = {};
  for (const [stepId, value] of Object.entries(parsed.data)) {
    const step = byId.get(stepId);
    const schema = step ? schemaForStep(step, partial) : null;
    if (!step || !schema) {
      issues.push({ stepId, message: "this exercise has no such question" });
      continue;
    }
    const r = schema.safeParse(value);
    if (!r.success)
      issues.push({ stepId, message: r.error.issues[0]?.message ?? "invalid answer" });
    else answers[stepId] = r.data as AnswerValue;
  }
  if (!partial) {
    for (const step of definition.steps) {
      if (step.kind === "prompt" || step.optional) continue;
      if (!Object.hasOwn(parsed.data, step.id))
        issues.push({ stepId: step.id, message: "this step still needs an answer" });
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, answers };
}

/** Free-text parts of an answer set (the words that are encrypted at rest). */
export function isTextStep(step: Step): boolean {
  return step.kind === "text" || step.kind === "reframe";
}
