import { planWeek, weekOf } from "@tend/core";
import { getWeekNote, listAssignmentsOfClient, listCompletions, listDrafts } from "@tend/db";
import { z } from "zod";
import { readAssignment } from "../../../practice/assignments.ts";
import { clientProcedure } from "../../init.ts";

const planned = z.object({
  assignmentId: z.string().uuid(),
  title: z.string(),
  minutes: z.number(),
  localDate: z.string(),
  localTime: z.string(),
  done: z.boolean(),
});

/**
 * Today: what is planned today and for the rest of this week, in the client's own time zone,
 * plus everything they can practise any time. Nothing here is ever late.
 */
export const getToday = clientProcedure
  .output(
    z.object({
      timeZone: z.string(),
      today: z.string(),
      weekStart: z.string(),
      weekEnd: z.string(),
      todayItems: z.array(planned),
      laterThisWeek: z.array(planned),
      flexible: z.array(
        z.object({
          assignmentId: z.string().uuid(),
          title: z.string(),
          minutes: z.number(),
          timesPerWeek: z.number(),
          doneThisWeek: z.number(),
        }),
      ),
      practisedThisWeek: z.number(),
      /** The note for the week the therapist and client wrote together in session. */
      weekNote: z.string(),
      /** Practices begun and not finished, to continue where the client left off. */
      drafts: z.array(
        z.object({
          entryId: z.string().uuid(),
          assignmentId: z.string().uuid().nullable(),
          exerciseId: z.string().uuid(),
          title: z.string(),
          startedAt: z.date(),
          updatedAt: z.date(),
        }),
      ),
      assignments: z.array(
        z.object({
          id: z.string().uuid(),
          exerciseId: z.string().uuid(),
          title: z.string(),
          minutes: z.number(),
          note: z.string(),
          status: z.enum(["active", "paused"]),
        }),
      ),
    }),
  )
  .query(async ({ ctx }) => {
    const { client } = ctx;
    const now = new Date();
    const week = weekOf(now, client.timeZone);
    const [assignments, completions, weekNote, drafts] = await Promise.all([
      listAssignmentsOfClient(ctx.db, client.id, { statuses: ["active", "paused"] }),
      listCompletions(ctx.db, client.id, week.startsAt, week.endsAt),
      getWeekNote(ctx.db, client.id),
      listDrafts(ctx.db, client.id),
    ]);
    const active = assignments.filter((a) => a.status === "active");
    const plan = planWeek(
      active.map((a) => ({
        id: a.id,
        title: a.exerciseTitle,
        minutes: a.exerciseMinutes,
        window: {
          schedule: a.schedule,
          startDate: a.startDate,
          endDate: a.endDate,
          timeZone: client.timeZone,
        },
      })),
      completions,
      now,
      client.timeZone,
    );
    return {
      timeZone: client.timeZone,
      ...plan,
      drafts,
      weekNote: weekNote?.ciphertext
        ? ctx.cipher.decrypt(weekNote.ciphertext, `week-note:${client.id}`)
        : "",
      assignments: assignments.map((a) => {
        const dto = readAssignment(ctx.cipher, a);
        return {
          id: dto.id,
          exerciseId: dto.exerciseId,
          title: dto.exerciseTitle,
          minutes: dto.exerciseMinutes,
          note: dto.note,
          status: a.status as "active" | "paused",
        };
      }),
    };
  });
