import { isValidTimeZone } from "@tend/core";
import { updateClientSettings as save } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";

export const updateClientSettings = clientProcedure
  .input(
    z
      .object({
        timeZone: z
          .string()
          .refine(isValidTimeZone, "Please choose a time zone from the list.")
          .optional(),
        sharePracticeLog: z.boolean().optional(),
      })
      .strict(),
  )
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await save(ctx.db, ctx.client.id, input);
    return { ok: true as const };
  });
