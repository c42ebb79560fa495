import { setTimeout as delay } from "node:timers/promises";

/**
 * Poll `check` until it is true (→ true) or `timeoutMs` passes (→ false).
 * Rejects as soon as `signal` aborts, i.e. when shutdown begins.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; signal: AbortSignal; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal.throwIfAborted();
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await delay(options.intervalMs ?? 200, undefined, { signal: options.signal });
  }
}

/** Does `url` answer 200 within a second? */
export async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
