import { localTimeSchema, timeZoneSchema } from "@tend/core";
import { findClientSettings, refreshClientReminders, updateClientSettings as save } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";
import { clientSettingsDto } from "./dto.ts";

/** The client's own settings: time zone, privacy, and when (and whether) emails come. */
export const updateClientSettings = clientProcedure
  .input(
    z
      .object({
        timeZone: timeZoneSchema.optional(),
        sharePracticeLog: z.boolean().optional(),
        quietStart: localTimeSchema.optional(),
        quietEnd: localTimeSchema.optional(),
        /** Pause reminders until this instant; null resumes them. */
        remindersPausedUntil: z.coerce.date().nullable().optional(),
        reminderEmails: z.boolean().optional(),
        summaryEmails: z.boolean().optional(),
        summaryDay: z.number().int().min(1).max(7).optional(),
        summaryTime: localTimeSchema.optional(),
        quoteWordsInSummary: z.boolean().optional(),
      })
      .strict(),
  )
  .output(clientSettingsDto)
  .mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute(async (trx) => {
      await save(trx, ctx.client.id, input);
      // A new zone, quiet hours, pause or email choice moves every reminder at once.
      await refreshClientReminders(trx, ctx.client.id);
      if (
        input.summaryDay !== undefined ||
        input.summaryTime !== undefined ||
        input.timeZone !== undefined ||
        input.summaryEmails !== undefined
      ) {
        await trx
          .updateTable("client_profile")
          .set({ next_summary_at: null })
          .where("user_id", "=", ctx.client.id)
          .execute();
      }
    });
    return (await findClientSettings(ctx.db, ctx.client.id))!;
  });
