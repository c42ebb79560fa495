import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousA11yViolations } from "./support/accounts.ts";
import { type RunningApi, startApi } from "./support/api-server.ts";
import { launchBrowser } from "./support/browser.ts";
import {
  inviteClientOverHttp,
  type Session,
  signInContext,
  signUpTherapistOverHttp,
  trpcMutation,
  trpcQuery,
} from "./support/practice-setup.ts";

// Practice end to end, in real Chromium against the real API on a fresh database: the
// therapist assigns the loved-one test on the client's page; the client practises it on a
// phone-sized screen, shares it and flags it; the therapist reads it. Then privacy: words the
// client kept private never reach the therapist's browser, not even inside a response.

let api: RunningApi;
let browser: Browser;
const contexts: BrowserContext[] = [];
let therapist: Session;
let client: Session;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SCALES = [
  ["stuck", "motivated"],
  ["powerless", "empowered"],
  ["dismissed", "validated"],
] as const;
const HARSH = "I am hopeless, I never finish anything I start.";
const KINDER = "You had a hard week and still showed up. That counts for a lot.";

async function pageFor(session: Session, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await signInContext(context, api, session);
  return context.newPage();
}

function question(version: "harsh" | "kinder", left: string, right: string) {
  return `How did the ${version} version feel: ${left} (0) to ${right} (10)`;
}

