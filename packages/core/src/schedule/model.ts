import { z } from "zod";
import { isValidTimeZone } from "../time-zone.ts";

/** "HH:MM", 24-hour, local wall-clock time. */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use a time like 08:30");
/** "YYYY-MM-DD", a local calendar date. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use a date like 2026-01-31")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "not a real date",
  );
export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, "Please choose a time zone from the list.");

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);

export const scheduleSchema = z.discriminatedUnion("kind", [
  /** Chosen weekdays at chosen local times (e.g. Mon/Wed/Fri at 08:00). */
  z
    .object({
      kind: z.literal("days"),
      days: z.array(weekdaySchema).min(1).max(7),
      times: z.array(localTimeSchema).min(1).max(4),
    })
    .strict()
    .transform((s) => ({
      ...s,
      days: [...new Set(s.days)].sort(),
      times: [...new Set(s.times)].sort(),
    })),
  /** "Flexible: N times a week", whenever suits the client. */
  z.object({ kind: z.literal("flexible"), timesPerWeek: z.number().int().min(1).max(14) }).strict(),
]);
export type Schedule = z.infer<typeof scheduleSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;

/** The part of an assignment that decides when practice is planned. */
export type PlannedWindow = {
  schedule: Schedule;
  /** First local date (inclusive). */
  startDate: string;
  /** Last local date (inclusive), or null for open-ended. */
  endDate: string | null;
  timeZone: string;
};

export type Occurrence = {
  /** The instant it is planned for (UTC). */
  at: Date;
  localDate: string;
  localTime: string;
};
