import { isInQuietHours, moveOutOfQuietHours } from "@tend/core";
import {
  type Db,
  enqueueEmail,
  isOccurrenceSkipped,
  lockDueReminders,
  planNextReminder,
  practisedOnLocalDay,
  type ReminderRow,
  signEmailLink,
  storeNextReminder,
} from "@tend/db";

export type LinkConfig = { publicUrl: string; linkSecret: string };

export type ReminderOutcome =
  | "queued"
  | "practised"
  | "skipped"
  | "paused"
  | "off"
  | "late"
  | "deferred";

/**
 * A reminder this long past its planned time is let go rather than sent: after an outage, a
 * pile of stale "whenever you have a few minutes" emails would read as nagging.
 */
export const LATE_AFTER_MS = 6 * 3600_000;

type Decision = { outcome: Exclude<ReminderOutcome, "deferred"> } | { outcome: "deferred"; to: Date };

/** Decide what one due reminder becomes. Pure apart from the two look-ups passed in. */
async function decide(
  trx: Db,
  row: ReminderRow,
  occurrenceAt: Date,
  now: Date,
): Promise<Decision> {
  if (!row.reminderEmails) return { outcome: "off" };
  if (row.pausedUntil && row.pausedUntil > occurrenceAt) return { outcome: "paused" };
  if (await isOccurrenceSkipped(trx, row.assignmentId, occurrenceAt)) return { outcome: "skipped" };
  if (await practisedOnLocalDay(trx, row, occurrenceAt)) return { outcome: "practised" };
  const quiet = { start: row.quietStart, end: row.quietEnd };
  const plannedSendAt = moveOutOfQuietHours(occurrenceAt, row.timeZone, quiet);
  if (now.getTime() - plannedSendAt.getTime() > LATE_AFTER_MS) return { outcome: "late" };
  // Only a late sweep (the worker was down) lands here inside quiet hours: wait for the morning.
  if (isInQuietHours(now, row.timeZone, quiet)) {
    const to = moveOutOfQuietHours(now, row.timeZone, quiet);
    return to.getTime() - plannedSendAt.getTime() > LATE_AFTER_MS
      ? { outcome: "late" }
      : { outcome: "deferred", to };
  }
  return { outcome: "queued" };
}

function reminderEmailData(row: ReminderRow, occurrenceAt: Date, links: LinkConfig) {
  const occurrence = occurrenceAt.toISOString();
  const notToday = signEmailLink(links.linkSecret, {
    p: "not-today",
    u: row.clientId,
    a: row.assignmentId,
    o: occurrence,
    exp: occurrenceAt.getTime() + 7 * 24 * 3600_000,
  });
  const unsubscribe = signEmailLink(links.linkSecret, {
    p: "unsubscribe",
    u: row.clientId,
    k: "reminders",
  });
  return {
    name: row.clientName,
    exerciseTitle: row.exerciseTitle,
    timeZone: row.timeZone,
    occurrenceAt: occurrence,
    // Ids only, so the worker can check again just before sending that reminders are wanted.
    clientId: row.clientId,
    assignmentId: row.assignmentId,
    practiceUrl: `${links.publicUrl}/today?start=${row.assignmentId}`,
    notTodayUrl: `${links.publicUrl}/api/email/not-today/${notToday}`,
    preferencesUrl: `${links.publicUrl}/settings/email`,
    unsubscribeUrl: `${links.publicUrl}/api/email/unsubscribe/${unsubscribe}`,
  };
}

/**
 * Claim due reminders (SKIP LOCKED), write each as an outbox row with the idempotency key
 * `reminder:<assignment>:<occurrence>`, and move the assignment to its next reminder — all in
 * one transaction per batch. A crash before commit leaves everything as it was; after commit,
 * the outbox delivers. Any number of workers may run this at once.
 */
export async function dispatchDueReminders(
  db: Db,
  links: LinkConfig,
  { now = new Date(), batchSize = 200 }: { now?: Date; batchSize?: number } = {},
): Promise<Record<ReminderOutcome, number>> {
  const counts: Record<ReminderOutcome, number> = {
    queued: 0,
    practised: 0,
    skipped: 0,
    paused: 0,
    off: 0,
    late: 0,
    deferred: 0,
  };
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      const rows = await lockDueReminders(trx, now, batchSize);
      // Counted only once the batch commits: a rolled-back batch is decided again.
      const batch: ReminderOutcome[] = [];
      for (const row of rows) {
        const occurrenceAt = row.nextOccurrenceAt ?? row.nextReminderAt!;
        const decision = await decide(trx, row, occurrenceAt, now);
        batch.push(decision.outcome);
        if (decision.outcome === "deferred") {
          // Same occurrence, later send time: it comes back due when quiet hours end.
          await storeNextReminder(trx, row.assignmentId, {
            occurrenceAt,
            sendAt: decision.to,
            localDate: "",
            localTime: "",
          });
          continue;
        }
        if (decision.outcome === "queued") {
          await enqueueEmail(trx, {
            idempotencyKey: `reminder:${row.assignmentId}:${occurrenceAt.toISOString()}`,
            template: "practice-reminder",
            to: row.clientEmail,
            data: reminderEmailData(row, occurrenceAt, links),
          });
        }
        await storeNextReminder(trx, row.assignmentId, planNextReminder(row, occurrenceAt));
      }
      return batch;
    });
    for (const outcome of claimed) counts[outcome] += 1;
    if (claimed.length < batchSize) return counts;
  }
}
