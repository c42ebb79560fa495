import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousA11yViolations } from "./support/accounts.ts";
import { type RunningApi, startApi } from "./support/api-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { type Session, signInContext, signUpTherapistOverHttp } from "./support/practice-setup.ts";

// A therapist builds their own exercise from a built-in one: the schema's checks in words,
// steps removed, reordered and added, then saved; editing it later makes a new version.

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let therapist: Session;

beforeAll(async () => {
  api = await startApi();
  browser = await launchBrowser();
  therapist = await signUpTherapistOverHttp(api, {
    name: "Dr. Lena Hart",
    email: "lena@example.test",
    password: "willow lantern morning",
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInContext(context, api, therapist);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.stop();
});

describe("the exercise builder in Chromium", () => {
  it("makes an own copy of a built-in exercise, with problems explained before saving", async () => {
    await page.goto(`${api.url}/library/loved-one-test`);
    await page.getByRole("link", { name: "Make my own copy" }).click();
    await page.waitForURL(/\/library\/new\?from=/);
    const title = page.getByLabel("Title", { exact: true });
    expect(await title.inputValue()).toBe("The loved-one test (my version)");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await title.fill("");
    await page.getByLabel("Question for the harsh words").fill("");
    await page.getByRole("button", { name: "Save exercise" }).click();
    const alert = page.getByRole("alert").first();
    await alert.waitFor();
    const summary = await alert.textContent();
    expect(summary).toContain("Title: please write a few words.");
    expect(summary).toContain(
      "Step 3 (Harsh words and a kinder version), question for the harsh words: please write a few words.",
    );
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await title.fill("Loved-one test, shorter");
    await page.getByLabel("Question for the harsh words").fill("What did the critic in you say?");
    await page.getByRole("button", { name: "Remove step 2" }).click();
    // The optional reflection moves above the harsh-and-kinder step.
    await page.getByRole("button", { name: "Move step 3 up" }).click();
    expect(
      await page
        .getByRole("list", { name: "Steps to edit" })
        .getByRole("heading")
        .allTextContents(),
    ).toEqual([
      "Step 1 · Something to read",
      "Step 2 · Writing",
      "Step 3 · Harsh words and a kinder version",
    ]);
    await page.getByLabel("Add a step").selectOption({ label: "A checklist" });
    await page.getByRole("button", { name: "Add step" }).click();
    await page.getByRole("heading", { name: "Step 4 · A checklist" }).waitFor();
    await page.getByLabel("Question").last().fill("What helped today?");
    await page.getByLabel("Item 1", { exact: true }).fill("A walk");
    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByLabel("Item 2", { exact: true }).fill("A friend");
    await page.getByRole("button", { name: "Save exercise" }).click();

    await page.getByRole("heading", { level: 1, name: "Loved-one test, shorter" }).waitFor();
    await page.getByText("Saved. It is in your library, ready to assign.").waitFor();
    expect(await page.getByRole("list", { name: "Steps" }).locator(":scope > li").count()).toBe(4);
    await page.getByRole("link", { name: "← Library" }).click();
    const own = page.getByRole("list", { name: "Your exercises" });
    await own.waitFor();
    expect(await own.getByRole("heading").allTextContents()).toEqual(["Loved-one test, shorter"]);
  });

  it("editing it saves a new version", async () => {
    await page.getByRole("link", { name: "Preview Loved-one test, shorter" }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await page
      .getByText(/Saving makes a new version: entries your clients already made stay as they were/)
      .waitFor();
    await page.getByLabel("About how many minutes it takes").fill("8");
    await page.getByRole("button", { name: "Save a new version" }).click();
    await page
      .getByText("Saved as version 2. Entries made with earlier versions stay as they were.")
      .waitFor();
    await page.getByText("About 8 minutes").waitFor();
  });
});
