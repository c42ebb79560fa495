import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { weekOf } from "@tend/core";
import { signEmailLink } from "@tend/db";
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

// The review together, end to end in Chromium against the real API: a client with a few weeks
// of practice (some shared, one flagged, one weekly reflection, some kept private), the
// therapist's private session note, then the review screen as the therapist sees it: the
// figures a person reads there, nothing private, next steps adjusted on the spot. Also the
// client's progress and email settings pages, and the public unsubscribe / not-today pages.

const root = path.resolve(import.meta.dirname, "..");
const AUTH_SECRET = randomBytes(36).toString("base64url");
const TZ = "Europe/London";
const DAY = 24 * 3600_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Screenshots of every screen here, phone and desktop, for a person to look at (not kept in git). */
const shotsDir = path.join(root, "test-results/screenshots");

const NOTE_CANARY = `SESSION-NOTE-${randomBytes(5).toString("hex")}`;
const PRIVATE_CANARY = `PRIVATE-WORDS-${randomBytes(5).toString("hex")}`;
const FLAGGED_HARSH = "I always ruin everything at work.";
const FLAGGED_KINDER = "One meeting went badly. You prepared well and you can try again.";
const REFLECTION = "I noticed I was gentler with myself on the train home.";

let api: RunningApi;
let browser: Browser;
const contexts: BrowserContext[] = [];
let therapist: Session;
let client: Session;
const exerciseIds: Record<string, string> = {};
let lovedOneAssignment: string;
const completedAt: Array<{ at: Date; slug: string; shared: boolean }> = [];

type Ratings = [number, number, number];
const SCALES = ["stuck-motivated", "powerless-empowered", "dismissed-validated"] as const;

async function pageFor(session: Session | null, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  if (session) await signInContext(context, api, session);
  return context.newPage();
}

async function shot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

async function expectNoSeriousA11yProblems(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

function timesInWords(n: number) {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

/** The client practises one exercise over HTTP, then the entry is moved back `daysAgo` days. */
async function practise(
  slug: string,
  answers: Record<string, unknown>,
  daysAgo: number,
  { share = false, flag = false }: { share?: boolean; flag?: boolean } = {},
) {
  const entry = await trpcMutation<{ id: string }>(api, client, "practice.start", {
    exerciseId: exerciseIds[slug],
  });
  await trpcMutation(api, client, "practice.complete", { entryId: entry.id, answers });
  if (share) await trpcMutation(api, client, "entries.setSharing", { id: entry.id, shared: true });
  if (flag) await trpcMutation(api, client, "entries.setFlag", { id: entry.id, flagged: true });
  const at = new Date(Date.now() - daysAgo * DAY);
  await api.db.db
    .updateTable("entry")
    .set({
      started_at: new Date(at.getTime() - 10 * 60_000),
      updated_at: at,
      completed_at: at,
      ...(share ? { shared_at: at } : {}),
    })
    .where("id", "=", entry.id)
    .execute();
  completedAt.push({ at, slug, shared: share });
  return entry.id;
}

function lovedOne(harsh: Ratings, kinder: Ratings, words = { harsh: "", kinder: "" }) {
  return {
    reframe: {
      harsh: words.harsh || "I should be further along by now.",
      kinder: words.kinder || "You are learning something hard, one step at a time.",
      harshRatings: Object.fromEntries(SCALES.map((s, i) => [s, harsh[i]])),
      kinderRatings: Object.fromEntries(SCALES.map((s, i) => [s, kinder[i]])),
    },
  };
}

function localDate(at: Date) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(at);
}

beforeAll(async () => {
  api = await startApi({ AUTH_SECRET });
  browser = await launchBrowser();
  therapist = await signUpTherapistOverHttp(api, {
    name: "Dr. Ines Calder",
    email: "ines@example.test",
    password: "harbour light evening",
  });
  client = await inviteClientOverHttp(api, therapist, {
    name: "Robin Vale",
    email: "robin@example.test",
    password: "quiet meadow walking",
    timeZone: TZ,
  });
  const library = await trpcQuery<Array<{ id: string; slug: string | null }>>(
    api,
    therapist,
    "exercise.listLibrary",
  );
  for (const e of library) if (e.slug) exerciseIds[e.slug] = e.id;
  const assignment = await trpcMutation<{ id: string }>(api, therapist, "assignments.create", {
    clientId: client.id,
    exerciseId: exerciseIds["loved-one-test"],
    note: "",
    schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["08:00"] },
    startDate: localDate(new Date(Date.now() - 30 * DAY)),
    endDate: null,
    remindersEnabled: true,
  });
  lovedOneAssignment = assignment.id;

  // The last session was 14 days ago: the review covers the time since then.
  await trpcMutation(api, therapist, "sessionNotes.save", {
    clientId: client.id,
    sessionDate: localDate(new Date(Date.now() - 14 * DAY)),
    note: `Talked about work stress. ${NOTE_CANARY}`,
  });

  // Before the period: shared, but not part of this review (unless the start date moves).
  await practise("loved-one-test", lovedOne([0, 0, 0], [10, 10, 10]), 20, { share: true });
  // In the period, shared.
  await practise("loved-one-test", lovedOne([2, 3, 1], [7, 6, 8]), 12, { share: true });
  await practise(
    "soothing-touch",
    { "intensity-before": 8, stay: { elapsedSeconds: 120 }, "intensity-after": 5 },
    10,
    { share: true },
  );
  await practise(
    "loved-one-test",
    lovedOne([4, 3, 2], [9, 8, 9], { harsh: FLAGGED_HARSH, kinder: FLAGGED_KINDER }),
    5,
    { share: true, flag: true },
  );
  // In the period, private: counted (the client lets their therapist see practice dates), never read.
  await practise(
    "loved-one-test",
    lovedOne([10, 10, 10], [0, 0, 0], {
      harsh: `harsh ${PRIVATE_CANARY}`,
      kinder: `kinder ${PRIVATE_CANARY}`,
    }),
    3,
  );
  await practise(
    "soothing-touch",
    { "intensity-before": 1, stay: { elapsedSeconds: 30 }, "intensity-after": 9 },
    2,
  );
  await practise(
    "weekly-reflection",
    {
      noticed: REFLECTION,
      different: "Mornings felt a little lighter.",
      "bring-to-session": "How to handle Sunday evenings.",
    },
    1,
    { share: true },
  );
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await api?.stop();
});

