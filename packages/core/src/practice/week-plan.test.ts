/**
 * The client's week: expected dates and instants are worked out by hand from each zone's offset.
 */
import { describe, expect, it } from "vitest";
import type { Schedule } from "../schedule/model.ts";
import { type Completion, type PlanAssignment, planWeek } from "./week-plan.ts";

function assignment(
  id: string,
  schedule: Schedule,
  { startDate = "2026-01-01", endDate = null as string | null, timeZone = "UTC" } = {},
): PlanAssignment {
  return {
    id,
    title: `Exercise ${id}`,
    minutes: 5,
    window: { schedule, startDate, endDate, timeZone },
  };
}
const days = (d: number[], times: string[]): Schedule => ({ kind: "days", days: d, times });
const flexible = (timesPerWeek: number): Schedule => ({ kind: "flexible", timesPerWeek });
const done = (assignmentId: string | null, iso: string): Completion => ({
  assignmentId,
  completedAt: new Date(iso),
});
/** Only what a test looks at. */
const slots = (
  items: Array<{ assignmentId: string; localDate: string; localTime: string; done: boolean }>,
) => items.map((i) => `${i.assignmentId} ${i.localDate} ${i.localTime}${i.done ? " done" : ""}`);

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

describe("today and later this week", () => {
  // Wednesday 2026-03-11, 10:00 in London (GMT).
  const now = new Date("2026-03-11T10:00:00Z");

  it("splits the week at today, keeps today's earlier items, drops earlier days, sorts by time", () => {
    const plan = planWeek(
      [
        assignment("a", days([1, 3, 5], ["08:00", "20:00"])),
        assignment("b", days([3, 4], ["09:00"])),
      ],
      [],
      now,
      "Europe/London",
    );
    expect(plan).toMatchObject({
      today: "2026-03-11",
      weekStart: "2026-03-09",
      weekEnd: "2026-03-15",
    });
    expect(slots(plan.todayItems)).toEqual([
      "a 2026-03-11 08:00",
      "b 2026-03-11 09:00",
      "a 2026-03-11 20:00",
    ]);
    expect(slots(plan.laterThisWeek)).toEqual([
      "b 2026-03-12 09:00",
      "a 2026-03-13 08:00",
      "a 2026-03-13 20:00",
    ]);
    expect(plan.todayItems[0]).toEqual({
      assignmentId: "a",
      title: "Exercise a",
      minutes: 5,
      localDate: "2026-03-11",
      localTime: "08:00",
      done: false,
    });
    expect(plan.flexible).toEqual([]);
    expect(plan.practisedThisWeek).toBe(0);
  });

  it("nothing from assignments starting after the week or ended before it", () => {
    const plan = planWeek(
      [
        assignment("later", days(EVERY_DAY, ["09:00"]), { startDate: "2026-03-16" }),
        assignment("over", days(EVERY_DAY, ["09:00"]), { endDate: "2026-03-08" }),
        assignment("flex-later", flexible(2), { startDate: "2026-03-16" }),
        assignment("flex-over", flexible(2), { endDate: "2026-03-08" }),
      ],
      [],
      now,
      "Europe/London",
    );
    expect(plan.todayItems).toEqual([]);
    expect(plan.laterThisWeek).toEqual([]);
    expect(plan.flexible).toEqual([]);
  });

  it("assignments starting or ending inside the week plan only their own days", () => {
    const plan = planWeek(
      [
        assignment("starts-fri", days(EVERY_DAY, ["09:00"]), { startDate: "2026-03-13" }),
        assignment("ends-thu", days(EVERY_DAY, ["10:00"]), { endDate: "2026-03-12" }),
        assignment("flex-ends-mon", flexible(2), { endDate: "2026-03-09" }),
        assignment("flex-starts-sun", flexible(1), { startDate: "2026-03-15" }),
      ],
      [],
      now,
      "Europe/London",
    );
    expect(slots(plan.todayItems)).toEqual(["ends-thu 2026-03-11 10:00"]);
    expect(slots(plan.laterThisWeek)).toEqual([
      "ends-thu 2026-03-12 10:00",
      "starts-fri 2026-03-13 09:00",
      "starts-fri 2026-03-14 09:00",
      "starts-fri 2026-03-15 09:00",
    ]);
    expect(plan.flexible.map((f) => f.assignmentId)).toEqual(["flex-ends-mon", "flex-starts-sun"]);
  });
});

