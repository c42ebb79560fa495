import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FieldCipher } from "@tend/db";
import { afterAll, describe, expect, it } from "vitest";
import { readWorkerEnv } from "./env.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "tend-worker-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const base = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/tend", DATA_DIR: dataDir };
const secrets = {
  PUBLIC_URL: "https://tend.example.org/",
  AUTH_SECRET: "a-production-secret-a-production-secret-0123",
  DATA_ENCRYPTION_KEY: FieldCipher.generateSpec("k1"),
};

describe("worker env", () => {
  it("has local defaults for mail, links and sweeps", () => {
    const env = readWorkerEnv(base);
    expect(env.MAIL_FROM).toBe("Tend <no-reply@tend.local>");
    expect(env.OUTBOX_POLL_MS).toBe(5_000);
    expect(env.OUTBOX_LEASE_SECONDS).toBe(120);
    expect(env.EMAIL_RETRY_BASE_MS).toBe(30_000);
    expect(env.REMINDER_SWEEP_MS).toBe(30_000);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
  });

  it("shares its local secrets with the API through DATA_DIR (same files, same values)", () => {
    const first = readWorkerEnv(base);
    const again = readWorkerEnv(base);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(again.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(readFileSync(path.join(dataDir, "secrets/auth-secret"), "utf8").trim()).toBe(
      first.AUTH_SECRET,
    );
    expect(again.DATA_ENCRYPTION_KEY).toBe(first.DATA_ENCRYPTION_KEY);
    expect(() => FieldCipher.fromSpec(first.DATA_ENCRYPTION_KEY)).not.toThrow();
  });

  it("accepts a bare address and rejects something that is not one, saying which variable", () => {
    expect(readWorkerEnv({ ...base, MAIL_FROM: "hello@tend.example" }).MAIL_FROM).toBe(
      "hello@tend.example",
    );
    expect(() => readWorkerEnv({ ...base, MAIL_FROM: "Tend" })).toThrow(/MAIL_FROM/);
    expect(() => readWorkerEnv({ ...base, OUTBOX_POLL_MS: "5" })).toThrow(/OUTBOX_POLL_MS/);
    expect(() => readWorkerEnv({ ...base, REMINDER_SWEEP_MS: "soon" })).toThrow(
      /REMINDER_SWEEP_MS/,
    );
    expect(() => readWorkerEnv({ ...base, DATA_ENCRYPTION_KEY: "not a key" })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
  });

  it("keeps the operator port on localhost, with metrics and dashboard off until given secrets", () => {
    const env = readWorkerEnv(base);
    expect(env.OPS_PORT).toBe(9464);
    expect(env.OPS_HOST).toBe("127.0.0.1");
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.OPERATOR_USER).toBe("operator");
    expect(env.OPERATOR_PASSWORD).toBeUndefined();
    expect(readWorkerEnv({ ...base, METRICS_TOKEN: "", OPERATOR_PASSWORD: "" })).toMatchObject({
      METRICS_TOKEN: undefined,
      OPERATOR_PASSWORD: undefined,
    });
    expect(readWorkerEnv({ ...base, OPS_PORT: "0" }).OPS_PORT).toBe(0);
    expect(() => readWorkerEnv({ ...base, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(() => readWorkerEnv({ ...base, OPERATOR_PASSWORD: "hunter2" })).toThrow(
      /OPERATOR_PASSWORD/,
    );
    expect(() => readWorkerEnv({ ...base, OPS_PORT: "70000" })).toThrow(/OPS_PORT/);
  });

  it("in production, stops with a sentence for each missing secret", () => {
    const prod = { ...base, NODE_ENV: "production" };
    expect(readWorkerEnv({ ...prod, ...secrets }).PUBLIC_URL).toBe("https://tend.example.org");
    expect(() => readWorkerEnv({ ...prod, ...secrets, PUBLIC_URL: undefined })).toThrow(
      /PUBLIC_URL is not set/,
    );
    expect(() => readWorkerEnv({ ...prod, ...secrets, AUTH_SECRET: undefined })).toThrow(
      /AUTH_SECRET is not set/,
    );
    expect(() => readWorkerEnv({ ...prod, ...secrets, DATA_ENCRYPTION_KEY: undefined })).toThrow(
      /DATA_ENCRYPTION_KEY is not set/,
    );
  });
});
