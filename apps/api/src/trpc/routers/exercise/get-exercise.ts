import { AppError } from "@tend/core";
import { findUsableExercise } from "@tend/db";
import { therapistProcedure } from "../../init.ts";
import { exerciseDto, exerciseIdInput, toExerciseDto } from "./dto.ts";

export const getExercise = therapistProcedure
  .input(exerciseIdInput.strict())
  .output(exerciseDto)
  .query(async ({ ctx, input }) => {
    const e = await findUsableExercise(ctx.db, ctx.therapist.id, input.id);
    if (!e) throw new AppError("NOT_FOUND", "We could not find that exercise.");
    return toExerciseDto(e);
  });