async function expectNoSeriousA11yProblems(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

beforeAll(async () => {
  api = await startApi();
  browser = await launchBrowser();
  therapist = await signUpTherapistOverHttp(api, {
    name: "Dr. Mira Solberg",
    email: "mira@example.test",
    password: "gentle tide evening",
  });
  client = await inviteClientOverHttp(api, therapist, {
    name: "Sam Ortiz",
    email: "sam@example.test",
    password: "paper boats drifting",
    timeZone: "Europe/London",
  });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await api?.stop();
});

describe("practice in Chromium", () => {
  it("the library shows an exercise as the client will see it (axe on library and preview)", async () => {
    const page = await pageFor(therapist, DESKTOP);
    await page.goto(`${api.url}/library`);
    await page.getByRole("list", { name: "Exercises" }).waitFor();
    await expectNoSeriousA11yProblems(page);

    await page.getByRole("link", { name: "Preview The loved-one test" }).click();
    await page.getByRole("heading", { level: 1, name: "The loved-one test" }).waitFor();
    const preview = page.getByRole("region", { name: "The loved-one test" });
    expect(await preview.getByText("Step 1 of 6").isVisible()).toBe(true);
    await expectNoSeriousA11yProblems(page);
    // The therapist can step through without answering, to the same rating screen the client gets.
    for (let i = 0; i < 4; i++) await preview.getByRole("button", { name: "Next" }).click();
    await preview.getByText("Step 5 of 6").waitFor();
    await preview
      .getByRole("radiogroup", { name: question("kinder", "stuck", "motivated") })
      .waitFor();
    expect(await page.getByRole("link", { name: "Make my own copy" }).isVisible()).toBe(true);
  });

  it("the therapist assigns the loved-one test on the client's page (axe on the form)", async () => {
    const page = await pageFor(therapist, DESKTOP);
    await page.goto(`${api.url}/clients/${client.id}`);
    await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    const form = page.getByRole("form", { name: `Assign an exercise to ${client.name}` });
    await form.getByLabel("Exercise").selectOption({ label: "The loved-one test" });
    await form.getByLabel("A personal note (optional)").fill("Go gently; rough words are fine.");
    // Every day, so it is planned for today whatever day the test runs.
    for (const day of ["Tuesday", "Thursday", "Saturday", "Sunday"])
      await form.getByRole("checkbox", { name: day }).check();
    await form.getByRole("button", { name: "Add another time" }).click();
    await form.getByLabel("Time 2", { exact: true }).fill("18:30");
    await expectNoSeriousA11yProblems(page);
    await form.getByRole("button", { name: "Assign" }).click();

    await page
      .getByRole("status")
      .getByText("The loved-one test is now on Sam Ortiz's Today.")
      .waitFor();
    const list = page.getByRole("list", { name: "Sam Ortiz's practice" });
    await list.getByText("Every day at 08:00 and 18:30").waitFor();
    expect(await list.getByText("Go gently; rough words are fine.").isVisible()).toBe(true);
  });

  it("the client practises it on a phone: harsh words, a kinder version, both rated; shares and flags it", async () => {
    const page = await pageFor(client, PHONE);
    await page.goto(`${api.url}/today`);
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    const planned = page.getByRole("region", { name: "Planned for today" });
    await planned.getByText("The loved-one test").first().waitFor();
    expect(await planned.getByText("Go gently; rough words are fine.").first().isVisible()).toBe(
      true,
    );
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toMatch(/\b(overdue|missed|late|streak)\b|%/i);
    await expectNoSeriousA11yProblems(page);

    await planned.getByRole("button", { name: "Start The loved-one test" }).first().click();
    await page.waitForURL(/\/practice\/[0-9a-f-]+$/);
    const flow = page.getByRole("region", { name: "The loved-one test" });
    await flow.getByText("Step 1 of 6").waitFor();
    // Kindness can stir up old pain: said gently on the first screen; urgent help is in the footer.
    expect(await flow.getByText(/stir up old hurts/).isVisible()).toBe(true);
    expect(await page.getByRole("contentinfo").textContent()).toMatch(/emergency/);
    await expectNoSeriousA11yProblems(page);

    await flow.getByRole("button", { name: "Next" }).click();
    await flow.getByText("Step 2 of 6").waitFor();
    await flow.getByRole("button", { name: "Next" }).click();
    await flow.getByText("Step 3 of 6").waitFor();
    // A required step asks gently instead of moving on empty.
    await flow.getByRole("button", { name: "Next" }).click();
    await flow
      .getByRole("status")
      .getByText(/A few words are enough/)
      .waitFor();
    await flow.getByLabel(/What did you tell yourself/).fill(HARSH);

    // Leave half-way: the draft is saved, and Today offers to continue.
    await page.waitForResponse((r) => r.url().includes("practice.saveDraft") && r.ok());
    await page.getByRole("link", { name: "Come back to this later" }).click();
    await page.waitForURL(/\/today$/);
    const resume = page.getByRole("region", { name: "Continue where you left off" });
    await resume.getByRole("link", { name: "Continue The loved-one test" }).click();
    await flow.getByText("Step 3 of 6").waitFor();
    expect(await flow.getByLabel(/What did you tell yourself/).inputValue()).toBe(HARSH);

    await flow.getByRole("button", { name: "Next" }).click();
    await flow.getByText("Step 4 of 6").waitFor();
    expect(await flow.getByText(HARSH).isVisible()).toBe(true);
    await flow
      .getByLabel(/What would you say to your person|Now write what you would say/)
      .fill(KINDER);
    await flow.getByRole("button", { name: "Next" }).click();
    await flow.getByText("Step 5 of 6").waitFor();

    // Each scale is a real radio group with both ends named; arrow keys move along it.
    const first = flow.getByRole("radiogroup", { name: question("harsh", "stuck", "motivated") });
    await first.getByRole("radio", { name: "0 (stuck)" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await first.getByRole("radio", { name: "2", exact: true }).isChecked()).toBe(true);
    for (const [i, [left, right]] of SCALES.entries()) {
      await flow
        .getByRole("radiogroup", { name: question("harsh", left, right) })
        .getByRole("radio", { name: String(2 + i), exact: true })
        .check();
      await flow
        .getByRole("radiogroup", { name: question("kinder", left, right) })
        .getByRole("radio", { name: String(7 + i), exact: true })
        .check();
    }
    await expectNoSeriousA11yProblems(page);
    await flow.getByRole("button", { name: "Next" }).click();
    await flow.getByText("Step 6 of 6").waitFor();
    await flow.getByRole("button", { name: "Finish" }).click();

    await page.getByRole("heading", { name: "Thank you for taking this time" }).waitFor();
    const share = page.getByRole("switch", { name: `Share with ${therapist.name}` });
    expect(await share.isChecked()).toBe(false);
    await expectNoSeriousA11yProblems(page);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("entries.setSharing") && r.ok()),
      share.check(),
    ]);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("entries.setFlag") && r.ok()),
      page.getByRole("switch", { name: "Bring this to our next session" }).check(),
    ]);
    await page.getByRole("button", { name: "Done" }).click();
    await page.waitForURL(/\/today$/);
    await page.getByText("You've practised once this week.").waitFor();
    expect(await page.getByRole("region", { name: "Continue where you left off" }).count()).toBe(0);
  });

  it("the therapist sees the shared entry: both versions, their ratings, and the flag", async () => {
    const page = await pageFor(therapist, DESKTOP);
    await page.goto(`${api.url}/clients/${client.id}`);
    const shared = page.getByRole("list", { name: "Shared entries" });
    const entry = shared.getByRole("article", { name: "The loved-one test" });
    await entry.waitFor();
    expect(await entry.getByText(HARSH).isVisible()).toBe(true);
    expect(await entry.getByText(KINDER).isVisible()).toBe(true);
    expect(await entry.getByText("To talk about in your next session").isVisible()).toBe(true);
    const text = (await entry.textContent()) ?? "";
    expect(text).toContain(
      "Harsh words, stuck to motivated: 2 on a scale from stuck (0) to motivated (10)",
    );
    expect(text).toContain("Kinder version, dismissed to validated: 9 on a scale");
    await expectNoSeriousA11yProblems(page);
  });

  it("words kept private never reach the therapist's browser; only the date and exercise do", async () => {
    const canary = `CANARY-${randomBytes(6).toString("hex")}`;
    const assignments = await trpcQuery<Array<{ id: string }>>(
      api,
      therapist,
      "assignments.listForClient",
      { clientId: client.id },
    );
    const entry = await trpcMutation<{ id: string }>(api, client, "practice.start", {
      assignmentId: assignments[0]!.id,
    });
    const ratings = { "stuck-motivated": 4, "powerless-empowered": 4, "dismissed-validated": 4 };
    await trpcMutation(api, client, "practice.complete", {
      entryId: entry.id,
      answers: {
        reframe: {
          harsh: `harsh ${canary}`,
          kinder: `kinder ${canary}`,
          harshRatings: ratings,
          kinderRatings: ratings,
        },
        noticed: `noticed ${canary}`,
      },
    });
    // The client sees their own words in their history, marked private.
    const own = await pageFor(client, PHONE);
    await own.goto(`${api.url}/history`);
    await own.getByRole("list", { name: "Your entries" }).waitFor();
    expect(await own.getByText("Private", { exact: true }).count()).toBe(1);
    expect(await own.getByText(`harsh ${canary}`).count()).toBe(1);

    const page = await pageFor(therapist, DESKTOP);
    const bodies: Promise<string>[] = [];
    page.on("response", (res) => {
      bodies.push(res.text().catch(() => ""));
    });
    await page.goto(`${api.url}/clients/${client.id}`);
    const log = page.getByRole("list", { name: "Private practice" });
    await log.getByText("The loved-one test").waitFor();
    expect(await log.getByRole("listitem").count()).toBe(1);
    expect(await page.content()).not.toContain(canary);
    const received = await Promise.all(bodies);
    expect(received.length).toBeGreaterThan(3);
    for (const body of received) expect(body).not.toContain(canary);
  });

  it("in their history the client deletes an entry (after confirming) and takes a share back", async () => {
    const page = await pageFor(client, PHONE);
    await page.goto(`${api.url}/history`);
    const list = page.getByRole("list", { name: "Your entries" });
    await list.waitFor();
    expect(await list.getByRole("article").count()).toBe(2);
    await expectNoSeriousA11yProblems(page);

    const kept = list.getByRole("article").filter({ hasText: /^(?!.*Shared with)/ });
    await kept
      .first()
      .getByRole("button", { name: /^Delete The loved-one test/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Delete this entry?" });
    await dialog.getByRole("button", { name: "Keep it" }).waitFor();
    await expectNoSeriousA11yProblems(page);
    await dialog.getByRole("button", { name: "Delete for good" }).click();
    await expect.poll(() => list.getByRole("article").count()).toBe(1);

    const share = list.getByRole("switch", { name: `Share with ${therapist.name}` });
    expect(await share.isChecked()).toBe(true);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("entries.setSharing") && r.ok()),
      share.uncheck(),
    ]);
    const seen = await trpcQuery<{ shared: unknown[]; privatePractice: unknown[] }>(
      api,
      therapist,
      "entries.forClient",
      { clientId: client.id },
    );
    expect(seen.shared).toEqual([]);
    expect(seen.privatePractice).toHaveLength(1);
  });
});
