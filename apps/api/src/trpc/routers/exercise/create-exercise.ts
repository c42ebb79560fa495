import { exerciseDefinitionSchema } from "@tend/core";
import { createOwnExercise } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";
import { exerciseDto, toExerciseDto } from "./dto.ts";

/** A therapist's own exercise (blank, or started from a copy of a built-in one). Visible only to them. */
export const createExercise = therapistProcedure
  .input(z.object({ definition: exerciseDefinitionSchema }).strict())
  .output(exerciseDto)
  .mutation(async ({ ctx, input }) =>
    toExerciseDto(await createOwnExercise(ctx.db, ctx.therapist.id, input.definition)),
  );
