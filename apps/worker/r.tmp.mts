import { createTestDatabase } from "@tend/db/testing";
import pino from "pino";
import { startSmtpSink } from "../../test/support/smtp-sink.ts";
import { seedDueReminders } from "./src/testing/seed.ts";
import { startWorkerRuntime } from "./src/runtime.ts";
import { testCipher } from "./src/testing/email-runtime.ts";
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
const t = await createTestDatabase();
const sink = await startSmtpSink();
await seedDueReminders(t.db, { count: 300, dueAt: new Date(Date.now() - 1000) });
const t0 = performance.now();
let n = 0;
const outcomes: Record<string, number> = {};
const rt = await startWorkerRuntime({ db: t.db, log: pino({ level: process.env.LL ?? "warn" }), redisUrl: "redis://127.0.0.1:6379", prefix: "dbg" + Date.now(), sweepEveryMs: 60000, databaseUrl: t.url, smtpUrl: sink.url, mailFrom: "Tend <no-reply@tend.local>", outboxPollMs: 5000, links: { publicUrl: "http://x.test", linkSecret: "s".repeat(40) }, cipher: testCipher(), reminderSweepMs: 30000,
  onReminderSweep: (r) => console.log("sweep done", (performance.now() - t0).toFixed(0), JSON.stringify(r.reminders)),
  onEmail: (_id, o) => { n++; outcomes[o] = (outcomes[o] ?? 0) + 1; if (n % 50 === 0) console.log(n, (performance.now() - t0).toFixed(0), JSON.stringify(outcomes)); } });
while (sink.messages.length < 300) await new Promise((r) => setTimeout(r, 50));
console.log("all", (performance.now() - t0).toFixed(0));
await rt.close(); await sink.close(); await t.drop();
