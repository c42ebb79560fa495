import { AppError } from "@tend/core";
import { setEntrySharing as save } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";
import { entryIdInput } from "./dto.ts";

/** Share a finished entry with the therapist, or take it back. */
export const setEntrySharing = clientProcedure
  .input(entryIdInput.extend({ shared: z.boolean() }).strict())
  .output(z.object({ shared: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    if (!(await save(ctx.db, ctx.client.id, input.id, input.shared))) {
      throw new AppError("NOT_FOUND", "We could not find a finished entry with that id.");
    }
    return { shared: input.shared };
  });
