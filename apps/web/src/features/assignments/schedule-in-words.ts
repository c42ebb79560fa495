import type { ScheduleInput } from "@tend/core";
import { capitalise, joinWords, timesInWords } from "../../lib/words.ts";

const DAY_NAMES = [
  "Mondays",
  "Tuesdays",
  "Wednesdays",
  "Thursdays",
  "Fridays",
  "Saturdays",
  "Sundays",
];

/** "Mondays, Wednesdays and Fridays", "Weekdays", "Every day". ISO weekdays, 1 = Monday. */
export function daysInWords(days: readonly number[]): string {
  const unique = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const key = unique.join("");
  if (key === "1234567") return "Every day";
  if (key === "12345") return "Weekdays";
  if (key === "67") return "Weekends";
  return joinWords(unique.map((d) => DAY_NAMES[d - 1]!));
}

/** "at 08:00", "at 08:00 and 18:30". */
export function timesOfDayInWords(times: readonly string[]): string {
  const sorted = [...new Set(times)].sort();
  return sorted.length ? `at ${joinWords(sorted)}` : "";
}

/** "Once a week", "Twice a week", "3 times a week". */
export function timesPerWeekInWords(n: number): string {
  return `${capitalise(timesInWords(n))} a week`;
}

/**
 * A schedule as a sentence. For the therapist: "Mondays, Wednesdays and Fridays at 08:00",
 * "3 times a week, whenever suits". For the client, flexible ones read "…whenever suits you".
 */
export function scheduleInWords(
  schedule: ScheduleInput,
  { audience = "therapist" }: { audience?: "therapist" | "client" } = {},
): string {
  if (schedule.kind === "flexible")
    return `${timesPerWeekInWords(schedule.timesPerWeek)}, whenever suits${audience === "client" ? " you" : ""}`;
  const when = timesOfDayInWords(schedule.times);
  return when ? `${daysInWords(schedule.days)} ${when}` : daysInWords(schedule.days);
}

/** A local "YYYY-MM-DD" as "3 Mar 2026" (read as a calendar date, not shifted by time zones). */
export function formatLocalDate(
  date: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** "From 3 Mar 2026, no end date" or "3 Mar 2026 to 31 Mar 2026". */
export function datesInWords(startDate: string, endDate: string | null): string {
  return endDate
    ? `${formatLocalDate(startDate)} to ${formatLocalDate(endDate)}`
    : `From ${formatLocalDate(startDate)}, no end date`;
}
