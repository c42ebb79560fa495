import { describe, expect, it } from "vitest";
import {
  countByExercise,
  intensityCaption,
  reframeCaption,
  scaleTitle,
  thisWeekInWords,
  totalInWords,
} from "./progress-words.ts";

const BANNED = /streak|overdue|missed|fail|%|score|grade/i;

const points = (pairs: Array<[number, number]>) =>
  pairs.map(([harsh, kinder], i) => ({ harsh, kinder, localDate: `2026-03-0${i + 1}` }));

describe("progress in words", () => {
  it("notices practice without counting anything against anyone", () => {
    expect(thisWeekInWords([{ count: 1 }, { count: 3 }], null)).toBe(
      "You practised 3 times this week.",
    );
    expect(thisWeekInWords([{ count: 2 }], "Sam")).toBe("Sam practised twice this week.");
    const quiet = thisWeekInWords([{ count: 4 }, { count: 0 }], null);
    expect(quiet).not.toMatch(BANNED);
    expect(quiet).not.toMatch(/haven't|didn't/);
    expect(totalInWords(1, null, "2026-03-02")).toMatch(/^You practised once since .*2026\.$/);
    expect(totalInWords(0, null, "2026-03-02")).not.toMatch(BANNED);
  });

  it("names a scale by its own words", () => {
    expect(scaleTitle("stuck", "motivated")).toBe("Stuck or motivated");
  });

  it("says where the kinder version felt, kindly, for the client and with averages for the therapist", () => {
    const series = {
      left: "stuck",
      right: "motivated",
      points: points([
        [2, 7],
        [3, 8],
      ]),
    };
    expect(reframeCaption(series, null)).toBe(
      "Your kinder versions felt closer to “motivated” than the harsh words did.",
    );
    expect(reframeCaption(series, "Sam")).toBe(
      "Sam's kinder versions felt closer to “motivated” than the harsh words. On average 7.5 for the kinder version and 2.5 for the harsh words.",
    );
    const same = { ...series, points: points([[5, 5]]) };
    const lower = { ...series, points: points([[6, 3]]) };
    for (const s of [same, lower]) {
      expect(reframeCaption(s, null)).not.toMatch(BANNED);
      expect(reframeCaption(s, null)).not.toMatch(/\d/); // no numbers in the client's sentence
    }
  });

  it("describes before and after without judging it, and mentions backdraft to the therapist", () => {
    expect(intensityCaption([{ before: 7, after: 4 }], null)).toBe(
      "On average, the feeling was a little gentler afterwards.",
    );
    expect(intensityCaption([{ before: 3, after: 6 }], "Sam")).toMatch(/stir up old pain/);
    expect(intensityCaption([{ before: null, after: 6 }], null)).toMatch(/before and after/);
  });

  it("counts practice per exercise inside the period only", () => {
    const items = [
      { title: "Soothing touch", completedAt: "2026-03-03T10:00:00Z" },
      { title: "The loved-one test", completedAt: "2026-03-04T10:00:00Z" },
      { title: "Soothing touch", completedAt: "2026-03-05T10:00:00Z" },
      { title: "Soothing touch", completedAt: "2026-02-01T10:00:00Z" },
      { title: "Weekly reflection", completedAt: null },
    ];
    expect(countByExercise(items, "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z")).toEqual([
      { title: "Soothing touch", count: 2 },
      { title: "The loved-one test", count: 1 },
    ]);
  });
});
