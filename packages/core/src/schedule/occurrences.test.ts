/**
 * Local wall-clock schedules → instants. Every expected instant below was worked out by hand
 * from the zone's offsets and its 2026 transitions (checked against `zdump -v -c 2026,2027`),
 * never with the code under test.
 */
import { describe, expect, it } from "vitest";
import type { Occurrence, PlannedWindow, Schedule } from "./model.ts";
import { localToInstant, nextOccurrence, occurrencesBetween, weekOf } from "./occurrences.ts";

const iso = (d: Date | undefined | null) => d?.toISOString() ?? null;
const nextIso = (o: Occurrence | null) => o?.at.toISOString() ?? null;
const at = (s: string) => new Date(s);

function days(
  timeZone: string,
  d: number[],
  times: string[],
  startDate = "2026-01-01",
  endDate: string | null = null,
): PlannedWindow {
  const schedule: Schedule = { kind: "days", days: d, times };
  return { schedule, startDate, endDate, timeZone };
}

function between(window: PlannedWindow, from: string, to: string) {
  return occurrencesBetween(window, at(from), at(to)).map((o) => ({
    at: o.at.toISOString(),
    localDate: o.localDate,
    localTime: o.localTime,
  }));
}

describe("localToInstant", () => {
  it.each([
    // America/New_York: EST −5 until 2026-03-08 02:00, EDT −4 until 2026-11-01 02:00.
    ["America/New_York", "2026-03-07", "08:00", "2026-03-07T13:00:00.000Z"],
    ["America/New_York", "2026-03-09", "08:00", "2026-03-09T12:00:00.000Z"],
    ["America/New_York", "2026-12-31", "23:59", "2027-01-01T04:59:00.000Z"],
    // Europe/London: GMT ±0 in winter, BST +1 from 2026-03-29 to 2026-10-25.
    ["Europe/London", "2026-01-15", "08:00", "2026-01-15T08:00:00.000Z"],
    ["Europe/London", "2026-06-15", "08:00", "2026-06-15T07:00:00.000Z"],
    ["Europe/London", "2026-06-15", "00:30", "2026-06-14T23:30:00.000Z"],
    // Australia/Sydney: AEDT +11 in (southern) summer, AEST +10 in winter.
    ["Australia/Sydney", "2026-01-10", "09:00", "2026-01-09T22:00:00.000Z"],
    ["Australia/Sydney", "2026-07-01", "09:00", "2026-06-30T23:00:00.000Z"],
    // Australia/Lord_Howe: +11 in summer, +10:30 in winter.
    ["Australia/Lord_Howe", "2026-01-10", "09:00", "2026-01-09T22:00:00.000Z"],
    ["Australia/Lord_Howe", "2026-07-01", "09:00", "2026-06-30T22:30:00.000Z"],
    // Asia/Kolkata: +5:30 all year.
    ["Asia/Kolkata", "2026-03-08", "08:00", "2026-03-08T02:30:00.000Z"],
    ["Asia/Kolkata", "2026-07-01", "04:00", "2026-06-30T22:30:00.000Z"],
    // Pacific/Chatham: +13:45 in summer, +12:45 in winter.
    ["Pacific/Chatham", "2026-01-10", "09:00", "2026-01-09T19:15:00.000Z"],
    ["Pacific/Chatham", "2026-07-01", "09:00", "2026-06-30T20:15:00.000Z"],
  ])("%s %s %s → %s", (zone, date, time, expected) => {
    expect(localToInstant(date, time, zone).toISOString()).toBe(expected);
  });

  describe("a local time that does not exist (spring forward) fires at the next valid instant", () => {
    it.each([
      // 02:00 EST → 03:00 EDT: 02:30 is read as 03:30 EDT.
      ["America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00.000Z"],
      ["America/New_York", "2026-03-08", "02:00", "2026-03-08T07:00:00.000Z"],
      // 01:00 GMT → 02:00 BST: 01:30 is read as 02:30 BST.
      ["Europe/London", "2026-03-29", "01:30", "2026-03-29T01:30:00.000Z"],
      // 02:00 AEST → 03:00 AEDT: 02:30 is read as 03:30 AEDT.
      ["Australia/Sydney", "2026-10-04", "02:30", "2026-10-03T16:30:00.000Z"],
      // Lord Howe moves only 30 minutes: 02:00 → 02:30. 02:15 is read as 02:45 (+11).
      ["Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00.000Z"],
      ["Australia/Lord_Howe", "2026-10-04", "02:00", "2026-10-03T15:30:00.000Z"],
      // Chatham: 02:45 → 03:45. 03:00 is read as 04:00 (+13:45).
      ["Pacific/Chatham", "2026-09-27", "03:00", "2026-09-26T14:15:00.000Z"],
    ])("%s %s %s → %s", (zone, date, time, expected) => {
      expect(localToInstant(date, time, zone).toISOString()).toBe(expected);
    });
  });

  describe("a local time that happens twice (fall back) is the first of the two", () => {
    it.each([
      // 01:30 EDT (05:30Z), then again 01:30 EST (06:30Z).
      ["America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z"],
      // 01:30 BST (00:30Z), then 01:30 GMT (01:30Z).
      ["Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00.000Z"],
      // 02:30 AEDT (15:30Z), then 02:30 AEST (16:30Z).
      ["Australia/Sydney", "2026-04-05", "02:30", "2026-04-04T15:30:00.000Z"],
      // Lord Howe's repeated half hour: 01:45 at +11 (14:45Z), then at +10:30 (15:15Z).
      ["Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00.000Z"],
      // Chatham: 03:00 at +13:45 (13:15Z), then at +12:45 (14:15Z).
      ["Pacific/Chatham", "2026-04-05", "03:00", "2026-04-04T13:15:00.000Z"],
    ])("%s %s %s → %s", (zone, date, time, expected) => {
      expect(localToInstant(date, time, zone).toISOString()).toBe(expected);
    });
  });
});

