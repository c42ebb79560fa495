import { load, pickSample, signInMany } from "./api.ts";
import { BENCH_AUTH_SECRET, BENCH_DATA_KEY, BENCH_ORIGIN, databaseUrl } from "./lib/env.ts";
import { startApi } from "./lib/processes.ts";
const url = databaseUrl("tend_bench");
const api = await startApi({ DATABASE_URL: url, PUBLIC_URL: BENCH_ORIGIN, AUTH_SECRET: BENCH_AUTH_SECRET, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY, TRUST_PROXY: "true", WEB_DIST: "/nonexistent", ...(process.env.SLOW ? { BENCH_SLOW_SESSION: "1" } : {}) }, "api", process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []);
const which = process.env.T ?? "today";
try {
  const s = await pickSample(url, { clients: 20, therapists: 1 });
  const cs = await signInMany(api.url, s.clientEmails);
  const path = which === "noop" ? "/trpc/meta.ping" : "/trpc/practice.today";
  const r = await load(api.url, { path: () => path, cookies: cs.map((c) => c.cookie) }, { connections: 50, durationS: 8 });
  console.log(r);
} finally { await api.stop(); }
