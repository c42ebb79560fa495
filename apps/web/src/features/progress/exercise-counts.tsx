import { EmptyState } from "@tend/ui";
import { timesInWords } from "../../lib/words.ts";

/** "The loved-one test — 3 times": what was practised, most first. */
export function ExerciseCounts({
  counts,
  label,
  empty,
}: {
  counts: ReadonlyArray<{ title: string; count: number }>;
  label: string;
  empty: string;
}) {
  if (counts.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="tend-count-list" aria-label={label}>
      {counts.map((c) => (
        <li key={c.title}>
          <span className="tend-count-title">{c.title}</span>
          <span className="tend-count-value">{timesInWords(c.count)}</span>
        </li>
      ))}
    </ul>
  );
}
