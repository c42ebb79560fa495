import { describe, expect, it } from "vitest";
import { addDays, localDateAt, localToInstant } from "./zoned-time.ts";

describe("localToInstant", () => {
  it("finds midnight in a zone, in winter and in summer", () => {
    expect(localToInstant("2026-01-15", "00:00", "Europe/London").toISOString()).toBe(
      "2026-01-15T00:00:00.000Z",
    );
    expect(localToInstant("2026-07-15", "00:00", "Europe/London").toISOString()).toBe(
      "2026-07-14T23:00:00.000Z",
    );
    expect(localToInstant("2026-07-15", "09:30", "America/New_York").toISOString()).toBe(
      "2026-07-15T13:30:00.000Z",
    );
  });

  it("survives the day the clocks change", () => {
    expect(localToInstant("2026-03-29", "00:00", "Europe/London").toISOString()).toBe(
      "2026-03-29T00:00:00.000Z",
    );
    expect(localToInstant("2026-03-30", "00:00", "Europe/London").toISOString()).toBe(
      "2026-03-29T23:00:00.000Z",
    );
  });
});

describe("calendar dates", () => {
  it("adds days across months and reads a date in a zone", () => {
    expect(addDays("2026-02-27", 3)).toBe("2026-03-02");
    expect(addDays("2026-03-02", -7)).toBe("2026-02-23");
    expect(localDateAt(new Date("2026-07-14T23:30:00Z"), "Europe/London")).toBe("2026-07-15");
  });
});
