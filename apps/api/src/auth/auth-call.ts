import type { AsyncLocalStorage } from "node:async_hooks";
import {
  getCurrentAuthContextAsyncLocalStorage,
  getCurrentDBAdapterAsyncLocalStorage,
  getRequestStateAsyncLocalStorage,
} from "@better-auth/core/context";

/**
 * better-auth keeps the state of each of its calls in AsyncLocalStorage. On Node 20, once a
 * storage has been used, promise hooks stay on for the whole process, and every promise of
 * every later request pays for them. On a small tRPC call that is about a quarter of its CPU
 * (BENCHMARKS.md). Yet better-auth answers only a few requests: signing in and out, a session
 * that slides, account changes.
 *
 * So every call into better-auth goes through `authCall`. Whenever no call of it is running,
 * its storages are switched off again, and its next call switches them back on
 * (`AsyncLocalStorage.run` does that). None of better-auth's work outlives the call: we
 * configure no background tasks, so it awaits its emails and hooks inside the call.
 */
let running = 0;
let storages: Promise<AsyncLocalStorage<unknown>[]> | undefined;

function betterAuthStorages(): Promise<AsyncLocalStorage<unknown>[]> {
  storages ??= Promise.all([
    getRequestStateAsyncLocalStorage(),
    getCurrentAuthContextAsyncLocalStorage(),
    getCurrentDBAdapterAsyncLocalStorage(),
  ]) as Promise<AsyncLocalStorage<unknown>[]>;
  return storages;
}

export async function authCall<T>(call: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await call();
  } finally {
    running--;
    if (running === 0) {
      const list = await betterAuthStorages();
      // Another call may have begun while the storages were fetched (only the first time).
      if (running === 0) for (const storage of list) storage.disable();
    }
  }
}

/** Calls of better-auth running now (for tests). */
export function authCallsRunning(): number {
  return running;
}
