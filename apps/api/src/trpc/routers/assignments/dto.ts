import { localDateSchema, scheduleSchema } from "@tend/core";
import { z } from "zod";

export const assignmentDto = z.object({
  id: z.string().uuid(),
  clientId: z.string(),
  exerciseId: z.string().uuid(),
  exerciseTitle: z.string(),
  exerciseMinutes: z.number(),
  note: z.string(),
  schedule: scheduleSchema,
  startDate: z.string(),
  endDate: z.string().nullable(),
  remindersEnabled: z.boolean(),
  status: z.enum(["active", "paused", "ended"]),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const assignmentFieldsInput = {
  note: z.string().trim().max(1000, "Please keep the note under 1,000 characters."),
  schedule: scheduleSchema,
  startDate: localDateSchema,
  endDate: localDateSchema.nullable(),
  remindersEnabled: z.boolean(),
};
