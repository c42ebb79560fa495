import { describe, expect, it } from "vitest";
import {
  assignmentProblems,
  blankAssignment,
  draftFromAssignment,
  fieldOfIssuePath,
  scheduleFromDraft,
  todayIn,
} from "./assignment-draft.ts";

describe("the assign form", () => {
  it("starts on today's date where the client lives", () => {
    const now = new Date("2026-03-01T23:30:00Z");
    expect(todayIn("Europe/London", now)).toBe("2026-03-01");
    expect(todayIn("Asia/Tokyo", now)).toBe("2026-03-02");
  });

  it("sends only the chosen kind of schedule, days and times in order and once each", () => {
    const d = blankAssignment("2026-03-02");
    expect(
      scheduleFromDraft({ ...d.schedule, days: [5, 1, 5], times: ["18:00", "08:00", "08:00"] }),
    ).toEqual({ kind: "days", days: [1, 5], times: ["08:00", "18:00"] });
    expect(scheduleFromDraft({ ...d.schedule, kind: "flexible", timesPerWeek: 4 })).toEqual({
      kind: "flexible",
      timesPerWeek: 4,
    });
  });

  it("keeps an existing flexible schedule when editing", () => {
    const d = draftFromAssignment({
      exerciseId: "x",
      note: "hi",
      schedule: { kind: "flexible", timesPerWeek: 2 },
      startDate: "2026-03-02",
      endDate: null,
      remindersEnabled: false,
    });
    expect(d.schedule.kind).toBe("flexible");
    expect(d.schedule.timesPerWeek).toBe(2);
    expect(d.endDate).toBe("");
  });

  it("finds what needs another look before sending", () => {
    const d = blankAssignment("2026-03-02");
    const problems = assignmentProblems({
      ...d,
      schedule: { ...d.schedule, days: [], times: ["08:00", ""] },
      endDate: "2026-03-01",
    });
    expect(problems.exerciseId).toMatch(/choose an exercise/);
    expect(problems.days).toMatch(/at least one day/);
    expect(problems.times).toMatch(/08:00/);
    expect(problems.endDate).toMatch(/on or after/);
    expect(assignmentProblems({ ...d, exerciseId: "x" })).toEqual({
      exerciseId: undefined,
      note: undefined,
      days: undefined,
      times: undefined,
      timesPerWeek: undefined,
      startDate: undefined,
      endDate: undefined,
    });
    expect(
      assignmentProblems({
        ...d,
        exerciseId: "x",
        schedule: { ...d.schedule, kind: "flexible", timesPerWeek: Number.NaN },
      }).timesPerWeek,
    ).toMatch(/1 to 14/);
  });

  it("maps the API's field paths onto the form", () => {
    expect(fieldOfIssuePath("schedule.times.1")).toBe("times");
    expect(fieldOfIssuePath("schedule")).toBe("days");
    expect(fieldOfIssuePath("endDate")).toBe("endDate");
    expect(fieldOfIssuePath("somethingElse")).toBeNull();
  });
});
