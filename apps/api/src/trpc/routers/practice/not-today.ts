import { AppError } from "@tend/core";
import { refreshAssignmentReminder, skipOccurrence } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";

/** "Not today": let one planned practice go, and skip its reminder. No reason needed. */
export const notToday = clientProcedure
  .input(z.object({ assignmentId: z.string().uuid(), occurrenceAt: z.coerce.date() }).strict())
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (!(await skipOccurrence(ctx.db, ctx.client.id, input.assignmentId, input.occurrenceAt))) {
      throw new AppError("NOT_FOUND", "We could not find that practice.");
    }
    await refreshAssignmentReminder(ctx.db, input.assignmentId);
    return { ok: true as const };
  });
