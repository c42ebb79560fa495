import { localDateOf, localDateSchema, localToInstant } from "@tend/core";
import {
  type Db,
  type FieldCipher,
  getWeekNote,
  lastSessionDate,
  listAssignmentsOfClient,
  listCompletionTimesForTherapist,
  listProgressEntries,
  recordAudit,
} from "@tend/db";
import { z } from "zod";
import { quarterHourSlot } from "../../../cache/screen-cache.ts";
import { toWire, type Wire } from "../../../cache/wire.ts";
import { readAssignment } from "../../../practice/assignments.ts";
import { buildProgress } from "../../../review/progress-bundle.ts";
import { clientIdInput, requireOwnClient, therapistProcedure } from "../../init.ts";
import { assignmentDto } from "../assignments/dto.ts";
import { progressDto } from "../progress/dto.ts";

const DAY = 24 * 3600_000;

// Validated where it is built (a cache miss), not on every call: a kept screen is the parsed,
// stripped output itself, and parsing a large one again on every hit cost more than the rest of
// the request (BENCHMARKS.md).
const reviewBundle = progressDto.extend({
  client: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  periodStart: z.string(),
  lastSession: z.string().nullable(),
  assignments: z.array(assignmentDto),
  weekNote: z.string(),
});
type ReviewBundle = Wire<z.infer<typeof reviewBundle>>;

/**
 * The review screen therapist and client look at together: the period since the last session
 * (or `from`), built only from what the client shared plus the practice times they allow.
 * Never the therapist's session notes, never a private entry's words or ratings.
 */
export const getReviewBundle = therapistProcedure
  .input(clientIdInput.extend({ from: localDateSchema.optional() }))
  .query(async ({ ctx, input }): Promise<ReviewBundle> => {
    const therapistId = ctx.therapist.id;
    const now = new Date();
    // The bundle changes with the therapist's data version (which every change of any of their
    // clients moves, including a client leaving them) and with the client's local date: the key
    // holds the quarter hour, and no time zone changes date inside one.
    const key =
      ctx.viewer.dataVersion !== undefined &&
      `review:${therapistId}:${ctx.viewer.dataVersion}:${input.clientId}:${input.from ?? ""}:${quarterHourSlot(now)}`;
    let bundle = key ? ctx.screens.get<ReviewBundle>(key) : undefined;
    if (!bundle) {
      const client = await requireOwnClient(ctx, input.clientId);
      bundle = toWire(reviewBundle.parse(await buildBundle(ctx, client, input.from, now)));
      if (key) ctx.screens.set(key, bundle);
    }
    // Every look is recorded for the client to see; looks at the same client within a few
    // minutes (the screen refetching, a second tab) are one look.
    const viewed = `viewed:review:${therapistId}:${input.clientId}`;
    if (!ctx.screens.get(viewed)) {
      await recordAudit(ctx.db, {
        action: "client_data_viewed",
        actorUserId: therapistId,
        subjectUserId: input.clientId,
        ip: ctx.ip,
        detail: { what: "review" },
      });
      ctx.screens.set(viewed, {}, VIEW_WINDOW_MS);
    }
    return bundle;
  });

const VIEW_WINDOW_MS = 5 * 60_000;

async function buildBundle(
  ctx: { db: Db; cipher: FieldCipher; therapist: { id: string } },
  client: { id: string; name: string; timeZone: string },
  fromDate: string | undefined,
  to: Date,
) {
  const therapistId = ctx.therapist.id;
  const today = localDateOf(to, client.timeZone);
  const lastSession = await lastSessionDate(ctx.db, therapistId, client.id, today);
  const periodStart =
    fromDate ?? lastSession ?? localDateOf(new Date(to.getTime() - 28 * DAY), client.timeZone);
  const from = localToInstant(periodStart, "00:00", client.timeZone);
  const [entries, completions, assignments, weekNote] = await Promise.all([
    listProgressEntries(ctx.db, client.id, { from, to, sharedOnly: true }),
    listCompletionTimesForTherapist(ctx.db, therapistId, client.id, from, to),
    listAssignmentsOfClient(ctx.db, client.id, { therapistId }),
    getWeekNote(ctx.db, client.id),
  ]);
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
}
