// The production build: `npm run build -w @tend/worker` bundles src/main.ts (with the React Email
// templates and the workspace packages) into dist/main.js, which `npm start`, the bench and the
// README run. Every other test runs the sources, so a broken bundle would go unseen: this test
// builds it, lets it send reminders, opens its lazily loaded queue dashboard, and stops it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestRedis, freePort, type TestRedis } from "../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/support/smtp-sink.ts";
import {
  countByKey,
  TEST_ENCRYPTION_KEY,
  TEST_LINK_SECRET,
  until,
} from "./testing/email-runtime.ts";
import { type AppProcess, startApp } from "./testing/processes.ts";
import { reminderKey, seedDueReminders } from "./testing/seed.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const OPERATOR = { user: "operator", password: "built-worker-dashboard" };

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let dataDir: string;
let worker: AppProcess | undefined;

beforeAll(async () => {
  execFileSync("npm", ["run", "build", "-w", "@tend/worker"], { cwd: root, stdio: "pipe" });
  dataDir = mkdtempSync(path.join(tmpdir(), "tend-built-worker-"));
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
});
afterAll(async () => {
  await worker?.kill();
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it("runs from dist/main.js: sends due reminders, serves its dashboard, and stops cleanly", async () => {
  const dueAt = new Date(Date.now() - 5_000);
  const keys = (await seedDueReminders(t.db, { count: 5, dueAt })).map((a) =>
    reminderKey(a, dueAt),
  );
  const opsPort = await freePort();
  worker = startApp(
    "worker",
    {
      NODE_ENV: "production",
      DATABASE_URL: t.url,
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      QUEUE_PREFIX: "built-worker",
      PUBLIC_URL: "http://tend.test",
      AUTH_SECRET: TEST_LINK_SECRET,
      DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      DATA_DIR: dataDir,
      OUTBOX_POLL_MS: "200",
      REMINDER_SWEEP_MS: "200",
      OPS_PORT: String(opsPort),
      OPERATOR_USER: OPERATOR.user,
      OPERATOR_PASSWORD: OPERATOR.password,
    },
    { built: true },
  );
  expect(worker.child.spawnargs).toContain("apps/worker/dist/main.js");
  const logs = () => worker!.logs.join("").slice(-3000);

  // Rendered by the bundled React Email templates and sent over SMTP, once each.
  await until(() => keys.every((k) => countByKey(sink, k) >= 1), {
    timeoutMs: 30_000,
    what: "every reminder received",
  });
  expect(
    keys.map((k) => countByKey(sink, k)),
    logs(),
  ).toEqual(keys.map(() => 1));
  expect(sink.messages[0]!.html).toContain("http://tend.test/");

  // bull-board is loaded on the dashboard's first request, from a chunk of its own.
  const auth = `Basic ${Buffer.from(`${OPERATOR.user}:${OPERATOR.password}`).toString("base64")}`;
  const page = await fetch(`http://127.0.0.1:${opsPort}/queues`, {
    headers: { authorization: auth },
  });
  expect(page.status, logs()).toBe(200);
  expect(await page.text()).toContain("<title>Tend queues</title>");

  await worker.stop();
  expect({ code: worker.child.exitCode, signal: worker.child.signalCode }, logs()).toEqual({
    code: 0,
    signal: null,
  });
}, 60_000);
