import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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

  it("keeps the secrets folder private, and only that folder", () => {
    const dataDir = path.join(dir, "fresh", "data");
    loadOrCreateLocalSecret(dataDir, "auth-secret");
    expect(statSync(path.join(dataDir, "secrets")).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o077).not.toBe(0); // others may enter DATA_DIR itself
  });
});
