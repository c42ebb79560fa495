import { localTimeSchema, timeZoneSchema } from "@tend/core";
import type { Db } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";

const digestDto = z.object({
  digestEmails: z.boolean(),
  digestDay: z.number().int().min(1).max(7),
  digestTime: z.string(),
  timeZone: z.string(),
});

async function read(db: Db, therapistId: string) {
  await ensure(db, therapistId);
  return db
    .selectFrom("therapist_settings")
    .select([
      "digest_emails as digestEmails",
      "digest_day as digestDay",
      "digest_time as digestTime",
      "time_zone as timeZone",
    ])
    .where("user_id", "=", therapistId)
    .executeTakeFirstOrThrow();
}

async function ensure(db: Db, therapistId: string) {
  await db
    .insertInto("therapist_settings")
    .values({ user_id: therapistId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The therapist's weekly digest: whether it comes, and on which local day and time. */
export const getDigestSettings = therapistProcedure
  .output(digestDto)
  .query(({ ctx }) => read(ctx.db, ctx.therapist.id));

export const updateDigestSettings = therapistProcedure
  .input(
    z
      .object({
        digestEmails: z.boolean().optional(),
        digestDay: z.number().int().min(1).max(7).optional(),
        digestTime: localTimeSchema.optional(),
        timeZone: timeZoneSchema.optional(),
      })
      .strict(),
  )
  .output(digestDto)
  .mutation(async ({ ctx, input }) => {
    await ensure(ctx.db, ctx.therapist.id);
    await ctx.db
      .updateTable("therapist_settings")
      .set({
        ...(input.digestEmails !== undefined ? { digest_emails: input.digestEmails } : {}),
        ...(input.digestDay !== undefined ? { digest_day: input.digestDay } : {}),
        ...(input.digestTime !== undefined ? { digest_time: input.digestTime } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        // The worker plans the next digest from the new settings.
        next_digest_at: null,
      })
      .where("user_id", "=", ctx.therapist.id)
      .execute();
    return read(ctx.db, ctx.therapist.id);
  });
