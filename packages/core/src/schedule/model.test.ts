import { describe, expect, it } from "vitest";
import { localDateSchema, localTimeSchema, scheduleSchema, timeZoneSchema } from "./model.ts";

describe("scheduleSchema", () => {
  it("accepts chosen weekdays at chosen times", () => {
    expect(scheduleSchema.parse({ kind: "days", days: [1, 3, 5], times: ["08:00"] })).toEqual({
      kind: "days",
      days: [1, 3, 5],
      times: ["08:00"],
    });
  });

  it("de-duplicates and sorts days and times", () => {
    expect(
      scheduleSchema.parse({
        kind: "days",
        days: [7, 3, 1, 3],
        times: ["18:30", "08:00", "18:30", "00:00"],
      }),
    ).toEqual({ kind: "days", days: [1, 3, 7], times: ["00:00", "08:00", "18:30"] });
  });

  it.each([
    ["day 0", { days: [0], times: ["08:00"] }],
    ["day 8", { days: [1, 8], times: ["08:00"] }],
    ["a fractional day", { days: [1.5], times: ["08:00"] }],
    ["no days", { days: [], times: ["08:00"] }],
    ["no times", { days: [1], times: [] }],
    ["more than four times", { days: [1], times: ["06:00", "09:00", "12:00", "15:00", "18:00"] }],
    ["24:00", { days: [1], times: ["24:00"] }],
    ["8:00 (one-digit hour)", { days: [1], times: ["8:00"] }],
    ["08:60", { days: [1], times: ["08:60"] }],
    ["08:00:00", { days: [1], times: ["08:00:00"] }],
    ["a day as a string", { days: ["1"], times: ["08:00"] }],
  ])("rejects %s", (_, fields) => {
    expect(scheduleSchema.safeParse({ kind: "days", ...fields }).success).toBe(false);
  });

  it.each([1, 7, 14])("accepts flexible %i times a week", (n) => {
    expect(scheduleSchema.parse({ kind: "flexible", timesPerWeek: n })).toEqual({
      kind: "flexible",
      timesPerWeek: n,
    });
  });

  it.each([0, 15, -1, 2.5])("rejects flexible %s times a week", (n) => {
    expect(scheduleSchema.safeParse({ kind: "flexible", timesPerWeek: n }).success).toBe(false);
  });

  it("rejects unknown kinds and unknown fields", () => {
    expect(scheduleSchema.safeParse({ kind: "daily", times: ["08:00"] }).success).toBe(false);
    expect(scheduleSchema.safeParse({ kind: "flexible", timesPerWeek: 2, days: [1] }).success).toBe(
      false,
    );
    expect(
      scheduleSchema.safeParse({ kind: "days", days: [1], times: ["08:00"], timesPerWeek: 2 })
        .success,
    ).toBe(false);
  });
});

describe("localTimeSchema", () => {
  it.each(["00:00", "08:30", "23:59"])("accepts %s", (t) => {
    expect(localTimeSchema.safeParse(t).success).toBe(true);
  });
  it.each(["24:00", "8:00", "23:60", "12", "noon", ""])("rejects %s", (t) => {
    expect(localTimeSchema.safeParse(t).success).toBe(false);
  });
});

describe("localDateSchema", () => {
  it.each(["2026-01-31", "2026-02-28", "2028-02-29", "2026-12-31"])("accepts %s", (d) => {
    expect(localDateSchema.safeParse(d).success).toBe(true);
  });
  it.each([
    "2026-02-30",
    "2026-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-1-5",
    "2026-01-01T00:00",
    "31/01/2026",
  ])("rejects %s", (d) => {
    expect(localDateSchema.safeParse(d).success).toBe(false);
  });
});

describe("timeZoneSchema", () => {
  it.each(["Europe/London", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata"])(
    "accepts %s",
    (z) => {
      expect(timeZoneSchema.safeParse(z).success).toBe(true);
    },
  );
  it.each(["Mars/Olympus_Mons", "", "Europe/London; drop table"])("rejects %s", (z) => {
    expect(timeZoneSchema.safeParse(z).success).toBe(false);
  });
});