describe("the review together", () => {
  it("shows what was practised since the last session, the charts' numbers, the flagged words and the reflection — nothing private", async () => {
    const page = await pageFor(therapist, DESKTOP);
    const bodies: Promise<string>[] = [];
    page.on("response", (res) => bodies.push(res.text().catch(() => "")));

    // From the client page: private notes there, clearly labelled; then open the review.
    await page.goto(`${api.url}/clients/${client.id}`);
    await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
    const notes = page.getByRole("region", { name: "Session notes" });
    await notes.getByText("Only you can see these notes.").waitFor();
    await notes.getByText(NOTE_CANARY).waitFor();
    await page.getByRole("figure", { name: "Practice each week" }).waitFor();
    await expectNoSeriousA11yProblems(page);
    await shot(page, "client-page-desktop");
    await page.getByRole("link", { name: "Open review together" }).click();
    await page.waitForURL(/\/clients\/[^/]+\/review$/);

    const main = page.getByRole("main");
    await main
      .getByRole("heading", { level: 1, name: `Reviewing together with ${client.name}` })
      .waitFor();
    const sessionDate = new Intl.DateTimeFormat(undefined, {
      dateStyle: "medium",
      timeZone: "UTC",
    }).format(new Date(`${localDate(new Date(Date.now() - 14 * DAY))}T00:00:00Z`));
    await main.getByText(`Since your last session on ${sessionDate}.`).waitFor();
    // Large type for a shared screen.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      "20px",
    );

    // Practice counts: shared entries and the private practice dates, inside the period.
    const inPeriod = completedAt.filter((c) => c.at.getTime() > Date.now() - 14 * DAY);
    expect(inPeriod).toHaveLength(6);
    await main.getByText(`${client.name} practised 6 times since ${sessionDate}.`).waitFor();
    const perExercise = main.getByRole("list", { name: "Practice per exercise" });
    await perExercise.waitFor();
    expect(await perExercise.getByRole("listitem").allTextContents()).toEqual([
      "The loved-one test3 times",
      "Soothing touchtwice",
      "Weekly reflectiononce",
    ]);
    const weeks = main.getByRole("figure", { name: "Practice each week" });
    const weekCells = await weeks.locator("tbody td").allTextContents();
    const expectedWeeks = new Map<string, number>();
    for (const c of inPeriod) {
      const w = weekOf(c.at, TZ).start;
      expectedWeeks.set(w, (expectedWeeks.get(w) ?? 0) + 1);
    }
    const counts = weekCells.map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(counts.filter((n) => n > 0)).toEqual(
      [...expectedWeeks].sort(([a], [b]) => a.localeCompare(b)).map(([, n]) => n),
    );

    // Harsh and kinder averages, in the charts' text alternative: shared entries only.
    const stuck = main.getByRole("figure", { name: "Stuck or motivated" });
    await stuck.waitFor();
    expect(await stuck.locator("tfoot").textContent()).toBe("Average of 2 practices38");
    expect(await stuck.textContent()).toContain(
      `${client.name}'s kinder versions felt closer to “motivated” than the harsh words.`,
    );
    const dismissed = main.getByRole("figure", { name: "Dismissed or validated" });
    expect(await dismissed.locator("tfoot").textContent()).toBe("Average of 2 practices1.58.5");
    const soothing = main.getByRole("figure", { name: "How strong the feeling was" });
    expect(await soothing.locator("tfoot").textContent()).toBe("Average85");
    // The numbers are hidden until asked for, but always there for screen readers.
    // Visually hidden (clipped to a pixel) until asked for; always there for screen readers.
    const tableWidth = async () =>
      (await stuck.getByRole("table").locator("..").boundingBox())?.width ?? 0;
    expect(await tableWidth()).toBeLessThan(5);
    await stuck.getByRole("button", { name: "Show the numbers" }).click();
    expect(await tableWidth()).toBeGreaterThan(200);

    // What the client flagged (their words), and their weekly reflection.
    const flagged = main.getByRole("list", { name: "Entries to talk about" });
    await flagged.getByText(FLAGGED_HARSH).waitFor();
    expect(await flagged.getByText(FLAGGED_KINDER).isVisible()).toBe(true);
    expect(await flagged.getByText("Brought to this session").isVisible()).toBe(true);
    const reflections = main.getByRole("list", { name: "Weekly reflections" });
    expect(await reflections.getByText(REFLECTION).isVisible()).toBe(true);

    // Never the session notes, never a private entry's words.
    const content = await page.content();
    expect(content).not.toContain(NOTE_CANARY);
    expect(content).not.toContain(PRIVATE_CANARY);
    expect(await main.textContent()).not.toMatch(/\b(streak|overdue|missed|score|grade)\b|%/i);
    await expectNoSeriousA11yProblems(page);

    mkdirSync(path.join(root, "docs/screenshots"), { recursive: true });
    await page.screenshot({ path: path.join(root, "docs/screenshots/review.png"), fullPage: true });
    await shot(page, "review-desktop");

    // No response on this screen carried a private word (the client page before it had notes).
    const reviewBodies: Promise<string>[] = [];
    page.on("response", (res) => reviewBodies.push(res.text().catch(() => "")));
    await page.reload();
    await main.getByRole("figure", { name: "Stuck or motivated" }).waitFor();
    for (const body of await Promise.all(reviewBodies)) {
      expect(body).not.toContain(NOTE_CANARY);
      expect(body).not.toContain(PRIVATE_CANARY);
    }
    for (const body of await Promise.all(bodies)) expect(body).not.toContain(PRIVATE_CANARY);
  });

  it("changes the start date, and back", async () => {
    const page = await pageFor(therapist, DESKTOP);
    await page.goto(`${api.url}/clients/${client.id}/review`);
    const main = page.getByRole("main");
    await main.getByText(/practised 6 times since/).waitFor();
    await main.getByRole("button", { name: "Change the start date" }).click();
    const form = main.getByRole("form", { name: "Change the start date" });
    // Keyboard: the cursor is already in the date field.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe(
      "date",
    );
    await form.getByLabel("Start the review on").fill(localDate(new Date(Date.now() - 25 * DAY)));
    await form.getByRole("button", { name: "Show from this date" }).click();
    await main.getByText(/practised 7 times since/).waitFor();
    expect(page.url()).toMatch(/\?from=\d{4}-\d{2}-\d{2}$/);
    await main.getByRole("button", { name: "Back to since the last session" }).click();
    await main.getByText(/practised 6 times since/).waitFor();
  });

  it("adjusts next steps together: the note for the week, a new practice, an ended one — saved at once", async () => {
    const page = await pageFor(therapist, DESKTOP);
    await page.goto(`${api.url}/clients/${client.id}/review`);
    const next = page.getByRole("region", { name: "Next steps" });
    await next.waitFor();

    // Keyboard: the note field is reachable and saving says so.
    const note = next.getByLabel("What you agreed for this week");
    await note.focus();
    await page.keyboard.type("Try the loved-one test after difficult meetings.");
    await next.getByRole("button", { name: "Save the note" }).click();
    await next
      .getByRole("status")
      .getByText(`Saved. ${client.name} will see this note on their Today page.`)
      .waitFor();

    await next.getByRole("button", { name: "Add a practice" }).click();
    const form = next.getByRole("form", { name: `Assign an exercise to ${client.name}` });
    await form.getByLabel("Exercise").selectOption({ label: "Soothing touch" });
    await form.getByLabel("A number of times a week, whenever suits").check();
    await form.getByLabel("Times a week", { exact: true }).fill("3");
    await form.getByRole("button", { name: "Assign" }).click();
    await next
      .getByRole("status")
      .getByText(`Soothing touch is added to ${client.name}'s practice.`)
      .waitFor();
    await next.getByText("3 times a week, whenever suits").waitFor();

    await next.getByRole("button", { name: "End The loved-one test" }).click();
    await page
      .getByRole("dialog", { name: "End The loved-one test?" })
      .getByRole("button", { name: "End it" })
      .click();
    await next.getByRole("status").getByText("The loved-one test has ended.").waitFor();
    await expectNoSeriousA11yProblems(page);

    // The client sees the note on Today.
    const today = await pageFor(client, PHONE);
    await today.goto(`${api.url}/today`);
    const card = today.getByRole("region", { name: "Your note for this week" });
    await card.getByText("Try the loved-one test after difficult meetings.").waitFor();
    await shot(today, "today-phone");

    await page.getByRole("link", { name: "Leave review" }).first().click();
    await page.waitForURL(new RegExp(`/clients/${client.id}$`));
    await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
    expect(
      await page.evaluate(() => document.documentElement.classList.contains("tend-large-type")),
    ).toBe(false);
  });

  it("looks right on a phone too", async () => {
    const page = await pageFor(therapist, PHONE);
    await page.goto(`${api.url}/clients/${client.id}/review`);
    await page.getByRole("figure", { name: "Stuck or motivated" }).waitFor();
    await expectNoSeriousA11yProblems(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "review-phone");
    const clientPage = await pageFor(therapist, PHONE);
    await clientPage.goto(`${api.url}/clients/${client.id}`);
    await clientPage.getByRole("figure", { name: "Practice each week" }).waitFor();
    await shot(clientPage, "client-page-phone");
  });
});

