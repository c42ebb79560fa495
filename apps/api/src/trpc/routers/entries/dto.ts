import { exerciseDefinitionSchema } from "@tend/core";
import { z } from "zod";

/** An entry as its author sees it. */
export const ownEntryDto = z.object({
  id: z.string().uuid(),
  assignmentId: z.string().uuid().nullable(),
  exerciseId: z.string().uuid(),
  version: z.number().int(),
  definition: exerciseDefinitionSchema,
  status: z.enum(["draft", "complete"]),
  answers: z.record(z.string(), z.unknown()),
  shared: z.boolean(),
  flaggedForSession: z.boolean(),
  startedAt: z.date(),
  updatedAt: z.date(),
  completedAt: z.date().nullable(),
});

export const entryIdInput = z.object({ id: z.string().uuid("That is not an entry id.") });
