/**
 * Progress over time, in the client's own week (Monday to Sunday in their zone). Every expected
 * value is worked out by hand from the zone's offset: Tokyo is UTC+9 all year; Los Angeles and
 * New York move their clocks forward on Sunday 8 March 2026.
 */
import { describe, expect, it } from "vitest";
import { lovedOneTest } from "../exercise/catalog/loved-one-test.ts";
import { soothingTouch } from "../exercise/catalog/soothing-touch.ts";
import { weeklyReflection } from "../exercise/catalog/weekly-reflection.ts";
import type { EntryFacts } from "./reframe.ts";
import { practiceCountsByWeek, reframeSeries, soothingTouchSeries, weekStarts } from "./series.ts";

const at = (iso: string) => ({ completedAt: new Date(iso) });
const scales = (sm: number, pe: number, dv: number) => ({
  "stuck-motivated": sm,
  "powerless-empowered": pe,
  "dismissed-validated": dv,
});
function lovedOne(id: string, iso: string, harsh: number[], kinder: number[]): EntryFacts {
  return {
    id,
    completedAt: new Date(iso),
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
function soothing(id: string, iso: string, before?: unknown, after?: unknown): EntryFacts {
  return {
    id,
    completedAt: new Date(iso),
    exerciseTitle: "Soothing touch",
    definition: soothingTouch.definition,
    measures: {
      ...(before === undefined ? {} : { "intensity-before": before }),
      ...(after === undefined ? {} : { "intensity-after": after }),
    },
  };
}

describe("weekStarts", () => {
  it("lists every Monday from the week of `from` to the week of `to`, in the zone", () => {
    // Sunday 1 March 23:30 in New York is Monday 04:30 UTC; Monday 9 March 00:30 in Tokyo is
    // still Sunday in UTC.
    expect(
      weekStarts(
        new Date("2026-03-02T04:30:00Z"),
        new Date("2026-03-16T12:00:00Z"),
        "America/New_York",
      ),
    ).toEqual(["2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(
      weekStarts(new Date("2026-03-08T15:30:00Z"), new Date("2026-03-08T15:30:00Z"), "Asia/Tokyo"),
    ).toEqual(["2026-03-09"]);
    expect(
      weekStarts(new Date("2026-03-08T15:30:00Z"), new Date("2026-03-08T15:30:00Z"), "UTC"),
    ).toEqual(["2026-03-02"]);
  });
});

describe("practiceCountsByWeek", () => {
  it("west of UTC: Sunday 23:30 belongs to its own week, across the spring DST change", () => {
    // Mon 23 Feb 00:00 PST = 08:00Z; Sun 22 Mar 23:00 PDT = 23 Mar 06:00Z.
    const from = new Date("2026-02-23T08:00:00Z");
    const to = new Date("2026-03-23T06:00:00Z");
    const counts = practiceCountsByWeek(
      [
        at("2026-02-23T07:59:00Z"), // Sun 22 Feb 23:59 PST: before the period
        at("2026-02-24T18:00:00Z"), // Tue 24 Feb 10:00 PST
        at("2026-03-09T06:30:00Z"), // Sun 8 Mar 23:30 PDT (Monday in UTC)
        at("2026-03-09T07:00:00Z"), // Mon 9 Mar 00:00 PDT: the next week starts
        at("2026-03-23T06:30:00Z"), // after the period
      ],
      "America/Los_Angeles",
      from,
      to,
    );
    expect(counts).toEqual([
      { weekStart: "2026-02-23", count: 1 },
      { weekStart: "2026-03-02", count: 1 },
      { weekStart: "2026-03-09", count: 1 },
      { weekStart: "2026-03-16", count: 0 }, // a quiet week is still a week
    ]);
  });

  it("east of UTC: Monday 00:30 starts the new week although UTC still says Sunday", () => {
    const completions = [
      at("2026-03-01T14:59:00Z"), // Sun 1 Mar 23:59 JST: before the period
      at("2026-03-08T14:30:00Z"), // Sun 8 Mar 23:30 JST
      at("2026-03-08T15:30:00Z"), // Mon 9 Mar 00:30 JST (Sunday 15:30 UTC)
    ];
    expect(
      practiceCountsByWeek(
        completions,
        "Asia/Tokyo",
        new Date("2026-03-01T15:00:00Z"), // Mon 2 Mar 00:00 JST
        new Date("2026-03-15T14:59:59Z"), // Sun 15 Mar 23:59:59 JST
      ),
    ).toEqual([
      { weekStart: "2026-03-02", count: 1 },
      { weekStart: "2026-03-09", count: 1 },
    ]);
    // The same instants counted in UTC fall in one week: the zone matters.
    expect(
      practiceCountsByWeek(
        completions,
        "UTC",
        new Date("2026-03-02T00:00:00Z"),
        new Date("2026-03-15T23:59:59Z"),
      ),
    ).toEqual([
      { weekStart: "2026-03-02", count: 2 },
      { weekStart: "2026-03-09", count: 0 },
    ]);
  });

  it("with nothing practised, every week is there with zero", () => {
    expect(
      practiceCountsByWeek(
        [],
        "Europe/London",
        new Date("2026-01-05T00:00:00Z"),
        new Date("2026-01-25T12:00:00Z"),
      ),
    ).toEqual([
      { weekStart: "2026-01-05", count: 0 },
      { weekStart: "2026-01-12", count: 0 },
      { weekStart: "2026-01-19", count: 0 },
    ]);
  });
});

describe("reframeSeries", () => {
  const entries = [
    // Given out of order: the series sorts by time.
    lovedOne("c", "2026-03-10T13:00:00Z", [1, 1, 1], [2, 2, 2]), // Tue 10 Mar 09:00 EDT
    lovedOne("a", "2026-03-02T14:00:00Z", [2, 3, 1], [6, 7, 5]), // Mon 2 Mar 09:00 EST
    lovedOne("b", "2026-03-09T03:30:00Z", [4, 4, 4], [5, 6, 9]), // Sun 8 Mar 23:30 EDT
    lovedOne("d", "2026-03-11T13:00:00Z", [3, 5, 2], [8, 6, 3]),
    lovedOne("e", "2026-03-12T13:00:00Z", [0, 0, 0], [1, 0, 0]),
    lovedOne("f", "2026-03-13T13:00:00Z", [6, 6, 6], [4, 6, 6]), // kinder felt lower: −2
    soothing("s", "2026-03-12T14:00:00Z", 5, 2), // no reframe step: ignored
    { ...lovedOne("g", "2026-03-12T15:00:00Z", [1, 1, 1], [1, 1, 1]), measures: {} }, // not rated
  ];

  it("gives each scale's points in time order, dated in the client's zone", () => {
    const series = reframeSeries(entries, "America/New_York");
    expect(series.map((s) => s.scaleId)).toEqual([
      "stuck-motivated",
      "powerless-empowered",
      "dismissed-validated",
    ]);
    const sm = series[0]!;
    expect(sm).toMatchObject({ left: "stuck", right: "motivated" });
    expect(sm.points.map((p) => [p.entryId, p.localDate, p.harsh, p.kinder])).toEqual([
      ["a", "2026-03-02", 2, 6],
      ["b", "2026-03-08", 4, 5],
      ["c", "2026-03-10", 1, 2],
      ["d", "2026-03-11", 3, 8],
      ["e", "2026-03-12", 0, 1],
      ["f", "2026-03-13", 6, 4],
    ]);
  });

  it("weekly mean gap (kinder − harsh), rounded to one decimal, by hand", () => {
    const series = reframeSeries(entries, "America/New_York");
    const gaps = (id: string) => series.find((s) => s.scaleId === id)!.weeklyGap;
    // Week of 2 Mar: a and b (Sunday 23:30 stays in its week).
    // Week of 9 Mar: c, d, e, f.
    // stuck–motivated: (4 + 1) / 2 = 2.5; (1 + 5 + 1 − 2) / 4 = 1.25 → 1.3
    expect(gaps("stuck-motivated")).toEqual([
      { weekStart: "2026-03-02", meanGap: 2.5, count: 2 },
      { weekStart: "2026-03-09", meanGap: 1.3, count: 4 },
    ]);
    // powerless–empowered: (4 + 2) / 2 = 3; (1 + 1 + 0 + 0) / 4 = 0.5
    expect(gaps("powerless-empowered")).toEqual([
      { weekStart: "2026-03-02", meanGap: 3, count: 2 },
      { weekStart: "2026-03-09", meanGap: 0.5, count: 4 },
    ]);
    // dismissed–validated: (4 + 5) / 2 = 4.5; (1 + 1 + 0 + 0) / 4 = 0.5
    expect(gaps("dismissed-validated")).toEqual([
      { weekStart: "2026-03-02", meanGap: 4.5, count: 2 },
      { weekStart: "2026-03-09", meanGap: 0.5, count: 4 },
    ]);
  });

  it("the same entries in Tokyo fall into other weeks", () => {
    // b is Mon 9 Mar 12:30 JST, so week of 2 Mar holds only a (gap 4); week of 9 Mar: b, c, d, e, f.
    // stuck–motivated there: (1 + 1 + 5 + 1 − 2) / 5 = 1.2
    const sm = reframeSeries(entries, "Asia/Tokyo")[0]!;
    expect(sm.weeklyGap).toEqual([
      { weekStart: "2026-03-02", meanGap: 4, count: 1 },
      { weekStart: "2026-03-09", meanGap: 1.2, count: 5 },
    ]);
  });

  it("leaves out a scale rated on one side only, and entries without ratings", () => {
    const partial: EntryFacts = {
      ...lovedOne("p", "2026-03-02T14:00:00Z", [1, 1, 1], [2, 2, 2]),
      measures: {
        reframe: {
          harshRatings: scales(1, 1, 1),
          kinderRatings: { "stuck-motivated": 3 },
        },
      },
    };
    const series = reframeSeries([partial], "UTC");
    expect(series.map((s) => s.scaleId)).toEqual(["stuck-motivated"]);
    expect(series[0]!.weeklyGap).toEqual([{ weekStart: "2026-03-02", meanGap: 2, count: 1 }]);
    expect(reframeSeries([], "UTC")).toEqual([]);
  });
});

describe("soothingTouchSeries", () => {
  it("keeps before and after, skipped ones as null, dated in the zone, in time order", () => {
    const points = soothingTouchSeries(
      [
        soothing("s3", "2026-03-10T01:00:00Z", undefined, 2), // only after
        soothing("s1", "2026-03-08T14:30:00Z", 7, 3), // Sun 8 Mar 23:30 JST
        soothing("s2", "2026-03-08T15:30:00Z", 6), // Mon 9 Mar 00:30 JST, after skipped
        soothing("s4", "2026-03-11T01:00:00Z"), // both skipped: nothing to show
        soothing("s5", "2026-03-11T02:00:00Z", "7", null), // not numbers: nothing to show
        lovedOne("l", "2026-03-09T01:00:00Z", [1, 1, 1], [2, 2, 2]), // another exercise
        {
          id: "w",
          completedAt: new Date("2026-03-09T02:00:00Z"),
          exerciseTitle: "Weekly reflection",
          definition: weeklyReflection.definition,
          measures: { "intensity-before": 5 }, // no intensity steps in this exercise
        },
      ],
      "Asia/Tokyo",
    );
    expect(points.map((p) => [p.entryId, p.localDate, p.before, p.after])).toEqual([
      ["s1", "2026-03-08", 7, 3],
      ["s2", "2026-03-09", 6, null],
      ["s3", "2026-03-10", null, 2],
    ]);
  });
});
