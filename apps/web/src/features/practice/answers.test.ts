import { findCatalogExercise } from "@tend/core";
import { practiceScreens } from "@tend/ui";
import { describe, expect, it } from "vitest";
import {
  answersToSave,
  firstUnfinishedScreen,
  resumeIndex,
  screenProblem,
  touchesOldPain,
} from "./answers.ts";
import { flexibleDoneInWords, groupByAssignment, practisedThisWeekInWords } from "./words.ts";

const lovedOne = findCatalogExercise("loved-one-test")!.definition;
const soothing = findCatalogExercise("soothing-touch")!.definition;
const screens = practiceScreens(lovedOne.steps);

describe("practice screens", () => {
  it("gives the harsh words, the kinder version and the ratings a screen each", () => {
    expect(screens.map((s) => s.key)).toEqual([
      "picture",
      "no-blame",
      "reframe:harsh",
      "reframe:kinder",
      "reframe:ratings",
      "noticed",
    ]);
  });

  it("asks gently for what a required step needs, and never for optional ones", () => {
    const harsh = screens[2]!;
    expect(screenProblem(harsh, {})).toMatch(/few words/);
    expect(screenProblem(harsh, { reframe: { harsh: "  " } })).toMatch(/few words/);
    expect(screenProblem(harsh, { reframe: { harsh: "I'm useless" } })).toBeNull();
    const ratings = screens[4]!;
    const allButOne = {
      harsh: "a",
      kinder: "b",
      harshRatings: { "stuck-motivated": 1, "powerless-empowered": 2, "dismissed-validated": 3 },
      kinderRatings: { "stuck-motivated": 7, "powerless-empowered": 8 },
    };
    expect(screenProblem(ratings, { reframe: allButOne })).toMatch(/Any number is fine/);
    expect(screenProblem(screens[5]!, {})).toBeNull();
    expect(screenProblem(screens[0]!, {})).toBeNull();
  });

  it("resumes a draft at the last screen with something in it", () => {
    expect(resumeIndex(screens, {})).toBe(0);
    expect(resumeIndex(screens, { reframe: { harsh: "I'm useless", kinder: "" } })).toBe(2);
    expect(resumeIndex(screens, { reframe: { harsh: "a", kinder: "b" } })).toBe(3);
    expect(firstUnfinishedScreen(screens, { reframe: { harsh: "a", kinder: "b" } })).toBe(4);
  });
});

describe("answersToSave", () => {
  it("keeps every part of the harsh-and-kinder answer, as the API expects even in a draft", () => {
    expect(answersToSave(lovedOne, { reframe: { harsh: "a" }, picture: "x", stray: 1 })).toEqual({
      reframe: { harsh: "a", kinder: "", harshRatings: {}, kinderRatings: {} },
    });
  });

  it("drops empty optional words and unset ratings, rounds timer seconds", () => {
    expect(
      answersToSave(soothing, {
        "intensity-before": undefined,
        stay: { elapsedSeconds: 12.4 },
        words: "   ",
        "intensity-after": 3,
      }),
    ).toEqual({ stay: { elapsedSeconds: 12 }, "intensity-after": 3 });
  });
});

describe("words for the week", () => {
  it("notices practice without scoring it", () => {
    expect(practisedThisWeekInWords(1)).toBe("You've practised once this week.");
    expect(practisedThisWeekInWords(3)).toBe("You've practised 3 times this week.");
    expect(practisedThisWeekInWords(0)).not.toMatch(/0|haven't|missed|overdue/i);
    expect(flexibleDoneInWords(0)).toBeNull();
    expect(flexibleDoneInWords(2)).toBe("You've practised this twice this week.");
  });

  it("mentions old feelings only where an exercise meets harsh words", () => {
    expect(touchesOldPain(lovedOne)).toBe(true);
    expect(touchesOldPain(soothing)).toBe(false);
  });
});

describe("groupByAssignment", () => {
  it("makes one line per practice with its days and times", () => {
    const item = (localDate: string, localTime: string, done = false) => ({
      assignmentId: "a",
      title: "The loved-one test",
      minutes: 10,
      localDate,
      localTime,
      done,
    });
    const groups = groupByAssignment([
      item("2026-03-06", "18:30"),
      item("2026-03-06", "08:00"),
      item("2026-03-07", "08:00"),
      { ...item("2026-03-07", "09:00"), assignmentId: "b", title: "Soothing touch" },
    ]);
    expect(groups).toEqual([
      {
        assignmentId: "a",
        title: "The loved-one test",
        minutes: 10,
        dates: ["2026-03-06", "2026-03-07"],
        times: ["08:00", "18:30"],
        done: false,
      },
      {
        assignmentId: "b",
        title: "Soothing touch",
        minutes: 10,
        dates: ["2026-03-07"],
        times: ["09:00"],
        done: false,
      },
    ]);
    expect(groupByAssignment([item("2026-03-06", "08:00", true)])[0]!.done).toBe(true);
  });
});
