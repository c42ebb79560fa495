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

export type ReminderOutcome = "queued" | "practised" | "skipped" | "paused" | "off";

/** Decide what one due reminder becomes. Pure apart from the two look-ups passed in. */
async function decide(trx: Db, row: ReminderRow, occurrenceAt: Date): Promise<ReminderOutcome> {
  if (!row.reminderEmails) return "off";
  if (row.pausedUntil && row.pausedUntil > occurrenceAt) return "paused";
  if (await isOccurrenceSkipped(trx, row.assignmentId, occurrenceAt)) return "skipped";
  if (await practisedOnLocalDay(trx, row, occurrenceAt)) return "practised";
  return "queued";
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
  };
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      const rows = await lockDueReminders(trx, now, batchSize);
      for (const row of rows) {
        const occurrenceAt = row.nextOccurrenceAt ?? row.nextReminderAt!;
        const outcome = await decide(trx, row, occurrenceAt);
        counts[outcome] += 1;
        if (outcome === "queued") {
          await enqueueEmail(trx, {
            idempotencyKey: `reminder:${row.assignmentId}:${occurrenceAt.toISOString()}`,
            template: "practice-reminder",
            to: row.clientEmail,
            data: reminderEmailData(row, occurrenceAt, links),
          });
        }
        await storeNextReminder(trx, row.assignmentId, planNextReminder(row, occurrenceAt));
      }
      return rows.length;
    });
    if (claimed < batchSize) return counts;
  }
}
