import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadOrCreateLocalSecret } from "./local-secret.ts";

const dir = mkdtempSync(path.join(tmpdir(), "tend-secret-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("local secrets", () => {
  it("creates a secret once, then every caller (api, worker) reads the same one", () => {
    const first = loadOrCreateLocalSecret(dir, "auth-secret");
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateLocalSecret(dir, "auth-secret", () => "something else")).toBe(first);
    expect(readdirSync(path.join(dir, "secrets"))).toEqual(["auth-secret"]); // no temporary files left
  });
});
