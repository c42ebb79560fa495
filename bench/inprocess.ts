// In-process request cost: the real app (createApp) on tend_bench, requests through app.request
// (no sockets, no autocannon), K at a time. Prints req/s per target and, with --profile, the top
// functions of a CPU profile taken only while the target runs.
//   npx tsx bench/inprocess.ts --targets noop,today,clients,review --seconds 5 --profile
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, FieldCipher } from "@tend/db";
import pino from "pino";
import { createApp } from "../apps/api/src/app.ts";
import { createAuth } from "../apps/api/src/auth/auth.ts";
import type { SessionRow } from "../apps/api/src/auth/session.ts";
import { startChangeFeed } from "../apps/api/src/cache/change-feed.ts";
import { createSessionCache } from "../apps/api/src/cache/session-cache.ts";
import { readApiEnv } from "../apps/api/src/env.ts";
import { installListeningAbortSignalAny } from "../apps/api/src/http/abort-signal-any.ts";
import { pickSample } from "./api.ts";
import {
  BENCH_AUTH_SECRET,
  BENCH_DATA_KEY,
  BENCH_DB,
  BENCH_ORIGIN,
  BENCH_PASSWORD,
  databaseUrl,
} from "./lib/env.ts";

const { values } = parseArgs({
  options: {
    targets: { type: "string", default: "hello,noop,today,clients,review" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "20" },
    profile: { type: "boolean", default: false },
  },
});
// As main.ts.
installListeningAbortSignalAny();
const url = databaseUrl(BENCH_DB);
const env = readApiEnv({
  NODE_ENV: "production",
  DATABASE_URL: url,
  PUBLIC_URL: BENCH_ORIGIN,
  AUTH_SECRET: BENCH_AUTH_SECRET,
  DATA_ENCRYPTION_KEY: BENCH_DATA_KEY,
  TRUST_PROXY: "true",
  LOG_LEVEL: "warn",
});
const log = pino({ level: "warn" });
const db = createDb(env.DATABASE_URL, { applicationName: "tend-bench-inprocess" });
const auth = createAuth({ db, env, log });
const cipher = FieldCipher.fromSpec(env.DATA_ENCRYPTION_KEY);
// As main.ts: sessions kept while the change feed is live.
const changes = startChangeFeed({ connectionString: url, log });
const sessions = createSessionCache<SessionRow>(changes);
const app = createApp({ db, log, config: env, auth, cipher, sessions });

let ip = 0;
async function signIn(email: string) {
  ip++;
  const res = await app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: BENCH_ORIGIN,
      "x-forwarded-for": `198.19.${(ip >> 8) & 255}.${ip & 255}`,
    },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
  const line = res.headers.getSetCookie().find((c) => /session_token=/.test(c.split(";")[0]!));
  return line!.split(";")[0]!;
}

const sample = await pickSample(url, { clients: 20, therapists: 10 });
const clientCookies: string[] = [];
for (const e of sample.clientEmails) clientCookies.push(await signIn(e));
const therapists: Array<{ cookie: string; clientId: string }> = [];
for (const t of sample.therapists)
  therapists.push({ cookie: await signIn(t.email), clientId: t.clientId });

const targets: Record<string, (i: number) => [string, string | undefined]> = {
  hello: () => ["/livez", undefined],
  noop: () => ["/trpc/meta.ping", undefined],
  today: (i) => ["/trpc/practice.today", clientCookies[i % clientCookies.length]],
  clients: (i) => ["/trpc/clients.list", therapists[i % therapists.length]!.cookie],
  review: (i) => {
    const t = therapists[i % therapists.length]!;
    return [
      `/trpc/review.bundle?input=${encodeURIComponent(JSON.stringify({ clientId: t.clientId }))}`,
      t.cookie,
    ];
  },
};

async function run(name: string, ms: number) {
  const make = targets[name]!;
  let i = 0;
  let done = 0;
  const until = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      while (performance.now() < until) {
        const [p, cookie] = make(i++);
        const res = await app.request(`http://127.0.0.1${p}`, {
          headers: cookie ? { cookie } : {},
        });
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

const session = new Session();
session.connect();
for (const name of String(values.targets).split(",")) {
  await run(name, 1000); // warm-up
  if (values.profile) {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const rps = await run(name, Number(values.seconds) * 1000);
  console.log(
    `${name.padEnd(8)} ${rps.toFixed(0).padStart(6)} req/s (in process, ${values.concurrency} at a time)`,
  );
  if (values.profile) {
    const { profile } = await session.post("Profiler.stop");
    const file = path.join(os.tmpdir(), `tend-inprocess-${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  profile: ${file}`);
  }
}
await changes.close();
await db.destroy();
process.exit(0);
