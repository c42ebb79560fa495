import { AppError } from "@tend/core";
import { archiveOwnExercise } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";
import { exerciseIdInput } from "./dto.ts";

/** Remove the therapist's own exercise from their library. Past entries keep their version. */
export const archiveExercise = therapistProcedure
  .input(exerciseIdInput.strict())
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (!(await archiveOwnExercise(ctx.db, ctx.therapist.id, input.id))) {
      throw new AppError("NOT_FOUND", "We could not find one of your exercises with that id.");
    }
    return { ok: true as const };
  });
