import { setCalendarTokenHash } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";

/** Switch the private calendar link off. Calendars subscribed to it stop updating. */
export const revokeCalendarFeed = clientProcedure
  .output(z.object({ active: z.literal(false) }))
  .mutation(async ({ ctx }) => {
    await setCalendarTokenHash(ctx.db, ctx.client.id, null);
    return { active: false as const };
  });
