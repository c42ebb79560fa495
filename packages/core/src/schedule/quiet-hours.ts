import type { Temporal } from "temporal-polyfill";
import { localToInstant, zonedOf } from "./occurrences.ts";

/** Local hours when no reminder is sent, e.g. 21:00–08:00 (may wrap past midnight). */
export type QuietHours = { start: string; end: string };
export const DEFAULT_QUIET_HOURS: QuietHours = { start: "21:00", end: "08:00" };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

export function isInQuietHours(at: Date, timeZone: string, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const local = zonedOf(at, timeZone);
  const now = local.hour * 60 + local.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * A reminder due inside quiet hours moves to the end of the window (it is not dropped).
 * Outside quiet hours the time is returned unchanged.
 */
export function moveOutOfQuietHours(at: Date, timeZone: string, quiet: QuietHours): Date {
  if (!isInQuietHours(at, timeZone, quiet)) return at;
  const local = zonedOf(at, timeZone);
  const today = local.toPlainDate();
  const nowMinutes = local.hour * 60 + local.minute;
  // The window ends today if we are past midnight inside a wrapping window (or in a same-day one).
  const endsToday = nowMinutes < minutesOf(quiet.end);
  const endDate: Temporal.PlainDate = endsToday ? today : today.add({ days: 1 });
  return localToInstant(endDate.toString(), quiet.end, timeZone);
}
