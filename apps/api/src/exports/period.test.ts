import { AppError } from "@tend/core";
import { describe, expect, it } from "vitest";
import { addDays, notBeforeTwoYears, resolvePeriod, weeksAgo } from "./period.ts";

// Thursday 26 November 2026, 12:00 in New York (EST, UTC−5).
const now = new Date("2026-11-26T17:00:00Z");
const NY = "America/New_York";

describe("resolvePeriod", () => {
  it("spans whole local days in the client's zone, ending no later than now", () => {
    expect(
      resolvePeriod({ from: "2026-11-02", to: "2026-11-08" }, NY, now, { start: "x" }),
    ).toEqual({
      start: "2026-11-02",
      end: "2026-11-08",
      from: new Date("2026-11-02T05:00:00Z"),
      to: new Date("2026-11-09T04:59:59.999Z"),
    });
    const open = resolvePeriod({ from: "2026-11-20" }, NY, now, { start: "x" });
    expect(open).toMatchObject({ start: "2026-11-20", end: "2026-11-26", to: now });
  });

  it("falls back to the given start, and the default is the last 8 weeks", () => {
    expect(weeksAgo(now, NY, 8)).toBe("2026-10-02");
    expect(resolvePeriod({}, NY, now, { start: weeksAgo(now, NY, 8) }).start).toBe("2026-10-02");
  });

  it("refuses a period that cannot be, with a sentence", () => {
    const bad = (q: { from?: string; to?: string }) => {
      try {
        resolvePeriod(q, NY, now, { start: "2026-11-01" });
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("BAD_INPUT");
        return (err as AppError).message;
      }
      throw new Error("accepted");
    };
    expect(bad({ from: "2026-11-10", to: "2026-11-09" })).toMatch(/start date/);
    expect(bad({ from: "2023-01-01" })).toMatch(/two years/);
    expect(bad({ from: "2026-12-01", to: "2026-12-31" })).toMatch(/not started/);
  });

  it("a therapist's default start is at most two years back", () => {
    expect(notBeforeTwoYears("2020-01-01", now, NY)).toBe(addDays("2026-11-26", -732));
    expect(notBeforeTwoYears("2026-01-05", now, NY)).toBe("2026-01-05");
  });
});
