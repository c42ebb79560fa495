/** Ratings of the loved-one test: what each version felt like, averaged by hand. */
import { describe, expect, it } from "vitest";
import { lovedOneTest } from "../exercise/catalog/loved-one-test.ts";
import { soothingTouch } from "../exercise/catalog/soothing-touch.ts";
import type { ExerciseDefinition } from "../exercise/model.ts";
import { type EntryFacts, practiceByExercise, reframeRatings, summarizeScales } from "./reframe.ts";

const scales = (sm: number, pe: number, dv: number) => ({
  "stuck-motivated": sm,
  "powerless-empowered": pe,
  "dismissed-validated": dv,
});
function lovedOne(id: string, harsh: number[], kinder: number[]): EntryFacts {
  return {
    id,
    completedAt: new Date("2026-03-02T10:00:00Z"),
    exerciseTitle: "The loved-one test",
    definition: lovedOneTest.definition,
    measures: {
      reframe: {
        harshRatings: scales(harsh[0]!, harsh[1]!, harsh[2]!),
        kinderRatings: scales(kinder[0]!, kinder[1]!, kinder[2]!),
      },
    },
  };
}
const fact = (title: string, definition: ExerciseDefinition): EntryFacts => ({
  id: title,
  completedAt: new Date("2026-03-02T10:00:00Z"),
  exerciseTitle: title,
  definition,
  measures: {},
});

describe("reframeRatings", () => {
  it("gives each scale's harsh and kinder rating with the scale's words", () => {
    expect(reframeRatings(lovedOne("a", [2, 3, 1], [6, 7, 5]))).toEqual([
      { scaleId: "stuck-motivated", left: "stuck", right: "motivated", harsh: 2, kinder: 6 },
      {
        scaleId: "powerless-empowered",
        left: "powerless",
        right: "empowered",
        harsh: 3,
        kinder: 7,
      },
      {
        scaleId: "dismissed-validated",
        left: "dismissed",
        right: "validated",
        harsh: 1,
        kinder: 5,
      },
    ]);
  });

  it("skips what was not rated on both sides", () => {
    const e = lovedOne("a", [2, 3, 1], [6, 7, 5]);
    expect(reframeRatings({ ...e, measures: {} })).toEqual([]);
    expect(
      reframeRatings({ ...e, measures: { reframe: { harshRatings: scales(1, 1, 1) } } }),
    ).toEqual([]);
    const partial = {
      ...e,
      measures: {
        reframe: {
          harshRatings: { "stuck-motivated": 4, "powerless-empowered": "4" },
          kinderRatings: scales(5, 5, 5),
        },
      },
    };
    expect(reframeRatings(partial).map((r) => [r.scaleId, r.harsh, r.kinder])).toEqual([
      ["stuck-motivated", 4, 5],
    ]);
    expect(reframeRatings(fact("Soothing touch", soothingTouch.definition))).toEqual([]);
  });

  it("reads every reframe step of an exercise with several", () => {
    const definition: ExerciseDefinition = {
      title: "Two thoughts",
      purpose: "Two reframes.",
      minutes: 5,
      steps: [
        {
          kind: "reframe",
          id: "one",
          harshLabel: "h",
          kinderLabel: "k",
          scales: [{ id: "a", left: "low", right: "high" }],
          optional: false,
        },
        {
          kind: "reframe",
          id: "two",
          harshLabel: "h",
          kinderLabel: "k",
          scales: [{ id: "b", left: "cold", right: "warm" }],
          optional: false,
        },
      ],
    };
    const e: EntryFacts = {
      ...fact("Two thoughts", definition),
      measures: {
        one: { harshRatings: { a: 1 }, kinderRatings: { a: 4 } },
        two: { harshRatings: { b: 2 }, kinderRatings: { b: 9 } },
      },
    };
    expect(reframeRatings(e).map((r) => [r.scaleId, r.harsh, r.kinder])).toEqual([
      ["a", 1, 4],
      ["b", 2, 9],
    ]);
  });
});

describe("summarizeScales", () => {
  it("averages harsh and kinder per scale, rounded to one decimal", () => {
    const entries = [
      lovedOne("a", [2, 3, 1], [6, 7, 5]),
      lovedOne("b", [4, 4, 4], [5, 6, 9]),
      lovedOne("c", [1, 1, 1], [2, 2, 2]),
      lovedOne("d", [3, 5, 2], [8, 6, 3]),
      lovedOne("e", [0, 0, 0], [1, 0, 0]),
      lovedOne("f", [6, 6, 6], [4, 6, 6]),
      fact("Soothing touch", soothingTouch.definition),
    ];
    expect(summarizeScales(entries)).toEqual([
      // harsh 16/6 = 2.67 → 2.7; kinder 26/6 = 4.33 → 4.3
      {
        scaleId: "stuck-motivated",
        left: "stuck",
        right: "motivated",
        harshMean: 2.7,
        kinderMean: 4.3,
        count: 6,
      },
      // harsh 19/6 = 3.17 → 3.2; kinder 27/6 = 4.5
      {
        scaleId: "powerless-empowered",
        left: "powerless",
        right: "empowered",
        harshMean: 3.2,
        kinderMean: 4.5,
        count: 6,
      },
      // harsh 14/6 = 2.33 → 2.3; kinder 25/6 = 4.17 → 4.2
      {
        scaleId: "dismissed-validated",
        left: "dismissed",
        right: "validated",
        harshMean: 2.3,
        kinderMean: 4.2,
        count: 6,
      },
    ]);
    expect(summarizeScales([])).toEqual([]);
  });
});

describe("practiceByExercise", () => {
  it("counts practices per exercise, most first, then by title", () => {
    const t = (title: string) => fact(title, soothingTouch.definition);
    expect(
      practiceByExercise([
        t("The loved-one test"),
        t("Weekly reflection"),
        t("Soothing touch"),
        t("The loved-one test"),
        t("Soothing touch"),
      ]),
    ).toEqual([
      { title: "Soothing touch", count: 2 },
      { title: "The loved-one test", count: 2 },
      { title: "Weekly reflection", count: 1 },
    ]);
  });
});