describe("done is marked by the client's local date", () => {
  // New York, EDT (−4). Wednesday 2026-03-11 at 23:45 local is Thursday 03:45 in UTC.
  const zone = "America/New_York";
  const w = assignment("w", days([3, 4], ["07:00"]));

  it("a practice at 23:30 local counts for that local day, though it is the next day in UTC", () => {
    const plan = planWeek(
      [w],
      [done("w", "2026-03-12T03:30:00Z")],
      new Date("2026-03-12T03:45:00Z"),
      zone,
    );
    expect(plan.today).toBe("2026-03-11");
    expect(slots(plan.todayItems)).toEqual(["w 2026-03-11 07:00 done"]);
    expect(slots(plan.laterThisWeek)).toEqual(["w 2026-03-12 07:00"]);
    expect(plan.practisedThisWeek).toBe(1);
  });

  it("the next morning, Thursday is still open", () => {
    const plan = planWeek(
      [w],
      [done("w", "2026-03-12T03:30:00Z")],
      new Date("2026-03-12T14:00:00Z"),
      zone,
    );
    expect(plan.today).toBe("2026-03-12");
    expect(slots(plan.todayItems)).toEqual(["w 2026-03-12 07:00"]);
  });

  it("a practice late the evening before does not count for today", () => {
    // Tuesday 23:59 local = Wednesday 03:59 UTC.
    const plan = planWeek(
      [w],
      [done("w", "2026-03-11T03:59:00Z")],
      new Date("2026-03-11T20:00:00Z"),
      zone,
    );
    expect(slots(plan.todayItems)).toEqual(["w 2026-03-11 07:00"]);
    expect(plan.practisedThisWeek).toBe(1);
  });

  it("any time of the day counts, even before the planned time; other assignments don't", () => {
    const plan = planWeek(
      [w, assignment("x", days([3], ["21:00"]))],
      [done("w", "2026-03-11T04:30:00Z"), done(null, "2026-03-11T04:45:00Z")],
      new Date("2026-03-11T05:00:00Z"),
      zone,
    );
    expect(slots(plan.todayItems)).toEqual(["w 2026-03-11 07:00 done", "x 2026-03-11 21:00"]);
    expect(plan.practisedThisWeek).toBe(2);
  });
});

describe("flexible counts per week", () => {
  it("counts this week's practices of that assignment, not last week's", () => {
    const now = new Date("2026-03-11T10:00:00Z"); // Wednesday, London (GMT)
    const plan = planWeek(
      [assignment("f", flexible(3)), assignment("g", flexible(1))],
      [
        done("f", "2026-03-08T23:59:59Z"), // Sunday, last week
        done("f", "2026-03-09T00:00:00Z"), // the first instant of this week
        done("f", "2026-03-10T21:00:00Z"),
        done("f", "2026-03-10T21:30:00Z"), // twice in a day counts twice
        done("x", "2026-03-11T09:00:00Z"),
        done(null, "2026-03-11T09:30:00Z"),
      ],
      now,
      "Europe/London",
    );
    expect(plan.flexible).toEqual([
      { assignmentId: "f", title: "Exercise f", minutes: 5, timesPerWeek: 3, doneThisWeek: 3 },
      { assignmentId: "g", title: "Exercise g", minutes: 5, timesPerWeek: 1, doneThisWeek: 0 },
    ]);
    expect(plan.practisedThisWeek).toBe(5);
  });
});

describe("week boundaries in zones far from UTC", () => {
  it("Kiritimati (+14): Monday 00:30 local is Sunday in UTC, and the week is the local one", () => {
    // 2026-03-15T10:30Z is Monday 2026-03-16 00:30 in Kiritimati.
    const plan = planWeek(
      [
        // The window's own zone is ignored: the client's zone decides.
        assignment("d", days([1, 3], ["06:00"]), { timeZone: "Europe/London" }),
        assignment("f", flexible(2)),
      ],
      [
        done("d", "2026-03-15T09:00:00Z"), // Sunday 23:00 local: last week
        done("f", "2026-03-15T09:59:00Z"), // Sunday 23:59 local: last week
        done("d", "2026-03-15T10:15:00Z"), // Monday 00:15 local: this week, Monday
      ],
      new Date("2026-03-15T10:30:00Z"),
      "Pacific/Kiritimati",
    );
    expect(plan).toMatchObject({
      today: "2026-03-16",
      weekStart: "2026-03-16",
      weekEnd: "2026-03-22",
    });
    expect(slots(plan.todayItems)).toEqual(["d 2026-03-16 06:00 done"]);
    expect(slots(plan.laterThisWeek)).toEqual(["d 2026-03-18 06:00"]);
    expect(plan.flexible).toEqual([
      expect.objectContaining({ assignmentId: "f", doneThisWeek: 0 }),
    ]);
    expect(plan.practisedThisWeek).toBe(1);
  });

  it("Pago Pago (−11): Sunday 23:30 local is Monday in UTC, and it is still the local Sunday", () => {
    // 2026-03-16T10:30Z is Sunday 2026-03-15 23:30 in Pago Pago.
    const plan = planWeek(
      [assignment("d", days([1, 7], ["06:00"])), assignment("f", flexible(2))],
      [
        done("d", "2026-03-15T20:00:00Z"), // Sunday 09:00 local
        done("f", "2026-03-09T12:00:00Z"), // Monday 01:00 local: this week
        done("f", "2026-03-09T10:00:00Z"), // Sunday 23:00 local: last week
      ],
      new Date("2026-03-16T10:30:00Z"),
      "Pacific/Pago_Pago",
    );
    expect(plan).toMatchObject({
      today: "2026-03-15",
      weekStart: "2026-03-09",
      weekEnd: "2026-03-15",
    });
    expect(slots(plan.todayItems)).toEqual(["d 2026-03-15 06:00 done"]);
    expect(plan.laterThisWeek).toEqual([]);
    expect(plan.flexible).toEqual([
      expect.objectContaining({ assignmentId: "f", doneThisWeek: 1 }),
    ]);
    expect(plan.practisedThisWeek).toBe(2);
  });
});
