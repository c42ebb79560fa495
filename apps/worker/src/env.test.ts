import { describe, expect, it } from "vitest";
import { readWorkerEnv } from "./env.ts";

const base = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/tend" };

describe("worker env", () => {
  it("has local defaults for mail", () => {
    const env = readWorkerEnv(base);
    expect(env.MAIL_FROM).toBe("Tend <no-reply@tend.local>");
    expect(env.OUTBOX_POLL_MS).toBe(5_000);
    expect(env.EMAIL_RETRY_BASE_MS).toBe(30_000);
  });

  it("accepts a bare address and rejects something that is not one, saying which variable", () => {
    expect(readWorkerEnv({ ...base, MAIL_FROM: "hello@tend.example" }).MAIL_FROM).toBe(
      "hello@tend.example",
    );
    expect(() => readWorkerEnv({ ...base, MAIL_FROM: "Tend" })).toThrow(/MAIL_FROM/);
    expect(() => readWorkerEnv({ ...base, OUTBOX_POLL_MS: "5" })).toThrow(/OUTBOX_POLL_MS/);
  });
});
