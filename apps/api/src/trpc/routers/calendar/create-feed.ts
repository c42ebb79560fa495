import { AppError } from "@tend/core";
import { setCalendarTokenHash } from "@tend/db";
import { z } from "zod";
import { calendarFeedUrl, newCalendarToken } from "../../../calendar/feed-token.ts";
import { clientProcedure } from "../../init.ts";

/**
 * A private link calendar apps can subscribe to. The link is shown this once (only a hash of
 * it is kept); making a new one switches the old one off.
 */
export const createCalendarFeed = clientProcedure
  .output(z.object({ url: z.string().url() }))
  .mutation(async ({ ctx }) => {
    const { token, hash } = newCalendarToken();
    if (!(await setCalendarTokenHash(ctx.db, ctx.client.id, hash)))
      throw new AppError("NOT_FOUND", "We could not find your account.");
    return { url: calendarFeedUrl(ctx.config.PUBLIC_URL, token) };
  });
