import { listBuiltInExercises, listExercisesForTherapist } from "@tend/db";
import { z } from "zod";
import { authedProcedure } from "../../init.ts";
import { exerciseDto, toExerciseDto } from "./dto.ts";

/** The library: built-in exercises, plus (for a therapist) the ones they made themselves. */
export const listLibrary = authedProcedure.output(z.array(exerciseDto)).query(async ({ ctx }) => {
  if (ctx.viewer.role === "therapist")
    return (await listExercisesForTherapist(ctx.db, ctx.viewer.userId)).map(toExerciseDto);
  const rows = await listBuiltInExercises(ctx.db);
  return rows.map(({ id, slug, version, builtIn, definition }) => ({
    id,
    slug,
    version,
    builtIn,
    definition,
  }));
});
