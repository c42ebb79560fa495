import type { PlannedWindow } from "../schedule/model.ts";
import { occurrencesBetween, weekOf, zonedOf } from "../schedule/occurrences.ts";

export type PlanAssignment = {
  id: string;
  title: string;
  minutes: number;
  window: PlannedWindow;
};

export type Completion = { assignmentId: string | null; completedAt: Date };

export type PlannedPractice = {
  assignmentId: string;
  title: string;
  minutes: number;
  localDate: string;
  localTime: string;
  /** Practised that day already (any time of day counts). */
  done: boolean;
};

export type FlexiblePractice = {
  assignmentId: string;
  title: string;
  minutes: number;
  timesPerWeek: number;
  doneThisWeek: number;
};

export type WeekPlan = {
  today: string;
  weekStart: string;
  weekEnd: string;
  /** Planned for today, in time order (earlier ones stay: nothing is ever "late"). */
  todayItems: PlannedPractice[];
  /** Planned for the rest of this week. */
  laterThisWeek: PlannedPractice[];
  /** "N times a week, whenever suits you". */
  flexible: FlexiblePractice[];
  practisedThisWeek: number;
};

/**
 * What a client has planned this week, from their assignments and the practice they
 * have done, in their own time zone. Pure: the caller supplies `now`.
 */
export function planWeek(
  assignments: PlanAssignment[],
  completions: Completion[],
  now: Date,
  timeZone: string,
): WeekPlan {
  const week = weekOf(now, timeZone);
  const today = zonedOf(now, timeZone).toPlainDate().toString();
  const thisWeek = completions.filter(
    (c) => c.completedAt >= week.startsAt && c.completedAt < week.endsAt,
  );
  const doneOn = new Set(
    thisWeek.map((c) => `${c.assignmentId}|${zonedOf(c.completedAt, timeZone).toPlainDate()}`),
  );

  const todayItems: PlannedPractice[] = [];
  const laterThisWeek: PlannedPractice[] = [];
  const flexible: FlexiblePractice[] = [];
  for (const a of assignments) {
    const window = { ...a.window, timeZone };
    if (window.schedule.kind === "flexible") {
      if (window.startDate > week.end || (window.endDate && window.endDate < week.start)) continue;
      flexible.push({
        assignmentId: a.id,
        title: a.title,
        minutes: a.minutes,
        timesPerWeek: window.schedule.timesPerWeek,
        doneThisWeek: thisWeek.filter((c) => c.assignmentId === a.id).length,
      });
      continue;
    }
    for (const o of occurrencesBetween(window, week.startsAt, week.endsAt)) {
      if (o.localDate < today) continue;
      const item = {
        assignmentId: a.id,
        title: a.title,
        minutes: a.minutes,
        localDate: o.localDate,
        localTime: o.localTime,
        done: doneOn.has(`${a.id}|${o.localDate}`),
      };
      (o.localDate === today ? todayItems : laterThisWeek).push(item);
    }
  }
  const byTime = (x: PlannedPractice, y: PlannedPractice) =>
    x.localDate.localeCompare(y.localDate) || x.localTime.localeCompare(y.localTime);
  return {
    today,
    weekStart: week.start,
    weekEnd: week.end,
    todayItems: todayItems.sort(byTime),
    laterThisWeek: laterThisWeek.sort(byTime),
    flexible,
    practisedThisWeek: thisWeek.length,
  };
}
