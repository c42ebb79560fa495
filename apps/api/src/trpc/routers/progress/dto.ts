import { exerciseDefinitionSchema } from "@tend/core";
import { z } from "zod";

const readable = z.object({
  id: z.string().uuid(),
  exerciseTitle: z.string(),
  slug: z.string().nullable(),
  completedAt: z.date(),
  definition: exerciseDefinitionSchema,
  answers: z.record(z.string(), z.unknown()),
  flaggedForSession: z.boolean(),
  shared: z.boolean(),
});

export const progressDto = z.object({
  timeZone: z.string(),
  from: z.date(),
  to: z.date(),
  practiceByWeek: z.array(z.object({ weekStart: z.string(), count: z.number().int() })),
  totalPractices: z.number().int(),
  byExercise: z.array(z.object({ title: z.string(), count: z.number().int() })),
  reframe: z.array(
    z.object({
      scaleId: z.string(),
      left: z.string(),
      right: z.string(),
      points: z.array(
        z.object({
          entryId: z.string(),
          completedAt: z.date(),
          localDate: z.string(),
          harsh: z.number(),
          kinder: z.number(),
        }),
      ),
      weeklyGap: z.array(
        z.object({ weekStart: z.string(), meanGap: z.number(), count: z.number().int() }),
      ),
    }),
  ),
  soothingTouch: z.array(
    z.object({
      entryId: z.string(),
      completedAt: z.date(),
      localDate: z.string(),
      before: z.number().nullable(),
      after: z.number().nullable(),
    }),
  ),
  flagged: z.array(readable),
  reflections: z.array(readable),
});
