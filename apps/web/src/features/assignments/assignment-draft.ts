import type { ScheduleInput } from "@tend/core";
import type { ScheduleDraft } from "@tend/ui";

/** The assign form's fields, as typed. */
export type AssignmentDraft = {
  exerciseId: string;
  note: string;
  schedule: ScheduleDraft;
  startDate: string;
  endDate: string;
  remindersEnabled: boolean;
};

export type AssignmentField =
  | "exerciseId"
  | "note"
  | "days"
  | "times"
  | "timesPerWeek"
  | "startDate"
  | "endDate";

type Existing = {
  exerciseId: string;
  note: string;
  schedule: ScheduleInput;
  startDate: string;
  endDate: string | null;
  remindersEnabled: boolean;
};

/** "2026-03-02": today's date where the client lives. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function blankAssignment(today: string, exerciseId = ""): AssignmentDraft {
  return {
    exerciseId,
    note: "",
    schedule: { kind: "days", days: [1, 3, 5], times: ["08:00"], timesPerWeek: 3 },
    startDate: today,
    endDate: "",
    remindersEnabled: true,
  };
}

export function draftFromAssignment(a: Existing): AssignmentDraft {
  return {
    exerciseId: a.exerciseId,
    note: a.note,
    schedule:
      a.schedule.kind === "days"
        ? {
            kind: "days",
            days: [...a.schedule.days],
            times: [...a.schedule.times],
            timesPerWeek: 3,
          }
        : {
            kind: "flexible",
            days: [1, 3, 5],
            times: ["08:00"],
            timesPerWeek: a.schedule.timesPerWeek,
          },
    startDate: a.startDate,
    endDate: a.endDate ?? "",
    remindersEnabled: a.remindersEnabled,
  };
}

export function scheduleFromDraft(s: ScheduleDraft): ScheduleInput {
  return s.kind === "days"
    ? { kind: "days", days: [...new Set(s.days)].sort(), times: [...new Set(s.times)].sort() }
    : { kind: "flexible", timesPerWeek: s.timesPerWeek };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the browser can check before sending (the API checks all of it again). */
export function assignmentProblems(
  d: AssignmentDraft,
  { editing = false }: { editing?: boolean } = {},
): Record<AssignmentField, string | undefined> {
  const s = d.schedule;
  return {
    exerciseId: editing || d.exerciseId ? undefined : "Please choose an exercise.",
    note: d.note.length > 1000 ? "Please keep the note under 1,000 characters." : undefined,
    days: s.kind === "days" && s.days.length === 0 ? "Please choose at least one day." : undefined,
    times:
      s.kind !== "days"
        ? undefined
        : s.times.length === 0 || s.times.some((t) => !TIME.test(t))
          ? "Please give each time as hours and minutes, like 08:00, or remove the empty one."
          : undefined,
    timesPerWeek:
      s.kind === "flexible" &&
      !(Number.isInteger(s.timesPerWeek) && s.timesPerWeek >= 1 && s.timesPerWeek <= 14)
        ? "Please choose a number from 1 to 14."
        : undefined,
    startDate: DATE.test(d.startDate) ? undefined : "Please choose a start date.",
    endDate:
      d.endDate === ""
        ? undefined
        : !DATE.test(d.endDate)
          ? "Please choose an end date, or leave it empty."
          : DATE.test(d.startDate) && d.endDate < d.startDate
            ? "The end date needs to be on or after the start date."
            : undefined,
  };
}

/** Which form field a server-side problem (a zod issue path like "schedule.times.0") belongs to. */
export function fieldOfIssuePath(path: string): AssignmentField | null {
  const [first, second] = path.split(".");
  if (first === "schedule") {
    if (second === "days" || second === "times" || second === "timesPerWeek") return second;
    return "days";
  }
  if (first === "exerciseId" || first === "note" || first === "startDate" || first === "endDate")
    return first;
  return null;
}