describe("the client's own progress", () => {
  it("shows their practice kindly, all of their own entries included, and starts the weekly reflection", async () => {
    const page = await pageFor(client, PHONE);
    await page.goto(`${api.url}/today`);
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    // Today needs only the scripts the page itself names: no lazily loaded chunk (charts,
    // therapist area, review, settings…) is fetched to show it.
    const html = await (await fetch(`${api.url}/today`)).text();
    const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const loaded = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((r) => new URL(r.name).pathname)
        .filter((p) => p.endsWith(".js")),
    );
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((p) => !named.includes(p))).toEqual([]);

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Progress" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Your progress" }).waitFor();
    const thisWeek = completedAt.filter(
      (c) => weekOf(c.at, TZ).start === weekOf(new Date(), TZ).start,
    ).length;
    await page
      .getByText(
        thisWeek > 0
          ? `You practised ${timesInWords(thisWeek)} this week.`
          : "This week has been quiet so far.",
        { exact: false },
      )
      .first()
      .waitFor();
    // Their own private entry counts here: four loved-one tests in the last eight weeks.
    const stuck = page.getByRole("figure", { name: "Stuck or motivated" });
    expect(await stuck.locator("tfoot").textContent()).toBe("Average of 4 practices46.5");
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toMatch(/\b(streak|overdue|missed|score|grade)\b|%/i);
    await expectNoSeriousA11yProblems(page);
    await shot(page, "progress-phone");

    await page.getByRole("button", { name: "Start your weekly reflection" }).click();
    await page.waitForURL(/\/practice\/[0-9a-f-]+$/);
    await page.getByRole("region", { name: "Weekly reflection" }).waitFor();
  });

  it("on a desktop screen too", async () => {
    const page = await pageFor(client, DESKTOP);
    await page.goto(`${api.url}/progress`);
    await page.getByRole("figure", { name: "Stuck or motivated" }).waitFor();
    await shot(page, "progress-desktop");
  });
});

