import { AppError, exerciseDefinitionSchema, joinAnswers } from "@tend/core";
import {
  findClientOfTherapist,
  findClientSettings,
  listPrivatePracticeLogForTherapist,
  listSharedEntriesForTherapist,
  recordAudit,
} from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";

/**
 * What the therapist may see of a client's practice: shared entries in full, and for
 * private ones only the date and exercise (when the client allows even that).
 */
export const listClientEntries = therapistProcedure
  .input(z.object({ clientId: z.string().min(1).max(64) }).strict())
  .output(
    z.object({
      shared: z.array(
        z.object({
          id: z.string().uuid(),
          assignmentId: z.string().uuid().nullable(),
          definition: exerciseDefinitionSchema,
          answers: z.record(z.string(), z.unknown()),
          flaggedForSession: z.boolean(),
          completedAt: z.date(),
          sharedAt: z.date(),
        }),
      ),
      privatePractice: z.array(z.object({ completedAt: z.date(), exerciseTitle: z.string() })),
      /** False when the client keeps even the dates of private practice to themselves. */
      practiceLogShared: z.boolean(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const therapistId = ctx.therapist.id;
    if (!(await findClientOfTherapist(ctx.db, therapistId, input.clientId)))
      throw new AppError("NOT_FOUND", "We could not find that client.");
    const [shared, privatePractice, settings] = await Promise.all([
      listSharedEntriesForTherapist(ctx.db, therapistId, input.clientId),
      listPrivatePracticeLogForTherapist(ctx.db, therapistId, input.clientId),
      findClientSettings(ctx.db, input.clientId),
    ]);
    await recordAudit(ctx.db, {
      action: "client_data_viewed",
      actorUserId: therapistId,
      subjectUserId: input.clientId,
      ip: ctx.ip,
      detail: { what: "shared entries" },
    });
    return {
      shared: shared.map((e) => ({
        id: e.id,
        assignmentId: e.assignmentId,
        definition: e.definition,
        answers: joinAnswers(
          e.wordsCiphertext ? ctx.cipher.decryptJson(e.wordsCiphertext, e.id) : {},
          e.measures,
        ),
        flaggedForSession: e.flaggedForSession,
        completedAt: e.completedAt!,
        sharedAt: e.sharedAt!,
      })),
      privatePractice,
      practiceLogShared: settings?.sharePracticeLog ?? false,
    };
  });
