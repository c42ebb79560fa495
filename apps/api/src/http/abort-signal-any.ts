/**
 * `AbortSignal.any` the way tRPC's own fallback does it: the combined signal listens to its
 * sources, and stops listening once it has aborted.
 *
 * tRPC combines two signals on every call. Node 20's built-in `AbortSignal.any` makes the combined
 * signal transferable and tracks it with WeakRefs and a FinalizationRegistry, and that costs about
 * a fifth of a small tRPC call's CPU (BENCHMARKS.md). The API process therefore uses this one
 * (`installListeningAbortSignalAny`, called by main.ts).
 *
 * There is one difference from the built-in. Here, a source keeps the combined signal alive until
 * either of them aborts. That is fine for signals that live as long as a request, as tRPC's do.
 * Never combine a signal that lives for the whole process over and over.
 */
export function anySignal(signals: Iterable<AbortSignal>): AbortSignal {
  const sources = [...signals];
  const controller = new AbortController();
  const aborted = sources.find((s) => s.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const onAbort = function (this: AbortSignal) {
    for (const s of sources) s.removeEventListener("abort", onAbort);
    controller.abort(this.reason);
  };
  for (const s of sources) s.addEventListener("abort", onAbort);
  return controller.signal;
}

/** Replace `AbortSignal.any` in this process (the API's main.ts; see above). */
export function installListeningAbortSignalAny(): void {
  AbortSignal.any = anySignal;
}
