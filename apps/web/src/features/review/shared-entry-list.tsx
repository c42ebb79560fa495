import { EmptyState, EntryAnswers } from "@tend/ui";
import { formatDateTime } from "../../lib/format.ts";
import type { RouterOutputs } from "../../lib/trpc-types.ts";

type ReadableEntry = RouterOutputs["review"]["bundle"]["flagged"][number];

/** Entries the client shared, in full, oldest first: the words they chose to bring. */
export function SharedEntryList({
  entries,
  label,
  empty,
  flagNote,
}: {
  entries: readonly ReadableEntry[];
  label: string;
  empty: string;
  /** Shown on entries the client marked for the session. */
  flagNote?: string;
}) {
  if (entries.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="tend-practice-list" aria-label={label}>
      {entries.map((e) => (
        <li key={e.id}>
          <article
            className={`tend-entry${e.flaggedForSession && flagNote ? " tend-flag" : ""}`}
            aria-labelledby={`review-entry-${e.id}`}
          >
            <div className="tend-entry-header">
              <h3 className="tend-entry-title" id={`review-entry-${e.id}`}>
                {e.exerciseTitle}
              </h3>
              <p className="tend-practice-item-meta">{formatDateTime(e.completedAt)}</p>
            </div>
            {e.flaggedForSession && flagNote ? <p className="tend-flag-label">{flagNote}</p> : null}
            <EntryAnswers definition={e.definition} answers={e.answers} />
          </article>
        </li>
      ))}
    </ul>
  );
}
