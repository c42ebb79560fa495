// Profile the API under load on one target: `npx tsx bench/profile-api.ts --target today [--seconds 10]`.
// Starts the API with --cpu-prof on tend_bench (seeded), signs a sample in, loads the target with
// autocannon, stops the API and prints the top functions of the profile (bench/lib/profile-top.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { load, pickSample, signInMany } from "./api.ts";
import {
  BENCH_AUTH_SECRET,
  BENCH_DATA_KEY,
  BENCH_DB,
  BENCH_ORIGIN,
  databaseUrl,
  repoRoot,
} from "./lib/env.ts";
import { startApi } from "./lib/processes.ts";

const { values } = parseArgs({
  options: {
    target: { type: "string", default: "today" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    dir: { type: "string", default: path.join(os.tmpdir(), "tend-api-profile") },
    // Print the API's garbage collections during the load (pauses longer than 5 ms, and a tally).
    "trace-gc": { type: "boolean", default: false },
    // More flags for the API's node, e.g. --node-arg=--max-semi-space-size=16 (repeatable).
    "node-arg": { type: "string", multiple: true, default: [] },
  },
});
const url = databaseUrl(BENCH_DB);
const dir = String(values.dir);
mkdirSync(dir, { recursive: true });
const api = await startApi(
  {
    DATABASE_URL: url,
    PUBLIC_URL: BENCH_ORIGIN,
    AUTH_SECRET: BENCH_AUTH_SECRET,
    DATA_ENCRYPTION_KEY: BENCH_DATA_KEY,
    TRUST_PROXY: "true",
  },
  "api",
  [
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
    ...(values["trace-gc"] ? ["--trace-gc"] : []),
    ...values["node-arg"],
  ],
);
try {
  const sample = await pickSample(url, { clients: 50, therapists: 25 });
  const target = String(values.target);
  const paths: Record<string, { path: (i: number) => string; emails: string[] }> = {
    hello: { path: () => "/livez", emails: [] },
    noop: { path: () => "/trpc/meta.ping", emails: [] },
    today: { path: () => "/trpc/practice.today", emails: sample.clientEmails },
    clients: { path: () => "/trpc/clients.list", emails: sample.therapists.map((t) => t.email) },
    review: {
      path: (i) =>
        `/trpc/review.bundle?input=${encodeURIComponent(JSON.stringify({ clientId: sample.therapists[i % sample.therapists.length]!.clientId }))}`,
      emails: sample.therapists.map((t) => t.email),
    },
  };
  const t = paths[target];
  if (!t) throw new Error(`--target is one of ${Object.keys(paths).join(", ")}`);
  const signed = await signInMany(api.url, t.emails);
  // Keep each therapist's cookie with their own client (signInMany may reorder).
  const byEmail = new Map(signed.map((s) => [s.email, s.cookie]));
  const cookies = t.emails.map((e) => byEmail.get(e)!);
  const logsBefore = api.logs.length;
  const r = await load(
    api.url,
    { path: t.path, cookies },
    { connections: Number(values.connections), durationS: Number(values.seconds) },
  );
  console.log(
    `${target}: ${r.rps.toFixed(0)} req/s p50 ${r.p50} p99 ${r.p99} errors ${r.errors} (${r.tail})`,
  );
  if (values["trace-gc"]) printGcTally(api.logs.slice(logsBefore).join(""));
} finally {
  await api.stop();
}
const newest = readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .sort()
  .at(-1);
if (newest) {
  const file = path.join(dir, newest);
  console.log(`profile: ${file}`);
  console.log(
    execFileSync(process.execPath, ["--import", "tsx", "bench/lib/profile-top.ts", file], {
      cwd: repoRoot,
      encoding: "utf8",
    }),
  );
}

/** `--trace-gc` lines look like `[pid:0x..]  1234 ms: Scavenge 40.1 (52.3) -> 38.2 (52.3) MB, 1.25 / 0.00 ms ...`. */
function printGcTally(text: string) {
  const kinds = new Map<string, { n: number; ms: number; max: number }>();
  for (const m of text.matchAll(/ms: ([A-Za-z-]+(?: [a-z-]+)?)[^,]*, ([\d.]+) \/ [\d.]+ ms/g)) {
    const kind = m[1]!;
    const ms = Number(m[2]);
    const k = kinds.get(kind) ?? { n: 0, ms: 0, max: 0 };
    k.n++;
    k.ms += ms;
    k.max = Math.max(k.max, ms);
    kinds.set(kind, k);
  }
  for (const [kind, k] of kinds)
    console.log(
      `gc ${kind.padEnd(24)} ${String(k.n).padStart(6)}×  total ${k.ms.toFixed(0)} ms  longest ${k.max.toFixed(1)} ms`,
    );
}
