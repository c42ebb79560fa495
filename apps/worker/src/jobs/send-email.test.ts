import { describe, expect, it } from "vitest";
import { classifySendError, DEFAULT_RETRY_POLICY, retryDelayMs } from "./send-email.ts";

describe("retry delay", () => {
  const policy = DEFAULT_RETRY_POLICY;

  it("doubles from 30 s per attempt and stops at 1 h (jitter aside)", () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((a) => retryDelayMs(a, policy, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it("spreads retries by ±20 %", () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, policy, () => 1)).toBe(36_000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(4_320_000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(3, policy);
      expect(d).toBeGreaterThanOrEqual(96_000);
      expect(d).toBeLessThanOrEqual(144_000);
    }
  });
});

describe("send error classification", () => {
  it("retries when the server could not be reached", () => {
    for (const code of ["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS", "ETLS"])
      expect(classifySendError(Object.assign(new Error("nope"), { code })).kind).toBe("retry");
  });

  it("retries 4xx and 503, gives up on other 5xx", () => {
    const smtp = (responseCode: number) =>
      Object.assign(new Error("x"), {
        code: "EENVELOPE",
        responseCode,
        response: `${responseCode} x`,
      });
    expect(classifySendError(smtp(421)).kind).toBe("retry");
    expect(classifySendError(smtp(451)).kind).toBe("retry");
    expect(classifySendError(smtp(503)).kind).toBe("retry");
    expect(classifySendError(smtp(550))).toEqual({ kind: "fail", reason: "SMTP 550: 550 x" });
    expect(classifySendError(smtp(554)).kind).toBe("fail");
  });

  it("keeps addresses out of the reason", () => {
    const err = Object.assign(new Error("x"), {
      responseCode: 550,
      response: "550 5.1.1 <sam@example.org>: Recipient address rejected",
    });
    expect(classifySendError(err).reason).toBe(
      "SMTP 550: 550 5.1.1 <[address]>: Recipient address rejected",
    );
  });
});
