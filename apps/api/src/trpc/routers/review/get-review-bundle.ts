import { localDateOf, localDateSchema, localToInstant } from "@tend/core";
import {
  getWeekNote,
  lastSessionDate,
  listAssignmentsOfClient,
  listCompletionTimesForTherapist,
  listProgressEntries,
  recordAudit,
} from "@tend/db";
import { z } from "zod";
import { readAssignment } from "../../../practice/assignments.ts";
import { buildProgress } from "../../../review/progress-bundle.ts";
import { ownClientProcedure } from "../../init.ts";
import { assignmentDto } from "../assignments/dto.ts";
import { progressDto } from "../progress/dto.ts";

const DAY = 24 * 3600_000;

/**
 * The review screen therapist and client look at together: the period since the last session
 * (or `from`), built only from what the client shared plus the practice times they allow.
 * Never the therapist's session notes, never a private entry's words or ratings.
 */
export const getReviewBundle = ownClientProcedure
  .input(z.object({ from: localDateSchema.optional() }))
  .output(
    progressDto.extend({
      client: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
      periodStart: z.string(),
      lastSession: z.string().nullable(),
      assignments: z.array(assignmentDto),
      weekNote: z.string(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const therapistId = ctx.therapist.id;
    const client = ctx.ownClient;
    const to = new Date();
    const today = localDateOf(to, client.timeZone);
    const lastSession = await lastSessionDate(ctx.db, therapistId, client.id, today);
    const periodStart =
      input.from ?? lastSession ?? localDateOf(new Date(to.getTime() - 28 * DAY), client.timeZone);
    const from = localToInstant(periodStart, "00:00", client.timeZone);
    const [entries, completions, assignments, weekNote] = await Promise.all([
      listProgressEntries(ctx.db, client.id, { from, to, sharedOnly: true }),
      listCompletionTimesForTherapist(ctx.db, therapistId, client.id, from, to),
      listAssignmentsOfClient(ctx.db, client.id, { therapistId }),
      getWeekNote(ctx.db, client.id),
    ]);
    await recordAudit(ctx.db, {
      action: "client_data_viewed",
      actorUserId: therapistId,
      subjectUserId: client.id,
      ip: ctx.ip,
      detail: { what: "review" },
    });
    return {
      ...buildProgress(ctx.cipher, { entries, completions, timeZone: client.timeZone, from, to }),
      client: { id: client.id, name: client.name, timeZone: client.timeZone },
      periodStart,
      lastSession,
      assignments: assignments.map((a) => readAssignment(ctx.cipher, a)),
      weekNote: weekNote?.ciphertext
        ? ctx.cipher.decrypt(weekNote.ciphertext, `week-note:${client.id}`)
        : "",
    };
  });
