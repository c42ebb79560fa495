import { z } from "zod";
import { createAssignment as create } from "../../../practice/assignments.ts";
import { therapistProcedure } from "../../init.ts";
import { assignmentDto, assignmentFieldsInput } from "./dto.ts";

/** Assign an exercise (built-in or the therapist's own) to one of the therapist's clients. */
export const createAssignment = therapistProcedure
  .input(
    z
      .object({
        clientId: z.string().min(1).max(64),
        exerciseId: z.string().uuid("Please choose an exercise."),
        ...assignmentFieldsInput,
        note: assignmentFieldsInput.note.default(""),
        endDate: assignmentFieldsInput.endDate.default(null),
        remindersEnabled: assignmentFieldsInput.remindersEnabled.default(true),
      })
      .strict(),
  )
  .output(assignmentDto)
  .mutation(({ ctx, input }) => create(ctx, ctx.therapist.id, input));
