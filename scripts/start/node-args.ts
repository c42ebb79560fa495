/**
 * How production runs the built api and worker: `node <these> apps/<app>/dist/main.js`.
 * `npm start` and the bench use them; the apps' `npm start` scripts and the README spell out the
 * same flags.
 *
 * - `--enable-source-maps`: stack traces point at the TypeScript sources.
 * - V8 heap sizing. With its defaults (sized for the whole machine) V8 lets garbage pile up
 *   to 150-250 MB under load before it collects, while what the api keeps alive under the
 *   bench's load is ~60 MB (heap after a forced GC). A smaller ceiling makes V8 collect sooner
 *   and grow the heap less each time. Measured on the built apps (`npm run bench`, api section,
 *   and `npm run bench:reminders -- --n 20000`): api peak RSS ~300 → ~165 MiB, worker ~260 →
 *   ~145 MiB, throughput the same within this machine's run-to-run noise.
 *   `--max-old-space-size` is a hard ceiling: a process whose live heap nears 256 MB stops
 *   with "JavaScript heap out of memory". Raise it if what you keep in memory grows.
 */
export const PRODUCTION_NODE_ARGS = [
  "--enable-source-maps",
  "--max-semi-space-size=8",
  "--max-old-space-size=256",
] as const;
