import { z } from "zod";

/**
 * The exercise model: an exercise is a list of typed steps. A client's answers
 * are validated against the exact version of the exercise they answer.
 */

const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes");
const label = z.string().trim().min(1).max(300);
const body = z.string().trim().min(1).max(2000);

/** A 0–10 scale whose two ends are named, e.g. stuck (0) ↔ motivated (10). */
export const bipolarScaleSchema = z.object({
  id,
  left: z.string().trim().min(1).max(40),
  right: z.string().trim().min(1).max(40),
});
export type BipolarScale = z.infer<typeof bipolarScaleSchema>;

export const RATING_MIN = 0;
export const RATING_MAX = 10;

const optionSchema = z.object({ id, label });

export const promptStepSchema = z.object({
  kind: z.literal("prompt"),
  id,
  title: label.optional(),
  body,
});
export const textStepSchema = z.object({
  kind: z.literal("text"),
  id,
  label,
  hint: body.optional(),
  /** short = one line, long = a paragraph or more */
  size: z.enum(["short", "long"]),
  optional: z.boolean().default(false),
});
export const bipolarStepSchema = z.object({
  kind: z.literal("bipolar"),
  id,
  label,
  scale: bipolarScaleSchema,
  optional: z.boolean().default(false),
});
export const intensityStepSchema = z.object({
  kind: z.literal("intensity"),
  id,
  label,
  lowLabel: z.string().trim().min(1).max(40).default("not at all"),
  highLabel: z.string().trim().min(1).max(40).default("as strong as it gets"),
  optional: z.boolean().default(false),
});
export const choiceStepSchema = z.object({
  kind: z.literal("choice"),
  id,
  label,
  multiple: z.boolean(),
  options: z.array(optionSchema).min(2).max(20),
  optional: z.boolean().default(false),
});
export const checklistStepSchema = z.object({
  kind: z.literal("checklist"),
  id,
  label,
  items: z.array(optionSchema).min(1).max(30),
  optional: z.boolean().default(true),
});
export const timerStepSchema = z.object({
  kind: z.literal("timer"),
  id,
  label,
  body: body.optional(),
  seconds: z
    .number()
    .int()
    .min(10)
    .max(60 * 60),
  optional: z.boolean().default(true),
});
/** The harsh words and a kinder version of them, each rated on the same scales. */
export const reframeStepSchema = z.object({
  kind: z.literal("reframe"),
  id,
  harshLabel: label,
  kinderLabel: label,
  hint: body.optional(),
  scales: z.array(bipolarScaleSchema).min(1).max(6),
  optional: z.boolean().default(false),
});

export const stepSchema = z.discriminatedUnion("kind", [
  promptStepSchema,
  textStepSchema,
  bipolarStepSchema,
  intensityStepSchema,
  choiceStepSchema,
  checklistStepSchema,
  timerStepSchema,
  reframeStepSchema,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step["kind"];
export const STEP_KINDS = stepSchema.options.map((o) => o.shape.kind.value) as StepKind[];

export const exerciseDefinitionSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    /** One line for the therapist: what this exercise is for. */
    purpose: z.string().trim().min(1).max(300),
    /** Estimated minutes a client needs. */
    minutes: z.number().int().min(1).max(120),
    steps: z.array(stepSchema).min(1).max(40),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.steps.forEach((step, i) => {
      if (seen.has(step.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "id"],
          message: `step id "${step.id}" is used twice`,
        });
      }
      seen.add(step.id);
      const innerIds =
        step.kind === "choice"
          ? step.options.map((o) => o.id)
          : step.kind === "checklist"
            ? step.items.map((o) => o.id)
            : step.kind === "reframe"
              ? step.scales.map((s) => s.id)
              : [];
      if (new Set(innerIds).size !== innerIds.length) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i],
          message: "options and scales need distinct ids",
        });
      }
    });
    if (!def.steps.some((s) => s.kind !== "prompt")) {
      ctx.addIssue({
        code: "custom",
        path: ["steps"],
        message: "an exercise needs at least one step to answer",
      });
    }
  });
export type ExerciseDefinition = z.infer<typeof exerciseDefinitionSchema>;
export type ExerciseDefinitionInput = z.input<typeof exerciseDefinitionSchema>;

/** A built-in exercise: a definition with a stable slug. */
export type CatalogExercise = { slug: string; definition: ExerciseDefinition };
