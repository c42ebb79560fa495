/**
 * A reminder's way into practice, as a client meets it: the real worker sends the reminder
 * into the maildev mail catcher (what `npm start` runs), the email is opened in maildev's own
 * page in Chromium, and its link leads the signed-in client straight into the practice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { FieldCipher } from "@tend/db";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../test/support/redis-server.ts";
import { type RunningApi, startApi } from "./support/api-server.ts";
import { launchBrowser } from "./support/browser.ts";
import {
  inviteClientOverHttp,
  signInContext,
  signUpTherapistOverHttp,
  trpcMutation,
  trpcQuery,
} from "./support/practice-setup.ts";

const root = path.resolve(import.meta.dirname, "..");
const AUTH_SECRET = "e2e-reminder-link-secret-0123456789abcdef";
const DATA_ENCRYPTION_KEY = FieldCipher.generateSpec("e2e1");

let api: RunningApi;
let browser: Browser;
const children: ChildProcess[] = [];
let mailWeb = "";
let smtpPort = 0;

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(args[0]!, args.slice(1), {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  api = await startApi({ AUTH_SECRET, DATA_ENCRYPTION_KEY });
  smtpPort = await freePort();
  const webPort = await freePort();
  mailWeb = `http://127.0.0.1:${webPort}`;
  start([
    path.join(root, "node_modules/.bin/maildev"),
    "--smtp",
    String(smtpPort),
    "--web",
    String(webPort),
    "--ip",
    "127.0.0.1",
    "--web-ip",
    "127.0.0.1",
  ]);
  await until("maildev", async () => ((await fetch(`${mailWeb}/api/email`)).ok ? true : undefined));
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const child of children) child.kill("SIGKILL");
  await api?.stop();
});

describe("a reminder in the mail catcher", () => {
  it("opens in maildev and its link starts the practice for the signed-in client", async () => {
    const therapist = await signUpTherapistOverHttp(api, {
      name: "Rae Reminder",
      email: "rae@example.com",
      password: "a calm river 2026",
    });
    const client = await inviteClientOverHttp(api, therapist, {
      name: "Lou Client",
      email: "lou@example.com",
      password: "a quiet harbour 2026",
      timeZone: "UTC",
    });
    // No quiet hours, so the test does not depend on the time of day it runs.
    await trpcMutation(api, client, "me.updateClientSettings", {
      quietStart: "00:00",
      quietEnd: "00:00",
    });
    const library = await trpcQuery<Array<{ id: string; slug: string }>>(
      api,
      therapist,
      "exercise.listLibrary",
    );
    const lovedOne = library.find((e) => e.slug === "loved-one-test")!;
    const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 10);
    const assignment = await trpcMutation<{ id: string }>(api, therapist, "assignments.create", {
      clientId: client.id,
      exerciseId: lovedOne.id,
      schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["08:00"] },
      startDate: yesterday,
    });
    // Make its next planned practice a minute ago, so the worker reminds now.
    const occurrence = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
    await api.db.db
      .updateTable("assignment")
      .set({ next_occurrence_at: occurrence, next_reminder_at: occurrence })
      .where("id", "=", assignment.id)
      .execute();

    start([process.execPath, "--import", "tsx", "apps/worker/src/main.ts"], {
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      DATABASE_URL: api.db.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_URL: api.url,
      AUTH_SECRET,
      DATA_ENCRYPTION_KEY,
      QUEUE_PREFIX: `e2e-reminder-${Date.now()}`,
      REMINDER_SWEEP_MS: "300",
      OUTBOX_POLL_MS: "300",
      OPS_PORT: "0",
      DATA_DIR: path.join(root, ".data/test"),
    });
    const subject = await until(
      "the reminder in maildev",
      async () => {
        const mails = (await (await fetch(`${mailWeb}/api/email`)).json()) as Array<{
          subject: string;
          to: Array<{ address: string }>;
        }>;
        // The invitation went to this address too: the reminder is the one about the exercise.
        return mails.find(
          (m) =>
            m.to.some((t) => t.address === "lou@example.com") && /loved-one test/i.test(m.subject),
        )?.subject;
      },
      60_000,
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signInContext(context, api, client);
    const page = await context.newPage();
    await page.goto(mailWeb);
    await page.getByText(subject).first().click();
    const link = page.frameLocator("iframe").first().locator('a[href*="/today?start="]').first();
    const href = await link.getAttribute("href", { timeout: 15_000 });
    expect(href).toBe(`${api.url}/today?start=${assignment.id}`);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(href!);
    await page.waitForURL(/\/practice\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page
      .getByRole("heading", { name: /loved-one test/i })
      .first()
      .waitFor();
    const entries = await trpcQuery<Array<{ assignmentId: string | null; status: string }>>(
      api,
      client,
      "entries.mine",
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ assignmentId: assignment.id, status: "draft" }),
    );
    await context.close();
  }, 120_000);
});
