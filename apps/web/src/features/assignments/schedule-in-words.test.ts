import { describe, expect, it } from "vitest";
import { datesInWords, daysInWords, scheduleInWords } from "./schedule-in-words.ts";

describe("scheduleInWords", () => {
  it("names the chosen weekdays and times in order", () => {
    expect(scheduleInWords({ kind: "days", days: [5, 1, 3], times: ["08:00"] })).toBe(
      "Mondays, Wednesdays and Fridays at 08:00",
    );
    expect(scheduleInWords({ kind: "days", days: [2], times: ["18:30", "07:15"] })).toBe(
      "Tuesdays at 07:15 and 18:30",
    );
  });

  it("says every day, weekdays and weekends plainly", () => {
    expect(daysInWords([1, 2, 3, 4, 5, 6, 7])).toBe("Every day");
    expect(daysInWords([5, 4, 3, 2, 1])).toBe("Weekdays");
    expect(daysInWords([7, 6])).toBe("Weekends");
  });

  it("describes flexible practice without counting anything against anyone", () => {
    expect(scheduleInWords({ kind: "flexible", timesPerWeek: 3 })).toBe(
      "3 times a week, whenever suits",
    );
    expect(scheduleInWords({ kind: "flexible", timesPerWeek: 1 }, { audience: "client" })).toBe(
      "Once a week, whenever suits you",
    );
    expect(scheduleInWords({ kind: "flexible", timesPerWeek: 2 })).toBe(
      "Twice a week, whenever suits",
    );
  });
});

describe("datesInWords", () => {
  it("reads local dates as calendar dates", () => {
    expect(datesInWords("2026-03-02", null)).toMatch(/^From .*2026, no end date$/);
    expect(datesInWords("2026-03-02", "2026-03-30")).toMatch(/2026 to .*2026$/);
    expect(datesInWords("2026-03-02", "2026-03-30")).toMatch(/2/);
  });
});
