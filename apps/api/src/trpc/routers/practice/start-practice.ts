import { z } from "zod";
import { startPractice as start } from "../../../practice/entries.ts";
import { clientProcedure } from "../../init.ts";
import { ownEntryDto } from "../entries/dto.ts";

/** Begin or resume a practice: from an assignment, or any built-in exercise at any time. */
export const startPractice = clientProcedure
  .input(
    z
      .object({
        assignmentId: z.string().uuid().optional(),
        exerciseId: z.string().uuid().optional(),
      })
      .strict()
      .refine((v) => v.assignmentId || v.exerciseId, "Please choose a practice."),
  )
  .output(ownEntryDto)
  .mutation(({ ctx, input }) => start(ctx, ctx.client, input));
