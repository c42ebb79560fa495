import { exerciseDefinitionSchema } from "@tend/core";
import type { ExerciseVersionRef } from "@tend/db";
import { z } from "zod";

export const exerciseDto = z.object({
  id: z.string().uuid(),
  slug: z.string().nullable(),
  version: z.number().int(),
  builtIn: z.boolean(),
  definition: exerciseDefinitionSchema,
});

export function toExerciseDto(e: ExerciseVersionRef): z.infer<typeof exerciseDto> {
  return {
    id: e.exerciseId,
    slug: e.slug,
    version: e.version,
    builtIn: e.ownerUserId === null,
    definition: e.definition,
  };
}

export const exerciseIdInput = z.object({ id: z.string().uuid("That is not an exercise id.") });
