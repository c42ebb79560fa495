import { CATALOG } from "@tend/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpTherapist } from "./support/accounts.ts";
import { type RunningApi, startApi } from "./support/api-server.ts";
import { launchBrowser } from "./support/browser.ts";

let api: RunningApi;
let browser: Browser;

beforeAll(async () => {
  api = await startApi();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe("the exercise library in Chromium", () => {
  it("shows every built-in exercise from the database and previews one step by step", async () => {
    const page = await browser.newPage();
    // The library is for signed-in therapists.
    await signUpTherapist(page, api, {
      name: "Dr. Lee Library",
      email: "library@example.test",
      password: "gentle paper lanterns",
    });
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Library" })
      .click();
    await page.waitForURL(/\/library$/);
    const list = page.getByRole("list", { name: "Exercises" });
    await list.waitFor();
    const titles = await list.getByRole("heading").allTextContents();
    expect(titles).toEqual(CATALOG.map((e) => e.definition.title));

    await page.getByRole("link", { name: "Preview The loved-one test" }).click();
    await page.getByRole("heading", { level: 1, name: "The loved-one test" }).waitFor();
    const steps = page.getByRole("list", { name: "Steps" }).locator(":scope > li");
    expect(await steps.count()).toBe(CATALOG[0]!.definition.steps.length);
    await expect.poll(() => page.getByText("stuck ↔ motivated").isVisible()).toBe(true);
    // The promise about urgent help is on every page.
    expect(await page.getByRole("contentinfo").textContent()).toMatch(/emergency/);
    await page.close();
  });

  it("answers /healthz with the database status", async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});
