import { useQuery } from "@tanstack/react-query";
import { EmptyState, EntryAnswers, ErrorNotice, Loading } from "@tend/ui";
import { toProblem } from "../../lib/errors.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * What a client chose to share, in full, with "bring to session" flags first in the eye; and the
 * private practice log: the date and the exercise, never the words.
 */
export function ClientEntries({ clientId, clientName }: { clientId: string; clientName: string }) {
  const trpc = useTRPC();
  const entries = useQuery(trpc.entries.forClient.queryOptions({ clientId }, { staleTime: 0 }));

  if (entries.isPending) return <Loading label="Loading shared entries…" />;
  if (entries.isError) return <ErrorNotice>{toProblem(entries.error).message}</ErrorNotice>;
  const { shared, privatePractice } = entries.data;
  const flagged = shared.filter((e) => e.flaggedForSession).length;

  return (
    <>
      <section aria-labelledby="shared-entries">
        <h2 className="tend-section-title" id="shared-entries">
          Shared with you
        </h2>
        {shared.length === 0 ? (
          <EmptyState>
            {clientName} has not shared any entries yet. Entries are private until they choose to
            share one.
          </EmptyState>
        ) : (
          <>
            {flagged > 0 ? (
              <p className="tend-week-note">
                {clientName} would like to talk about{" "}
                {flagged === 1 ? "one entry" : `${flagged} entries`} in your next session.
              </p>
            ) : null}
            <ul className="tend-practice-list" aria-label="Shared entries">
              {shared.map((e) => (
                <li key={e.id}>
                  <article
                    className={`tend-entry${e.flaggedForSession ? " tend-flag" : ""}`}
                    aria-labelledby={`shared-${e.id}`}
                  >
                    <div className="tend-entry-header">
                      <h3 className="tend-entry-title" id={`shared-${e.id}`}>
                        {e.definition.title}
                      </h3>
                      <p className="tend-practice-item-meta">{formatDateTime(e.completedAt)}</p>
                    </div>
                    {e.flaggedForSession ? (
                      <p className="tend-flag-label">To talk about in your next session</p>
                    ) : null}
                    <EntryAnswers definition={e.definition} answers={e.answers} />
                  </article>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="private-practice">
        <h2 className="tend-section-title" id="private-practice">
          Practised privately
        </h2>
        <p className="tend-hint">
          {clientName} kept these entries private. Their words stay with them: you see only the date
          and the exercise, and only while they allow even that.
        </p>
        {privatePractice.length === 0 ? (
          <EmptyState>Nothing to show here.</EmptyState>
        ) : (
          <ul className="tend-private-log" aria-label="Private practice">
            {privatePractice.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the log has no ids, only dates and titles
              <li key={i}>
                <span className="tend-private-log-date">{formatDate(p.completedAt)}</span> ·{" "}
                {p.exerciseTitle}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
