import { benchApi } from "./api.ts";
import { BENCH_AUTH_SECRET, BENCH_DATA_KEY, BENCH_ORIGIN, databaseUrl } from "./lib/env.ts";
import { startApi } from "./lib/processes.ts";
import { Results } from "./lib/results.ts";
const url = databaseUrl("tend_bench");
const api = await startApi({ DATABASE_URL: url, PUBLIC_URL: BENCH_ORIGIN, AUTH_SECRET: BENCH_AUTH_SECRET, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY, TRUST_PROXY: "true", WEB_DIST: "/nonexistent" }, "api", process.argv.includes("--prof") ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []);
const r = new Results();
try {
  await benchApi(api.url, url, r, { connections: 50, durationS: Number(process.env.D ?? 5), warmupS: 1, clients: 40, therapists: 20 });
} finally { console.log("peak MB", api.peakMb().toFixed(0)); await api.stop(); }
console.log(r.table());
