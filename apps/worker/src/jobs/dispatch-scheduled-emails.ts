import type { Db } from "@tend/db";
import type { Logger } from "../logger.ts";
import {
  dispatchDueReminders,
  type LinkConfig,
  type ReminderOutcome,
} from "./dispatch-reminders.ts";
import { dispatchWeeklyEmails } from "./dispatch-weekly-emails.ts";

export type ScheduledEmailsResult = {
  /** The instant the sweep treated as "now". */
  now: Date;
  reminders: Record<ReminderOutcome, number>;
  summaries: number;
  digests: number;
};

/**
 * One sweep: due reminders first (they are about today), then weekly summaries and digests.
 * Both only write outbox rows (in the transaction that claims the work); the outbox sends them.
 */
export async function dispatchScheduledEmails(
  db: Db,
  links: LinkConfig,
  now: Date,
): Promise<ScheduledEmailsResult> {
  const reminders = await dispatchDueReminders(db, links, { now });
  const { summaries, digests } = await dispatchWeeklyEmails(db, links, { now });
  return { now, reminders, summaries, digests };
}

export type ScheduledEmailSweeper = {
  /** Sweep now; if a sweep is already running in this process, wait for that one instead. */
  runNow: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Sweeps never overlap within a process (schedule, start-up and Redis-back triggers share one);
 * across processes `FOR UPDATE SKIP LOCKED` keeps them apart.
 */
export function createScheduledEmailSweeper({
  db,
  links,
  clock,
  log,
  onSweep,
}: {
  db: Db;
  links: LinkConfig;
  clock: () => Date;
  log: Logger;
  onSweep?: (result: ScheduledEmailsResult) => void;
}): ScheduledEmailSweeper {
  let running: Promise<void> | undefined;
  let closed = false;
  const runNow = (): Promise<void> => {
    if (closed) return Promise.resolve();
    running ??= (async () => {
      try {
        const result = await dispatchScheduledEmails(db, links, clock());
        const { reminders, summaries, digests } = result;
        const decided = Object.values(reminders).reduce((a, b) => a + b, 0);
        if (decided + summaries + digests > 0)
          log.info({ reminders, summaries, digests }, "scheduled emails dispatched");
        onSweep?.(result);
      } catch (err) {
        log.warn(
          { err: (err as Error).message },
          "could not dispatch scheduled emails; will retry",
        );
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return {
    runNow,
    close: async () => {
      closed = true;
      await running;
    },
  };
}
