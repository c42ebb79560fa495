import { isInQuietHours, moveOutOfQuietHours } from "@tend/core";
import {
  type Db,
  type EmailToQueue,
  enqueueEmails,
  lockDueReminders,
  type OccurrenceRef,
  occurrenceKey,
  planNextReminder,
  practisedOnLocalDays,
  type ReminderRow,
  signEmailLink,
  skippedOccurrences,
  storeNextReminders,
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
/** Quiet hours move a reminder by less than a day: anything planned before this is late too. */
const SURELY_LATE_MS = LATE_AFTER_MS + 24 * 3600_000;

type Decision =
  | { outcome: Exclude<ReminderOutcome, "deferred"> }
  | { outcome: "deferred"; to: Date };

/** Decide what one due reminder becomes. Pure: the batch's look-ups are passed in. */
function decide(
  row: ReminderRow,
  occurrenceAt: Date,
  now: Date,
  found: { skipped: boolean; practised: boolean },
): Decision {
  if (!row.reminderEmails) return { outcome: "off" };
  if (row.pausedUntil && row.pausedUntil > occurrenceAt) return { outcome: "paused" };
  if (found.skipped) return { outcome: "skipped" };
  if (found.practised) return { outcome: "practised" };
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
 * one transaction per batch, with a fixed number of statements per batch (not per reminder). A crash before commit leaves everything as it was; after commit,
 * the outbox delivers. Any number of workers may run this at once.
 *
 * 500 a batch: the sweep shares the process with the sends, and each of its statements waits its
 * turn on a busy event loop, so fewer statements finish it sooner (`npm run bench:reminders --
 * --n 100000`, back to back: sweep 18.5 s and 3107 emails/s with 200; 13.9 s and 3260/s with
 * 500; 11.9 s and 3367/s with 1000, whose longer synchronous stretches hold up sends more).
 */
export async function dispatchDueReminders(
  db: Db,
  links: LinkConfig,
  { now = new Date(), batchSize = 500 }: { now?: Date; batchSize?: number } = {},
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
      if (rows.length === 0) return [];
      const refs: OccurrenceRef[] = rows.map((row) => ({
        assignmentId: row.assignmentId,
        clientId: row.clientId,
        timeZone: row.timeZone,
        occurrenceAt: row.nextOccurrenceAt ?? row.nextReminderAt!,
      }));
      const skipped = await skippedOccurrences(trx, refs);
      const practised = await practisedOnLocalDays(trx, refs);
      // Counted only once the batch commits: a rolled-back batch is decided again.
      const outcomes: ReminderOutcome[] = [];
      const emails: EmailToQueue[] = [];
      const plans: Parameters<typeof storeNextReminders>[1] = [];
      rows.forEach((row, i) => {
        const { occurrenceAt } = refs[i]!;
        const key = occurrenceKey(row.assignmentId, occurrenceAt);
        const decision = decide(row, occurrenceAt, now, {
          skipped: skipped.has(key),
          practised: practised.has(key),
        });
        outcomes.push(decision.outcome);
        if (decision.outcome === "deferred") {
          // Same occurrence, later send time: it comes back due when quiet hours end.
          plans.push({ assignmentId: row.assignmentId, sendAt: decision.to, occurrenceAt });
          return;
        }
        if (decision.outcome === "queued") {
          emails.push({
            idempotencyKey: `reminder:${row.assignmentId}:${occurrenceAt.toISOString()}`,
            template: "practice-reminder",
            to: row.clientEmail,
            data: reminderEmailData(row, occurrenceAt, links),
          });
        }
        // After an outage, skip straight past occurrences that could only be let go as well.
        const after = Math.max(occurrenceAt.getTime(), now.getTime() - SURELY_LATE_MS);
        const next = planNextReminder(row, new Date(after));
        plans.push({
          assignmentId: row.assignmentId,
          sendAt: next?.sendAt ?? null,
          occurrenceAt: next?.occurrenceAt ?? null,
        });
      });
      await enqueueEmails(trx, emails);
      await storeNextReminders(trx, plans);
      return outcomes;
    });
    for (const outcome of claimed) counts[outcome] += 1;
    if (claimed.length < batchSize) return counts;
  }
}
