import { Temporal } from "temporal-polyfill";
import type { Occurrence, PlannedWindow } from "./model.ts";

/**
 * A local wall-clock time on a local date, as an instant in `timeZone`.
 * Daylight saving: a time that does not exist (spring forward) moves to the next valid
 * instant; a time that happens twice (fall back) is the first of the two, so it fires once.
 * ("compatible" disambiguation, deterministic whatever today's offset is.)
 */
export function localToInstant(localDate: string, localTime: string, timeZone: string): Date {
  const zdt = Temporal.PlainDateTime.from(`${localDate}T${localTime}`).toZonedDateTime(timeZone, {
    disambiguation: "compatible",
  });
  return new Date(zdt.epochMilliseconds);
}

export function zonedOf(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
}

export function localDateOf(instant: Date, timeZone: string): string {
  return zonedOf(instant, timeZone).toPlainDate().toString();
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
  // Walk local dates from the day before `from` (zone offsets) to the day after `to`.
  let date = zonedOf(from, timeZone).toPlainDate().subtract({ days: 1 });
  const last = zonedOf(to, timeZone).toPlainDate().add({ days: 1 });
  const start = Temporal.PlainDate.from(window.startDate);
  const end = window.endDate ? Temporal.PlainDate.from(window.endDate) : null;
  if (Temporal.PlainDate.compare(date, start) < 0) date = start;
  for (; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    if (end && Temporal.PlainDate.compare(date, end) > 0) break;
    if (!schedule.days.includes(date.dayOfWeek)) continue;
    for (const time of schedule.times) {
      const at = localToInstant(date.toString(), time, timeZone);
      if (at >= from && at < to) out.push({ at, localDate: date.toString(), localTime: time });
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
