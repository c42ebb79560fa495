import { z } from "zod";
import { editAssignment } from "../../../practice/assignments.ts";
import { therapistProcedure } from "../../init.ts";
import { assignmentDto, assignmentFieldsInput } from "./dto.ts";

/** Change the note, schedule, dates or reminders of an assignment. */
export const updateAssignment = therapistProcedure
  .input(
    z
      .object({
        id: z.string().uuid(),
        note: assignmentFieldsInput.note.optional(),
        schedule: assignmentFieldsInput.schedule.optional(),
        startDate: assignmentFieldsInput.startDate.optional(),
        endDate: assignmentFieldsInput.endDate.optional(),
        remindersEnabled: assignmentFieldsInput.remindersEnabled.optional(),
      })
      .strict(),
  )
  .output(assignmentDto)
  .mutation(({ ctx, input: { id, ...patch } }) => editAssignment(ctx, ctx.therapist.id, id, patch));
