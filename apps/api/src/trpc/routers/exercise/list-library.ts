import { exerciseDefinitionSchema } from "@tend/core";
import { listBuiltInExercises } from "@tend/db";
import { z } from "zod";
import { authedProcedure } from "../../init.ts";

export const libraryExerciseDto = z.object({
  id: z.string().uuid(),
  slug: z.string().nullable(),
  version: z.number().int(),
  builtIn: z.boolean(),
  definition: exerciseDefinitionSchema,
});

/** The built-in self-compassion library (current versions). */
export const listLibrary = authedProcedure
  .output(z.array(libraryExerciseDto))
  .query(async ({ ctx }) => {
    const rows = await listBuiltInExercises(ctx.db);
    return rows.map(({ id, slug, version, builtIn, definition }) => ({
      id,
      slug,
      version,
      builtIn,
      definition,
    }));
  });
