import { hasCalendarFeed } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";

/** Whether a private calendar link is switched on (the link itself cannot be shown again). */
export const getCalendarFeedStatus = clientProcedure
  .output(z.object({ active: z.boolean() }))
  .query(async ({ ctx }) => ({ active: await hasCalendarFeed(ctx.db, ctx.client.id) }));
