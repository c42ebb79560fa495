import { AppError, localDateOf, localDateSchema, localToInstant } from "@tend/core";
import { z } from "zod";

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both local dates in the client's zone, both optional. */
export const periodQuerySchema = z.object({
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
});

/** A printable summary covers at most about two years. */
const MAX_DAYS = 2 * 366;
const DAY_MS = 24 * 3600_000;

/** Calendar arithmetic on "YYYY-MM-DD" (no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
const daysFrom = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY_MS;

export type Period = {
  /** Local dates, inclusive. */
  start: string;
  end: string;
  /** The instants they span, in the client's zone (`to` never later than now). */
  from: Date;
  to: Date;
};

/**
 * Turn the chosen dates into instants in the client's zone. Missing dates fall back to
 * `defaults`. A period that ends before it starts, lies wholly in the future, or is longer
 * than two years is a BAD_INPUT with a sentence saying so.
 */
export function resolvePeriod(
  query: z.infer<typeof periodQuerySchema>,
  timeZone: string,
  now: Date,
  defaults: { start: string },
): Period {
  const today = localDateOf(now, timeZone);
  const start = query.from ?? defaults.start;
  const end = query.to ?? today;
  if (start > end)
    throw new AppError("BAD_INPUT", "The start date needs to be on or before the end date.");
  if (daysFrom(start, end) > MAX_DAYS)
    throw new AppError("BAD_INPUT", "Please choose a period of two years or less.");
  const from = localToInstant(start, "00:00", timeZone);
  if (from > now) throw new AppError("BAD_INPUT", "That period has not started yet.");
  const endOfEnd = new Date(localToInstant(addDays(end, 1), "00:00", timeZone).getTime() - 1);
  return { start, end, from, to: endOfEnd > now ? now : endOfEnd };
}

/** The later of `date` and the earliest start a summary ending today may have (two years back). */
export function notBeforeTwoYears(date: string, now: Date, timeZone: string): string {
  const earliest = addDays(localDateOf(now, timeZone), -MAX_DAYS);
  return date < earliest ? earliest : date;
}

/** The local date `weeks` weeks before today, plus one day: the default "last 8 weeks". */
export function weeksAgo(now: Date, timeZone: string, weeks: number): string {
  return addDays(localDateOf(now, timeZone), -(weeks * 7 - 1));
}
