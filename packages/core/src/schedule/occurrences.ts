import { Temporal } from "temporal-polyfill";
import type { Occurrence, PlannedWindow } from "./model.ts";

/**
 * A local wall-clock time on a local date, as an instant in `timeZone`.
 * Daylight saving: a time that does not exist (spring forward) moves to the next valid
 * instant; a time that happens twice (fall back) is the first of the two, so it fires once.
 * ("compatible" disambiguation, deterministic whatever today's offset is.)
 */
export function localToInstant(localDate: string, localTime: string, timeZone: string): Date {
  const key = `${localDate}T${localTime} ${timeZone}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    ms = Temporal.PlainDateTime.from(`${localDate}T${localTime}`).toZonedDateTime(timeZone, {
      disambiguation: "compatible",
    }).epochMilliseconds;
    remember(instants, key, ms);
  }
  return new Date(ms);
}

export function zonedOf(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  const key = `${instant.getTime()} ${timeZone}`;
  let zoned = zonedInstants.get(key);
  if (zoned === undefined) {
    zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
    remember(zonedInstants, key, zoned);
  }
  return zoned;
}

// These conversions are pure and the same few recur all day (every client in a zone shares its
// local dates, and most reminders fall on the same hours): a reminder sweep plans thousands of
// them a second, so each is worked out once. Temporal values are immutable, safe to share.
const instants = new Map<string, number>();
const zonedInstants = new Map<string, Temporal.ZonedDateTime>();
const localDates = new Map<string, string>();
const shiftedDates = new Map<string, string>();
const weekdays = new Map<string, number>();
const isoDates = new Map<string, string>();
const MAX_REMEMBERED = 20_000;

function remember<V>(cache: Map<string, V>, key: string, value: V) {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
}

export function localDateOf(instant: Date, timeZone: string): string {
  const key = `${instant.getTime()} ${timeZone}`;
  let date = localDates.get(key);
  if (date === undefined) {
    date = zonedOf(instant, timeZone).toPlainDate().toString();
    remember(localDates, key, date);
  }
  return date;
}

/** "2026-03-29" plus `days` (negative: earlier). */
function addDays(date: string, days: number): string {
  const key = `${date} ${days}`;
  let moved = shiftedDates.get(key);
  if (moved === undefined) {
    moved = Temporal.PlainDate.from(date).add({ days }).toString();
    remember(shiftedDates, key, moved);
  }
  return moved;
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
function weekdayOf(date: string): number {
  let day = weekdays.get(date);
  if (day === undefined) {
    day = Temporal.PlainDate.from(date).dayOfWeek;
    remember(weekdays, date, day);
  }
  return day;
}

/** A date as "YYYY-MM-DD" (what `PlainDate.from` accepts, written the one way that sorts as text). */
function isoDate(date: string): string {
  let iso = isoDates.get(date);
  if (iso === undefined) {
    iso = Temporal.PlainDate.from(date).toString();
    remember(isoDates, date, iso);
  }
  return iso;
}

/** Monday-to-Sunday week containing `instant`, in the client's zone. */
export function weekOf(instant: Date, timeZone: string) {
  const date = zonedOf(instant, timeZone).toPlainDate();
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  const nextMonday = monday.add({ days: 7 });
  return {
    start: monday.toString(),
    end: monday.add({ days: 6 }).toString(),
    startsAt: new Date(monday.toZonedDateTime({ timeZone }).epochMilliseconds),
    endsAt: new Date(nextMonday.toZonedDateTime({ timeZone }).epochMilliseconds),
  };
}

/** Every planned occurrence of a "days" schedule with `from <= at < to`. Flexible schedules have none. */
export function occurrencesBetween(window: PlannedWindow, from: Date, to: Date): Occurrence[] {
  const { schedule, timeZone } = window;
  if (schedule.kind !== "days") return [];
  const out: Occurrence[] = [];
  // Walk local dates from the day before `from` (zone offsets) to the day after `to`. ISO dates
  // ("YYYY-MM-DD") compare as text in calendar order.
  let date = addDays(localDateOf(from, timeZone), -1);
  const last = addDays(localDateOf(to, timeZone), 1);
  const start = isoDate(window.startDate);
  const end = window.endDate ? isoDate(window.endDate) : null;
  if (date < start) date = start;
  for (; date <= last; date = addDays(date, 1)) {
    if (end && date > end) break;
    if (!schedule.days.includes(weekdayOf(date))) continue;
    for (const time of schedule.times) {
      const at = localToInstant(date, time, timeZone);
      if (at >= from && at < to) out.push({ at, localDate: date, localTime: time });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first occurrence strictly after `after`, looking ahead at most a year. */
export function nextOccurrence(window: PlannedWindow, after: Date): Occurrence | null {
  if (window.schedule.kind !== "days") return null;
  let from = new Date(after.getTime() + 1);
  for (let i = 0; i < 53; i++) {
    const to = new Date(from.getTime() + 7 * 24 * 3600_000);
    const found = occurrencesBetween(window, from, to)[0];
    if (found) return found;
    if (window.endDate && window.endDate < localDateOf(from, window.timeZone)) return null;
    from = to;
  }
  return null;
}

/** The next weekly moment (ISO weekday + local time) after `after`, e.g. the Sunday 18:00 summary. */
export function nextWeeklyAt(
  weekday: number,
  localTime: string,
  timeZone: string,
  after: Date,
): Date {
  const found = nextOccurrence(
    {
      schedule: { kind: "days", days: [weekday], times: [localTime] },
      startDate: "2000-01-01",
      endDate: null,
      timeZone,
    },
    after,
  );
  if (!found) throw new Error("a weekly time always has a next occurrence");
  return found.at;
}
