import { listProgressEntries } from "@tend/db";
import { z } from "zod";
import { buildProgress } from "../../../review/progress-bundle.ts";
import { clientProcedure } from "../../init.ts";
import { progressDto } from "./dto.ts";

const DAY = 24 * 3600_000;

/** The client's own progress: all of their entries, in their own time zone. */
export const getMyProgress = clientProcedure
  .input(
    z
      .object({ weeks: z.number().int().min(1).max(104).default(8) })
      .strict()
      .optional(),
  )
  .output(progressDto)
  .query(async ({ ctx, input }) => {
    const to = new Date();
    const from = new Date(to.getTime() - (input?.weeks ?? 8) * 7 * DAY);
    const entries = await listProgressEntries(ctx.db, ctx.client.id, {
      from,
      to,
      sharedOnly: false,
    });
    return buildProgress(ctx.cipher, {
      entries,
      completions: entries,
      timeZone: ctx.client.timeZone,
      from,
      to,
    });
  });
