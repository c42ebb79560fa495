import { planWeek, weekOf } from "@tend/core";
import { type Db, type FieldCipher, findTodayData } from "@tend/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { localDateKey } from "../../../cache/screen-cache.ts";
import { toWire, type Wire } from "../../../cache/wire.ts";
import { clientProcedure } from "../../init.ts";

const planned = z.object({
  assignmentId: z.string().uuid(),
  title: z.string(),
  minutes: z.number(),
  localDate: z.string(),
  localTime: z.string(),
  done: z.boolean(),
});

// Validated where it is built (a cache miss), not on every call: a kept screen is the parsed,
// stripped output itself, and parsing a large one again on every hit cost more than the rest of
// the request (BENCHMARKS.md).
const todayScreen = z.object({
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
});
type TodayScreen = Wire<z.infer<typeof todayScreen>>;

/**
 * Today: what is planned today and for the rest of this week, in the client's own time zone,
 * plus everything they can practise any time. Nothing here is ever late.
 */
export const getToday = clientProcedure.query(async ({ ctx }): Promise<TodayScreen> => {
  const { client } = ctx;
  const now = new Date();
  // Today changes with the client's data (its version) and with their local date, nothing else.
  const key =
    ctx.viewer.dataVersion !== undefined &&
    `today:${client.id}:${ctx.viewer.dataVersion}:${client.timeZone}:${localDateKey(now, client.timeZone)}`;
  const cached = key ? ctx.screens.get<TodayScreen>(key) : undefined;
  if (cached) return cached;
  const screen = toWire(todayScreen.parse(await buildToday(ctx, now)));
  if (key) ctx.screens.set(key, screen);
  return screen;
});

async function buildToday(
  ctx: { db: Db; cipher: FieldCipher; client: { id: string; timeZone: string } },
  now: Date,
) {
  const { client } = ctx;
  const week = weekOf(now, client.timeZone);
  const data = await findTodayData(ctx.db, client.id, week.startsAt, week.endsAt);
  if (!data)
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This account is not linked to a therapist.",
    });
  const plan = planWeek(
    data.assignments
      .filter((a) => a.status === "active")
      .map((a) => ({
        id: a.id,
        title: a.title,
        minutes: a.minutes,
        window: {
          schedule: a.schedule,
          startDate: a.startDate,
          endDate: a.endDate,
          timeZone: client.timeZone,
        },
      })),
    data.completions,
    now,
    client.timeZone,
  );
  return {
    timeZone: client.timeZone,
    ...plan,
    drafts: data.drafts,
    weekNote: data.weekNoteCiphertext
      ? ctx.cipher.decrypt(data.weekNoteCiphertext, `week-note:${client.id}`)
      : "",
    assignments: data.assignments.map((a) => ({
      id: a.id,
      exerciseId: a.exerciseId,
      title: a.title,
      minutes: a.minutes,
      note: a.noteCiphertext ? ctx.cipher.decrypt(a.noteCiphertext, a.id) : "",
      status: a.status as "active" | "paused",
    })),
  };
}
