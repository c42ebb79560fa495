import { timesInWords } from "../../lib/words.ts";

/** "You've practised twice this week." Noticing, never counting down. */
export function practisedThisWeekInWords(n: number): string {
  if (n <= 0) return "Whenever you have a few minutes, something small is waiting here for you.";
  return `You've practised ${timesInWords(n)} this week.`;
}

/** For a flexible practice: what they have done, or nothing at all when there's nothing yet. */
export function flexibleDoneInWords(n: number): string | null {
  return n > 0 ? `You've practised this ${timesInWords(n)} this week.` : null;
}

/** "Wednesday" for a local "YYYY-MM-DD". */
export function weekdayOf(localDate: string): string {
  const [y, m, d] = localDate.split("-").map(Number);
  return new Intl.DateTimeFormat(undefined, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

type Planned = {
  assignmentId: string;
  title: string;
  minutes: number;
  localDate: string;
  localTime: string;
  done: boolean;
};

export type PlannedGroup = {
  assignmentId: string;
  title: string;
  minutes: number;
  dates: string[];
  times: string[];
  /** Practised on every one of these days already. */
  done: boolean;
};

/** One line per practice instead of one per moment: "Friday and Saturday at 08:00 and 18:30". */
export function groupByAssignment(items: readonly Planned[]): PlannedGroup[] {
  const groups = new Map<string, PlannedGroup>();
  for (const item of items) {
    const group = groups.get(item.assignmentId) ?? {
      assignmentId: item.assignmentId,
      title: item.title,
      minutes: item.minutes,
      dates: [],
      times: [],
      done: true,
    };
    if (!group.dates.includes(item.localDate)) group.dates.push(item.localDate);
    if (!group.times.includes(item.localTime)) group.times.push(item.localTime);
    group.done &&= item.done;
    groups.set(item.assignmentId, group);
  }
  return [...groups.values()].map((g) => ({ ...g, dates: g.dates.sort(), times: g.times.sort() }));
}
