// A clock tests move by hand, and a way to know the worker has swept since the last move.
import type { ScheduledEmailsResult } from "../jobs/dispatch-scheduled-emails.ts";
import { until } from "./email-runtime.ts";

export type TestClock = { now: () => Date; set: (at: Date | string) => void };

export function testClock(start: Date | string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
  };
}

/**
 * Watches a runtime's reminder sweeps. `settled(clock)` waits for a sweep that read the clock's
 * current time and finished (so everything due by then has been decided and written).
 */
export function sweepCounter() {
  let count = 0;
  let lastNow = Number.NaN;
  return {
    onReminderSweep: (result: ScheduledEmailsResult) => {
      count++;
      lastNow = result.now.getTime();
    },
    get count() {
      return count;
    },
    settled: async (clock: TestClock, timeoutMs = 10_000) => {
      const at = clock.now().getTime();
      const from = count;
      await until(() => count > from && lastNow === at, {
        timeoutMs,
        what: `a reminder sweep at ${new Date(at).toISOString()}`,
      });
    },
  };
}
