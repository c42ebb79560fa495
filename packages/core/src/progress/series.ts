import { Temporal } from "temporal-polyfill";
import { weekOf, zonedOf } from "../schedule/occurrences.ts";
import { type EntryFacts, reframeRatings } from "./reframe.ts";

/** Monday of the week containing `instant`, in the viewer's zone ("YYYY-MM-DD"). */
function weekStartOf(instant: Date, timeZone: string): string {
  return weekOf(instant, timeZone).start;
}

/** Every Monday from the week of `from` to the week of `to`, inclusive. */
export function weekStarts(from: Date, to: Date, timeZone: string): string[] {
  const out: string[] = [];
  let monday = Temporal.PlainDate.from(weekStartOf(from, timeZone));
  const last = Temporal.PlainDate.from(weekStartOf(to, timeZone));
  while (Temporal.PlainDate.compare(monday, last) <= 0) {
    out.push(monday.toString());
    monday = monday.add({ days: 7 });
  }
  return out;
}

/** Practices per week in the client's own zone, zero weeks included (a calendar, not a streak). */
export function practiceCountsByWeek(
  completions: Array<{ completedAt: Date }>,
  timeZone: string,
  from: Date,
  to: Date,
): Array<{ weekStart: string; count: number }> {
  const counts = new Map(weekStarts(from, to, timeZone).map((w) => [w, 0]));
  for (const c of completions) {
    if (c.completedAt < from || c.completedAt > to) continue;
    const w = weekStartOf(c.completedAt, timeZone);
    if (counts.has(w)) counts.set(w, counts.get(w)! + 1);
  }
  return [...counts].map(([weekStart, count]) => ({ weekStart, count }));
}

export type ScalePoint = {
  entryId: string;
  completedAt: Date;
  localDate: string;
  harsh: number;
  kinder: number;
};
export type ScaleSeries = {
  scaleId: string;
  left: string;
  right: string;
  points: ScalePoint[];
  /** Weekly mean of (kinder − harsh): above zero, the kinder version felt closer to the right-hand word. */
  weeklyGap: Array<{ weekStart: string; meanGap: number; count: number }>;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The loved-one test over time: per scale, each entry's harsh and kinder rating, and the weekly mean gap. */
export function reframeSeries(entries: EntryFacts[], timeZone: string): ScaleSeries[] {
  const by = new Map<string, ScaleSeries>();
  const sorted = [...entries].sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
  for (const e of sorted) {
    for (const r of reframeRatings(e)) {
      const s = by.get(r.scaleId) ?? {
        scaleId: r.scaleId,
        left: r.left,
        right: r.right,
        points: [],
        weeklyGap: [],
      };
      s.points.push({
        entryId: e.id,
        completedAt: e.completedAt,
        localDate: zonedOf(e.completedAt, timeZone).toPlainDate().toString(),
        harsh: r.harsh,
        kinder: r.kinder,
      });
      by.set(r.scaleId, s);
    }
  }
  for (const s of by.values()) {
    const weeks = new Map<string, { sum: number; count: number }>();
    for (const p of s.points) {
      const w = weekStartOf(p.completedAt, timeZone);
      const acc = weeks.get(w) ?? { sum: 0, count: 0 };
      acc.sum += p.kinder - p.harsh;
      acc.count += 1;
      weeks.set(w, acc);
    }
    s.weeklyGap = [...weeks].map(([weekStart, a]) => ({
      weekStart,
      meanGap: round1(a.sum / a.count),
      count: a.count,
    }));
  }
  return [...by.values()];
}

export type IntensityPoint = {
  entryId: string;
  completedAt: Date;
  localDate: string;
  before: number | null;
  after: number | null;
};

/** Soothing touch: how intense the feeling was before and after, per entry (either may be skipped). */
export function soothingTouchSeries(entries: EntryFacts[], timeZone: string): IntensityPoint[] {
  return entries
    .filter((e) =>
      e.definition.steps.some((s) => s.id === "intensity-before" || s.id === "intensity-after"),
    )
    .map((e) => {
      const before = e.measures["intensity-before"];
      const after = e.measures["intensity-after"];
      return {
        entryId: e.id,
        completedAt: e.completedAt,
        localDate: zonedOf(e.completedAt, timeZone).toPlainDate().toString(),
        before: typeof before === "number" ? before : null,
        after: typeof after === "number" ? after : null,
      };
    })
    .filter((p) => p.before !== null || p.after !== null)
    .sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
}
