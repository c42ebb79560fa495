import { z } from "zod";
import { saveAnswers } from "../../../practice/entries.ts";
import { clientProcedure } from "../../init.ts";
import { ownEntryDto } from "../entries/dto.ts";

/** Finish the entry: every required step must be answered. It stays private until shared. */
export const completePractice = clientProcedure
  .input(
    z.object({ entryId: z.string().uuid(), answers: z.record(z.string(), z.unknown()) }).strict(),
  )
  .output(ownEntryDto)
  .mutation(({ ctx, input }) => saveAnswers(ctx, ctx.client.id, input, { complete: true }));
