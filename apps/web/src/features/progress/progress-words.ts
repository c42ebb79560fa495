import { formatRating, harshKinderMeans, intensityMeans } from "@tend/ui/charts";
import { capitalise, timesInWords } from "../../lib/words.ts";
import { formatLocalDate } from "../assignments/schedule-in-words.ts";

/**
 * Who the words are for: the client reading about themselves (`null`), or a therapist reading
 * about a client (their name). Either way: noticing, never scoring; no streaks, no percentages.
 */
export type Who = string | null;

/** "You practised 3 times this week." For the most recent week of `weeks`. */
export function thisWeekInWords(weeks: ReadonlyArray<{ count: number }>, who: Who): string {
  const n = weeks[weeks.length - 1]?.count ?? 0;
  if (who === null)
    return n > 0
      ? `You practised ${timesInWords(n)} this week.`
      : "This week has been quiet so far. Whenever you have a few minutes, something small is waiting.";
  return n > 0
    ? `${who} practised ${timesInWords(n)} this week.`
    : `Nothing from ${who} this week so far that you can see.`;
}

/** "Sam practised 6 times since 3 Mar 2026." */
export function totalInWords(total: number, who: Who, sinceDate: string): string {
  const since = formatLocalDate(sinceDate);
  if (who === null)
    return total > 0
      ? `You practised ${timesInWords(total)} since ${since}.`
      : `Nothing practised since ${since}, and that's alright.`;
  return total > 0
    ? `${who} practised ${timesInWords(total)} since ${since}.`
    : `Nothing that ${who} shares with you since ${since}.`;
}

/** "Stuck or motivated": a scale named by its own two words. */
export function scaleTitle(left: string, right: string): string {
  return `${capitalise(left)} or ${right}`;
}

type ScalePoints = { points: ReadonlyArray<{ harsh: number; kinder: number; localDate: string }> };

/** What one scale of the loved-one test shows, said kindly: where the kinder version felt. */
export function reframeCaption(
  series: ScalePoints & { left: string; right: string },
  who: Who,
): string {
  const { harsh, kinder } = harshKinderMeans(series.points);
  if (harsh === null || kinder === null) return "";
  const gap = kinder - harsh;
  const averages = `On average ${formatRating(kinder)} for the kinder version and ${formatRating(harsh)} for the harsh words.`;
  if (who === null) {
    if (gap >= 0.5)
      return `Your kinder versions felt closer to “${series.right}” than the harsh words did.`;
    if (gap > -0.5)
      return "The kinder version and the harsh words felt about the same here. That happens, and noticing it is part of the practice.";
    return `Here the kinder versions didn't feel closer to “${series.right}” yet. That's common, and something you could talk through in session.`;
  }
  if (gap >= 0.5)
    return `${who}'s kinder versions felt closer to “${series.right}” than the harsh words. ${averages}`;
  if (gap > -0.5)
    return `For ${who}, the kinder version and the harsh words felt about the same here. ${averages}`;
  return `For ${who}, the kinder versions did not feel closer to “${series.right}” yet: something to explore together. ${averages}`;
}

type IntensityPoints = ReadonlyArray<{ before: number | null; after: number | null }>;

/** Soothing touch, before and after: how the feeling changed on average, without judging it. */
export function intensityCaption(points: IntensityPoints, who: Who): string {
  const pairs = points.filter((p) => p.before !== null && p.after !== null);
  const { before, after } = intensityMeans(
    pairs.map((p) => ({ localDate: "", before: p.before, after: p.after })),
  );
  if (before === null || after === null)
    return who === null
      ? "When you rate the feeling before and after, how it changed will show here."
      : `${who} has not rated the feeling both before and after yet.`;
  const eased = after <= before - 0.5;
  const grew = after >= before + 0.5;
  if (who === null) {
    if (eased) return "On average, the feeling was a little gentler afterwards.";
    if (grew)
      return "Sometimes a feeling grows a little before it settles. That's alright, and it can help to talk it through in session.";
    return "On average the feeling stayed about the same. Staying with it kindly is the practice, whatever it does.";
  }
  const numbers = `from ${formatRating(before)} before to ${formatRating(after)} after, on average`;
  if (eased) return `The feeling eased for ${who}: ${numbers}.`;
  if (grew)
    return `The feeling was stronger afterwards for ${who} (${numbers}). Worth asking gently about it: kindness can stir up old pain.`;
  return `The feeling stayed about the same for ${who} (${numbers}).`;
}

/** How many times each exercise was practised between two instants, most first. */
export function countByExercise(
  items: ReadonlyArray<{ title: string; completedAt: string | Date | null }>,
  from: string | Date,
  to: string | Date,
): Array<{ title: string; count: number }> {
  const start = new Date(from).getTime();
  const end = new Date(to).getTime();
  const counts = new Map<string, number>();
  for (const item of items) {
    if (!item.completedAt) continue;
    const at = new Date(item.completedAt).getTime();
    if (at < start || at > end) continue;
    counts.set(item.title, (counts.get(item.title) ?? 0) + 1);
  }
  return [...counts]
    .map(([title, count]) => ({ title, count }))
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
}