describe("occurrencesBetween", () => {
  it("spring forward: 02:30 on the day it does not exist fires once, at 03:30 EDT", () => {
    const w = days("America/New_York", [6, 7, 1], ["02:30"]);
    expect(between(w, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      { at: "2026-03-07T07:30:00.000Z", localDate: "2026-03-07", localTime: "02:30" },
      { at: "2026-03-08T07:30:00.000Z", localDate: "2026-03-08", localTime: "02:30" },
      { at: "2026-03-09T06:30:00.000Z", localDate: "2026-03-09", localTime: "02:30" },
    ]);
  });

  it("fall back: 01:30 on the day it happens twice fires once, the first time", () => {
    const w = days("America/New_York", [1, 2, 3, 4, 5, 6, 7], ["01:30"]);
    expect(between(w, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z")).toEqual([
      { at: "2026-11-01T05:30:00.000Z", localDate: "2026-11-01", localTime: "01:30" },
      { at: "2026-11-02T06:30:00.000Z", localDate: "2026-11-02", localTime: "01:30" },
    ]);
  });

  it("Lord Howe's 30-minute shift, both ways", () => {
    const w = days("Australia/Lord_Howe", [7], ["01:45", "02:15"]);
    // April: 01:30–02:00 happens twice; 01:45 fires once (at +11), 02:15 is after the repeat (+10:30).
    expect(between(w, "2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z")).toEqual([
      { at: "2026-04-04T14:45:00.000Z", localDate: "2026-04-05", localTime: "01:45" },
      { at: "2026-04-04T15:45:00.000Z", localDate: "2026-04-05", localTime: "02:15" },
    ]);
    // October: 02:00–02:30 does not exist; 01:45 is still +10:30, 02:15 becomes 02:45 (+11).
    expect(between(w, "2026-10-03T00:00:00Z", "2026-10-05T00:00:00Z")).toEqual([
      { at: "2026-10-03T15:15:00.000Z", localDate: "2026-10-04", localTime: "01:45" },
      { at: "2026-10-03T15:45:00.000Z", localDate: "2026-10-04", localTime: "02:15" },
    ]);
  });

  it("Sydney and Chatham transition days", () => {
    const sydney = days("Australia/Sydney", [7], ["02:30"]);
    expect(between(sydney, "2026-04-01T00:00:00Z", "2026-04-08T00:00:00Z")).toEqual([
      { at: "2026-04-04T15:30:00.000Z", localDate: "2026-04-05", localTime: "02:30" },
    ]);
    expect(between(sydney, "2026-10-01T00:00:00Z", "2026-10-08T00:00:00Z")).toEqual([
      { at: "2026-10-03T16:30:00.000Z", localDate: "2026-10-04", localTime: "02:30" },
    ]);
    const chatham = days("Pacific/Chatham", [7], ["03:00"]);
    expect(between(chatham, "2026-09-20T00:00:00Z", "2026-10-01T00:00:00Z")).toEqual([
      { at: "2026-09-26T14:15:00.000Z", localDate: "2026-09-27", localTime: "03:00" },
    ]);
  });

  it("start and end dates are inclusive (local dates)", () => {
    const w = days("Europe/London", [1, 2, 3, 4, 5, 6, 7], ["09:00"], "2026-06-01", "2026-06-03");
    expect(between(w, "2026-05-20T00:00:00Z", "2026-06-20T00:00:00Z")).toEqual([
      { at: "2026-06-01T08:00:00.000Z", localDate: "2026-06-01", localTime: "09:00" },
      { at: "2026-06-02T08:00:00.000Z", localDate: "2026-06-02", localTime: "09:00" },
      { at: "2026-06-03T08:00:00.000Z", localDate: "2026-06-03", localTime: "09:00" },
    ]);
  });

  it("start and end dates are local dates, not UTC dates (east of UTC)", () => {
    // Kolkata 04:00 on 2026-07-01 is 22:30Z on 2026-06-30: it belongs to the first day.
    const w = days("Asia/Kolkata", [1, 2, 3, 4, 5, 6, 7], ["04:00"], "2026-07-01", "2026-07-02");
    expect(between(w, "2026-06-25T00:00:00Z", "2026-07-10T00:00:00Z")).toEqual([
      { at: "2026-06-30T22:30:00.000Z", localDate: "2026-07-01", localTime: "04:00" },
      { at: "2026-07-01T22:30:00.000Z", localDate: "2026-07-02", localTime: "04:00" },
    ]);
  });

  it("a one-day window (start = end) has that day only", () => {
    const w = days("Pacific/Chatham", [1, 2, 3, 4, 5, 6, 7], ["09:00"], "2026-07-01", "2026-07-01");
    expect(between(w, "2026-06-01T00:00:00Z", "2026-08-01T00:00:00Z")).toEqual([
      { at: "2026-06-30T20:15:00.000Z", localDate: "2026-07-01", localTime: "09:00" },
    ]);
  });

  it("several times a day, in time order, only on the chosen weekdays", () => {
    // Monday 2026-03-09 and Wednesday 2026-03-11, Kolkata (+5:30).
    const w = days("Asia/Kolkata", [3, 1], ["21:15", "07:00", "12:30"]);
    expect(between(w, "2026-03-08T18:30:00Z", "2026-03-15T18:30:00Z")).toEqual([
      { at: "2026-03-09T01:30:00.000Z", localDate: "2026-03-09", localTime: "07:00" },
      { at: "2026-03-09T07:00:00.000Z", localDate: "2026-03-09", localTime: "12:30" },
      { at: "2026-03-09T15:45:00.000Z", localDate: "2026-03-09", localTime: "21:15" },
      { at: "2026-03-11T01:30:00.000Z", localDate: "2026-03-11", localTime: "07:00" },
      { at: "2026-03-11T07:00:00.000Z", localDate: "2026-03-11", localTime: "12:30" },
      { at: "2026-03-11T15:45:00.000Z", localDate: "2026-03-11", localTime: "21:15" },
    ]);
  });

  it("`from` is inclusive and `to` exclusive", () => {
    const w = days("Europe/London", [1, 2, 3, 4, 5, 6, 7], ["08:00"]);
    expect(between(w, "2026-01-15T08:00:00Z", "2026-01-16T08:00:00Z")).toEqual([
      { at: "2026-01-15T08:00:00.000Z", localDate: "2026-01-15", localTime: "08:00" },
    ]);
    expect(between(w, "2026-01-15T08:00:00.001Z", "2026-01-16T08:00:00Z")).toEqual([]);
  });

  it("nothing before the start date, nothing after the end date", () => {
    const w = days(
      "America/New_York",
      [1, 2, 3, 4, 5, 6, 7],
      ["08:00"],
      "2026-05-01",
      "2026-05-31",
    );
    expect(between(w, "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z")).toEqual([]);
    expect(between(w, "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z")).toEqual([]);
    expect(between(w, "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z")).toHaveLength(31);
  });

  it("flexible schedules have no occurrences", () => {
    const w: PlannedWindow = {
      schedule: { kind: "flexible", timesPerWeek: 3 },
      startDate: "2026-01-01",
      endDate: null,
      timeZone: "Europe/London",
    };
    expect(occurrencesBetween(w, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).toEqual(
      [],
    );
    expect(nextOccurrence(w, at("2026-03-01T00:00:00Z"))).toBeNull();
  });
});

describe("nextOccurrence", () => {
  const mwf = days("America/New_York", [1, 3, 5], ["08:00"], "2026-03-01");

  it("is strictly after the given instant, and crosses the DST change", () => {
    // Friday 08:00 EST is 13:00Z; the next is Monday 08:00 EDT = 12:00Z.
    const next = nextOccurrence(mwf, at("2026-03-06T13:00:00Z"));
    expect(next).toEqual({
      at: at("2026-03-09T12:00:00Z"),
      localDate: "2026-03-09",
      localTime: "08:00",
    });
    expect(nextIso(nextOccurrence(mwf, at("2026-03-06T12:59:59.999Z")))).toBe(
      "2026-03-06T13:00:00.000Z",
    );
  });

  it("waits for the start date, even weeks away", () => {
    const w = days("America/New_York", [1, 3, 5], ["08:00"], "2026-04-01");
    expect(nextIso(nextOccurrence(w, at("2026-03-01T00:00:00Z")))).toBe("2026-04-01T12:00:00.000Z");
  });

  it("is null after the end date", () => {
    const w = days("America/New_York", [1, 3, 5], ["08:00"], "2026-03-01", "2026-03-06");
    expect(nextOccurrence(w, at("2026-03-06T13:00:00Z"))).toBeNull();
    expect(nextIso(nextOccurrence(w, at("2026-03-05T00:00:00Z")))).toBe("2026-03-06T13:00:00.000Z");
  });

  it("fires once on a repeated hour and at the next valid instant on a skipped one", () => {
    const sundays = days("America/New_York", [7], ["01:30", "02:30"], "2026-01-01");
    // Fall back: 01:30 EDT (05:30Z); 02:30 happens once (EST, 07:30Z); then next Sunday.
    expect(nextIso(nextOccurrence(sundays, at("2026-10-31T12:00:00Z")))).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    expect(nextIso(nextOccurrence(sundays, at("2026-11-01T05:30:00Z")))).toBe(
      "2026-11-01T07:30:00.000Z",
    );
    expect(nextIso(nextOccurrence(sundays, at("2026-11-01T07:30:00Z")))).toBe(
      "2026-11-08T06:30:00.000Z",
    );
    // Spring forward: 01:30 EST (06:30Z), 02:30 → 03:30 EDT (07:30Z).
    expect(nextIso(nextOccurrence(sundays, at("2026-03-08T06:30:00Z")))).toBe(
      "2026-03-08T07:30:00.000Z",
    );
  });

  it("Lord Howe, Sydney and Chatham", () => {
    expect(
      nextIso(
        nextOccurrence(
          days("Australia/Lord_Howe", [7], ["02:15"], "2026-09-01"),
          at("2026-09-28T00:00:00Z"),
        ),
      ),
    ).toBe("2026-10-03T15:45:00.000Z");
    expect(
      nextIso(nextOccurrence(days("Australia/Sydney", [7], ["02:30"]), at("2026-04-01T00:00:00Z"))),
    ).toBe("2026-04-04T15:30:00.000Z");
    // Sunday 2026-09-20 03:00 (+12:45) is 2026-09-19T14:15Z, already past; the next is the gap day.
    expect(
      nextIso(nextOccurrence(days("Pacific/Chatham", [7], ["03:00"]), at("2026-09-20T00:00:00Z"))),
    ).toBe("2026-09-26T14:15:00.000Z");
  });

  it("uses the local weekday: Kolkata Monday 04:00 is Sunday in UTC", () => {
    const w = days("Asia/Kolkata", [1], ["04:00"]);
    expect(nextOccurrence(w, at("2026-03-08T00:00:00Z"))).toEqual({
      at: at("2026-03-08T22:30:00Z"),
      localDate: "2026-03-09",
      localTime: "04:00",
    });
  });
});

describe("weekOf (Monday to Sunday, local)", () => {
  it.each([
    // West of UTC. New York, EDT −4: Sunday 23:30 local is already Monday in UTC.
    [
      "America/New_York",
      "2026-03-16T03:30:00Z",
      "2026-03-09",
      "2026-03-15",
      "2026-03-09T04:00:00.000Z",
      "2026-03-16T04:00:00.000Z",
    ],
    // Monday 00:30 local.
    [
      "America/New_York",
      "2026-03-16T04:30:00Z",
      "2026-03-16",
      "2026-03-22",
      "2026-03-16T04:00:00.000Z",
      "2026-03-23T04:00:00.000Z",
    ],
    // The week in which New York springs forward starts at −5 and ends at −4.
    [
      "America/New_York",
      "2026-03-04T12:00:00Z",
      "2026-03-02",
      "2026-03-08",
      "2026-03-02T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ],
    // East of UTC. Sydney, AEDT +11: Monday 00:30 local is still Sunday in UTC.
    [
      "Australia/Sydney",
      "2026-03-15T12:30:00Z",
      "2026-03-09",
      "2026-03-15",
      "2026-03-08T13:00:00.000Z",
      "2026-03-15T13:00:00.000Z",
    ],
    [
      "Australia/Sydney",
      "2026-03-15T13:30:00Z",
      "2026-03-16",
      "2026-03-22",
      "2026-03-15T13:00:00.000Z",
      "2026-03-22T13:00:00.000Z",
    ],
    // Sydney's autumn change: starts at +11, ends at +10.
    [
      "Australia/Sydney",
      "2026-04-01T00:00:00Z",
      "2026-03-30",
      "2026-04-05",
      "2026-03-29T13:00:00.000Z",
      "2026-04-05T14:00:00.000Z",
    ],
    // Kolkata +5:30: Sunday 23:30 → 18:00Z; Monday 00:30 → 19:00Z.
    [
      "Asia/Kolkata",
      "2026-03-08T18:00:00Z",
      "2026-03-02",
      "2026-03-08",
      "2026-03-01T18:30:00.000Z",
      "2026-03-08T18:30:00.000Z",
    ],
    [
      "Asia/Kolkata",
      "2026-03-08T19:00:00Z",
      "2026-03-09",
      "2026-03-15",
      "2026-03-08T18:30:00.000Z",
      "2026-03-15T18:30:00.000Z",
    ],
    // Chatham +13:45 in March: Sunday 23:30 → 09:45Z; Monday 00:30 → 10:45Z.
    [
      "Pacific/Chatham",
      "2026-03-08T09:45:00Z",
      "2026-03-02",
      "2026-03-08",
      "2026-03-01T10:15:00.000Z",
      "2026-03-08T10:15:00.000Z",
    ],
    [
      "Pacific/Chatham",
      "2026-03-08T10:45:00Z",
      "2026-03-09",
      "2026-03-15",
      "2026-03-08T10:15:00.000Z",
      "2026-03-15T10:15:00.000Z",
    ],
    // London across spring forward: starts at GMT, ends at BST.
    [
      "Europe/London",
      "2026-03-25T12:00:00Z",
      "2026-03-23",
      "2026-03-29",
      "2026-03-23T00:00:00.000Z",
      "2026-03-29T23:00:00.000Z",
    ],
    // Lord Howe across its half-hour autumn change: +11 → +10:30.
    [
      "Australia/Lord_Howe",
      "2026-04-01T00:00:00Z",
      "2026-03-30",
      "2026-04-05",
      "2026-03-29T13:00:00.000Z",
      "2026-04-05T13:30:00.000Z",
    ],
  ])("%s at %s → %s..%s", (zone, instant, start, end, startsAt, endsAt) => {
    const w = weekOf(at(instant), zone);
    expect({ ...w, startsAt: iso(w.startsAt), endsAt: iso(w.endsAt) }).toEqual({
      start,
      end,
      startsAt,
      endsAt,
    });
  });

  it("the week's instants contain the instant it was asked about", () => {
    for (const [zone, instant] of [
      ["America/New_York", "2026-03-16T03:59:59.999Z"],
      ["America/New_York", "2026-03-16T04:00:00Z"],
      ["Pacific/Chatham", "2026-03-08T10:14:59.999Z"],
      ["Pacific/Chatham", "2026-03-08T10:15:00Z"],
    ] as const) {
      const w = weekOf(at(instant), zone);
      expect(w.startsAt.getTime()).toBeLessThanOrEqual(at(instant).getTime());
      expect(w.endsAt.getTime()).toBeGreaterThan(at(instant).getTime());
    }
  });
});
