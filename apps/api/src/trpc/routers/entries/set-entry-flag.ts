import { AppError } from "@tend/core";
import { setEntryFlag as save } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";
import { entryIdInput } from "./dto.ts";

/** "Bring this to our next session." */
export const setEntryFlag = clientProcedure
  .input(entryIdInput.extend({ flagged: z.boolean() }).strict())
  .output(z.object({ flagged: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    if (!(await save(ctx.db, ctx.client.id, input.id, input.flagged)))
      throw new AppError("NOT_FOUND", "We could not find that entry.");
    return { flagged: input.flagged };
  });
