import { z } from "zod";
import { saveAnswers } from "../../../practice/entries.ts";
import { clientProcedure } from "../../init.ts";
import { ownEntryDto } from "../entries/dto.ts";

/** Save as the client goes; they can leave and come back. */
export const saveDraft = clientProcedure
  .input(
    z.object({ entryId: z.string().uuid(), answers: z.record(z.string(), z.unknown()) }).strict(),
  )
  .output(ownEntryDto)
  .mutation(({ ctx, input }) => saveAnswers(ctx, ctx.client.id, input, { complete: false }));
