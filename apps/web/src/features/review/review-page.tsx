import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, FocusShell, Loading, PageHeader } from "@tend/ui";
import { type ReactNode, useEffect } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { httpStatusOf, toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { localDateAt } from "../../lib/zoned-time.ts";
import { ExerciseCounts } from "../progress/exercise-counts.tsx";
import { ProgressCharts } from "../progress/progress-charts.tsx";
import { countByExercise, totalInWords } from "../progress/progress-words.ts";
import { FullscreenButton } from "./fullscreen-button.tsx";
import { NextStepsPanel } from "./next-steps-panel.tsx";
import { ReviewPeriod } from "./review-period.tsx";
import { SharedEntryList } from "./shared-entry-list.tsx";
import { useLargeType } from "./use-large-type.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * /clients/:clientId/review — the one screen therapist and client look at together in
 * session, in large type without the app's navigation: the period since the last session,
 * what was practised, the charts, what the client flagged and their weekly reflections, and
 * next steps to adjust together. Only what the client shared: never the therapist's session
 * notes, never a private entry's words.
 */
export function ReviewPage() {
  useLargeType();
  const { clientId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const fromParam = params.get("from");
  const from = fromParam && DATE.test(fromParam) ? fromParam : null;
  const trpc = useTRPC();
  const bundle = useQuery(
    trpc.review.bundle.queryOptions(from ? { clientId, from } : { clientId }, {
      staleTime: 0,
      placeholderData: (previous) => previous,
    }),
  );
  // The practice log the client allows (shared entries, and private dates if they say so): for
  // the count per exercise. Never any private words.
  const entries = useQuery(trpc.entries.forClient.queryOptions({ clientId }, { staleTime: 0 }));
  const name = bundle.data?.client.name;
  useDocumentTitle(name ? `Reviewing together with ${name}` : "Review together");

  useEffect(() => {
    document.getElementById("main")?.focus();
  }, []);

  const leave = (
    <Link className="tend-button tend-button-secondary" to={`/clients/${clientId}`}>
      Leave review
    </Link>
  );

  const choose = (date: string | null) => {
    const next = new URLSearchParams(params);
    if (date) next.set("from", date);
    else next.delete("from");
    setParams(next, { replace: true });
  };

  let body: ReactNode;
  if (bundle.isPending) body = <Loading label="Getting the review ready…" />;
  else if (bundle.isError)
    body = (
      <ErrorNotice
        title={
          httpStatusOf(bundle.error) === 404 ? "We could not find that client" : "That did not load"
        }
      >
        {toProblem(bundle.error).message}
      </ErrorNotice>
    );
  else {
    const b = bundle.data;
    const clientName = b.client.name;
    const today = localDateAt(new Date(), b.client.timeZone);
    const log = entries.data
      ? [
          ...entries.data.shared.map((e) => ({
            title: e.definition.title,
            completedAt: e.completedAt,
          })),
          ...entries.data.privatePractice.map((p) => ({
            title: p.exerciseTitle,
            completedAt: p.completedAt,
          })),
        ]
      : [];
    const flaggedIds = new Set(b.flagged.map((e) => e.id));
    const reflections = b.reflections.filter((r) => !flaggedIds.has(r.id));
    body = (
      <div className="tend-review">
        <PageHeader title={`Reviewing together with ${clientName}`} />
        <ReviewPeriod
          key={b.periodStart}
          periodStart={b.periodStart}
          lastSession={b.lastSession}
          chosen={from}
          today={today}
          onChoose={choose}
        />

        <section aria-labelledby="practised-title" className="tend-review-section">
          <h2 className="tend-section-title" id="practised-title">
            What was practised
          </h2>
          <p className="tend-big-sentence">
            {totalInWords(b.totalPractices, clientName, b.periodStart)}
          </p>
          {entries.isError ? (
            <ErrorNotice>{toProblem(entries.error).message}</ErrorNotice>
          ) : entries.isPending ? null : (
            <ExerciseCounts
              label="Practice per exercise"
              empty="Nothing to list for this period."
              counts={countByExercise(log, b.from, b.to)}
            />
          )}
        </section>

        <ProgressCharts progress={b} who={clientName} size="large" headingLevel={2} />

        <section aria-labelledby="flagged-title" className="tend-review-section">
          <h2 className="tend-section-title" id="flagged-title">
            {clientName} wanted to bring these
          </h2>
          <SharedEntryList
            entries={b.flagged}
            label="Entries to talk about"
            empty={`${clientName} did not mark any shared entry for this session.`}
            flagNote="Brought to this session"
          />
        </section>

        <section aria-labelledby="reflections-title" className="tend-review-section">
          <h2 className="tend-section-title" id="reflections-title">
            Weekly reflections
          </h2>
          <SharedEntryList
            entries={reflections}
            label="Weekly reflections"
            empty={
              b.reflections.length > 0
                ? "The weekly reflection shared for this period is above."
                : `No weekly reflection shared for this period.`
            }
          />
        </section>

        <NextStepsPanel
          clientId={clientId}
          clientName={clientName}
          timeZone={b.client.timeZone}
          weekNote={b.weekNote}
        />
        <p className="tend-review-end">{leave}</p>
      </div>
    );
  }

  return (
    <FocusShell
      label="Reviewing together"
      actions={
        <>
          <a className="tend-link-button tend-skip-inline" href="#next-steps-title">
            Go to next steps
          </a>
          <FullscreenButton />
          {leave}
        </>
      }
    >
      {body}
    </FocusShell>
  );
}
