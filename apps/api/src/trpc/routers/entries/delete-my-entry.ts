import { AppError } from "@tend/core";
import { deleteEntryOfClient } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";
import { entryIdInput } from "./dto.ts";

/** Delete an entry for good. */
export const deleteMyEntry = clientProcedure
  .input(entryIdInput.strict())
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (!(await deleteEntryOfClient(ctx.db, ctx.client.id, input.id)))
      throw new AppError("NOT_FOUND", "We could not find that entry.");
    return { ok: true as const };
  });
