/**
 * The production build: `npm run build -w @tend/api` bundles src/main.ts into dist/main.js, which
 * `npm start`, the bench and the README run. Every other test runs the sources, so a broken
 * bundle (a module left out, a path that resolves from src/ but not from dist/, a lazily loaded
 * chunk missing) would go unseen: this test builds it, starts it and uses it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type LiveApi, signUpLiveTenant, startLiveApi } from "./testing/live-api.ts";

const root = path.resolve(import.meta.dirname, "../../..");

let database: TestDatabase | undefined;
let api: LiveApi | undefined;

beforeAll(() => {
  execFileSync("npm", ["run", "build", "-w", "@tend/api"], { cwd: root, stdio: "pipe" });
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

it("starts from dist/main.js, serves sessions, tRPC and a PDF, and stops cleanly", async () => {
  database = await createTestDatabase();
  api = await startLiveApi(database.url, {}, { built: true });
  expect(api.child.spawnargs).toContain("apps/api/dist/main.js");

  const health = await fetch(`${api.url}/healthz`);
  expect(health.status).toBe(200);
  expect((await fetch(`${api.url}/readyz`)).status).toBe(200);

  // Migrations ran from the bundle; better-auth signs up, invites and signs in.
  const t = await signUpLiveTenant(api.url, database.db, "built");
  expect((await t.client.ok(t.client.query("me.get"))).id).toBe(t.clientId);

  // The printable summary: @react-pdf is loaded on first use, from a chunk of its own.
  const pdf = await t.client.get("/api/export/me.pdf");
  expect(pdf.status, pdf.text.slice(0, 300)).toBe(200);
  expect(pdf.headers["content-type"]).toBe("application/pdf");
  expect(pdf.text.startsWith("%PDF-")).toBe(true);

  expect(await api.stop(10_000), api.logs.join("").slice(-3000)).toBe(0);
}, 60_000);