describe("email settings", () => {
  it("turns reminders off and on, pauses and resumes, and saves quiet hours and the summary", async () => {
    const page = await pageFor(client, PHONE);
    await page.goto(`${api.url}/home`);
    await page.getByRole("link", { name: "your email settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Emails and your data" }).waitFor();
    await expectNoSeriousA11yProblems(page);
    await shot(page, "settings-phone");

    const profile = () =>
      api.db.db
        .selectFrom("client_profile")
        .selectAll()
        .where("user_id", "=", client.id)
        .executeTakeFirstOrThrow();

    const reminders = page.getByRole("switch", { name: "Email me reminders" });
    await reminders.uncheck();
    await page.getByRole("status").getByText("Reminders are off.").waitFor();
    expect((await profile()).reminder_emails).toBe(false);
    await reminders.check();
    await page.getByRole("status").getByText("Reminders are on again.").waitFor();
    expect((await profile()).reminder_emails).toBe(true);

    await page.getByLabel("How long").selectOption({ label: "For 3 days" });
    await page.getByRole("button", { name: "Pause reminders" }).click();
    await page
      .getByText(/Reminders are paused until/)
      .first()
      .waitFor();
    const paused = (await profile()).reminders_paused_until as Date;
    expect(Math.abs(paused.getTime() - (Date.now() + 3 * DAY))).toBeLessThan(5 * 60_000);
    await page.getByRole("button", { name: "Resume reminders now" }).click();
    await page.getByRole("status").getByText("Reminders are back on from now.").waitFor();
    expect((await profile()).reminders_paused_until).toBeNull();

    await page.getByLabel("Quiet from").fill("22:30");
    await page.getByLabel("Until", { exact: true }).fill("07:15");
    await page.getByRole("button", { name: "Save quiet hours" }).click();
    await page.getByText("Saved: quiet from 22:30 until 07:15.").waitFor();
    expect((await profile()).quiet_start).toBe("22:30");

    await page.getByLabel("Day", { exact: true }).selectOption({ label: "Friday" });
    await page.getByLabel("Time", { exact: true }).fill("17:00");
    await page.getByRole("button", { name: "Save day and time" }).click();
    await page.getByText("Saved: Fridays at 17:00.").waitFor();
    const saved = await profile();
    expect([saved.summary_day, saved.summary_time]).toEqual([5, "17:00"]);
    await page.getByRole("switch", { name: "Quote my own words in my summary" }).click();
    await expect.poll(async () => (await profile()).quote_words_in_summary).toBe(true);
  });

  it("makes a private calendar link (shown once), revokes it, and downloads data", async () => {
    const page = await pageFor(client, DESKTOP);
    await page.goto(`${api.url}/settings/email`);
    await page.getByRole("button", { name: "Create a private link" }).click();
    const link = page.getByLabel("Your private calendar link");
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");
    await shot(page, "settings-desktop");

    await page.getByRole("button", { name: "Turn the link off" }).click();
    await page
      .getByRole("dialog", { name: "Turn the calendar link off?" })
      .getByRole("button", { name: "Turn it off" })
      .click();
    await page
      .getByRole("status")
      .getByText(/private calendar link is off/)
      .waitFor();
    expect((await fetch(url)).status).toBe(404);

    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Everything (JSON)" }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^tend-export-\d{4}-\d{2}-\d{2}\.json$/);
    // The printable summary for a chosen period: the request carries the dates, and the file downloads.
    await page.getByLabel("From", { exact: true }).fill(localDate(new Date(Date.now() - 20 * DAY)));
    const [pdfResponse, pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/export/me.pdf")),
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PDF" }).click(),
    ]);
    expect(new URL(pdfResponse.url()).searchParams.get("from")).toBe(
      localDate(new Date(Date.now() - 20 * DAY)),
    );
    expect(new URL(pdfResponse.url()).searchParams.get("to")).toBe(localDate(new Date()));
    expect(pdfResponse.status()).toBe(200);
    expect(pdf.suggestedFilename()).toMatch(/^tend-practice-.*\.pdf$/);
  });

  it("asks for deletion with a 7-day grace period, shows it pending, and cancels it", async () => {
    const page = await pageFor(client, DESKTOP);
    await page.goto(`${api.url}/settings/email`);
    const section = page.getByRole("region", { name: "Delete your account" });
    await section.getByText(/7 days to change your mind/).waitFor();
    await section.getByRole("button", { name: "Delete my account…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await expectNoSeriousA11yProblems(page);
    await dialog.getByRole("button", { name: "Delete it in 7 days" }).click();
    await section.getByText(/Your account is set to be deleted on/).waitFor();
    await section.getByRole("button", { name: "Cancel deletion" }).click();
    await section.getByText(/Deletion is cancelled/).waitFor();
    const row = await api.db.db
      .selectFrom("client_profile")
      .select("deletion_requested_at")
      .where("user_id", "=", client.id)
      .executeTakeFirstOrThrow();
    expect(row.deletion_requested_at).toBeNull();
  });
});

describe("email link pages, signed out", () => {
  it("unsubscribe explains which emails, stops them on a click, and points to the settings", async () => {
    const token = signEmailLink(AUTH_SECRET, { p: "unsubscribe", u: client.id, k: "summaries" });
    const page = await pageFor(null, PHONE);
    await page.goto(`${api.url}/unsubscribe#${token}`);
    await page.getByRole("heading", { level: 1, name: "Stop weekly summaries?" }).waitFor();
    await expectNoSeriousA11yProblems(page);
    await shot(page, "unsubscribe-phone");
    await page.getByRole("button", { name: "Stop weekly summaries" }).click();
    await page.getByText("You won't get the weekly summary by email any more.").waitFor();
    expect(await page.getByRole("link", { name: "your email settings" }).getAttribute("href")).toBe(
      "/settings/email",
    );
    const row = await api.db.db
      .selectFrom("client_profile")
      .select("summary_emails")
      .where("user_id", "=", client.id)
      .executeTakeFirstOrThrow();
    expect(row.summary_emails).toBe(false);
  });

  it("not today is kind, and lets one planned practice go", async () => {
    const occurrence = new Date(Date.now() + DAY);
    occurrence.setUTCSeconds(0, 0);
    const token = signEmailLink(AUTH_SECRET, {
      p: "not-today",
      u: client.id,
      a: lovedOneAssignment,
      o: occurrence.toISOString(),
      exp: Date.now() + 2 * DAY,
    });
    const page = await pageFor(null, PHONE);
    await page.goto(`${api.url}/not-today#${token}`);
    await page
      .getByText("That's completely fine. This practice will be here whenever you're ready.")
      .waitFor();
    await expectNoSeriousA11yProblems(page);
    await shot(page, "not-today-phone");
    await page.getByRole("button", { name: "Let this one go" }).click();
    await page.getByText("Done. We won't remind you about this one.").waitFor();
    const skips = await api.db.db
      .selectFrom("reminder_skip")
      .selectAll()
      .where("assignment_id", "=", lovedOneAssignment)
      .execute();
    expect(skips.map((s) => new Date(s.occurrence_at).toISOString())).toEqual([
      occurrence.toISOString(),
    ]);
  });

  it("a broken link says so calmly", async () => {
    const page = await pageFor(null, PHONE);
    await page.goto(`${api.url}/not-today#not-a-token.x`);
    await page.getByRole("button", { name: "Let this one go" }).click();
    await page.getByText(/already been used or is too old/).waitFor();
  });
});
