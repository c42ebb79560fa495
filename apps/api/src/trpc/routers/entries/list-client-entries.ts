import { exerciseDefinitionSchema, joinAnswers } from "@tend/core";
import {
  findClientSettings,
  listPrivatePracticeLogForTherapist,
  listSharedEntriesForTherapist,
  recordAudit,
} from "@tend/db";
import { z } from "zod";
import { ownClientProcedure } from "../../init.ts";

/**
 * What the therapist may see of a client's practice: shared entries in full, and for
 * private ones only the date and exercise (when the client allows even that).
 */
export const listClientEntries = ownClientProcedure
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
  .query(async ({ ctx }) => {
    const input = { clientId: ctx.ownClient.id };
    const therapistId = ctx.therapist.id;
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
