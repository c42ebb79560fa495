import { localDateOf, nextWeeklyAt, practiceByExercise, summarizeScales } from "@tend/core";
import {
  type Db,
  digestForTherapist,
  type EmailToQueue,
  enqueueEmail,
  enqueueEmails,
  ensureTherapistSettings,
  listEntryFactsOfClients,
  lockDueDigests,
  lockDueSummaries,
  scheduleWeeklyEmails,
  setNextDigestAt,
  setNextSummaryAts,
  signEmailLink,
} from "@tend/db";
import type { LinkConfig } from "./dispatch-reminders.ts";

const WEEK_MS = 7 * 24 * 3600_000;
/**
 * A summary or digest this late (the worker was down) is not sent: last week's news a week on
 * is noise. The next one is planned from now, so an outage never sends a backlog of weeks.
 */
export const WEEKLY_LATE_AFTER_MS = 24 * 3600_000;

/**
 * Weekly reflection summaries (clients) and digests (therapists): claim the due ones with
 * SKIP LOCKED, write an outbox row keyed by person and week, plan the next one. The email
 * carries counts and ratings; a client's words are quoted only if they allow it, and then
 * only by entry id: the worker decrypts them when it renders, so they never sit in the outbox.
 */
export async function dispatchWeeklyEmails(
  db: Db,
  links: LinkConfig,
  { now = new Date(), batchSize = 200 }: { now?: Date; batchSize?: number } = {},
): Promise<{ summaries: number; digests: number }> {
  await ensureTherapistSettings(db);
  while ((await scheduleWeeklyEmails(db, now)) > 0) {}

  let summaries = 0;
  for (;;) {
    // One transaction per batch, with a fixed number of statements (not a few per client).
    const n = await db.transaction().execute(async (trx) => {
      const due = await lockDueSummaries(trx, now, batchSize);
      const next: Array<{ clientId: string; at: Date }> = [];
      const onTime = due.filter((s) => {
        if (now.getTime() - s.dueAt.getTime() <= WEEKLY_LATE_AFTER_MS) return true;
        next.push({
          clientId: s.clientId,
          at: nextWeeklyAt(s.summaryDay, s.summaryTime, s.timeZone, now),
        });
        return false;
      });
      const facts = await listEntryFactsOfClients(
        trx,
        onTime.map((s) => ({
          clientId: s.clientId,
          from: new Date(s.dueAt.getTime() - WEEK_MS),
          to: s.dueAt,
        })),
      );
      const emails: EmailToQueue[] = onTime.map((s) => {
        const entries = facts.get(s.clientId) ?? [];
        next.push({
          clientId: s.clientId,
          at: nextWeeklyAt(s.summaryDay, s.summaryTime, s.timeZone, s.dueAt),
        });
        const unsubscribe = signEmailLink(links.linkSecret, {
          p: "unsubscribe",
          u: s.clientId,
          k: "summaries",
        });
        return {
          idempotencyKey: `summary:${s.clientId}:${s.dueAt.toISOString()}`,
          template: "weekly-summary",
          to: s.email,
          data: {
            name: s.name,
            // The seven local days up to the summary's own day.
            weekStart: localDateOf(new Date(s.dueAt.getTime() - 6 * 24 * 3600_000), s.timeZone),
            weekEnd: localDateOf(new Date(s.dueAt.getTime() - 1), s.timeZone),
            practiceCount: entries.length,
            exercises: practiceByExercise(entries),
            scales: summarizeScales(entries),
            // Only entries with a kinder version are quoted (see email/prepare.ts).
            quoteEntryIds: s.quoteWords
              ? entries
                  .filter(
                    (e) => e.hasWords && e.definition.steps.some((st) => st.kind === "reframe"),
                  )
                  .map((e) => e.id)
                  .slice(-3)
              : [],
            clientId: s.clientId,
            reflectionUrl: `${links.publicUrl}/today?reflect=1`,
            preferencesUrl: `${links.publicUrl}/settings/email`,
            unsubscribeUrl: `${links.publicUrl}/api/email/unsubscribe/${unsubscribe}`,
          },
        };
      });
      await enqueueEmails(trx, emails);
      await setNextSummaryAts(trx, next);
      return due.length;
    });
    summaries += n;
    if (n < batchSize) break;
  }

  let digests = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const due = await lockDueDigests(trx, now, batchSize);
      for (const d of due) {
        if (now.getTime() - d.dueAt.getTime() > WEEKLY_LATE_AFTER_MS) {
          await setNextDigestAt(
            trx,
            d.therapistId,
            nextWeeklyAt(d.digestDay, d.digestTime, d.timeZone, now),
          );
          continue;
        }
        const from = new Date(d.dueAt.getTime() - WEEK_MS);
        const clients = await digestForTherapist(trx, d.therapistId, from, d.dueAt);
        const unsubscribe = signEmailLink(links.linkSecret, {
          p: "unsubscribe",
          u: d.therapistId,
          k: "digest",
        });
        await enqueueEmail(trx, {
          idempotencyKey: `digest:${d.therapistId}:${d.dueAt.toISOString()}`,
          template: "therapist-digest",
          to: d.email,
          data: {
            therapistId: d.therapistId,
            name: d.name,
            weekStart: localDateOf(new Date(d.dueAt.getTime() - 6 * 24 * 3600_000), d.timeZone),
            weekEnd: localDateOf(new Date(d.dueAt.getTime() - 1), d.timeZone),
            clients: clients.map((c) => ({
              name: c.name,
              practiceCount: c.practiceCount,
              flagged: c.flagged.map((f) => ({
                exerciseTitle: f.exerciseTitle,
                date: localDateOf(f.completedAt, d.timeZone),
              })),
            })),
            appUrl: `${links.publicUrl}/clients`,
            unsubscribeUrl: `${links.publicUrl}/api/email/unsubscribe/${unsubscribe}`,
          },
        });
        await setNextDigestAt(
          trx,
          d.therapistId,
          nextWeeklyAt(d.digestDay, d.digestTime, d.timeZone, d.dueAt),
        );
      }
      return due.length;
    });
    digests += n;
    if (n < batchSize) break;
  }
  return { summaries, digests };
}
