import { AppError, exerciseDefinitionSchema } from "@tend/core";
import { updateOwnExercise } from "@tend/db";
import { therapistProcedure } from "../../init.ts";
import { exerciseDto, exerciseIdInput, toExerciseDto } from "./dto.ts";

/** Save a new version of the therapist's own exercise. Entries made with older versions are untouched. */
export const updateExercise = therapistProcedure
  .input(exerciseIdInput.extend({ definition: exerciseDefinitionSchema }).strict())
  .output(exerciseDto)
  .mutation(async ({ ctx, input }) => {
    const e = await updateOwnExercise(ctx.db, ctx.therapist.id, input.id, input.definition);
    if (!e)
      throw new AppError("NOT_FOUND", "We could not find one of your exercises with that id.");
    return toExerciseDto(e);
  });
