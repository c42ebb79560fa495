import { occurrencesBetween } from "@tend/core";
import { type Db, listAssignmentsOfClient, listSkippedOccurrences } from "@tend/db";
import { type CalendarEvent, renderCalendar } from "./ics.ts";

/** How far ahead the calendar looks. */
export const CALENDAR_WEEKS = 8;
const WEEK_MS = 7 * 24 * 3600_000;

const DESCRIPTION =
  "A few quiet minutes for yourself, if they fit today. If they don't, that's fine: " +
  "there will be another moment.";

/** A stable id per planned practice, so a calendar updates an event instead of adding a twin. */
export function practiceEventUid(assignmentId: string, occurrenceAt: Date): string {
  return `${assignmentId}-${occurrenceAt.toISOString()}@tend`;
}

/**
 * The client's planned practice for the next weeks as VEVENTs: every occurrence of an active
 * assignment with set days and times (flexible ones have no fixed moment), minus the ones they
 * let go with "Not today". Exercise titles only: never a note or a word of theirs.
 */
export async function practiceEvents(
  db: Db,
  client: { id: string; timeZone: string },
  { now, publicUrl }: { now: Date; publicUrl: string },
): Promise<CalendarEvent[]> {
  const to = new Date(now.getTime() + CALENDAR_WEEKS * WEEK_MS);
  const [assignments, skips] = await Promise.all([
    listAssignmentsOfClient(db, client.id, { statuses: ["active"] }),
    listSkippedOccurrences(db, client.id, now, to),
  ]);
  const skipped = new Set(skips.map((s) => `${s.assignmentId}|${s.occurrenceAt.getTime()}`));
  const events: CalendarEvent[] = [];
  for (const a of assignments) {
    const window = {
      schedule: a.schedule,
      startDate: a.startDate,
      endDate: a.endDate,
      timeZone: client.timeZone,
    };
    for (const o of occurrencesBetween(window, now, to)) {
      if (skipped.has(`${a.id}|${o.at.getTime()}`)) continue;
      events.push({
        uid: practiceEventUid(a.id, o.at),
        start: o.at,
        durationMinutes: a.exerciseMinutes,
        summary: `Practice: ${a.exerciseTitle}`,
        description: DESCRIPTION,
        url: `${publicUrl}/`,
      });
    }
  }
  return events.sort((x, y) => x.start.getTime() - y.start.getTime() || (x.uid < y.uid ? -1 : 1));
}

export async function practiceCalendar(
  db: Db,
  client: { id: string; timeZone: string },
  opts: { now: Date; publicUrl: string },
): Promise<string> {
  return renderCalendar({
    name: "Tend practice",
    description: "Your planned practice from Tend. Gentle reminders, never deadlines.",
    refreshHours: 6,
    stamp: opts.now,
    events: await practiceEvents(db, client, opts),
  });
}
