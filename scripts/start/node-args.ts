/**
 * How production runs the built api and worker: `node <these> apps/<app>/dist/main.js`.
 * `npm start` and the bench use them; the apps' `npm start` scripts and the README spell out the
 * same flags.
 *
 * - `--enable-source-maps`: stack traces point at the TypeScript sources.
 * - V8 heap sizing. Under load V8 lets garbage pile up to hundreds of MB before it collects
 *   (its default limits are sized for the whole machine), while what the api and the worker
 *   keep alive is ~60 MB. A smaller ceiling makes V8 collect sooner and grow the heap less
 *   each time; it stays far above what either process needs, so it is no risk of running
 *   out. Measured in the bench (see BENCHMARKS.md): peak RSS down by more than half,
 *   throughput unchanged within the noise.
 */
export const PRODUCTION_NODE_ARGS = [
  "--enable-source-maps",
  "--max-semi-space-size=8",
  "--max-old-space-size=256",
] as const;
