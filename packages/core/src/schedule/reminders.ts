import type { PlannedWindow } from "./model.ts";
import { nextOccurrence } from "./occurrences.ts";
import { moveOutOfQuietHours, type QuietHours } from "./quiet-hours.ts";

export type ReminderPlan = {
  /** The planned practice this reminder is for (its identity: one reminder per occurrence). */
  occurrenceAt: Date;
  localDate: string;
  localTime: string;
  /** When to send: the planned time, moved out of quiet hours if needed. */
  sendAt: Date;
};

export type ReminderSettings = {
  quietHours: QuietHours;
  /** No reminders for occurrences before this instant (a pause). */
  pausedUntil: Date | null;
};

/**
 * The next reminder of an assignment after `after`: the next planned occurrence that is not
 * paused, sent at its local time unless that falls in quiet hours. Flexible schedules ("N times
 * a week") have no fixed times and so no per-practice reminders (the weekly summary invites).
 */
export function nextReminder(
  window: PlannedWindow,
  after: Date,
  settings: ReminderSettings,
): ReminderPlan | null {
  let from = after;
  if (settings.pausedUntil && settings.pausedUntil > from)
    from = new Date(settings.pausedUntil.getTime() - 1);
  const occurrence = nextOccurrence(window, from);
  if (!occurrence) return null;
  return {
    occurrenceAt: occurrence.at,
    localDate: occurrence.localDate,
    localTime: occurrence.localTime,
    sendAt: moveOutOfQuietHours(occurrence.at, window.timeZone, settings.quietHours),
  };
}
