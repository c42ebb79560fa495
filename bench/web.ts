// Web figures: the gzipped JavaScript Today needs before it renders (from the Vite manifest), and
// Largest Contentful Paint of Today and of the review screen in headless Chromium, served by the
// bench's API process (which serves the built web app) on the seeded database.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "playwright-core";
import { repoRoot } from "./lib/env.ts";

export const webDist = path.join(repoRoot, "apps/web/dist");

type ManifestChunk = {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};

export function buildWeb() {
  execFileSync("npm", ["run", "build", "-w", "@tend/web"], { cwd: repoRoot, stdio: "ignore" });
}

/**
 * The entry chunk, everything it imports statically (recursively), and the Today route's own
 * chunk with its static imports if Today is split off: gzip sizes added up, in kB (1000 bytes).
 */
export function todayJs(): { kb: number; files: string[] } {
  const manifestPath = path.join(webDist, ".vite/manifest.json");
  if (!existsSync(manifestPath))
    throw new Error(`${manifestPath} is missing: enable build.manifest in apps/web/vite.config.ts`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, ManifestChunk>;
  const needed = new Set<string>();
  const add = (key: string) => {
    if (needed.has(key)) return;
    needed.add(key);
    for (const k of manifest[key]?.imports ?? []) add(k);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) add(key);
  // Today's page, when it is a chunk of its own (lazy route): its key names today-page (and
  // not, say, not-today-page: the page an email's "not today" link opens).
  const todayPage = /(^|[/_])today-page[.-]/;
  for (const [key, chunk] of Object.entries(manifest))
    if (todayPage.test(key) || todayPage.test(chunk.src ?? "")) add(key);
  const files = [...needed].map((k) => manifest[k]!.file).filter((f) => f.endsWith(".js"));
  const bytes = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(path.join(webDist, f)), { level: 9 }).length,
    0,
  );
  return { kb: bytes / 1000, files };
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: FLAGS,
  });
}

/**
 * Median LCP over `runs` cold loads (a new browser context each time: no cache, no service
 * worker), signed in through the session cookie. Waits for `ready` text so a sign-in page or an
 * error can never be measured instead.
 */
export async function lcp(
  browser: Browser,
  { url, cookie, ready, runs }: { url: string; cookie: string; ready: RegExp; runs: number },
): Promise<{ median: number; all: number[] }> {
  const [name, ...rest] = cookie.split("=");
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.addCookies([
        {
          name: name!,
          value: rest.join("="),
          domain: new URL(url).hostname,
          path: "/",
          httpOnly: true,
          secure: name!.startsWith("__Secure-"),
          sameSite: "Lax",
        },
      ]);
      const page = await context.newPage();
      // Plain text: this runs in the page, not in Node.
      await page.addInitScript({
        content: `window.__lcp = -1;
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            const last = entries[entries.length - 1];
            if (last) window.__lcp = last.startTime;
          }).observe({ type: "largest-contentful-paint", buffered: true });`,
      });
      await page.goto(url, { waitUntil: "load", timeout: 30_000 });
      await page.getByText(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState("networkidle", { timeout: 30_000 });
      await page.waitForTimeout(300);
      const value = (await page.evaluate("window.__lcp")) as number;
      if (value < 0) throw new Error(`no LCP entry for ${url}`);
      all.push(value);
    } finally {
      await context.close();
    }
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, all };
}
